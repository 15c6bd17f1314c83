"""The rules of a live workshop. No Streamlit here.

Every function takes the caller's secret token (never an id it could choose) and works out
from it, server-side, who is asking and in which workshop. So a participant can only act
in their own workshop, only on their own notes, and never as the facilitator, whatever
request they craft. Only SHA-256 hashes of tokens are stored.
"""

from __future__ import annotations

import time
from collections.abc import MutableSequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Literal

from canvas import service as canvas_service
from canvas.models import Area, Canvas, CanvasItem
from core.errors import Forbidden, InvalidInput, NotFound
from core.models import utcnow, validate
from core.tokens import (  # noqa: F401  (re-exported for the pages)
    JOIN_CODE_ALPHABET,
    JOIN_FAILURES_ALLOWED,
    JOIN_WINDOW_SECONDS,
    check_join_allowed,
    format_code,
    hash_token,
    new_join_code,
    new_token,
    normalize_code,
)
from storage.store import Store
from workshop.models import DISPLAY_NAME_MAX, Participant, ParticipantDraft, Workshop, WorkshopDraft

TIMER_MAX_SECONDS = 3 * 60 * 60
VOTE_BUDGET_MAX = 20

Viewer = Literal["facilitator", "participant", "projector"]


@dataclass(frozen=True)
class Access:
    """Who is asking, resolved from their token: the workshop and their participant row."""

    workshop: Workshop
    participant: Participant

    @property
    def is_facilitator(self) -> bool:
        return self.participant.role == "facilitator"


@dataclass(frozen=True)
class Joined:
    access: Access
    token: str
    requested_name: str

    @property
    def renamed(self) -> bool:
        return self.access.participant.display_name != self.requested_name


@dataclass(frozen=True)
class Opened:
    workshop: Workshop
    facilitator_token: str


@dataclass(frozen=True, slots=True)  # a busy server holds many thousands: no __dict__ each
class BoardNote:
    id: str
    version: int
    area: str
    text: str
    author: str | None
    mine: bool
    hidden: bool
    votes: int | None  # totals, only when voting has closed (or for the facilitator's summary)
    my_votes: int


@dataclass(frozen=True)
class WorkshopView:
    """What one viewer may see of the workshop right now."""

    workshop: Workshop
    canvas: Canvas
    notes: list[BoardNote]
    hidden_count: int  # notes others wrote in private mode, not shown to this viewer
    votes_left: int
    participant_count: int
    viewer: Viewer
    by_area: dict[str, list[BoardNote]] = field(default_factory=dict)


# -- opening, joining, resolving tokens -------------------------------------------------


def open_workshop(
    store: Store, project_id: str, canvas_id: str, *, facilitator_name: str, vote_budget: int = 3
) -> Opened:
    draft = validate(WorkshopDraft, {"canvas_id": canvas_id, "vote_budget": vote_budget})
    name = validate(ParticipantDraft, {"display_name": facilitator_name}).display_name
    canvas = store.canvases.get(draft.canvas_id)
    if canvas.project_id != project_id:
        raise NotFound("error.not_found")
    token = new_token()
    token_hash = hash_token(token)
    code = _unused_code(store)
    with store.db.transaction() as conn:
        workshop = store.workshops.insert_in(
            conn,
            project_id,
            {
                "canvas_id": canvas.id,
                "join_code": code,
                "facilitator_token_hash": token_hash,
                "vote_budget": draft.vote_budget,
            },
        )
        store.participants.insert_in(
            conn,
            project_id,
            {"workshop_id": workshop.id, "display_name": name, "role": "facilitator", "token_hash": token_hash},
        )
    return Opened(workshop=workshop, facilitator_token=token)


def _unused_code(store: Store) -> str:
    for _ in range(20):
        code = new_join_code()
        if store.workshops.by_join_code(code) is None:
            return code
    raise RuntimeError("could not find a free join code")  # 2**40 codes: never in practice


