"""The rules of a live workshop. No Streamlit here.

Everything a participant or the facilitator does takes their secret token (never an id
they could choose). The token resolves, server-side, to their workshop and their row, and
from those to the actor (core.actors) that the canvas service and projects.access judge:
their workshop's one canvas, their own notes only (the facilitator: any note there). A
workshop whose project is in the trash resolves for nobody. Only SHA-256 hashes of tokens
are stored.

Floods are limited on the server (core/limits.py, counted in the database): note writes
and votes per participant, joins and join-code guesses per client address, whatever
session or process they come through.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field, replace
from datetime import timedelta
from functools import cached_property
from typing import Literal

from canvas import service as canvas_service
from canvas.models import Area, Canvas, CanvasItem
from core import limits
from core.actors import Actor, FacilitatorActor, ParticipantActor, WorkshopActor
from core.authorship import Author
from core.errors import Forbidden, InvalidInput, NotFound
from core.models import utcnow, validate
from core.tokens import hash_token, new_join_code, new_token, normalize_code
from history import service as history
from projects.access import canvas_scope, item_on_canvas, project_scope
from storage.repository import Reread
from storage.store import Store
from workshop.cocreation import customer_areas, customer_note_area, valid_customer_step
from workshop.models import (
    DISPLAY_NAME_MAX,
    DisplayNameTaken,
    Participant,
    ParticipantDraft,
    Workshop,
    WorkshopDraft,
)

TIMER_MAX_SECONDS = 3 * 60 * 60
VOTE_BUDGET_MAX = 20
# Two people joining as "Ani" at the same moment: the database lets one have the name, the
# other tries the next "(n)". Enough tries for a whole room joining under one name at once.
JOIN_NAME_ATTEMPTS = 50

Viewer = Literal["facilitator", "participant", "projector"]


@dataclass(frozen=True)
class Access:
    """Who is asking, resolved from their token: the workshop and their participant row,
    and the actor the domain judges them as."""

    workshop: Workshop
    participant: Participant

    @property
    def is_facilitator(self) -> bool:
        return self.participant.role == "facilitator"

    @property
    def is_customer(self) -> bool:
        return self.participant.role == "customer"

    @property
    def actor(self) -> WorkshopActor:
        kind = FacilitatorActor if self.is_facilitator else ParticipantActor
        return kind(
            workshop_id=self.workshop.id,
            project_id=self.workshop.project_id,
            canvas_id=self.workshop.canvas_id,
            participant_id=self.participant.id,
            display_name=self.participant.display_name,
        )


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
    customer: bool = False  # written by someone who joined as a customer (issue 17)


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
    note_key: str = ""  # which notes (and versions) are on the board: changes when they do


# -- opening, joining, resolving tokens -------------------------------------------------


def open_workshop(store: Store, actor: Actor, canvas_id: str, *, facilitator_name: str, vote_budget: int = 3) -> Opened:
    """A workshop on a canvas of a project the actor may edit."""
    draft = validate(WorkshopDraft, {"canvas_id": canvas_id, "vote_budget": vote_budget})
    name = validate(ParticipantDraft, {"display_name": facilitator_name}).display_name
    canvas = canvas_scope(store, actor, draft.canvas_id, "edit")
    project_scope(store, actor, canvas.project_id, "edit")  # a workshop's own people open none
    token = new_token()
    token_hash = hash_token(token)
    code = _unused_code(store)
    with store.db.transaction() as conn:
        workshop = store.workshops.insert_in(
            conn,
            canvas.project_id,
            {
                "canvas_id": canvas.id,
                "join_code": code,
                "facilitator_token_hash": token_hash,
                "vote_budget": draft.vote_budget,
            },
        )
        store.participants.insert_in(
            conn,
            canvas.project_id,
            {"workshop_id": workshop.id, "display_name": name, "role": "facilitator", "token_hash": token_hash},
        )
        # "Start of workshop": what the room's notes are compared with afterwards (history).
        history.snapshot_in(store, conn, canvas.project_id, canvas.name, "workshop_start", Author("facilitator", name))
    return Opened(workshop=workshop, facilitator_token=token)


def workshops_of_project(store: Store, actor: Actor, project_id: str) -> list[Workshop]:
    """The project's workshops, newest first, for whoever may edit the project."""
    project = project_scope(store, actor, project_id, "edit")
    return store.workshops.for_project(project.id)


