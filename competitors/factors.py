"""The factors customers weigh offerings by: add (by hand or from a customer note), rename,
reweigh, delete and restore, names unique on a canvas.
"""

from __future__ import annotations

from typing import Any

from competitors.comparison import factor_name_for, row_in_scope, write_unique_name
from competitors.models import (
    Factor,
    FactorDraft,
)
from core.actors import Actor
from core.models import validate
from projects import access
from storage.store import Store

DUPLICATE = "competitors.error.duplicate_factor"

# -- factors --------------------------------------------------------------------------


def add_factor(
    store: Store, actor: Actor, canvas_id: str, name: str, importance: int = 3, source_item_id: str | None = None
) -> Factor:
    canvas = access.canvas_scope(store, actor, canvas_id, "edit")
    draft = validate(FactorDraft, {"name": name, "importance": importance, "source_item_id": source_item_id})
    if draft.source_item_id is not None:
        access.item_on_canvas(store, canvas, draft.source_item_id)
    return write_unique_name(
        lambda: store.factors.for_canvas(canvas.id),
        draft.name,
        DUPLICATE,
        lambda: store.factors.insert(canvas.project_id, {**draft.model_dump(), "canvas_id": canvas.id}),
    )


def add_factor_from_item(store: Store, actor: Actor, canvas_id: str, item_id: str) -> Factor:
    """A factor that stands for a customer item on the canvas and carries its rank as importance."""
    canvas = access.canvas_scope(store, actor, canvas_id, "edit")
    item = access.item_on_canvas(store, canvas, item_id)
    return add_factor(store, actor, canvas.id, factor_name_for(item), item.rank, item.id)


def update_factor(store: Store, actor: Actor, factor_id: str, expected_version: int, **changes: Any) -> Factor:
    current: Factor = row_in_scope(store, actor, store.factors, factor_id, "edit")
    merged = {"name": current.name, "importance": current.importance, "source_item_id": current.source_item_id}
    merged.update({k: v for k, v in changes.items() if k in ("name", "importance")})
    draft = validate(FactorDraft, merged)
    return write_unique_name(
        lambda: store.factors.for_canvas(current.canvas_id),
        draft.name,
        DUPLICATE,
        lambda: store.factors.update(current.id, expected_version, draft.model_dump(include={"name", "importance"})),
        exclude=current.id,
    )


def delete_factor(
    store: Store, actor: Actor, factor_id: str, expected_version: int | None = None
) -> tuple[Factor, int]:
    """Soft delete; returns the factor and how many scores it held (they come back on Undo)."""
    current: Factor = row_in_scope(store, actor, store.factors, factor_id, "edit")
    scored = len(store.scores.for_factors([current.id]))
    return store.factors.soft_delete(current.id, expected_version), scored


def restore_factor(store: Store, actor: Actor, factor_id: str) -> Factor:
    current: Factor = row_in_scope(store, actor, store.factors, factor_id, "edit", include_deleted=True)
    return write_unique_name(
        lambda: store.factors.for_canvas(current.canvas_id),
        current.name,
        DUPLICATE,
        lambda: store.factors.restore(current.id),
        exclude=current.id,
    )