def facilitator_access(store: Store, token: str | None) -> Access:
    """The facilitator's workshop from their private link. Ended workshops stay readable."""
    if not token:
        raise Forbidden("workshop.error.bad_link")
    workshop = store.workshops.by_facilitator_hash(hash_token(token))
    if workshop is None:
        raise Forbidden("workshop.error.bad_link")
    participant = store.participants.by_token_hash(workshop.facilitator_token_hash)
    if participant is None or participant.workshop_id != workshop.id:
        raise Forbidden("workshop.error.bad_link")
    return Access(workshop=workshop, participant=participant)


def participant_access(store: Store, token: str | None) -> Access:
    """A participant's own row and workshop from their token; refused once it has ended."""
    if not token:
        raise Forbidden("workshop.error.bad_link")
    participant = store.participants.by_token_hash(hash_token(token))
    if participant is None:
        raise Forbidden("workshop.error.bad_link")
    try:
        workshop = store.workshops.get(participant.workshop_id)
    except NotFound:
        raise Forbidden("workshop.error.bad_link") from None
    if workshop.status != "open":
        raise Forbidden("workshop.error.ended")
    return Access(workshop=workshop, participant=participant)


def join(
    store: Store, code: str, display_name: str, *, failures: MutableSequence[float], now: float | None = None
) -> Joined:
    """Join with a code and a display name only. `failures` is this session's record of
    wrong codes (the page keeps it in its session); too many and joining pauses."""
    check_join_allowed(failures, now)
    name = validate(ParticipantDraft, {"display_name": display_name}).display_name
    normalized = normalize_code(code)
    workshop = store.workshops.by_join_code(normalized) if normalized else None
    if workshop is None or workshop.status != "open":
        failures.append(time.time() if now is None else now)
        raise Forbidden("workshop.error.bad_code")
    token = new_token()
    taken = {p.display_name.casefold() for p in store.participants.for_workshop(workshop.id)}
    unique = _unique_name(name, taken)
    with store.db.transaction() as conn:
        participant = store.participants.insert_in(
            conn,
            workshop.project_id,
            {
                "workshop_id": workshop.id,
                "display_name": unique,
                "role": "participant",
                "token_hash": hash_token(token),
            },
        )
    return Joined(access=Access(workshop=workshop, participant=participant), token=token, requested_name=name)


def _unique_name(name: str, taken: set[str]) -> str:
    if name.casefold() not in taken:
        return name
    number = 2
    while True:
        suffix = f" ({number})"
        candidate = name[: DISPLAY_NAME_MAX - len(suffix)].rstrip() + suffix
        if candidate.casefold() not in taken:
            return candidate
        number += 1


# -- the facilitator's controls ---------------------------------------------------------


def _facilitating(store: Store, token: str) -> Workshop:
    workshop = facilitator_access(store, token).workshop
    if workshop.status != "open":
        raise Forbidden("workshop.error.ended")
    return workshop


def _change(store: Store, token: str, **values: object) -> Workshop:
    workshop = _facilitating(store, token)
    return store.workshops.update(workshop.id, workshop.version, dict(values))


def set_step(store: Store, token: str, area: str | None) -> Workshop:
    value = None if area in (None, "") else Area(area).value
    return _change(store, token, current_area=value)


def start_timer(store: Store, token: str, seconds: int) -> Workshop:
    if not isinstance(seconds, int) or not 1 <= seconds <= TIMER_MAX_SECONDS:
        raise InvalidInput([("workshop_timer", "error.field.out_of_range", {"bound": TIMER_MAX_SECONDS})])
    return _change(store, token, timer_ends_at=utcnow() + timedelta(seconds=seconds))


def stop_timer(store: Store, token: str) -> Workshop:
    return _change(store, token, timer_ends_at=None)


