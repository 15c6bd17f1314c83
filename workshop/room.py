"""What each viewer of a live workshop sees: the room read once per revision, then
filtered per viewer (facilitator, participant, projector) without touching the database.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Literal

from canvas.models import Area, Canvas, CanvasItem
from core.errors import NotFound
from storage.repository import Reread
from storage.store import Store
from workshop.joining import Access
from workshop.models import (
    Participant,
    Workshop,
    votes_left,
)

Viewer = Literal["facilitator", "participant", "projector"]


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
        votes_left=votes_left(workshop.vote_budget, used) if workshop.voting_open else 0,
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
