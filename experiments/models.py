"""Test cards and learning cards, and the success criterion they are judged by.

A test card states a hypothesis about one or more notes of a canvas, the experiment that
tests it, the metric and the success criterion (a number and a comparison). Closing it
writes the learning card onto the same row: the measured result (checked against the
criterion, so the app says whether the test passed), the observation, the insight and a
decision. One row per card keeps a card and what it taught under one version.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, field_validator

from core.models import Draft, LongText, Stored, UserText

Comparison = Literal["at_least", "more_than", "at_most", "less_than", "equal"]
COMPARISONS: tuple[Comparison, ...] = ("at_least", "more_than", "at_most", "less_than", "equal")
COMPARISON_SIGN = {"at_least": "≥", "more_than": ">", "at_most": "≤", "less_than": "<", "equal": "="}
Strength = Literal["weak", "medium", "strong"]
STRENGTHS: tuple[Strength, ...] = ("weak", "medium", "strong")
Status = Literal["planned", "running", "done"]
STATUSES: tuple[Status, ...] = ("planned", "running", "done")
Decision = Literal["persevere", "pivot", "retire", "keep_testing"]
DECISIONS: tuple[Decision, ...] = ("persevere", "pivot", "retire", "keep_testing")
Cost = Literal["none", "low", "medium", "high"]
COSTS: tuple[Cost, ...] = ("none", "low", "medium", "high")

MAX_LINKED_NOTES = 12
DURATION_MAX_DAYS = 365
# A threshold is a number a person types: a count, a percentage, rupiah. Bounded so a
# typo like 1e300 is refused rather than printed on a card.
THRESHOLD_LIMIT = 1e12
EQUAL_TOLERANCE = 1e-9

Hypothesis = Annotated[str, UserText(max_length=1000)]
Metric = Annotated[str, UserText(max_length=300)]
Threshold = Annotated[float, Field(ge=-THRESHOLD_LIMIT, le=THRESHOLD_LIMIT, allow_inf_nan=False)]
Measured = Annotated[float, Field(ge=-THRESHOLD_LIMIT, le=THRESHOLD_LIMIT, allow_inf_nan=False)]


def meets(measured: float, comparison: str, threshold: float) -> bool:
    """Whether a measured result meets the criterion "<comparison> <threshold>"."""
    if comparison == "at_least":
        return measured >= threshold
    if comparison == "more_than":
        return measured > threshold
    if comparison == "at_most":
        return measured <= threshold
    if comparison == "less_than":
        return measured < threshold
    if comparison == "equal":
        return abs(measured - threshold) <= EQUAL_TOLERANCE * max(1.0, abs(threshold))
    raise ValueError("experiments.error.comparison")


def format_number(value: float | None) -> str:
    """A threshold or result as people write it: 30, not 30.0; 2.5 stays 2.5."""
    if value is None:
        return "?"
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _unique_ids(ids: list[str]) -> list[str]:
    seen: list[str] = []
    for item_id in ids:
        if item_id not in seen:
            seen.append(item_id)
    return seen


class TestCardDraft(Draft):
    """What a team writes on a new card. Hypothesis, metric and the criterion's number may be
    missing while the card is planned; `start_card` refuses to start it until all are there."""

    __test__ = False  # not a pytest class, whatever its name

    experiment: str = Field(min_length=1, max_length=40)
    hypothesis: Hypothesis = ""
    metric: Metric = ""
    comparison: Comparison = "at_least"
    threshold: Threshold | None = None  # a card may be planned before its number is agreed
    cost: Cost = "low"
    duration_days: int = Field(default=7, ge=1, le=DURATION_MAX_DAYS)
    strength: Strength = "medium"
    item_ids: list[str] = Field(min_length=1, max_length=MAX_LINKED_NOTES)

    @field_validator("item_ids")
    @classmethod
    def _distinct(cls, value: list[str]) -> list[str]:
        return _unique_ids(value)


class TestCardChange(Draft):
    """A partial edit of a card (only the fields given change)."""

    __test__ = False

    experiment: str | None = Field(default=None, min_length=1, max_length=40)
    hypothesis: Hypothesis | None = None
    metric: Metric | None = None
    comparison: Comparison | None = None
    threshold: Threshold | None = None
    cost: Cost | None = None
    duration_days: int | None = Field(default=None, ge=1, le=DURATION_MAX_DAYS)
    strength: Strength | None = None


class LearningDraft(Draft):
    """What closing a test records: the result and what the team learned from it."""

    measured: Measured
    observation: LongText = ""
    insight: LongText = ""
    decision: Decision


class TestCard(Stored):
    __test__ = False

    project_id: str
    canvas_id: str
    experiment: str
    hypothesis: str = ""
    metric: str = ""
    comparison: str = "at_least"
    threshold: float | None = None
    cost: str = "low"
    duration_days: int = 7
    strength: str = "medium"
    status: str = "planned"
    item_ids: list[str] = Field(default_factory=list)
    # Each linked note's text when it was linked or last seen: a card keeps what it tested
    # after the note is deleted or rewritten.
    item_texts: dict[str, str] = Field(default_factory=dict)
    started_at: datetime | None = None
    closed_at: datetime | None = None
    measured: float | None = None
    passed: bool | None = None
    observation: str = ""
    insight: str = ""
    decision: str | None = None
    position: float = 0

    @property
    def is_done(self) -> bool:
        return self.status == "done"

    def missing_to_start(self) -> list[str]:
        """The fields a card needs before it can run (catalog keys of their labels)."""
        missing = []
        if not self.hypothesis.strip():
            missing.append("hypothesis")
        if not self.metric.strip():
            missing.append("metric")
        if self.threshold is None:
            missing.append("threshold")
        return missing

    def criterion(self) -> str:
        return f"{COMPARISON_SIGN.get(self.comparison, '?')} {format_number(self.threshold)}"


class Placement(Stored):
    """Where a team put a note on a canvas's assumptions map, over the derived spot.
    Both axes run 0..1: importance bottom to top, evidence from none to strong."""

    project_id: str
    canvas_id: str
    item_id: str
    importance: float
    evidence: float


class PlacementDraft(Draft):
    importance: float = Field(ge=0, le=1, allow_inf_nan=False)
    evidence: float = Field(ge=0, le=1, allow_inf_nan=False)


def evidence_after(current: str, *, passed: bool, strength: str) -> str:
    """A note's evidence once a test of it closed: a pass with medium or strong evidence
    validates it, a weak pass (what people say) makes an assumption observed and never
    lowers anything; a fail refutes it, whatever it was."""
    if not passed:
        return "refuted"
    if strength in ("medium", "strong"):
        return "validated"
    return current if current in ("observed", "validated") else "observed"