def _unused_code(store: Store) -> str:
    for _ in range(20):
        code = new_join_code()
        if not store.cocreation.code_in_use(code):  # join and customer codes share one space
            return code
    raise RuntimeError("could not find a free join code")  # 2**40 codes: never in practice


def facilitator_access(store: Store, token: str | None) -> Access:
    """The facilitator's workshop from their private link. Ended workshops stay readable;
    a workshop whose project is in the trash is gone."""
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
    """A participant's own row and workshop from their token; refused once it has ended
    (the trash ends a project's workshops)."""
    if not token:
        raise Forbidden("workshop.error.bad_link")
    participant = store.participants.by_token_hash(hash_token(token))
    if participant is None:
        raise Forbidden("workshop.error.bad_link")
    workshop = store.workshops.live(participant.workshop_id)
    if workshop is None or workshop.status != "open":
        raise Forbidden("workshop.error.ended")
    return Access(workshop=workshop, participant=participant)


def _guess_code(store: Store, code: str | None, client: str) -> Workshop | None:
    """The open workshop with this join code, counted as one guess by `client` (a
    limits.client_subject); a right one is given back, so only wrong ones add up."""
    guess = store.limits.take(limits.CODE_GUESSES, client)
    normalized = normalize_code(code or "")
    workshop = store.workshops.open_by_join_code(normalized) if normalized else None
    if workshop is None and normalized:  # a customer code hands out the customer role (issue 17)
        workshop = store.cocreation.open_by_customer_code(normalized)
    if workshop is not None:
        store.limits.give_back(guess)
    return workshop


def projector_workshop(store: Store, code: str | None, *, client: str) -> Workshop:
    """The open workshop a projector shows, from the join code on the wall. A wrong code
    counts as a guess by this client, as on the join page."""
    workshop = _guess_code(store, code, client)
    if workshop is None:
        raise NotFound("workshop.error.bad_code")
    return workshop


def join(store: Store, code: str, display_name: str, *, client: str, as_customer: bool = False) -> Joined:
    """Join with a code and a display name only. `client` is the limiter's subject for the
    device (limits.client_subject of its address): wrong codes and joins from it are
    limited, however many sessions it opens. A name someone in the workshop already has
    gets the next free " (n)". Someone joins as a customer with the customer code, or by
    choosing "customer" where the facilitator welcomes customers."""
    name = validate(ParticipantDraft, {"display_name": display_name}).display_name
    workshop = _guess_code(store, code, client)
    if workshop is None:
        raise Forbidden("workshop.error.bad_code")
    with_customer_code = workshop.customer_code is not None and workshop.customer_code == normalize_code(code or "")
    if as_customer and not workshop.customers_welcome:
        raise Forbidden("cocreation.error.not_welcome")
    role = "customer" if with_customer_code or as_customer else "participant"
    store.limits.take(limits.JOINS, client)
    token = new_token()
    for _ in range(JOIN_NAME_ATTEMPTS):
        taken = {taken_name.casefold() for taken_name in store.participants.names_in_workshop(workshop.id)}
        values = {
            "workshop_id": workshop.id,
            "display_name": _unique_name(name, taken),
            "role": role,
            "token_hash": hash_token(token),
        }
        try:
            with store.db.transaction() as conn:
                participant = store.participants.insert_in(conn, workshop.project_id, values)
        except DisplayNameTaken:
            continue  # someone took it a moment ago: look again
        return Joined(access=Access(workshop=workshop, participant=participant), token=token, requested_name=name)
    raise DisplayNameTaken()


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


def _facilitating(store: Store, token: str) -> Access:
    access = facilitator_access(store, token)
    if access.workshop.status != "open":
        raise Forbidden("workshop.error.ended")
    return access