def set_private(store: Store, token: str, private: bool) -> Workshop:
    """Private mode on: new notes are hidden from other participants. Off: reveal all."""
    if private:
        return _change(store, token, private_mode=True)
    return reveal(store, token)


def reveal(store: Store, token: str) -> Workshop:
    workshop = _facilitating(store, token)
    hidden = [item.id for item in _workshop_items(store, workshop) if item.hidden]
    with store.db.transaction() as conn:
        store.items.unhide_in(conn, hidden)
        return store.workshops.update_in(conn, workshop.id, workshop.version, {"private_mode": False})


def set_locked(store: Store, token: str, locked: bool) -> Workshop:
    return _change(store, token, locked=bool(locked))


def open_voting(store: Store, token: str, budget: int) -> Workshop:
    if not isinstance(budget, int) or not 1 <= budget <= VOTE_BUDGET_MAX:
        raise InvalidInput([("vote_budget", "error.field.out_of_range", {"bound": VOTE_BUDGET_MAX})])
    return _change(store, token, voting_open=True, votes_revealed=False, vote_budget=budget)


def close_voting(store: Store, token: str) -> Workshop:
    return _change(store, token, voting_open=False, votes_revealed=True)


def rotate_code(store: Store, token: str) -> Workshop:
    """Revoke the join code (say it leaked): the old one stops working at once."""
    workshop = _facilitating(store, token)
    return store.workshops.update(workshop.id, workshop.version, {"join_code": _unused_code(store)})


def reissue_facilitator_link(store: Store, project_id: str, workshop_id: str) -> Opened:
    """A new private link for a facilitator who lost theirs. Only for whoever may open the
    project (the page checks that); the old link stops working at once."""
    workshop = store.workshops.get(workshop_id)
    if workshop.project_id != project_id:
        raise NotFound("workshop.error.not_found")
    if workshop.status != "open":
        raise Forbidden("workshop.error.ended")
    facilitator = store.participants.by_token_hash(workshop.facilitator_token_hash)
    if facilitator is None:
        raise NotFound("workshop.error.not_found")
    token = new_token()
    token_hash = hash_token(token)
    with store.db.transaction() as conn:
        store.participants.update_in(conn, facilitator.id, facilitator.version, {"token_hash": token_hash})
        workshop = store.workshops.update_in(
            conn, workshop.id, workshop.version, {"facilitator_token_hash": token_hash}
        )
    return Opened(workshop=workshop, facilitator_token=token)


def end_workshop(store: Store, token: str) -> Workshop:
    """End it: the code and participants' tokens stop working; every note stays on the
    canvas with its author's name, hidden ones revealed, and the votes are kept."""
    workshop = _facilitating(store, token)
    hidden = [item.id for item in _workshop_items(store, workshop) if item.hidden]
    with store.db.transaction() as conn:
        store.items.unhide_in(conn, hidden)
        return store.workshops.update_in(
            conn,
            workshop.id,
            workshop.version,
            {
                "status": "ended",
                "ended_at": utcnow(),
                "voting_open": False,
                "votes_revealed": True,
                "timer_ends_at": None,
            },
        )


def merge_notes(store: Store, token: str, duplicate_id: str, keep_id: str) -> CanvasItem:
    """Fold a duplicate into the note to keep; the duplicate's votes move with it."""
    workshop = _facilitating(store, token)
    if duplicate_id == keep_id:
        raise InvalidInput([("workshop_merge", "workshop.error.merge_same", {})])
    canvas = store.canvases.get(workshop.canvas_id)
    duplicate = _note_on_canvas(store, canvas, duplicate_id)
    keep = _note_on_canvas(store, canvas, keep_id)
    with store.db.transaction() as conn:
        store.items.update_in(conn, duplicate.id, duplicate.version, {"merged_into": keep.id})
        store.votes.repoint_in(conn, workshop.id, duplicate.id, keep.id)
        return store.items.get(keep.id, conn=conn)


# -- notes and votes (participants and facilitator) ------------------------------------


