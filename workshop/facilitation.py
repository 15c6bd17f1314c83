"""The facilitator's controls of a live workshop: steps, timer, private mode, voting,
customers, the join code, ending, merging duplicates. Each takes the facilitator's token.
"""

from __future__ import annotations

from datetime import timedelta

from canvas.models import Area, CanvasItem
from core.actors import Actor
from core.authorship import Author
from core.errors import Forbidden, InvalidInput, NotFound
from core.models import utcnow
from core.tokens import hash_token, new_token
from history import snapshots as history_snapshots
from projects.access import canvas_scope, project_scope
from storage.store import Store
from workshop.cocreation import valid_customer_step
from workshop.joining import Access, Opened, facilitator_access, unused_code
from workshop.models import (
    VOTE_BUDGET_MAX,
    Workshop,
)
from workshop.notes import unmerged_note

TIMER_MAX_SECONDS = 3 * 60 * 60


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
        values["customer_code"] = unused_code(store)
    return store.workshops.update(workshop.id, workshop.version, values)


def set_customer_step(store: Store, token: str, step: str | None) -> Workshop:
    """Customers' own step: one profile area, the whole profile, or None (the room's step)."""
    try:
        value = valid_customer_step(step)
    except ValueError:
        raise InvalidInput([("customer_step", "error.field.invalid_choice", {})]) from None
    return _change(store, token, customer_step=value)


def rotate_code(store: Store, token: str) -> Workshop:
    """Revoke the join code (say it leaked), and the customer code with it: the old ones stop
    working at once."""
    workshop = _facilitating(store, token).workshop
    values = {"join_code": unused_code(store)}
    if workshop.customer_code is not None:
        customer_code = unused_code(store)
        while customer_code == values["join_code"]:  # both were free a moment ago; they must differ
            customer_code = unused_code(store)
        values["customer_code"] = customer_code
    return store.workshops.update(workshop.id, workshop.version, values)


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
        history_snapshots.snapshot_in(store, conn, workshop.project_id, canvas.name, "workshop_end", author)
        return store.workshops.get(workshop.id, conn=conn)


def merge_notes(store: Store, token: str, duplicate_id: str, keep_id: str) -> CanvasItem:
    """Fold a duplicate into the note to keep; the duplicate's votes move with it."""
    access = _facilitating(store, token)
    if duplicate_id == keep_id:
        raise InvalidInput([("workshop_merge", "workshop.error.merge_same", {})])
    canvas = canvas_scope(store, access.actor, access.workshop.canvas_id, "edit")
    duplicate = unmerged_note(store, canvas, duplicate_id)
    keep = unmerged_note(store, canvas, keep_id)
    with store.db.transaction() as conn:
        store.items.update_in(conn, duplicate.id, duplicate.version, {"merged_into": keep.id})
        store.votes.repoint_in(conn, access.workshop.id, duplicate.id, keep.id)
        return store.items.get(keep.id, conn=conn)


def _workshop_items(store: Store, workshop: Workshop) -> list[CanvasItem]:
    canvas = store.canvases.get(workshop.canvas_id)
    return store.items.for_canvas(canvas)
