"""The factors customers weigh offerings by: add (by hand or from a customer note), rename,
reweigh, delete and restore, names unique on a canvas.
"""

from __future__ import annotations

from typing import Any

from competitors import analysis
from competitors.comparison import factor_name_for, row_in_scope
from competitors.models import (
    Factor,
    FactorDraft,
)
from core.actors import Actor
from core.errors import InvalidInput
from core.models import validate
from projects import access
from storage.store import Store

# -- factors --------------------------------------------------------------------------


def _check_unique_factor(store: Store, canvas_id: str, name: str, exclude: str | None = None) -> None:
    wanted = analysis.normalize_name(name)
    for other in store.factors.for_canvas(canvas_id):
        if other.id != exclude and analysis.normalize_name(other.name) == wanted:
            raise InvalidInput([("name", "competitors.error.duplicate_factor", {"name": other.name})])


def add_factor(
    store: Store, actor: Actor, canvas_id: str, name: str, importance: int = 3, source_item_id: str | None = None
) -> Factor:
    canvas = access.canvas_scope(store, actor, canvas_id, "edit")
    draft = validate(FactorDraft, {"name": name, "importance": importance, "source_item_id": source_item_id})
    if draft.source_item_id is not None:
        access.item_on_canvas(store, canvas, draft.source_item_id)
    _check_unique_factor(store, canvas.id, draft.name)
    return store.factors.insert(canvas.project_id, {**draft.model_dump(), "canvas_id": canvas.id})


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
    if analysis.normalize_name(draft.name) != analysis.normalize_name(current.name):
        _check_unique_factor(store, current.canvas_id, draft.name, exclude=factor_id)
    return store.factors.update(current.id, expected_version, {"name": draft.name, "importance": draft.importance})


def delete_factor(
    store: Store, actor: Actor, factor_id: str, expected_version: int | None = None
) -> tuple[Factor, int]:
    """Soft delete; returns the factor and how many scores it held (they come back on Undo)."""
    current: Factor = row_in_scope(store, actor, store.factors, factor_id, "edit")
    scored = len(store.scores.for_factors([current.id]))
    return store.factors.soft_delete(current.id, expected_version), scored


def restore_factor(store: Store, actor: Actor, factor_id: str) -> Factor:
    current: Factor = row_in_scope(store, actor, store.factors, factor_id, "edit", include_deleted=True)
    _check_unique_factor(store, current.canvas_id, current.name, exclude=current.id)
    return store.factors.restore(current.id)