def _note_on_canvas(store: Store, canvas: Canvas, item_id: str) -> CanvasItem:
    """The note, if it is live on this workshop's canvas; a note merged away says so."""
    try:
        item = store.items.get(item_id, include_deleted=True)
    except NotFound:
        raise NotFound("error.item_not_found") from None
    on_canvas = item.canvas_id == canvas.id or (canvas.persona_id is not None and item.persona_id == canvas.persona_id)
    if not on_canvas:
        raise Forbidden("workshop.error.not_yours")
    if item.merged_into:
        raise NotFound("workshop.error.merged")
    if item.deleted_at is not None:
        raise NotFound("error.item_not_found")
    return item


def _writable(store: Store, token: str) -> Access:
    access = participant_access(store, token)
    if access.workshop.locked and not access.is_facilitator:
        raise Forbidden("workshop.error.locked")
    return access


def _own_note(store: Store, access: Access, item_id: str) -> CanvasItem:
    canvas = store.canvases.get(access.workshop.canvas_id)
    item = _note_on_canvas(store, canvas, item_id)
    if not access.is_facilitator and item.participant_id != access.participant.id:
        raise Forbidden("workshop.error.not_yours")
    return item


def add_note(store: Store, token: str, text: str, area: str | None = None) -> CanvasItem:
    """A note in the current step's area (or the chosen one when no step is set)."""
    access = _writable(store, token)
    workshop = access.workshop
    chosen = workshop.current_area or area
    if not chosen:
        raise InvalidInput([("workshop_step", "error.field.empty", {})])
    canvas = store.canvases.get(workshop.canvas_id)
    return canvas_service.add_item(
        store,
        canvas,
        chosen,
        text,
        author=access.participant.display_name,
        participant_id=access.participant.id,
        hidden=workshop.private_mode,
    )


def edit_note(store: Store, token: str, item_id: str, expected_version: int, text: str) -> CanvasItem:
    access = _writable(store, token)
    _own_note(store, access, item_id)
    return canvas_service.update_item(store, item_id, expected_version, text=text)


def delete_note(store: Store, token: str, item_id: str, expected_version: int | None = None) -> CanvasItem:
    access = _writable(store, token)
    _own_note(store, access, item_id)
    return canvas_service.delete_item(store, item_id, expected_version)


def restore_note(store: Store, token: str, item_id: str) -> CanvasItem:
    access = _writable(store, token)
    item = store.items.get(item_id, include_deleted=True)
    if not access.is_facilitator and item.participant_id != access.participant.id:
        raise Forbidden("workshop.error.not_yours")
    canvas = store.canvases.get(access.workshop.canvas_id)
    if item.canvas_id != canvas.id and not (canvas.persona_id and item.persona_id == canvas.persona_id):
        raise Forbidden("workshop.error.not_yours")
    return canvas_service.restore_item(store, item_id)


def vote(store: Store, token: str, item_id: str) -> int:
    """One dot on a note; returns the votes this participant has left."""
    access = participant_access(store, token)
    workshop = access.workshop
    if not workshop.voting_open:
        raise Forbidden("workshop.error.voting_closed")
    canvas = store.canvases.get(workshop.canvas_id)
    item = _note_on_canvas(store, canvas, item_id)
    if item.hidden and item.participant_id != access.participant.id:
        raise NotFound("error.item_not_found")
    with store.db.transaction() as conn:
        used = store.votes.count_in(conn, workshop.id, access.participant.id)
        if used >= workshop.vote_budget:
            raise Forbidden("workshop.error.budget", budget=workshop.vote_budget)
        store.votes.insert_in(
            conn,
            workshop.project_id,
            {"workshop_id": workshop.id, "item_id": item.id, "participant_id": access.participant.id},
        )
        return workshop.vote_budget - used - 1


