"""Canvases: create, list, rename, re-tie, duplicate, trash and restore, and the board
that one canvas draws. No Streamlit here; pages, the workshop and the importer call it.

Every function takes the actor and the target's id, and resolves the target through
projects.access first (canvas -> project -> the actor's scope; "edit" for writes), so an
id from a browser reaches nothing outside what is on screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from canvas.links import ends_on_canvas
from canvas.models import (
    Area,
    Canvas,
    CanvasDraft,
    CanvasItem,
    Link,
)
from canvas.notes import ITEM_FIELDS
from core.actors import Actor
from core.errors import NotFound
from core.models import Name, Project, utcnow, validate
from projects.access import (
    canvas_scope,
    deleted_canvas_scope,
    in_project,
    project_scope,
)
from storage.store import Store


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
                if not ends_on_canvas(store, conn, link, updated)
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
