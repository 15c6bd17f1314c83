"""The canvas service: canvases, notes (items) and fit links, with the rules that hold
whatever the UI does. No Streamlit here; pages, the workshop and the importer call it.

Every function takes the actor and the target's id, and resolves the target through
projects.access first (note -> canvas -> project -> the actor's scope; "edit" for writes),
so an id from a browser reaches nothing outside what is on screen.

Ownership of notes ("one source of truth"): customer-profile notes (jobs, pains, gains) of
a canvas that has a persona belong to the persona (`persona_id`, `canvas_id` NULL), so the
persona and every canvas built on it show the same notes. Value-map notes always belong to
their canvas. Moving a note across the profile / value-map boundary re-owns it and drops
the links that stop making sense.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from canvas.models import (
    LINK_TARGET,
    PROFILE_AREAS,
    VALUE_MAP_AREAS,
    Area,
    Canvas,
    CanvasDraft,
    CanvasItem,
    ItemChange,
    ItemDraft,
    Link,
    LinkDraft,
    is_profile_area,
    link_allowed,
)
from core.actors import Actor, FacilitatorActor, ParticipantActor, author_name
from core.errors import Forbidden, InvalidInput, NotFound, StaleVersion
from core.limits import NOTE_WRITES
from core.models import Name, Project, utcnow, validate
from projects.access import (
    canvas_scope,
    deleted_canvas_scope,
    in_project,
    item_in_profile,
    item_on_canvas,
    link_on_canvas,
    may_change_note,
    persona_scope,
    project_scope,
)
from storage.store import Store

ITEM_FIELDS = ("area", "text", "rank", "job_type", "gain_type", "evidence", "evidence_note", "evidence_source")
NOT_NULL = {"area", "text", "rank", "evidence", "evidence_note", "evidence_source", "position", "hidden"}


class ItemDeleted(StaleVersion):
    """The note was deleted by someone else; `current` holds its last saved state."""

    key = "canvas.error.item_deleted"


@dataclass(frozen=True)
class Board:
    """Everything the board draws for one canvas, read with one query per table."""

    canvas: Canvas
    items: list[CanvasItem]
    links: list[Link]
    revision: int = 0
    by_id: dict[str, CanvasItem] = field(default_factory=dict, compare=False)
    # Dot votes per note from workshops whose totals are out (never a vote in progress).
    votes: dict[str, int] = field(default_factory=dict, compare=False)

    def area(self, area: Area | str) -> list[CanvasItem]:
        wanted = Area(area)
        return [item for item in self.items if item.area == wanted]


# -- canvases ----------------------------------------------------------------------------


def _check_owner_refs(store: Store, project: Project, segment_id: str | None, persona_id: str | None) -> None:
    if segment_id:
        try:
            in_project(store.segments.get(segment_id), project)
        except NotFound:
            raise NotFound("canvas.error.segment_not_found") from None
    if persona_id:
        try:
            in_project(store.personas.get(persona_id), project)
        except NotFound:
            raise NotFound("canvas.error.persona_not_found") from None


def create_canvas(
    store: Store,
    actor: Actor,
    project_id: str,
    name: str,
    *,
    description: str = "",
    segment_id: str | None = None,
    persona_id: str | None = None,
) -> Canvas:
    draft = validate(
        CanvasDraft,
        {"name": name, "description": description, "segment_id": segment_id or None, "persona_id": persona_id or None},
    )
    project = project_scope(store, actor, project_id, "edit")
    _check_owner_refs(store, project, draft.segment_id, draft.persona_id)
    return store.canvases.insert(project.id, draft.model_dump())


def first_canvas(store: Store, actor: Actor, project_id: str, name: str) -> Canvas | None:
    """A canvas for a project that has none (a class group on the blank template), so the
    first note is one click away; None when the project already has one."""
    draft = validate(CanvasDraft, {"name": name})
    project = project_scope(store, actor, project_id, "edit")
    return store.canvases.insert_first(project.id, draft.model_dump())


def list_canvases(store: Store, actor: Actor, project_id: str) -> list[Canvas]:
    project = project_scope(store, actor, project_id, "read")
    return store.canvases.list_for_project(project.id)


def deleted_canvases(store: Store, actor: Actor, project_id: str) -> list[Canvas]:
    project = project_scope(store, actor, project_id, "edit")
    return store.canvases.deleted_for_project(project.id)


def rename_canvas(store: Store, actor: Actor, canvas_id: str, expected_version: int, name: str) -> Canvas:
    clean = validate(_NameOnly, {"name": name})
    canvas = canvas_scope(store, actor, canvas_id, "edit")
    return store.canvases.update(canvas.id, expected_version, {"name": clean.name})


def update_canvas(store: Store, actor: Actor, canvas_id: str, expected_version: int, **changes: Any) -> Canvas:
    """Rename, redescribe or re-tie a canvas to a segment / persona.

    Changing the persona changes whose customer profile the canvas shows; value-map links
    into the old profile are dropped, because their targets are no longer on this canvas.
    """
    current = canvas_scope(store, actor, canvas_id, "edit")
    merged = {
        "name": current.name,
        "description": current.description,
        "segment_id": current.segment_id,
        "persona_id": current.persona_id,
    }
    merged.update({k: (v or None) if k.endswith("_id") else v for k, v in changes.items() if k in merged})
    draft = validate(CanvasDraft, merged)
    _check_owner_refs(
        store, project_scope(store, actor, current.project_id, "edit"), draft.segment_id, draft.persona_id
    )
    with store.db.transaction() as conn:
        updated = store.canvases.update_in(conn, current.id, expected_version, draft.model_dump())
        if draft.persona_id != current.persona_id:
            gone = [
                link.id
                for link in store.links.for_canvas(current.id, conn=conn)
                if not _ends_on_canvas(store, conn, link, updated)
            ]
            store.links.hide_in(conn, gone, utcnow())
        return updated


def duplicate_canvas(store: Store, actor: Actor, canvas_id: str, new_name: str) -> Canvas:
    """A copy with its own value map and links. A persona canvas keeps pointing at the same
    persona (its profile is shared); a canvas-owned profile is copied."""
    source = canvas_scope(store, actor, canvas_id, "edit")
    clean = validate(_NameOnly, {"name": new_name})
    items = store.items.for_canvas(source)
    links = store.links.for_canvas(source.id)
    with store.db.transaction() as conn:
        copy = store.canvases.insert_in(
            conn,
            source.project_id,
            {
                "name": clean.name,
                "description": source.description,
                "segment_id": source.segment_id,
                "persona_id": source.persona_id,
            },
        )
        new_ids: dict[str, str] = {}
        for item in items:
            if item.canvas_id != source.id:
                continue  # persona-owned profile: shared, not copied
            values = item.model_dump(include={*ITEM_FIELDS, "position", "author", "participant_id", "hidden"})
            values["area"] = str(item.area)
            values["canvas_id"] = copy.id
            new = store.items.insert_in(conn, source.project_id, values)
            new_ids[item.id] = new.id
        for link in links:
            src = new_ids.get(link.source_id)
            tgt = new_ids.get(link.target_id, link.target_id)
            if src is None:
                continue
            store.links.insert_in(
                conn,
                source.project_id,
                {"canvas_id": copy.id, "source_id": src, "target_id": tgt, "strength": link.strength},
            )
        return copy


def delete_canvas(store: Store, actor: Actor, canvas_id: str) -> Canvas:
    canvas = canvas_scope(store, actor, canvas_id, "edit")
    return store.canvases.soft_delete(canvas.id)


def restore_canvas(store: Store, actor: Actor, canvas_id: str) -> Canvas:
    canvas = deleted_canvas_scope(store, actor, canvas_id)
    return store.canvases.restore(canvas.id)


class _NameOnly(CanvasDraft):
    name: Name


# -- items ---------------------------------------------------------------------------------


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


def _insert_item(
    store: Store, actor: Actor, project_id: str, draft: ItemDraft, owner: dict[str, str | None], hidden: bool
) -> CanvasItem:
    """Store a validated note under its owner (a canvas, or a persona's profile)."""
    values = draft.model_dump()
    values["area"] = str(draft.area)
    values.update(owner, **_writer(actor), hidden=bool(hidden))
    with store.db.transaction() as conn:
        _charge(store, conn, actor)
        return store.items.insert_in(conn, project_id, values)


def _charge(store: Store, conn: Any, actor: Actor) -> None:
    """A workshop participant's note writes count against their limit (core.limits), in
    the write's own transaction: refused, nothing is written or counted."""
    if isinstance(actor, ParticipantActor):
        store.limits.take_in(conn, NOTE_WRITES, actor.participant_id)


def add_item(
    store: Store,
    actor: Actor,
    canvas_id: str,
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
) -> CanvasItem:
    """A note on the canvas. `hidden` is a workshop's private mode (shown once revealed)."""
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
    canvas = canvas_scope(store, actor, canvas_id, "edit")
    return _insert_item(store, actor, canvas.project_id, draft, _owner_values(canvas, draft.area), hidden)


def add_profile_item(
    store: Store,
    actor: Actor,
    persona_id: str,
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
) -> CanvasItem:
    """A note in a persona's customer profile (shared by every canvas on that persona)."""
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
    if not is_profile_area(draft.area):
        raise InvalidInput([("area", "canvas.error.profile_area_only", {})])
    persona = persona_scope(store, actor, persona_id, "edit")
    owner = {"canvas_id": None, "persona_id": persona.id}
    return _insert_item(store, actor, persona.project_id, draft, owner, hidden)


def _changeable(actor: Actor, item: CanvasItem, expected_version: int | None) -> CanvasItem:
    """The note as it is now, if this actor may change it and nobody else changed it first."""
    if not may_change_note(actor, item):
        raise Forbidden("workshop.error.not_yours")
    if item.deleted_at is not None:
        raise ItemDeleted(item)
    if expected_version is not None and item.version != expected_version:
        raise StaleVersion(item)
    return item


def update_item(
    store: Store, actor: Actor, canvas_id: str, item_id: str, expected_version: int, **changes: Any
) -> CanvasItem:
    """Change some fields of a note on this canvas. Moving it is an update of `area`.

    Moving a persona-owned profile note into the value map hands it to this canvas. Moving
    a value-map note into the profile of a persona canvas hands it to the persona. Links
    that the new area no longer allows are removed (soft, like any delete).
    """
    canvas = canvas_scope(store, actor, canvas_id, "edit")
    with store.db.transaction() as conn:
        current = item_on_canvas(store, canvas, item_id, conn=conn, include_deleted=True)
        return _update(store, conn, actor, current, expected_version, changes, canvas)


def update_profile_item(
    store: Store, actor: Actor, persona_id: str, item_id: str, expected_version: int, **changes: Any
) -> CanvasItem:
    """Change a note of a persona's customer profile (it stays in the profile)."""
    persona = persona_scope(store, actor, persona_id, "edit")
    with store.db.transaction() as conn:
        current = item_in_profile(store, persona, item_id, conn=conn, include_deleted=True)
        return _update(store, conn, actor, current, expected_version, changes, None)


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
    areas = {item.id: item.area}
    for other_id in other_ids:
        try:
            areas[other_id] = store.items.get(other_id, conn=conn).area
        except NotFound:
            areas[other_id] = None
    gone = [
        link.id
        for link in links
        if areas.get(link.source_id) is None
        or areas.get(link.target_id) is None
        or not link_allowed(areas[link.source_id], areas[link.target_id])
    ]
    store.links.hide_in(conn, gone, utcnow())


def delete_item(
    store: Store, actor: Actor, canvas_id: str, item_id: str, expected_version: int | None = None
) -> CanvasItem:
    """Soft delete: the note and its links go to the trash together; restore_item undoes both."""
    canvas = canvas_scope(store, actor, canvas_id, "edit")
    with store.db.transaction() as conn:
        current = item_on_canvas(store, canvas, item_id, conn=conn, include_deleted=True)
        return _trash(store, conn, actor, current, expected_version)


def delete_profile_item(
    store: Store, actor: Actor, persona_id: str, item_id: str, expected_version: int | None = None
) -> CanvasItem:
    persona = persona_scope(store, actor, persona_id, "edit")
    with store.db.transaction() as conn:
        current = item_in_profile(store, persona, item_id, conn=conn, include_deleted=True)
        return _trash(store, conn, actor, current, expected_version)


def _trash(store: Store, conn: Any, actor: Actor, current: CanvasItem, expected_version: int | None) -> CanvasItem:
    _changeable(actor, current, expected_version)
    _charge(store, conn, actor)
    when = utcnow()
    store.items.trash_in(conn, current.id, when, current.version)
    store.links.hide_in(conn, [link.id for link in store.links.touching(conn, current.id)], when)
    store.bump(conn, current.project_id)
    return store.items.get(current.id, conn=conn, include_deleted=True)


def restore_item(store: Store, actor: Actor, canvas_id: str, item_id: str) -> CanvasItem:
    """Undo a delete: the note comes back with the links that went with it."""
    canvas = canvas_scope(store, actor, canvas_id, "edit")
    with store.db.transaction() as conn:
        current = item_on_canvas(store, canvas, item_id, conn=conn, include_deleted=True)
        return _untrash(store, conn, actor, current)


def restore_profile_item(store: Store, actor: Actor, persona_id: str, item_id: str) -> CanvasItem:
    persona = persona_scope(store, actor, persona_id, "edit")
    with store.db.transaction() as conn:
        current = item_in_profile(store, persona, item_id, conn=conn, include_deleted=True)
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


# -- links ---------------------------------------------------------------------------------


def _ends_on_canvas(store: Store, conn: Any, link: Link, canvas: Canvas) -> bool:
    """Both notes a link joins are live on the canvas (item_on_canvas decides each)."""
    try:
        item_on_canvas(store, canvas, link.source_id, conn=conn)
        item_on_canvas(store, canvas, link.target_id, conn=conn)
    except NotFound:
        return False
    return True


def _link_in_scope(store: Store, conn: Any, canvas: Canvas, link_id: str, *, include_deleted: bool) -> Link:
    link = link_on_canvas(store, canvas, link_id, conn=conn, include_deleted=include_deleted)
    if not _ends_on_canvas(store, conn, link, canvas):
        raise NotFound("error.not_found")
    return link


def add_link(
    store: Store, actor: Actor, canvas_id: str, source_id: str, target_id: str, strength: str = "full"
) -> Link:
    """Link a value-map note to the profile note it addresses. Linking again changes strength."""
    draft = validate(LinkDraft, {"source_id": source_id, "target_id": target_id, "strength": strength})
    canvas = canvas_scope(store, actor, canvas_id, "edit")
    with store.db.transaction() as conn:
        source = item_on_canvas(store, canvas, draft.source_id, conn=conn)
        target = item_on_canvas(store, canvas, draft.target_id, conn=conn)
        if not link_allowed(source.area, target.area):
            expected = LINK_TARGET.get(Area(source.area))
            key = "canvas.error.link_not_allowed" if expected else "canvas.error.link_from_profile"
            params = {"source": str(source.area), "target": str(target.area), "expected": str(expected or "")}
            raise InvalidInput([("link", key, params)])
        for link in store.links.for_canvas(canvas.id, conn=conn):
            if link.source_id == source.id and link.target_id == target.id:
                if link.strength == draft.strength:
                    return link
                return store.links.update_in(conn, link.id, link.version, {"strength": draft.strength})
        return store.links.insert_in(
            conn,
            canvas.project_id,
            {"canvas_id": canvas.id, "source_id": source.id, "target_id": target.id, "strength": draft.strength},
        )


def remove_link(store: Store, actor: Actor, canvas_id: str, link_id: str) -> Link:
    canvas = canvas_scope(store, actor, canvas_id, "edit")
    with store.db.transaction() as conn:
        link = _link_in_scope(store, conn, canvas, link_id, include_deleted=False)
    return store.links.soft_delete(link.id)


def restore_link(store: Store, actor: Actor, canvas_id: str, link_id: str) -> Link:
    canvas = canvas_scope(store, actor, canvas_id, "edit")
    with store.db.transaction() as conn:
        link = _link_in_scope(store, conn, canvas, link_id, include_deleted=True)
    return store.links.restore(link.id)


# -- reading -------------------------------------------------------------------------------


def load_board(
    store: Store, actor: Actor, canvas_id: str, *, include_hidden: bool = False, with_votes: bool = False
) -> Board:
    """The canvas, its notes and its live links. Merged notes never show; hidden (workshop,
    not yet revealed) notes only when asked. Links whose ends are not shown are left out.
    With `with_votes`, the dot votes whose totals are out, too."""
    canvas = canvas_scope(store, actor, canvas_id, "read")
    items = store.items.for_canvas(canvas)
    if not include_hidden:
        items = [item for item in items if not item.hidden]
    by_id = {item.id: item for item in items}
    links = [link for link in store.links.for_canvas(canvas.id) if link.source_id in by_id and link.target_id in by_id]
    votes = store.votes.totals_for_items(list(by_id)) if with_votes else {}
    return Board(canvas=canvas, items=items, links=links, by_id=by_id, votes=votes)


AREA_ORDER = (*PROFILE_AREAS, *VALUE_MAP_AREAS)
