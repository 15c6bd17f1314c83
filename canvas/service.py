"""The canvas service: canvases, notes (items) and fit links, with the rules that hold
whatever the UI does. No Streamlit here; pages, the workshop and the importer call it.

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
from core.errors import InvalidInput, NotFound, StaleVersion
from core.models import Name, utcnow, validate
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

    def area(self, area: Area | str) -> list[CanvasItem]:
        wanted = Area(area)
        return [item for item in self.items if item.area == wanted]


# -- canvases ----------------------------------------------------------------------------


def _check_owner_refs(store: Store, project_id: str, segment_id: str | None, persona_id: str | None) -> None:
    if segment_id:
        segment = store.segments.get(segment_id)
        if segment.project_id != project_id:
            raise NotFound("canvas.error.segment_not_found")
    if persona_id:
        persona = store.personas.get(persona_id)
        if persona.project_id != project_id:
            raise NotFound("canvas.error.persona_not_found")


def create_canvas(
    store: Store,
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
    store.projects.get(project_id)
    _check_owner_refs(store, project_id, draft.segment_id, draft.persona_id)
    return store.canvases.insert(project_id, draft.model_dump())


def list_canvases(store: Store, project_id: str) -> list[Canvas]:
    return store.canvases.list_for_project(project_id)


def deleted_canvases(store: Store, project_id: str) -> list[Canvas]:
    import sqlalchemy as sa

    t = store.canvases.table
    query = store.canvases._select().where(t.c.project_id == project_id, t.c.deleted_at.is_not(None))
    with store.db.reading() as conn:
        return store.canvases._rows_to_models(conn.execute(query.order_by(sa.desc(t.c.deleted_at))))


def rename_canvas(store: Store, canvas_id: str, expected_version: int, name: str) -> Canvas:
    clean = validate(_NameOnly, {"name": name})
    return store.canvases.update(canvas_id, expected_version, {"name": clean.name})


def update_canvas(store: Store, canvas_id: str, expected_version: int, **changes: Any) -> Canvas:
    """Rename, redescribe or re-tie a canvas to a segment / persona.

    Changing the persona changes whose customer profile the canvas shows; value-map links
    into the old profile are dropped, because their targets are no longer on this canvas.
    """
    current = store.canvases.get(canvas_id)
    merged = {
        "name": current.name,
        "description": current.description,
        "segment_id": current.segment_id,
        "persona_id": current.persona_id,
    }
    merged.update({k: (v or None) if k.endswith("_id") else v for k, v in changes.items() if k in merged})
    draft = validate(CanvasDraft, merged)
    _check_owner_refs(store, current.project_id, draft.segment_id, draft.persona_id)
    with store.db.transaction() as conn:
        updated = store.canvases.update_in(conn, canvas_id, expected_version, draft.model_dump())
        if draft.persona_id != current.persona_id:
            gone = [
                link.id
                for link in _links_of_canvas(store, conn, canvas_id)
                if not _target_on_canvas(store, conn, link.target_id, updated)
            ]
            store.links.hide_in(conn, gone, utcnow())
        return updated


def duplicate_canvas(store: Store, canvas_id: str, new_name: str) -> Canvas:
    """A copy with its own value map and links. A persona canvas keeps pointing at the same
    persona (its profile is shared); a canvas-owned profile is copied."""
    source = store.canvases.get(canvas_id)
    clean = validate(_NameOnly, {"name": new_name})
    items = store.items.for_canvas(source)
    links = store.links.for_canvas(canvas_id)
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
            if item.canvas_id != canvas_id:
                continue  # persona-owned profile: shared, not copied
            values = item.model_dump(
                include={
                    *ITEM_FIELDS,
                    "position",
                    "author",
                    "participant_id",
                    "hidden",
                }
            )
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


def delete_canvas(store: Store, canvas_id: str) -> Canvas:
    return store.canvases.soft_delete(canvas_id)


def restore_canvas(store: Store, canvas_id: str) -> Canvas:
    return store.canvases.restore(canvas_id)


class _NameOnly(CanvasDraft):
    name: Name


# -- items ---------------------------------------------------------------------------------


def _owner_values(canvas: Canvas, area: Area) -> dict[str, str | None]:
    if is_profile_area(area) and canvas.persona_id:
        return {"canvas_id": None, "persona_id": canvas.persona_id}
    return {"canvas_id": canvas.id, "persona_id": None}


def _draft(area: Any, text: Any, **fields: Any) -> ItemDraft:
    return validate(ItemDraft, {"area": area, "text": text, **fields})


def _insert_item(
    store: Store,
    project_id: str,
    draft: ItemDraft,
    owner: dict[str, str | None],
    author: str | None,
    participant_id: str | None,
    hidden: bool,
) -> CanvasItem:
    """Store a validated note under its owner (a canvas, or a persona's profile)."""
    values = draft.model_dump()
    values["area"] = str(draft.area)
    values.update(owner, author=author, participant_id=participant_id, hidden=bool(hidden))
    return store.items.insert(project_id, values)


def add_item(
    store: Store,
    canvas: Canvas,
    area: Area | str,
    text: str,
    *,
    rank: int = 3,
    job_type: str | None = None,
    gain_type: str | None = None,
    evidence: str = "assumption",
    evidence_note: str = "",
    evidence_source: str = "",
    author: str | None = None,
    participant_id: str | None = None,
    hidden: bool = False,
) -> CanvasItem:
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
    owner = _owner_values(canvas, draft.area)
    return _insert_item(store, canvas.project_id, draft, owner, author, participant_id, hidden)


def add_profile_item(
    store: Store,
    project_id: str,
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
    author: str | None = None,
    participant_id: str | None = None,
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
    persona = store.personas.get(persona_id)
    if persona.project_id != project_id:
        raise NotFound("canvas.error.persona_not_found")
    owner = {"canvas_id": None, "persona_id": persona_id}
    return _insert_item(store, project_id, draft, owner, author, participant_id, hidden)


def _current_item(store: Store, conn: Any, item_id: str, expected_version: int | None) -> CanvasItem:
    try:
        current = store.items.get(item_id, conn=conn, include_deleted=True)
    except NotFound:
        raise NotFound("error.item_not_found") from None
    if current.deleted_at is not None:
        raise ItemDeleted(current)
    if expected_version is not None and current.version != expected_version:
        raise StaleVersion(current)
    return current


def update_item(
    store: Store,
    item_id: str,
    expected_version: int,
    *,
    canvas: Canvas | None = None,
    **changes: Any,
) -> CanvasItem:
    """Change some fields of a note. Moving it is an update of `area`.

    Moving a persona-owned profile note into the value map needs `canvas` (the canvas the
    move happens on), because the note then belongs to that canvas. Moving a value-map note
    into the profile of a persona canvas hands it to the persona. Links that the new area
    no longer allows are removed (soft, like any delete).
    """
    change = validate(ItemChange, changes)
    given = change.model_dump(exclude_unset=True)
    given = {k: v for k, v in given.items() if not (v is None and k in NOT_NULL)}
    with store.db.transaction() as conn:
        current = _current_item(store, conn, item_id, expected_version)
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
                values.update(_reowned(store, conn, current, new_area, canvas))
        if "text" in values:
            values["text"] = draft.text
        updated = store.items.update_in(conn, item_id, current.version, values)
        if moved:
            _drop_invalid_links(store, conn, updated)
        return updated


def _reowned(store: Store, conn: Any, current: CanvasItem, new_area: Area, canvas: Canvas | None) -> dict[str, Any]:
    if is_profile_area(new_area):
        # value map -> profile: to the persona if its canvas has one
        home = canvas or store.canvases.get(current.canvas_id, conn=conn)
        return _owner_values(home, new_area)
    # profile -> value map
    if current.canvas_id:
        return {"canvas_id": current.canvas_id, "persona_id": None}
    if canvas is None:
        raise InvalidInput([("area", "canvas.error.move_needs_canvas", {})])
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


def delete_item(store: Store, item_id: str, expected_version: int | None = None) -> CanvasItem:
    """Soft delete: the note and its links go to the trash together; restore_item undoes both."""
    with store.db.transaction() as conn:
        current = _current_item(store, conn, item_id, expected_version)
        when = utcnow()
        import sqlalchemy as sa

        t = store.items.table
        conn.execute(
            sa.update(t).where(t.c.id == item_id).values(deleted_at=when, version=t.c.version + 1, updated_at=when)
        )
        store.links.hide_in(conn, [link.id for link in store.links.touching(conn, item_id)], when)
        store.bump(conn, current.project_id)
        return store.items.get(item_id, conn=conn, include_deleted=True)


def restore_item(store: Store, item_id: str) -> CanvasItem:
    with store.db.transaction() as conn:
        current = store.items.get(item_id, conn=conn, include_deleted=True)
        if current.deleted_at is None:
            return current
        links = store.links.deleted_with(conn, item_id, current.deleted_at)
        import sqlalchemy as sa

        t = store.items.table
        conn.execute(
            sa.update(t).where(t.c.id == item_id).values(deleted_at=None, version=t.c.version + 1, updated_at=utcnow())
        )
        alive = []
        for link in links:
            other = link.target_id if link.source_id == item_id else link.source_id
            try:
                store.items.get(other, conn=conn)
                alive.append(link.id)
            except NotFound:
                pass
        store.links.unhide_in(conn, alive)
        store.bump(conn, current.project_id)
        return store.items.get(item_id, conn=conn)


# -- links ---------------------------------------------------------------------------------


def _links_of_canvas(store: Store, conn: Any, canvas_id: str) -> list[Link]:
    t = store.links.table
    query = store.links._select().where(t.c.canvas_id == canvas_id, t.c.deleted_at.is_(None))
    return store.links._rows_to_models(conn.execute(query))


def _target_on_canvas(store: Store, conn: Any, item_id: str, canvas: Canvas) -> bool:
    try:
        item = store.items.get(item_id, conn=conn)
    except NotFound:
        return False
    return _on_canvas(item, canvas)


def _on_canvas(item: CanvasItem, canvas: Canvas) -> bool:
    if item.canvas_id == canvas.id:
        return True
    return bool(canvas.persona_id) and item.persona_id == canvas.persona_id


def add_link(store: Store, canvas: Canvas, source_id: str, target_id: str, strength: str = "full") -> Link:
    """Link a value-map note to the profile note it addresses. Linking again changes strength."""
    draft = validate(LinkDraft, {"source_id": source_id, "target_id": target_id, "strength": strength})
    with store.db.transaction() as conn:
        source = store.items.get(draft.source_id, conn=conn)
        target = store.items.get(draft.target_id, conn=conn)
        if not (_on_canvas(source, canvas) and _on_canvas(target, canvas)):
            raise InvalidInput([("link", "canvas.error.link_other_canvas", {})])
        if not link_allowed(source.area, target.area):
            expected = LINK_TARGET.get(Area(source.area))
            key = "canvas.error.link_not_allowed" if expected else "canvas.error.link_from_profile"
            raise InvalidInput(
                [
                    (
                        "link",
                        key,
                        {"source": str(source.area), "target": str(target.area), "expected": str(expected or "")},
                    )
                ]
            )
        for link in _links_of_canvas(store, conn, canvas.id):
            if link.source_id == source.id and link.target_id == target.id:
                if link.strength == draft.strength:
                    return link
                return store.links.update_in(conn, link.id, link.version, {"strength": draft.strength})
        return store.links.insert_in(
            conn,
            canvas.project_id,
            {"canvas_id": canvas.id, "source_id": source.id, "target_id": target.id, "strength": draft.strength},
        )


def remove_link(store: Store, link_id: str) -> Link:
    return store.links.soft_delete(link_id)


def restore_link(store: Store, link_id: str) -> Link:
    return store.links.restore(link_id)


# -- reading -------------------------------------------------------------------------------


def load_board(store: Store, canvas_id: str, *, include_hidden: bool = False) -> Board:
    """The canvas, its notes and its live links. Merged notes never show; hidden (workshop,
    not yet revealed) notes only when asked. Links whose ends are not shown are left out."""
    canvas = store.canvases.get(canvas_id)
    items = store.items.for_canvas(canvas)
    if not include_hidden:
        items = [item for item in items if not item.hidden]
    by_id = {item.id: item for item in items}
    links = [link for link in store.links.for_canvas(canvas_id) if link.source_id in by_id and link.target_id in by_id]
    return Board(canvas=canvas, items=items, links=links, by_id=by_id)


AREA_ORDER = (*PROFILE_AREAS, *VALUE_MAP_AREAS)
