"""ERRC moves (eliminate, reduce, raise, create): a suggestion kept or dismissed, and the
team's own moves, each per row with a version check.
"""

from __future__ import annotations

from typing import Any

from canvas.models import Canvas
from competitors import analysis
from competitors.comparison import load_comparison, row_in_scope
from competitors.models import (
    ErrcMove,
    ErrcMoveDraft,
)
from core.actors import Actor
from core.errors import NotFound, StaleVersion
from core.models import validate
from projects import access
from storage.store import Store

# -- ERRC moves -----------------------------------------------------------------------


def accept_suggestion(
    store: Store,
    actor: Actor,
    canvas_id: str,
    suggestion_key: str,
    text: str,
    reason: str,
    action: str | None = None,
) -> ErrcMove:
    """Keep a suggestion as a move; `text` (and `action`) may be the user's edit of it."""
    canvas = access.canvas_scope(store, actor, canvas_id, "edit")
    suggestion = _current_suggestion(store, actor, canvas.id, suggestion_key)
    draft = validate(ErrcMoveDraft, {"action": action or suggestion.action, "text": text, "reason": reason})
    return _insert_move(store, canvas, draft, "accepted", suggestion)


def dismiss_suggestion(
    store: Store, actor: Actor, canvas_id: str, suggestion_key: str, text: str, reason: str
) -> ErrcMove:
    canvas = access.canvas_scope(store, actor, canvas_id, "edit")
    suggestion = _current_suggestion(store, actor, canvas.id, suggestion_key)
    draft = validate(ErrcMoveDraft, {"action": suggestion.action, "text": text, "reason": reason})
    return _insert_move(store, canvas, draft, "dismissed", suggestion)


def _current_suggestion(store: Store, actor: Actor, canvas_id: str, key: str) -> analysis.ErrcSuggestion:
    """The suggestion the canvas makes now under this key: its factor and note come from
    the canvas itself, never from the caller. Gone (the scores changed): NotFound."""
    for suggestion in load_comparison(store, actor, canvas_id).errc_suggestions():
        if suggestion.key == key:
            return suggestion
    raise NotFound()


def add_own_move(store: Store, actor: Actor, canvas_id: str, action: str, text: str, reason: str = "") -> ErrcMove:
    canvas = access.canvas_scope(store, actor, canvas_id, "edit")
    draft = validate(ErrcMoveDraft, {"action": action, "text": text, "reason": reason})
    return _insert_move(store, canvas, draft, "own", None)


def _insert_move(
    store: Store, canvas: Canvas, draft: ErrcMoveDraft, status: str, suggestion: analysis.ErrcSuggestion | None
) -> ErrcMove:
    values: dict[str, Any] = {**draft.model_dump(), "canvas_id": canvas.id, "status": status}
    if suggestion is not None:
        moves = store.errc_moves.for_canvas(canvas.id)
        taken = [m for m in moves if analysis.decided_identity(m) == suggestion.identity]
        if taken:
            raise StaleVersion(taken[0])  # someone decided on this suggestion a moment ago
        values.update(
            suggestion_key=suggestion.action, factor_id=suggestion.factor_id, source_item_id=suggestion.source_item_id
        )
    return store.errc_moves.insert(canvas.project_id, values)


def update_move(store: Store, actor: Actor, move_id: str, expected_version: int, action: str, text: str) -> ErrcMove:
    current: ErrcMove = row_in_scope(store, actor, store.errc_moves, move_id, "edit")
    draft = validate(ErrcMoveDraft, {"action": action, "text": text, "reason": current.reason})
    return store.errc_moves.update(current.id, expected_version, {"action": draft.action, "text": draft.text})


def delete_move(store: Store, actor: Actor, move_id: str, expected_version: int | None = None) -> ErrcMove:
    """Soft delete. Deleting a dismissed suggestion's row brings the suggestion back."""
    current: ErrcMove = row_in_scope(store, actor, store.errc_moves, move_id, "edit")
    return store.errc_moves.soft_delete(current.id, expected_version)


def restore_move(store: Store, actor: Actor, move_id: str) -> ErrcMove:
    current: ErrcMove = row_in_scope(store, actor, store.errc_moves, move_id, "edit", include_deleted=True)
    return store.errc_moves.restore(current.id)
