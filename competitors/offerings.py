"""The offerings of a comparison (ours and the rivals): add, rename, delete and restore, each
per row with a version check, names unique on a canvas.
"""

from __future__ import annotations

from typing import Any

from competitors import analysis
from competitors.comparison import row_in_scope, write_unique_name
from competitors.models import (
    Competitor,
    CompetitorDraft,
)
from core.actors import Actor
from core.errors import InvalidInput, NilaiError
from core.models import validate
from projects import access
from storage.store import Store

DUPLICATE = "competitors.error.duplicate_offering"

# -- offerings ------------------------------------------------------------------------


def ensure_our_offer(store: Store, actor: Actor, canvas_id: str, name: str) -> Competitor:
    """Every canvas has one "our offer" row; make it on first visit, named in the user's language."""
    canvas = access.canvas_scope(store, actor, canvas_id, "edit")
    existing = analysis.our_offer(store.competitors.for_canvas(canvas.id))
    if existing is not None:
        return existing
    draft = validate(CompetitorDraft, {"name": name, "kind": "ours"})
    return store.competitors.insert(canvas.project_id, {**draft.model_dump(), "canvas_id": canvas.id})


def add_competitor(
    store: Store,
    actor: Actor,
    canvas_id: str,
    name: str,
    description: str = "",
    offering: str = "",
    kind: str = "competitor",
) -> Competitor:
    canvas = access.canvas_scope(store, actor, canvas_id, "edit")
    if kind == "ours":
        raise InvalidInput([("kind", "error.field.invalid_choice", {})])
    draft = validate(CompetitorDraft, {"name": name, "description": description, "offering": offering, "kind": kind})
    return write_unique_name(
        lambda: store.competitors.for_canvas(canvas.id),
        draft.name,
        DUPLICATE,
        lambda: store.competitors.insert(canvas.project_id, {**draft.model_dump(), "canvas_id": canvas.id}),
    )


def update_competitor(
    store: Store, actor: Actor, competitor_id: str, expected_version: int, **changes: Any
) -> Competitor:
    current: Competitor = row_in_scope(store, actor, store.competitors, competitor_id, "edit")
    merged = {k: getattr(current, k) for k in ("name", "description", "offering", "kind")}
    merged.update({k: v for k, v in changes.items() if k in merged})
    if (current.kind == "ours") != (merged["kind"] == "ours"):
        raise InvalidInput([("kind", "error.field.invalid_choice", {})])
    draft = validate(CompetitorDraft, merged)
    return write_unique_name(
        lambda: store.competitors.for_canvas(current.canvas_id),
        draft.name,
        DUPLICATE,
        lambda: store.competitors.update(current.id, expected_version, draft.model_dump()),
        exclude=current.id,
    )


def delete_competitor(
    store: Store, actor: Actor, competitor_id: str, expected_version: int | None = None
) -> Competitor:
    """Soft delete (Undo restores it, with its scores). Our own offer can't be deleted."""
    current: Competitor = row_in_scope(store, actor, store.competitors, competitor_id, "edit")
    if current.kind == "ours":
        raise NilaiError("competitors.error.ours_required")
    return store.competitors.soft_delete(current.id, expected_version)


def restore_competitor(store: Store, actor: Actor, competitor_id: str) -> Competitor:
    current: Competitor = row_in_scope(store, actor, store.competitors, competitor_id, "edit", include_deleted=True)
    return write_unique_name(
        lambda: store.competitors.for_canvas(current.canvas_id),
        current.name,
        DUPLICATE,
        lambda: store.competitors.restore(current.id),
        exclude=current.id,
    )
