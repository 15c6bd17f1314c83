"""The self-check rubric: the same check a student sees and the lecturer grades with.

Five criteria, each scored 0..1 from the canvas data alone, so the result is
reproducible and explainable:

* completeness — every area holds at least the minimum number of notes the hints ask
  for (canvas.hints.MIN_ITEMS); an area counts in proportion until it gets there.
* ranking — each customer-profile area with two or more notes uses at least two
  different ranks and has a top item (rank >= 4). Leaving everything at the default
  rank is not a ranking.
* top_addressed — the share of top pains and gains (rank >= 4) the value map
  addresses: full links count 1, partial links 0.5 (canvas.fit.analyse_fit).
* evidence — the share of top customer-profile items resting on something observed or
  validated rather than an assumption.
* competitors — our offer is on the strategy canvas, at least two rivals or
  substitutes, at least three factors, and every offering scored on every factor.

The overall percentage is the plain mean of the five. Each criterion carries the gaps
that keep it below 1, as catalog keys with parameters, for the UI to translate.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from canvas.fit import TOP_RANK, FitReport, analyse_fit
from canvas.hints import MIN_ITEMS
from canvas.models import PROFILE_AREAS, Area, CanvasItem, Link
from competitors.models import Competitor, Factor

Status = Literal["met", "partial", "missing"]
CRITERIA = ("completeness", "ranking", "top_addressed", "evidence", "competitors")
MIN_RIVALS = 2
MIN_FACTORS = 3


@dataclass(frozen=True)
class Gap:
    key: str
    params: dict[str, Any] = field(default_factory=dict)
    item_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Criterion:
    name: str  # one of CRITERIA
    score: float  # 0..1
    gaps: tuple[Gap, ...] = ()

    @property
    def status(self) -> Status:
        if self.score >= 0.999:
            return "met"
        return "partial" if self.score > 0 else "missing"


@dataclass(frozen=True)
class Rubric:
    criteria: tuple[Criterion, ...]
    fit: FitReport

    @property
    def percent(self) -> float:
        return round(100.0 * sum(c.score for c in self.criteria) / len(self.criteria), 1)

    def criterion(self, name: str) -> Criterion:
        return next(c for c in self.criteria if c.name == name)

    @property
    def gaps(self) -> list[Gap]:
        return [gap for criterion in self.criteria for gap in criterion.gaps]


def _completeness(items: Sequence[CanvasItem]) -> Criterion:
    counts = {area: 0 for area in MIN_ITEMS}
    for item in items:
        counts[Area(item.area)] = counts.get(Area(item.area), 0) + 1
    parts, gaps = [], []
    for area, minimum in MIN_ITEMS.items():
        parts.append(min(1.0, counts[area] / minimum))
        if counts[area] < minimum:
            gaps.append(Gap("rubric.gap.too_few", {"area": str(area), "count": counts[area], "minimum": minimum}))
    return Criterion("completeness", sum(parts) / len(parts), tuple(gaps))


def _ranking(items: Sequence[CanvasItem]) -> Criterion:
    considered, ranked, gaps = 0, 0, []
    for area in PROFILE_AREAS:
        ranks = [item.rank for item in items if item.area == area]
        if len(ranks) < 2:
            continue
        considered += 1
        if len(set(ranks)) >= 2 and max(ranks) >= TOP_RANK:
            ranked += 1
        else:
            gaps.append(Gap("rubric.gap.not_ranked", {"area": str(area)}))
    if considered == 0:
        return Criterion("ranking", 0.0, (Gap("rubric.gap.nothing_to_rank"),))
    return Criterion("ranking", ranked / considered, tuple(gaps))


def _top_addressed(items: Sequence[CanvasItem], fit: FitReport) -> Criterion:
    top = [i for i in items if i.area in (Area.PAINS, Area.GAINS) and i.rank >= TOP_RANK]
    if not top:
        return Criterion("top_addressed", 0.0, (Gap("rubric.gap.no_top_items"),))
    score = sum(fit.degree.get(i.id, 0.0) for i in top) / len(top)
    gaps = []
    for item in sorted(top, key=lambda i: (-i.rank, i.position)):
        degree = fit.degree.get(item.id, 0.0)
        if degree == 0:
            key = "rubric.gap.top_pain_open" if item.area == Area.PAINS else "rubric.gap.top_gain_open"
            gaps.append(Gap(key, {"text": item.text}, (item.id,)))
        elif degree < 1:
            gaps.append(Gap("rubric.gap.top_partial", {"text": item.text}, (item.id,)))
    return Criterion("top_addressed", score, tuple(gaps))


def _evidence(items: Sequence[CanvasItem]) -> Criterion:
    top = [i for i in items if i.area in PROFILE_AREAS and i.rank >= TOP_RANK]
    if not top:
        return Criterion("evidence", 0.0, (Gap("rubric.gap.no_top_items"),))
    assumed = [i for i in top if i.evidence == "assumption"]
    gaps = ()
    if assumed:
        gaps = (
            Gap("rubric.gap.top_assumptions", {"count": len(assumed), "total": len(top)}, tuple(i.id for i in assumed)),
        )
    return Criterion("evidence", (len(top) - len(assumed)) / len(top), gaps)


def _competitors(
    offerings: Sequence[Competitor], factors: Sequence[Factor], scores: Mapping[tuple[str, str], int]
) -> Criterion:
    ours = [o for o in offerings if o.kind == "ours"]
    rivals = [o for o in offerings if o.kind != "ours"]
    gaps = []
    parts = [1.0 if ours else 0.0, min(1.0, len(rivals) / MIN_RIVALS), min(1.0, len(factors) / MIN_FACTORS)]
    if not ours:
        gaps.append(Gap("rubric.gap.no_our_offer"))
    if len(rivals) < MIN_RIVALS:
        gaps.append(Gap("rubric.gap.few_rivals", {"count": len(rivals), "minimum": MIN_RIVALS}))
    if len(factors) < MIN_FACTORS:
        gaps.append(Gap("rubric.gap.few_factors", {"count": len(factors), "minimum": MIN_FACTORS}))
    cells = [(f.id, o.id) for f in factors for o in offerings]
    if cells:
        filled = sum(1 for cell in cells if cell in scores)
        parts.append(filled / len(cells))
        if filled < len(cells):
            gaps.append(Gap("rubric.gap.unscored", {"count": len(cells) - filled}))
    else:
        parts.append(0.0)
    return Criterion("competitors", sum(parts) / len(parts), tuple(gaps))


def assess(
    items: Iterable[CanvasItem],
    links: Iterable[Link],
    offerings: Iterable[Competitor] = (),
    factors: Iterable[Factor] = (),
    scores: Mapping[tuple[str, str], int] | None = None,
    *,
    fit: FitReport | None = None,
) -> Rubric:
    """Score one canvas. `scores` maps (factor id, offering id) to the 0..10 score."""
    item_list = [i for i in items if not i.hidden and i.merged_into is None]
    link_list = list(links)
    report = fit if fit is not None else analyse_fit(item_list, link_list)
    criteria = (
        _completeness(item_list),
        _ranking(item_list),
        _top_addressed(item_list, report),
        _evidence(item_list),
        _competitors(list(offerings), list(factors), scores or {}),
    )
    return Rubric(criteria=criteria, fit=report)
