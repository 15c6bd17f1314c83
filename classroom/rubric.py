"""The self-check rubric: the same check a student sees and the lecturer grades with.

Five criteria, each scored 0..1 from the canvas data alone, so the result is
reproducible and explainable:

* completeness — every area holds at least the minimum number of notes the hints ask
  for (canvas.hints.MIN_ITEMS); an area counts in proportion until it gets there.
* ranking — each customer-profile area with two or more notes uses at least two
  different ranks and has a top item (canvas.ranking.is_top). Leaving everything at the
  default rank is not a ranking.
* top_addressed — the share of top pains and gains the value map addresses: full links
  count 1, partial links 0.5 (canvas.fit.analyse_fit).
* evidence — the share of top customer-profile items resting on something observed or
  validated rather than an assumption (a refuted item rests on nothing; canvas.fit.SUPPORTED_EVIDENCE).
* competitors — our offer is on the strategy canvas, at least two rivals or
  substitutes, at least three factors, and every offering scored on every factor.

The overall percentage is the plain mean of the five. Each criterion carries the gaps
that keep it below 1, as catalog keys with parameters, for the UI to translate. The fit
gaps (open top pains and gains, top assumptions) are the fit analysis's own, and
`Rubric.gaps` adds the fit gaps no criterion holds (coverage below the threshold, a thin
profile, idle notes), so the rubric never reads as complete while the verdict is not fit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from canvas.fit import TOP_ASSUMPTIONS, TOP_OPEN, FitReport, Gap, analyse_fit
from canvas.hints import MIN_ITEMS
from canvas.models import PROFILE_AREAS, Area, CanvasItem, Link
from canvas.ranking import by_importance, is_top
from competitors.models import Competitor, Factor

Status = Literal["met", "partial", "missing"]
CRITERIA = ("completeness", "ranking", "top_addressed", "evidence", "competitors")
MIN_RIVALS = 2
MIN_FACTORS = 3


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
        """Every criterion's gaps, then the fit gaps none of them holds."""
        gaps = [gap for criterion in self.criteria for gap in criterion.gaps]
        return gaps + [gap for gap in self.fit.gaps if gap not in gaps]


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
        if len(set(ranks)) >= 2 and is_top(max(ranks)):
            ranked += 1
        else:
            gaps.append(Gap("rubric.gap.not_ranked", {"area": str(area)}))
    if considered == 0:
        return Criterion("ranking", 0.0, (Gap("rubric.gap.nothing_to_rank"),))
    return Criterion("ranking", ranked / considered, tuple(gaps))


def _top_addressed(items: Sequence[CanvasItem], fit: FitReport) -> Criterion:
    top = [i for i in items if i.area in (Area.PAINS, Area.GAINS) and is_top(i.rank)]
    if not top:
        return Criterion("top_addressed", 0.0, (Gap("rubric.gap.no_top_items"),))
    score = sum(fit.degree.get(i.id, 0.0) for i in top) / len(top)
    partial = [
        Gap("rubric.gap.top_partial", {"text": item.text}, (item.id,))
        for item in by_importance(top)
        if 0 < fit.degree.get(item.id, 0.0) < 1
    ]
    return Criterion("top_addressed", score, (*fit.gaps_of(*TOP_OPEN), *partial))


def _evidence(items: Sequence[CanvasItem], fit: FitReport) -> Criterion:
    top = [i for i in items if i.area in PROFILE_AREAS and is_top(i.rank)]
    if not top:
        return Criterion("evidence", 0.0, (Gap("rubric.gap.no_top_items"),))
    return Criterion("evidence", fit.top_supported / len(top), tuple(fit.gaps_of(TOP_ASSUMPTIONS)))


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
        _evidence(item_list, report),
        _competitors(list(offerings), list(factors), scores or {}),
    )
    return Rubric(criteria=criteria, fit=report)