def _change(store: Store, token: str, **values: object) -> Workshop:
    workshop = _facilitating(store, token).workshop
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
    workshop = _facilitating(store, token).workshop
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


def welcome_customers(store: Store, token: str, welcome: bool) -> Workshop:
    """Open the workshop to customers (issue 17), with a customer code of its own; closing
    it again stops new customers joining (those in the room stay)."""
    workshop = _facilitating(store, token).workshop
    values: dict[str, object] = {"customers_welcome": bool(welcome)}
    if welcome and workshop.customer_code is None:
        values["customer_code"] = _unused_code(store)
    return store.workshops.update(workshop.id, workshop.version, values)


def set_customer_step(store: Store, token: str, step: str | None) -> Workshop:
    """Customers' own step: one profile area, the whole profile, or None (the room's step)."""
    try:
        value = valid_customer_step(step)
    except ValueError:
        raise InvalidInput([("customer_step", "error.field.invalid_choice", {})]) from None
    return _change(store, token, customer_step=value)


def areas_for(access: Access) -> tuple[str, ...]:
    """The areas this participant may write a note in now (a customer's own step applies)."""
    workshop = access.workshop
    if access.is_customer:
        return customer_areas(workshop.customer_step, workshop.current_area)
    return (workshop.current_area,) if workshop.current_area else tuple(area.value for area in Area)


def rotate_code(store: Store, token: str) -> Workshop:
    """Revoke the join code (say it leaked): the old one stops working at once."""
    workshop = _facilitating(store, token).workshop
    return store.workshops.update(workshop.id, workshop.version, {"join_code": _unused_code(store)})


def reissue_facilitator_link(store: Store, actor: Actor, workshop_id: str) -> Opened:
    """A new private link for a facilitator who lost theirs, for whoever may edit the
    workshop's project; the old link stops working at once."""
    workshop = store.workshops.get(workshop_id)
    project_scope(store, actor, workshop.project_id, "edit")
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
    access = _facilitating(store, token)
    workshop = access.workshop
    canvas = store.canvases.get(workshop.canvas_id, include_deleted=True)
    with store.db.transaction() as conn:
        store.workshops.end_in(conn, [workshop.id])
        store.bump(conn, workshop.project_id)
        author = Author("facilitator", access.participant.display_name if access.participant else "")
        history.snapshot_in(store, conn, workshop.project_id, canvas.name, "workshop_end", author)
        return store.workshops.get(workshop.id, conn=conn)


def merge_notes(store: Store, token: str, duplicate_id: str, keep_id: str) -> CanvasItem:
    """Fold a duplicate into the note to keep; the duplicate's votes move with it."""
    access = _facilitating(store, token)
    if duplicate_id == keep_id:
        raise InvalidInput([("workshop_merge", "workshop.error.merge_same", {})])
    canvas = canvas_scope(store, access.actor, access.workshop.canvas_id, "edit")
    duplicate = _unmerged_note(store, canvas, duplicate_id)
    keep = _unmerged_note(store, canvas, keep_id)
    with store.db.transaction() as conn:
        store.items.update_in(conn, duplicate.id, duplicate.version, {"merged_into": keep.id})
        store.votes.repoint_in(conn, access.workshop.id, duplicate.id, keep.id)
        return store.items.get(keep.id, conn=conn)


# -- notes and votes (participants and facilitator) ------------------------------------


def _unmerged_note(store: Store, canvas: Canvas, item_id: str) -> CanvasItem:
    """The live note on this canvas (projects.access decides that); one merged away says so."""
    item = item_on_canvas(store, canvas, item_id)
    if item.merged_into:
        raise NotFound("workshop.error.merged")
    return item


def _writable(store: Store, token: str) -> Access:
    """A participant who may write notes now: the board not locked. Their note writes are
    counted against their limit by the canvas service, in each write's own transaction."""
    access = participant_access(store, token)
    if access.is_facilitator:
        return access
    if access.workshop.locked:
        raise Forbidden("workshop.error.locked")
    return access


