"""Guided mode: the six steps of the CRM value chain and what each still lacks.

The order follows Buttle's chain as the seed articles tell it: choose the portfolio
(and what to leave out), get to know the chosen customers through personas, write
their profile, answer it with a value map, check relevance and uniqueness against
competitors, then review fit and evidence, and last test the most important assumptions
(experiments/: the assumptions map's "test first" notes). A step is *done* when nothing is missing,
*started* when some of its work exists, and *todo* otherwise. Students may jump to any
step; the gaps of earlier steps stay visible.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from canvas.fit import BLOCKING, IDLE, LOW_COVERAGE
from canvas.models import PROFILE_AREAS, VALUE_MAP_AREAS, Area, Canvas
from classroom.rubric import Gap, Rubric
from classroom.view import ProjectView
from competitors.analysis import classify_value_map
from experiments.assumptions_map import build_map
from experiments.models import Placement, TestCard

StepStatus = Literal["done", "started", "todo"]
STEPS = ("portfolio", "persona", "profile", "value_map", "competitors", "review", "testing")
STAGES = ("pre_purchase", "purchase", "post_purchase")


@dataclass(frozen=True)
class Step:
    name: str  # one of STEPS
    number: int  # 1..len(STEPS)
    status: StepStatus
    missing: tuple[Gap, ...]


def _status(started: bool, missing: list[Gap]) -> StepStatus:
    if not missing:
        return "done"
    return "started" if started else "todo"


def _portfolio(view: ProjectView) -> Step:
    segments = view.segments
    missing: list[Gap] = []
    if len(segments) < 2:
        missing.append(Gap("guided.gap.few_segments", {"count": len(segments)}))
    if not any(s.decision == "target" for s in segments):
        missing.append(Gap("guided.gap.no_target"))
    if not any(s.decision == "exclude" for s in segments):
        missing.append(Gap("guided.gap.no_exclude"))
    unexplained = [s for s in segments if not s.decision_reason.strip()]
    if unexplained:
        missing.append(Gap("guided.gap.no_reason", {"count": len(unexplained), "name": unexplained[0].name}))
    return Step("portfolio", 1, _status(bool(segments), missing), tuple(missing))


def _persona(view: ProjectView) -> Step:
    personas = view.personas
    missing: list[Gap] = []
    targets = {s.id for s in view.segments if s.decision == "target"}
    if not personas:
        missing.append(Gap("guided.gap.no_persona"))
    else:
        if targets and not any(p.segment_id in targets for p in personas):
            missing.append(Gap("guided.gap.persona_not_target"))
        for persona in personas:
            if not persona.goals or not persona.frustrations:
                missing.append(Gap("guided.gap.persona_thin", {"name": persona.name}))
            stages = {tp.stage for tp in persona.touchpoints}
            if not set(STAGES) <= stages:
                missing.append(Gap("guided.gap.persona_journey", {"name": persona.name}))
            if persona.participation is None:
                missing.append(Gap("guided.gap.persona_participation", {"name": persona.name}))
    return Step("persona", 2, _status(bool(personas), missing), tuple(missing))


def _no_canvas(number: int, name: str) -> Step:
    return Step(name, number, "todo", (Gap("guided.gap.no_canvas"),))


def _profile(view: ProjectView, canvas: Canvas, rubric: Rubric) -> Step:
    items = [i for i in view.canvas_items(canvas) if i.area in PROFILE_AREAS]
    missing = [g for g in rubric.criterion("completeness").gaps if Area(g.params["area"]) in PROFILE_AREAS]
    missing += list(rubric.criterion("ranking").gaps)
    if not canvas.persona_id and view.personas:
        missing.append(Gap("guided.gap.canvas_without_persona"))
    return Step("profile", 3, _status(bool(items), missing), tuple(missing))


def _value_map(view: ProjectView, canvas: Canvas, rubric: Rubric) -> Step:
    items = [i for i in view.canvas_items(canvas) if i.area in VALUE_MAP_AREAS]
    missing = [g for g in rubric.criterion("completeness").gaps if Area(g.params["area"]) in VALUE_MAP_AREAS]
    missing += [g for g in rubric.criterion("top_addressed").gaps if g.key != "rubric.gap.no_top_items"]
    # The value map's share of the fit gaps: coverage and idle notes (open top items are above).
    missing += rubric.fit.gaps_of(LOW_COVERAGE, IDLE)
    return Step("value_map", 4, _status(bool(items), missing), tuple(missing))


def _competitors(view: ProjectView, canvas: Canvas, rubric: Rubric) -> Step:
    offerings = view.offerings(canvas)
    missing = list(rubric.criterion("competitors").gaps)
    if offerings and view.canvas_factors(canvas):
        report = classify_value_map(
            view.canvas_items(canvas),
            view.canvas_links(canvas),
            view.canvas_factors(canvas),
            offerings,
            view.score_map(canvas),
        )
        if report.count("unique") == 0:
            missing.append(Gap("guided.gap.nothing_unique"))
    started = bool(offerings or view.canvas_factors(canvas))
    return Step("competitors", 5, _status(started, missing), tuple(missing))


def _review(canvas: Canvas, rubric: Rubric) -> Step:
    # Every gap that keeps the verdict from fit, then the evidence: review is done only at fit.
    missing = rubric.fit.gaps_of(*BLOCKING)
    missing += [g for g in rubric.criterion("evidence").gaps if g.key != "rubric.gap.no_top_items"]
    if not rubric.criterion("evidence").score and not missing:
        missing.append(Gap("rubric.gap.no_top_items"))
    total = sum(rubric.fit.evidence.values())
    started = total > 0 and rubric.fit.evidence["assumption"] < total
    return Step("review", 6, _status(started, missing), tuple(missing))


def _testing(view: ProjectView, canvas: Canvas, cards: Iterable[TestCard], placements: Iterable[Placement]) -> Step:
    """Test the most important assumptions: every "test first" note of the map has a test,
    at least one test is closed, and no refuted note waits for rework."""
    cards = [card for card in cards if card.canvas_id == canvas.id]
    amap = build_map(view.canvas_items(canvas), view.canvas_links(canvas), placements, cards)
    missing: list[Gap] = []
    if not cards:
        missing.append(Gap("guided.gap.no_test_card"))
    if amap.proposals:
        first = amap.proposals[0].point.item
        missing.append(Gap("guided.gap.untested", {"count": len(amap.proposals), "text": first.text}))
    if cards and not any(card.status == "done" for card in cards):
        missing.append(Gap("guided.gap.no_learning"))
    if amap.refuted:
        missing.append(Gap("guided.gap.refuted", {"count": len(amap.refuted), "text": amap.refuted[0].item.text}))
    return Step("testing", 7, _status(bool(cards), missing), tuple(missing))


def guided_steps(
    view: ProjectView,
    canvas_id: str | None = None,
    *,
    cards: Iterable[TestCard] = (),
    placements: Iterable[Placement] = (),
) -> list[Step]:
    """The steps for a project, judged on `canvas_id` (default: its first canvas); the
    testing step reads the canvas's test cards and map placements the caller loaded."""
    steps = [_portfolio(view), _persona(view)]
    canvas = view.canvas(canvas_id)
    if canvas is None:
        steps += [_no_canvas(n, name) for n, name in enumerate(STEPS[2:], start=3)]
        return steps
    rubric = view.rubric(canvas)
    steps += [
        _profile(view, canvas, rubric),
        _value_map(view, canvas, rubric),
        _competitors(view, canvas, rubric),
        _review(canvas, rubric),
        _testing(view, canvas, cards, placements),
    ]
    return steps


def progress_percent(steps: list[Step]) -> int:
    done = sum(1.0 if s.status == "done" else 0.5 if s.status == "started" else 0.0 for s in steps)
    return round(100 * done / len(steps))
