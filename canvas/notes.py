"""Notes (items) of a canvas or of a persona's customer profile: add, change, move,
trash and restore, with the rules that hold whatever the UI does. No Streamlit here.

One API over either owner (canvas.models.NoteOwner): the owner is resolved through
projects.access first (note -> canvas or persona -> project -> the actor's scope, "edit"),
so an id from a browser reaches nothing outside what is on screen.

Ownership ("one source of truth"): customer-profile notes (jobs, pains, gains) of a canvas
that has a persona belong to the persona (`persona_id`, `canvas_id` NULL), so the persona
and every canvas built on it show the same notes. Value-map notes always belong to their
canvas. Moving a note across the profile / value-map boundary re-owns it and drops the
links that stop making sense.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from canvas.models import Area, Canvas, CanvasItem, ItemChange, ItemDraft, NoteOwner, is_profile_area, link_allowed
from core.actors import Actor, FacilitatorActor, ParticipantActor, author_name
from core.errors import Forbidden, InvalidInput, NotFound, StaleVersion
from core.limits import NOTE_WRITES
from core.models import utcnow, validate
from personas.models import Persona
from projects.access import canvas_scope, item_in_profile, item_on_canvas, may_change_note, persona_scope
from storage.store import Store

ITEM_FIELDS = ("area", "text", "rank", "job_type", "gain_type", "evidence", "evidence_note", "evidence_source")
NOT_NULL = {"area", "text", "rank", "evidence", "evidence_note", "evidence_source", "position", "hidden"}


class ItemDeleted(StaleVersion):
    """The note was deleted by someone else; `current` holds its last saved state."""

    key = "canvas.error.item_deleted"


def _owner_values(canvas: Canvas, area: Area) -> dict[str, str | None]:
    if is_profile_area(area) and canvas.persona_id:
        return {"canvas_id": None, "persona_id": canvas.persona_id}
    return {"canvas_id": canvas.id, "persona_id": None}


def _draft(area: Any, text: Any, **fields: Any) -> ItemDraft:
    return validate(ItemDraft, {"area": area, "text": text, **fields})


def _writer(actor: Actor) -> dict[str, str | None]:
    """Who a new note says wrote it: taken from the actor, never from the caller."""
    participant_id = actor.participant_id if isinstance(actor, FacilitatorActor | ParticipantActor) else None
    return {"author": author_name(actor), "participant_id": participant_id}


# Called inside a write's transaction with the note written: the caller's own record of
# the write (workshop.live_actions: a nonce), committed or rolled back with it.
Recorder = Callable[[Any, CanvasItem], None]


def _insert_item(
    store: Store,
    actor: Actor,
    project_id: str,
    draft: ItemDraft,
    owner: dict[str, str | None],
    hidden: bool,
    recorded_by: Recorder | None = None,
) -> CanvasItem:
    """Store a validated note under its owner (a canvas, or a persona's profile)."""
    values = draft.model_dump()
    values["area"] = str(draft.area)
    values.update(owner, **_writer(actor), hidden=bool(hidden))
    with store.db.transaction() as conn:
        _charge(store, conn, actor)
        item = store.items.insert_in(conn, project_id, values)
        if recorded_by is not None:
            recorded_by(conn, item)
        return item


def _charge(store: Store, conn: Any, actor: Actor) -> None:
    """A workshop participant's note writes count against their limit (core.limits), in
    the write's own transaction: refused, nothing is written or counted."""
    if isinstance(actor, ParticipantActor):
        store.limits.take_in(conn, NOTE_WRITES, actor.participant_id)


def add_note(
    store: Store,
    actor: Actor,
    owner: NoteOwner,
    area: Area | str,
    text: str,
    *,
    rank: int = 3,
    job_type: str | None = None,
    gain_type: str | None = None,
    evidence: str = "assumption",
    evidence_note: str = "",
    evidence_source: str = "",
    hidden: bool = False,
    recorded_by: Recorder | None = None,
) -> CanvasItem:
    """A note on a canvas, or in a persona's customer profile (shared by every canvas on
    that persona). `hidden` is a workshop's private mode (shown once revealed)."""
    draft = _draft(
        area,
        text,
        rank=rank,
        job_type=job_type,
        gain_type=gain_type,
        evidence=evidence,
        evidence_note=evidence_note,
        evidence_source=evidence_source,
    )
    if owner.kind == "canvas":
        canvas = canvas_scope(store, actor, owner.id, "edit")
        return _insert_item(
            store, actor, canvas.project_id, draft, _owner_values(canvas, draft.area), hidden, recorded_by
        )
    if not is_profile_area(draft.area):
        raise InvalidInput([("area", "canvas.error.profile_area_only", {})])
    persona = persona_scope(store, actor, owner.id, "edit")
    owner_values: dict[str, str | None] = {"canvas_id": None, "persona_id": persona.id}
    return _insert_item(store, actor, persona.project_id, draft, owner_values, hidden, recorded_by)


def _owner_scope(store: Store, actor: Actor, owner: NoteOwner) -> Canvas | Persona:
    """The canvas or persona, if the actor may edit it."""
    if owner.kind == "canvas":
        return canvas_scope(store, actor, owner.id, "edit")
    return persona_scope(store, actor, owner.id, "edit")


def _owned_note(store: Store, conn: Any, scope: Canvas | Persona, item_id: str) -> CanvasItem:
    """The note (trashed ones too), if it is on this canvas or in this persona's profile."""
    if isinstance(scope, Canvas):
        return item_on_canvas(store, scope, item_id, conn=conn, include_deleted=True)
    return item_in_profile(store, scope, item_id, conn=conn, include_deleted=True)


def _changeable(actor: Actor, item: CanvasItem, expected_version: int | None) -> CanvasItem:
    """The note as it is now, if this actor may change it and nobody else changed it first."""
    if not may_change_note(actor, item):
        raise Forbidden("workshop.error.not_yours")
    if item.deleted_at is not None:
        raise ItemDeleted(item)
    if expected_version is not None and item.version != expected_version:
        raise StaleVersion(item)
    return item


def update_note(
    store: Store, actor: Actor, owner: NoteOwner, item_id: str, expected_version: int, **changes: Any
) -> CanvasItem:
    """Change some fields of a note. Moving it is an update of `area`.

    On a canvas: moving a persona-owned profile note into the value map hands it to this
    canvas; moving a value-map note into the profile of a persona canvas hands it to the
    persona. Links that the new area no longer allows are removed (soft, like any delete).
    A persona's profile note stays in the profile.
    """
    scope = _owner_scope(store, actor, owner)
    with store.db.transaction() as conn:
        current = _owned_note(store, conn, scope, item_id)
        canvas = scope if isinstance(scope, Canvas) else None
        return _update(store, conn, actor, current, expected_version, changes, canvas)


def _update(
    store: Store,
    conn: Any,
    actor: Actor,
    current: CanvasItem,
    expected_version: int,
    changes: dict[str, Any],
    canvas: Canvas | None,
) -> CanvasItem:
    change = validate(ItemChange, changes)
    given = change.model_dump(exclude_unset=True)
    given = {k: v for k, v in given.items() if not (v is None and k in NOT_NULL)}
    _changeable(actor, current, expected_version)
    _charge(store, conn, actor)
    merged = {name: getattr(current, name) for name in ITEM_FIELDS}
    merged.update({k: v for k, v in given.items() if k in ITEM_FIELDS})
    draft = validate(ItemDraft, merged)  # whole-note rules (types follow the area)
    values = dict(given)
    new_area = draft.area
    moved = new_area != current.area
    if moved:
        values["area"] = str(new_area)
        values["job_type"] = draft.job_type
        values["gain_type"] = draft.gain_type
        if is_profile_area(new_area) != is_profile_area(current.area):
            values.update(_reowned(current, new_area, canvas))
    if "text" in values:
        values["text"] = draft.text
    updated = store.items.update_in(conn, current.id, current.version, values)
    if moved:
        _drop_invalid_links(store, conn, updated)
    return updated


def _reowned(current: CanvasItem, new_area: Area, canvas: Canvas | None) -> dict[str, Any]:
    if canvas is None:
        raise InvalidInput([("area", "canvas.error.move_needs_canvas", {})])
    if is_profile_area(new_area):
        # value map -> profile: to the persona if its canvas has one
        return _owner_values(canvas, new_area)
    # profile -> value map: the note now belongs to the canvas it was moved on
    return {"canvas_id": canvas.id, "persona_id": None}


def _drop_invalid_links(store: Store, conn: Any, item: CanvasItem) -> None:
    links = store.links.touching(conn, item.id)
    if not links:
        return
    other_ids = {link.target_id if link.source_id == item.id else link.source_id for link in links}
    areas: dict[str, Area | None] = {item.id: item.area}
    for other_id in other_ids:
        try:
            areas[other_id] = store.items.get(other_id, conn=conn).area
        except NotFound:
            areas[other_id] = None
    gone = []
    for link in links:
        source, target = areas.get(link.source_id), areas.get(link.target_id)
        if source is None or target is None or not link_allowed(source, target):
            gone.append(link.id)
    store.links.hide_in(conn, gone, utcnow())


def delete_note(
    store: Store,
    actor: Actor,
    owner: NoteOwner,
    item_id: str,
    expected_version: int | None = None,
    recorded_by: Recorder | None = None,
) -> CanvasItem:
    """Soft delete: the note and its links go to the trash together; restore_note undoes both.
    Test cards that name the note keep its text, in the same transaction. Asking the user
    first when cards use it is the page's part (experiments.service.cards_using_note)."""
    scope = _owner_scope(store, actor, owner)
    with store.db.transaction() as conn:
        current = _owned_note(store, conn, scope, item_id)
        trashed = _trash(store, conn, actor, current, expected_version)
        if recorded_by is not None:
            recorded_by(conn, trashed)
        return trashed


def _trash(store: Store, conn: Any, actor: Actor, current: CanvasItem, expected_version: int | None) -> CanvasItem:
    _changeable(actor, current, expected_version)
    _charge(store, conn, actor)
    _keep_text_on_cards(store, conn, current)
    when = utcnow()
    store.items.trash_in(conn, current.id, when, current.version)
    store.links.hide_in(conn, [link.id for link in store.links.touching(conn, current.id)], when)
    store.bump(conn, current.project_id)
    return store.items.get(current.id, conn=conn, include_deleted=True)


def _keep_text_on_cards(store: Store, conn: Any, note: CanvasItem) -> None:
    """Every test card that names the note keeps its text as it is now, so a card still
    says what it tested once the note is gone (whichever page or room deleted it)."""
    for card in store.test_cards.using_item(note.project_id, note.id, conn=conn):
        if card.item_texts.get(note.id) != note.text:
            store.test_cards.update_in(
                conn, card.id, card.version, {"item_texts": {**card.item_texts, note.id: note.text}}
            )


def restore_note(store: Store, actor: Actor, owner: NoteOwner, item_id: str) -> CanvasItem:
    """Undo a delete: the note comes back with the links that went with it."""
    scope = _owner_scope(store, actor, owner)
    with store.db.transaction() as conn:
        current = _owned_note(store, conn, scope, item_id)
        return _untrash(store, conn, actor, current)


def _untrash(store: Store, conn: Any, actor: Actor, current: CanvasItem) -> CanvasItem:
    if not may_change_note(actor, current):
        raise Forbidden("workshop.error.not_yours")
    _charge(store, conn, actor)
    if current.deleted_at is None:
        return current
    links = store.links.deleted_with(conn, current.id, current.deleted_at)
    store.items.untrash_in(conn, current.id)
    alive = []
    for link in links:
        other = link.target_id if link.source_id == current.id else link.source_id
        try:
            store.items.get(other, conn=conn)
            alive.append(link.id)
        except NotFound:
            pass
    store.links.unhide_in(conn, alive)
    store.bump(conn, current.project_id)
    return store.items.get(current.id, conn=conn)
