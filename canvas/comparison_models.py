"""Models for the competitor comparison that are not shared with the canvas itself."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import StringConstraints

from core.models import Draft, ShortText, Stored

ErrcAction = Literal["eliminate", "reduce", "raise", "create"]
ERRC_ACTIONS: tuple[str, ...] = ("eliminate", "reduce", "raise", "create")
ErrcStatus = Literal["accepted", "dismissed", "own"]
MOVE_TEXT_MAX = 500
MoveText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MOVE_TEXT_MAX)]


class ErrcMoveDraft(Draft):
    action: ErrcAction
    text: MoveText
    reason: ShortText = ""


class ErrcMove(Stored):
    project_id: str
    canvas_id: str
    action: ErrcAction
    text: str
    reason: str = ""
    status: ErrcStatus = "own"
    suggestion_key: str | None = None  # the suggested action, for moves that decided a suggestion
    factor_id: str | None = None
    source_item_id: str | None = None
    position: float = 0
