"""Fit links between a value-map note and the profile note it addresses, on one canvas.
Both ends must be live notes on that canvas (projects.access decides each).
"""

from __future__ import annotations

from typing import Any

from canvas.models import (
    LINK_TARGET,
    Area,
    Canvas,
    Link,
    LinkDraft,
    link_allowed,
)
from core.actors import Actor
from core.errors import InvalidInput, NotFound
from core.models import validate
from projects.access import (
    canvas_scope,
    item_on_canvas,
    link_on_canvas,
)
from storage.store import Store


def ends_on_canvas(store: Store, conn: Any, link: Link, canvas: Canvas) -> bool:
    """Both notes a link joins are live on the canvas (item_on_canvas decides each)."""
    try:
        item_on_canvas(store, canvas, link.source_id, conn=conn)
        item_on_canvas(store, canvas, link.target_id, conn=conn)
    except NotFound:
        return False
    return True


def _link_in_scope(store: Store, conn: Any, canvas: Canvas, link_id: str, *, include_deleted: bool) -> Link:
    link = link_on_canvas(store, canvas, link_id, conn=conn, include_deleted=include_deleted)
    if not ends_on_canvas(store, conn, link, canvas):
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
