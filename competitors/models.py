"""Models of the competitor comparison: offerings, factors, scores and ERRC moves."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from canvas.models import Rank
from core.models import Draft, LongText, Name, ShortText, Stored, UserText

OfferingKind = Literal["ours", "competitor", "substitute"]
ErrcAction = Literal["eliminate", "reduce", "raise", "create"]
ERRC_ACTIONS: tuple[str, ...] = ("eliminate", "reduce", "raise", "create")
ErrcStatus = Literal["accepted", "dismissed", "own"]
MOVE_TEXT_MAX = 500
MoveText = Annotated[str, UserText(min_length=1, max_length=MOVE_TEXT_MAX)]


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


class CompetitorDraft(Draft):
    name: Name
    description: LongText = ""
    offering: LongText = ""
    kind: OfferingKind = "competitor"


class Competitor(Stored):
    project_id: str
    canvas_id: str
    name: str
    description: str = ""
    offering: str = ""
    kind: OfferingKind = "competitor"
    position: float = 0


class FactorDraft(Draft):
    name: Name
    importance: Rank = 3
    source_item_id: str | None = None


class Factor(Stored):
    project_id: str
    canvas_id: str
    name: str
    importance: int = 3
    source_item_id: str | None = None
    position: float = 0


Score = Annotated[int, Field(ge=0, le=10)]


class ScoreDraft(Draft):
    factor_id: str
    competitor_id: str
    value: Score


class FactorScore(Stored):
    project_id: str
    factor_id: str
    competitor_id: str
    value: int