def _workshop_canvas(store: Store, access: Access) -> Canvas:
    return canvas_scope(store, access.actor, access.workshop.canvas_id, "edit")


def add_note(store: Store, token: str, text: str, area: str | None = None) -> CanvasItem:
    """A note in the current step's area (or the chosen one when no step is set)."""
    access = _writable(store, token)
    workshop = access.workshop
    chosen = workshop.current_area or area
    if access.is_customer:
        chosen = customer_note_area(workshop.customer_step, workshop.current_area, area)
    if not chosen:
        raise InvalidInput([("workshop_step", "error.field.empty", {})])
    return canvas_service.add_item(store, access.actor, workshop.canvas_id, chosen, text, hidden=workshop.private_mode)


def edit_note(store: Store, token: str, item_id: str, expected_version: int, text: str) -> CanvasItem:
    access = _writable(store, token)
    _unmerged_note(store, _workshop_canvas(store, access), item_id)
    return canvas_service.update_item(
        store, access.actor, access.workshop.canvas_id, item_id, expected_version, text=text
    )


def delete_note(store: Store, token: str, item_id: str, expected_version: int | None = None) -> CanvasItem:
    access = _writable(store, token)
    _unmerged_note(store, _workshop_canvas(store, access), item_id)
    return canvas_service.delete_item(store, access.actor, access.workshop.canvas_id, item_id, expected_version)


def restore_note(store: Store, token: str, item_id: str) -> CanvasItem:
    access = _writable(store, token)
    return canvas_service.restore_item(store, access.actor, access.workshop.canvas_id, item_id)


def _voting(store: Store, token: str) -> Access:
    """A participant who may vote now (each vote or take-back is counted against their
    limit in its own transaction)."""
    access = participant_access(store, token)
    if not access.workshop.voting_open:
        raise Forbidden("workshop.error.voting_closed")
    return access


def vote(store: Store, token: str, item_id: str) -> int:
    """One dot on a note; returns the votes this participant has left."""
    access = _voting(store, token)
    workshop = access.workshop
    item = _unmerged_note(store, canvas_scope(store, access.actor, workshop.canvas_id, "read"), item_id)
    if item.hidden and item.participant_id != access.participant.id:
        raise NotFound("error.item_not_found")
    with store.db.transaction() as conn:
        store.limits.take_in(conn, limits.VOTES, access.participant.id)
        left = store.votes.cast_within_budget_in(
            conn, workshop.project_id, workshop.id, access.participant.id, item.id, workshop.vote_budget
        )
    if left is None:
        raise Forbidden("workshop.error.budget", budget=workshop.vote_budget)
    return left


def unvote(store: Store, token: str, item_id: str) -> bool:
    access = _voting(store, token)
    workshop = access.workshop
    with store.db.transaction() as conn:
        store.limits.take_in(conn, limits.VOTES, access.participant.id)
        return store.votes.withdraw_in(conn, workshop.project_id, workshop.id, access.participant.id, item_id)


# -- what each viewer sees ---------------------------------------------------------------


def _workshop_items(store: Store, workshop: Workshop) -> list[CanvasItem]:
    canvas = store.canvases.get(workshop.canvas_id)
    return store.items.for_canvas(canvas)


