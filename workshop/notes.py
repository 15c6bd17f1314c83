"""Notes and dot votes in a live workshop, by participants and the facilitator, each
with their token. Note writes and votes are counted per participant (core/limits.py).
"""

from __future__ import annotations

from canvas import notes
from canvas.models import Area, Canvas, CanvasItem, NoteOwner
from core import limits
from core.errors import Forbidden, InvalidInput, NotFound
from projects.access import canvas_scope, item_on_canvas
from storage.store import Store
from workshop.cocreation import customer_areas, customer_note_area
from workshop.joining import Access, participant_access


def areas_for(access: Access) -> tuple[str, ...]:
    """The areas this participant may write a note in now (a customer's own step applies)."""
    workshop = access.workshop
    if access.is_customer:
        return customer_areas(workshop.customer_step, workshop.current_area)
    return (workshop.current_area,) if workshop.current_area else tuple(area.value for area in Area)


def unmerged_note(store: Store, canvas: Canvas, item_id: str) -> CanvasItem:
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


def _recorder(store: Store, access: Access, nonce: str | None, kind: str) -> notes.Recorder | None:
    """With a nonce (the live board's writes, workshop/live_actions.py): the write records
    it in its own transaction, so the same nonce again is refused instead of done twice."""
    if nonce is None:
        return None
    participant_id = access.participant.id

    def record(conn, item: CanvasItem) -> None:
        store.live_actions.record_in(conn, participant_id, nonce, kind, item.id)

    return record


def add_note(store: Store, token: str, text: str, area: str | None = None, *, nonce: str | None = None) -> CanvasItem:
    """A note in the current step's area (or the chosen one when no step is set)."""
    access = _writable(store, token)
    workshop = access.workshop
    chosen = workshop.current_area or area
    if access.is_customer:
        chosen = customer_note_area(workshop.customer_step, workshop.current_area, area)
    if not chosen:
        raise InvalidInput([("workshop_step", "error.field.empty", {})])
    return notes.add_note(
        store,
        access.actor,
        NoteOwner.of_canvas(workshop.canvas_id),
        chosen,
        text,
        hidden=workshop.private_mode,
        recorded_by=_recorder(store, access, nonce, "add_note"),
    )


def edit_note(store: Store, token: str, item_id: str, expected_version: int, text: str) -> CanvasItem:
    access = _writable(store, token)
    unmerged_note(store, _workshop_canvas(store, access), item_id)
    return notes.update_note(
        store, access.actor, NoteOwner.of_canvas(access.workshop.canvas_id), item_id, expected_version, text=text
    )


def delete_note(
    store: Store, token: str, item_id: str, expected_version: int | None = None, *, nonce: str | None = None
) -> CanvasItem:
    access = _writable(store, token)
    unmerged_note(store, _workshop_canvas(store, access), item_id)
    return notes.delete_note(
        store,
        access.actor,
        NoteOwner.of_canvas(access.workshop.canvas_id),
        item_id,
        expected_version,
        recorded_by=_recorder(store, access, nonce, "delete"),
    )


def restore_note(store: Store, token: str, item_id: str) -> CanvasItem:
    access = _writable(store, token)
    return notes.restore_note(store, access.actor, NoteOwner.of_canvas(access.workshop.canvas_id), item_id)


def _voting(store: Store, token: str) -> Access:
    """A participant who may vote now (each vote or take-back is counted against their
    limit in its own transaction)."""
    access = participant_access(store, token)
    if not access.workshop.voting_open:
        raise Forbidden("workshop.error.voting_closed")
    return access


def vote(store: Store, token: str, item_id: str, *, nonce: str | None = None) -> int:
    """One dot on a note; returns the votes this participant has left."""
    access = _voting(store, token)
    workshop = access.workshop
    item = unmerged_note(store, canvas_scope(store, access.actor, workshop.canvas_id, "read"), item_id)
    if item.hidden and item.participant_id != access.participant.id:
        raise NotFound("error.item_not_found")
    with store.db.transaction() as conn:
        store.limits.take_in(conn, limits.VOTES, access.participant.id)
        left = store.votes.cast_within_budget_in(
            conn, workshop.project_id, workshop.id, access.participant.id, item.id, workshop.vote_budget
        )
        if left is not None and nonce is not None:
            store.live_actions.record_in(conn, access.participant.id, nonce, "vote", item.id)
    if left is None:
        raise Forbidden("workshop.error.budget", budget=workshop.vote_budget)
    return left


def unvote(store: Store, token: str, item_id: str, *, nonce: str | None = None) -> bool:
    access = _voting(store, token)
    workshop = access.workshop
    with store.db.transaction() as conn:
        store.limits.take_in(conn, limits.VOTES, access.participant.id)
        withdrawn = store.votes.withdraw_in(conn, workshop.project_id, workshop.id, access.participant.id, item_id)
        if nonce is not None:
            store.live_actions.record_in(conn, access.participant.id, nonce, "unvote", item_id)
        return withdrawn