def unvote(store: Store, token: str, item_id: str) -> bool:
    access = participant_access(store, token)
    workshop = access.workshop
    if not workshop.voting_open:
        raise Forbidden("workshop.error.voting_closed")
    with store.db.transaction() as conn:
        return store.votes.withdraw_in(conn, workshop.project_id, workshop.id, access.participant.id, item_id)


# -- what each viewer sees ---------------------------------------------------------------


def _workshop_items(store: Store, workshop: Workshop) -> list[CanvasItem]:
    canvas = store.canvases.get(workshop.canvas_id)
    return store.items.for_canvas(canvas)


@dataclass(frozen=True)
class RoomState:
    """Everything about one workshop at one revision that every viewer shares: read once,
    then filtered per viewer without touching the database."""

    workshop: Workshop
    canvas: Canvas
    items: list[CanvasItem]
    votes: dict[str, dict[str, int]]  # participant id -> item id -> votes
    participant_count: int

    def totals(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for per_item in self.votes.values():
            for item_id, count in per_item.items():
                out[item_id] = out.get(item_id, 0) + count
        return out


def room_state(store: Store, workshop_id: str) -> RoomState:
    workshop = store.workshops.get(workshop_id)
    canvas = store.canvases.get(workshop.canvas_id)
    items = store.items.for_canvas(canvas)
    votes: dict[str, dict[str, int]] = {}
    for cast_vote in store.votes.for_workshop(workshop.id):
        per_item = votes.setdefault(cast_vote.participant_id, {})
        per_item[cast_vote.item_id] = per_item.get(cast_vote.item_id, 0) + 1
    participants = [p for p in store.participants.for_workshop(workshop.id) if p.role == "participant"]
    return RoomState(workshop=workshop, canvas=canvas, items=items, votes=votes, participant_count=len(participants))


def view(store: Store, access: Access | Workshop, viewer: Viewer) -> WorkshopView:
    """The board as this viewer may see it (reads the room, then filters)."""
    workshop = access.workshop if isinstance(access, Access) else access
    me = access.participant if isinstance(access, Access) else None
    return view_of(room_state(store, workshop.id), me, viewer)


def view_of(room: RoomState, me: Participant | None, viewer: Viewer) -> WorkshopView:
    """Participants see others' private-mode notes only after the reveal; vote totals
    appear only when voting has closed; everyone sees only their own dots."""
    workshop = room.workshop
    totals = room.totals() if workshop.votes_revealed else {}
    mine = room.votes.get(me.id, {}) if me is not None else {}
    notes: list[BoardNote] = []
    hidden_count = 0
    for item in room.items:
        own = me is not None and item.participant_id == me.id
        if item.hidden and not own and viewer != "facilitator":
            hidden_count += 1
            continue
        notes.append(
            BoardNote(
                id=item.id,
                version=item.version,
                area=str(item.area),
                text=item.text,
                author=item.author,
                mine=own,
                hidden=item.hidden,
                votes=totals.get(item.id, 0) if workshop.votes_revealed else None,
                my_votes=mine.get(item.id, 0),
            )
        )
    by_area: dict[str, list[BoardNote]] = {area.value: [] for area in Area}
    for note in notes:
        by_area.setdefault(note.area, []).append(note)
    if workshop.votes_revealed:
        for area_notes in by_area.values():
            area_notes.sort(key=lambda n: -(n.votes or 0))
    used = sum(mine.values())
    return WorkshopView(
        workshop=workshop,
        canvas=room.canvas,
        notes=notes,
        hidden_count=hidden_count,
        votes_left=max(workshop.vote_budget - used, 0) if workshop.voting_open else 0,
        participant_count=room.participant_count,
        viewer=viewer,
        by_area=by_area,
    )


def seconds_left(workshop: Workshop, now: float | None = None) -> int | None:
    if workshop.timer_ends_at is None:
        return None
    now = time.time() if now is None else now
    return max(int(workshop.timer_ends_at.timestamp() - now + 0.999), 0)