@dataclass(frozen=True)
class RoomState:
    """Everything about one workshop at one revision that every viewer shares: read once,
    then filtered per viewer without touching the database. `revision` is a lower bound:
    every change up to it is in here (some later ones may be too)."""

    workshop: Workshop
    canvas: Canvas
    items: list[CanvasItem]
    votes: dict[str, dict[str, int]]  # participant id -> item id -> votes
    participant_count: int
    customer_ids: frozenset[str] = frozenset()  # who joined as a customer (issue 17)
    revision: int = 0
    # The reads behind `items` and the participants, for the next room_state to reuse.
    items_read: Reread[CanvasItem] | None = field(default=None, repr=False, compare=False)
    people_read: Reread[Participant] | None = field(default=None, repr=False, compare=False)

    def totals(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for per_item in self.votes.values():
            for item_id, count in per_item.items():
                out[item_id] = out.get(item_id, 0) + count
        return out

    @cached_property
    def shared_notes(self) -> list[BoardNote]:
        """Every note as someone who neither wrote it nor voted on it sees it. A room of
        hundreds serves every viewer from these; each viewer's own few are copied."""
        workshop = self.workshop
        totals = self.totals() if workshop.votes_revealed else {}
        return [
            BoardNote(
                id=item.id,
                version=item.version,
                area=str(item.area),
                text=item.text,
                author=item.author,
                mine=False,
                hidden=item.hidden,
                votes=totals.get(item.id, 0) if workshop.votes_revealed else None,
                my_votes=0,
                customer=item.participant_id in self.customer_ids,
            )
            for item in self.items
        ]

    @cached_property
    def authored(self) -> dict[str, list[str]]:
        """Participant id -> the ids of the notes they wrote (hidden ones too)."""
        out: dict[str, list[str]] = {}
        for item in self.items:
            if item.participant_id:
                out.setdefault(item.participant_id, []).append(item.id)
        return out

    def board_for(self, sees_hidden: bool) -> SharedBoard:
        """The board everyone of one kind shares: with private-mode notes (the facilitator)
        or without them (participants and the projector)."""
        return self._boards[sees_hidden]

    @cached_property
    def _boards(self) -> dict[bool, SharedBoard]:
        notes = self.shared_notes
        public = [note for note in notes if not note.hidden]
        return {
            True: SharedBoard.of(notes, sort_by_votes=self.workshop.votes_revealed),
            False: SharedBoard.of(public, sort_by_votes=self.workshop.votes_revealed),
        }


@dataclass(frozen=True)
class SharedBoard:
    """One kind of viewer's board before anything of their own is marked on it."""

    notes: list[BoardNote]
    by_area: dict[str, list[BoardNote]]
    note_key: str
    place: dict[str, tuple[int, int]]  # note id -> (index in notes, index in its area)

    @classmethod
    def of(cls, notes: list[BoardNote], *, sort_by_votes: bool) -> SharedBoard:
        by_area = _by_area(notes, sort_by_votes=sort_by_votes)
        in_area = {note.id: index for area_notes in by_area.values() for index, note in enumerate(area_notes)}
        place = {note.id: (index, in_area[note.id]) for index, note in enumerate(notes)}
        return cls(notes=notes, by_area=by_area, note_key=note_key_of(notes), place=place)


def note_key_of(notes: list[BoardNote]) -> str:
    return hashlib.sha1(",".join(f"{n.id}:{n.version}" for n in notes).encode()).hexdigest()


def _by_area(notes: list[BoardNote], *, sort_by_votes: bool) -> dict[str, list[BoardNote]]:
    by_area: dict[str, list[BoardNote]] = {area.value: [] for area in Area}
    for note in notes:
        by_area.setdefault(note.area, []).append(note)
    if sort_by_votes:
        for area_notes in by_area.values():
            area_notes.sort(key=lambda n: -(n.votes or 0))
    return by_area


def room_state(store: Store, workshop_id: str, previous: RoomState | None = None) -> RoomState:
    """The room now. Given the room read before, its unchanged notes and people are reused
    rather than built again (a live room is read many times a second)."""
    # The revision before the rest, so the room holds at least every change up to it.
    revision = store.workshops.project_revision(workshop_id)
    workshop = store.workshops.live(workshop_id) if revision is not None else None
    if revision is None or workshop is None:  # gone, or its project is in the trash
        raise NotFound("workshop.error.not_found")
    canvas = store.canvases.get(workshop.canvas_id)
    items_read = store.items.for_canvas_again(canvas, previous.items_read if previous else None)
    votes: dict[str, dict[str, int]] = {}
    for cast_vote in store.votes.for_workshop(workshop.id):
        per_item = votes.setdefault(cast_vote.participant_id, {})
        per_item[cast_vote.item_id] = per_item.get(cast_vote.item_id, 0) + 1
    people_read = store.participants.for_workshop_again(workshop.id, previous.people_read if previous else None)
    everyone = people_read.models
    participants = [p for p in everyone if p.role in ("participant", "customer")]
    customers = frozenset(p.id for p in everyone if p.role == "customer")
    return RoomState(
        workshop=workshop,
        canvas=canvas,
        items=items_read.models,
        votes=votes,
        participant_count=len(participants),
        customer_ids=customers,
        revision=revision,
        items_read=items_read,
        people_read=people_read,
    )


def view(store: Store, access: Access | Workshop, viewer: Viewer) -> WorkshopView:
    """The board as this viewer may see it (reads the room, then filters)."""
    workshop = access.workshop if isinstance(access, Access) else access
    me = access.participant if isinstance(access, Access) else None
    return view_of(room_state(store, workshop.id), me, viewer)


def view_of(room: RoomState, me: Participant | None, viewer: Viewer) -> WorkshopView:
    """Participants see others' private-mode notes only after the reveal; vote totals
    appear only when voting has closed; everyone sees only their own dots.

    Everyone of a kind shares one board (RoomState.board_for); only the viewer's own notes
    and those holding their votes are copied and marked, so a room of hundreds costs each
    viewer a few notes' work, not the whole board's."""
    mine = room.votes.get(me.id, {}) if me is not None else {}
    own_ids = room.authored.get(me.id, []) if me is not None else []
    sees_hidden = viewer == "facilitator"
    board = room.board_for(sees_hidden)
    hidden_count = 0 if sees_hidden else len(room.shared_notes) - len(board.notes)
    notes, by_area, note_key = board.notes, board.by_area, board.note_key
    if any(item_id not in board.place for item_id in own_ids):
        # Their own private-mode notes, which the shared board leaves out: filter it all.
        return _view_filtered(room, me, viewer, mine)
    marked = set(own_ids) | {item_id for item_id, count in mine.items() if count}
    if marked:
        notes, by_area = list(notes), dict(by_area)
        copied: set[str] = set()
        for item_id in marked:
            if item_id not in board.place:
                continue  # a vote on a note this viewer can't see
            index, in_area = board.place[item_id]
            note = replace(notes[index], mine=item_id in own_ids, my_votes=mine.get(item_id, 0))
            notes[index] = note
            if note.area not in copied:
                by_area[note.area] = list(by_area[note.area])
                copied.add(note.area)
            by_area[note.area][in_area] = note
    return _view(room, viewer, mine, notes, by_area, hidden_count, note_key)


def _view_filtered(room: RoomState, me: Participant | None, viewer: Viewer, mine: dict[str, int]) -> WorkshopView:
    """view_of note by note: a participant with private-mode notes of their own."""
    my_id = me.id if me is not None else None
    sees_hidden = viewer == "facilitator"
    notes: list[BoardNote] = []
    hidden_count = 0
    for item, shared in zip(room.items, room.shared_notes, strict=True):
        own = my_id is not None and item.participant_id == my_id
        if item.hidden and not own and not sees_hidden:
            hidden_count += 1
            continue
        my_votes = mine.get(item.id, 0)
        notes.append(replace(shared, mine=own, my_votes=my_votes) if own or my_votes else shared)
    by_area = _by_area(notes, sort_by_votes=room.workshop.votes_revealed)
    return _view(room, viewer, mine, notes, by_area, hidden_count, note_key_of(notes))


def _view(
    room: RoomState,
    viewer: Viewer,
    mine: dict[str, int],
    notes: list[BoardNote],
    by_area: dict[str, list[BoardNote]],
    hidden_count: int,
    note_key: str,
) -> WorkshopView:
    workshop = room.workshop
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
        note_key=note_key,
    )


def seconds_left(workshop: Workshop, now: float | None = None) -> int | None:
    if workshop.timer_ends_at is None:
        return None
    now = time.time() if now is None else now
    return max(int(workshop.timer_ends_at.timestamp() - now + 0.999), 0)
