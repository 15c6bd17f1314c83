"""Feedback models: a survey response, a decision on a theme, an improvement action."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal

from pydantic import Field

from core.models import Draft, Stored, UserText

# The touchpoint stages of the customer journey (the persona's own Stage values).
Stage = Literal["pre_purchase", "purchase", "post_purchase"]
STAGES: tuple[Stage, ...] = ("pre_purchase", "purchase", "post_purchase")
Band = Literal["promoter", "passive", "detractor"]
ThemeKind = Literal["pain", "gain"]
ThemeStatus = Literal["accepted", "dismissed", "merged"]
TeamFunction = Literal["sales", "service", "delivery", "product", "marketing", "operations", "other"]
TEAM_FUNCTIONS: tuple[TeamFunction, ...] = (
    "sales",
    "service",
    "delivery",
    "product",
    "marketing",
    "operations",
    "other",
)
ActionStatus = Literal["open", "in_progress", "done"]
ACTION_STATUSES: tuple[ActionStatus, ...] = ("open", "in_progress", "done")

COMMENT_MAX = 2000
Label = Annotated[str, UserText(max_length=120)]
Comment = Annotated[str, UserText(max_length=COMMENT_MAX)]


# Net Promoter bands of a 0-10 "would you recommend" score: the one place they are written.
BAND_SCORES: dict[Band, tuple[int, int]] = {"promoter": (9, 10), "passive": (7, 8), "detractor": (0, 6)}


def band(score: int) -> Band:
    """The band of one answer's score (BAND_SCORES)."""
    if score >= BAND_SCORES["promoter"][0]:
        return "promoter"
    if score >= BAND_SCORES["passive"][0]:
        return "passive"
    return "detractor"


def band_of_estimate(score: int | None) -> Band | None:
    """The band of a persona's typed NPS estimate (a 0-10 score), None when none is typed."""
    return None if score is None else band(score)


class ResponseDraft(Draft):
    """One survey answer as parsed from a file row (validated before anything is stored)."""

    score: Annotated[int, Field(ge=0, le=10)]
    comment: Comment = ""
    answered_on: date | None = None
    stage: Stage | None = None
    touchpoint: Label = ""
    segment: Label = ""
    persona: Label = ""


class Response(Stored):
    project_id: str
    content_hash: str
    score: int
    comment: str = ""
    answered_on: date | None = None
    month: str = ""  # "2025-03", kept beside the date so every database groups by it alike
    stage: str | None = None
    touchpoint: str = ""
    segment: str = ""
    persona: str = ""
    persona_id: str | None = None


class ThemeDecision(Stored):
    """What the team decided about one suggested theme (keyed by kind and key)."""

    project_id: str
    kind: ThemeKind
    theme_key: str
    status: ThemeStatus
    text: str = ""
    merged_into: str | None = None
    item_id: str | None = None
    comment_count: int = 0


ActionTitle = Annotated[str, UserText(min_length=1, max_length=300)]


class ActionDraft(Draft):
    title: ActionTitle
    owner: TeamFunction = "service"
    status: ActionStatus = "open"


class ImprovementAction(Stored):
    project_id: str
    theme_key: str
    title: str
    owner: str = "service"
    status: str = "open"
    position: float = 0


@dataclass(frozen=True)
class CubeCell:
    """How many answers gave `score` with these group values (storage counts them in SQL)."""

    stage: str | None
    touchpoint: str
    segment: str
    persona: str  # the persona's id when the row named a known persona, else its label
    month: str
    score: int
    count: int

    def value(self, dimension: str) -> str:
        return getattr(self, dimension) or ""
