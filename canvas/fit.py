"""Fit analysis: how much of the customer profile the value map addresses, a verdict, and
the one ordered list of gaps every surface shows (canvas, hints, guided mode, rubric, PDF).

Rules (documented here because the verdict depends on them):

* Ranks run 1..5, 5 on top (canvas.ranking). An item's weight is its rank, so an extreme
  pain (5) counts five times as much as a mild one (1).
* An item is addressed to degree 1.0 by a *full* link and 0.5 by a *partial* link from a
  value-map item of the matching area (reliever -> pain, creator -> gain, product -> job).
  Several links do not add up: the strongest one counts. This keeps every coverage figure
  in 0..100 and guarantees that adding a link never lowers any figure.
* Coverage of an area = sum(weight x degree) / sum(weight), in percent. The overall
  figure pools pains, gains and jobs the same way.
* The gaps, in this order: top pains and gains nothing addresses (top first), overall
  coverage below FIT_THRESHOLD, a profile without pains or gains, value-map notes that
  address nothing, top items that are still assumptions. Without a profile, starting it
  is the only gap; without a value map, starting it comes first (instead of coverage).
* Coverage by evidence splits the overall figure by the evidence of the profile notes it
  rests on: validated coverage counts only validated notes, assumed coverage only
  assumptions (observed and refuted are the rest), so the parts add up to the overall.
* Every surface shows a coverage as a whole percent, halves up (`whole_percent`), and the
  thresholds judge that same number (`meets_fit_threshold`), so "70 %" never sits beside
  "fit needs at least 70 %".
* The verdict is "fit" only when none of the gaps that block fit is there (the first
  three kinds, and an empty side); "fit on paper" when most top items are assumptions.
  So no surface can call a canvas done while a top pain or gain is open or coverage is
  below the threshold: when the gap list is empty, the verdict is fit.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from canvas.models import LINK_TARGET, PROFILE_AREAS, VALUE_MAP_AREAS, Area, CanvasItem, Link
from canvas.ranking import by_importance, is_top

STRENGTH_WEIGHT = {"full": 1.0, "partial": 0.5}
FIT_THRESHOLD = 70.0
PARTIAL_THRESHOLD = 40.0
EVIDENCE_LEVELS = ("assumption", "observed", "validated", "refuted")
# What a note can rest on. A refuted note rests on nothing: a test showed it wrong.
SUPPORTED_EVIDENCE = ("observed", "validated")

# Gap keys (catalog keys; the parameters are listed beside each).
START_PROFILE = "fit.gap.start_profile"
START_VALUE_MAP = "fit.gap.start_value_map"
TOP_PAIN_OPEN = "fit.gap.top_pain_open"  # text
TOP_GAIN_OPEN = "fit.gap.top_gain_open"  # text
LOW_COVERAGE = "fit.gap.low_coverage"  # percent, target
THIN_PROFILE = "fit.gap.thin_profile"
IDLE = "fit.gap.idle"  # count
TOP_ASSUMPTIONS = "fit.gap.top_assumptions"  # count, total
TOP_OPEN = (TOP_PAIN_OPEN, TOP_GAIN_OPEN)
# The gaps that keep a canvas from fit, whatever else is good about it.
BLOCKING = (START_PROFILE, START_VALUE_MAP, *TOP_OPEN, LOW_COVERAGE, THIN_PROFILE)
FIT = "fit.verdict.fit"


def whole_percent(value: float) -> int:
    """A percentage as every surface shows it: whole, halves up (69.5 -> 70)."""
    return math.floor(value + 0.5)


def meets_fit_threshold(overall: float) -> bool:
    """Coverage enough for fit, judged on the figure people see."""
    return whole_percent(overall) >= FIT_THRESHOLD


@dataclass(frozen=True)
class AreaCoverage:
    area: str
    percent: float  # 0..100; 0 when the area is empty
    addressed: int  # items with at least a partial link
    total: int


@dataclass(frozen=True)
class Reason:
    key: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Gap:
    """Something that keeps a canvas from being done: a catalog key, its parameters and
    the notes it is about."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)
    item_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class FitReport:
    overall: float
    coverage: dict[str, AreaCoverage]
    degree: dict[str, float]  # item id -> 0, 0.5 or 1.0 (profile items only)
    unaddressed_top: list[CanvasItem]  # top profile items nothing addresses, top first
    idle: list[CanvasItem]  # value-map items that address nothing
    evidence: dict[str, int]  # assumption / observed / validated counts over all items
    top_assumptions: int  # top profile items that are still assumptions
    top_supported: int  # top profile items resting on evidence (observed or validated, not refuted)
    verdict: str  # catalog key
    verdict_params: dict[str, Any]
    reasons: list[Reason]
    gaps: tuple[Gap, ...] = ()  # ordered, most pressing first; empty only when the verdict is fit
    # The overall coverage split by the evidence of the profile notes it rests on (percent).
    coverage_by_evidence: dict[str, float] = field(default_factory=dict)

    @property
    def overall_percent(self) -> int:
        return whole_percent(self.overall)

    @property
    def validated_coverage(self) -> float:
        return self.coverage_by_evidence.get("validated", 0.0)

    @property
    def assumed_coverage(self) -> float:
        return self.coverage_by_evidence.get("assumption", 0.0)

    @property
    def evidence_share(self) -> float:
        total = sum(self.evidence.values())
        return 0.0 if total == 0 else 100.0 * (total - self.evidence["assumption"]) / total

    @property
    def is_fit(self) -> bool:
        """Fit reached: no gap blocks it (it may still rest on assumptions)."""
        return not any(gap.key in BLOCKING for gap in self.gaps)

    def gaps_of(self, *keys: str) -> list[Gap]:
        return [gap for gap in self.gaps if gap.key in keys]


def _live_links(items_by_id: dict[str, CanvasItem], links: Iterable[Link]) -> Iterable[Link]:
    for link in links:
        source = items_by_id.get(link.source_id)
        target = items_by_id.get(link.target_id)
        if source is None or target is None:
            continue
        if LINK_TARGET.get(source.area) == target.area:
            yield link


def analyse_fit(items: Sequence[CanvasItem], links: Iterable[Link]) -> FitReport:
    by_id = {item.id: item for item in items}
    degree: dict[str, float] = {item.id: 0.0 for item in items if item.area in PROFILE_AREAS}
    used: set[str] = set()
    for link in _live_links(by_id, links):
        weight = STRENGTH_WEIGHT.get(link.strength, 0.0)
        if weight > degree[link.target_id]:
            degree[link.target_id] = weight
        used.add(link.source_id)

    coverage: dict[str, AreaCoverage] = {}
    pooled_num = pooled_den = 0.0
    evidence = dict.fromkeys(EVIDENCE_LEVELS, 0)
    for item in items:
        evidence[item.evidence if item.evidence in evidence else "assumption"] += 1
    sums: dict[Area, list[float]] = {area: [0.0, 0.0, 0, 0] for area in PROFILE_AREAS}
    for item in items:
        if item.area not in sums:
            continue
        acc = sums[item.area]
        acc[0] += item.rank * degree[item.id]
        acc[1] += item.rank
        acc[2] += 1 if degree[item.id] > 0 else 0
        acc[3] += 1
    for area, (num, den, addressed, total) in sums.items():
        coverage[str(area)] = AreaCoverage(
            area=str(area), percent=_percent(num, den), addressed=int(addressed), total=int(total)
        )
        pooled_num += num
        pooled_den += den
    overall = _percent(pooled_num, pooled_den)
    by_evidence = dict.fromkeys(EVIDENCE_LEVELS, 0.0)
    for item in items:
        if item.area in sums:
            level = item.evidence if item.evidence in by_evidence else "assumption"
            by_evidence[level] += item.rank * degree[item.id]
    coverage_by_evidence = {level: _percent(num, pooled_den) for level, num in by_evidence.items()}

    profile = [item for item in items if item.area in PROFILE_AREAS]
    unaddressed_top = by_importance(item for item in profile if is_top(item.rank) and degree[item.id] == 0)
    idle = [item for item in items if item.area in VALUE_MAP_AREAS and item.id not in used]
    top = [item for item in profile if is_top(item.rank)]
    assumed = [item for item in top if item.evidence == "assumption"]
    supported = [item for item in top if item.evidence in SUPPORTED_EVIDENCE]

    has_value_map = any(item.area in VALUE_MAP_AREAS for item in items)
    gaps = _gaps(coverage, overall, unaddressed_top, idle, top, assumed, has_value_map=has_value_map)
    verdict, reasons = _verdict(coverage, overall, gaps, top, assumed, has_value_map=has_value_map)
    return FitReport(
        overall=overall,
        coverage=coverage,
        degree=degree,
        unaddressed_top=unaddressed_top,
        idle=idle,
        evidence=evidence,
        top_assumptions=len(assumed),
        top_supported=len(supported),
        verdict=verdict,
        verdict_params={"overall": str(whole_percent(overall))},
        reasons=reasons,
        gaps=gaps,
        coverage_by_evidence=coverage_by_evidence,
    )


def _percent(num: float, den: float) -> float:
    if den <= 0:
        return 0.0
    return max(0.0, min(100.0, round(100.0 * num / den, 1)))


def _gaps(
    coverage: dict[str, AreaCoverage],
    overall: float,
    unaddressed_top: list[CanvasItem],
    idle: list[CanvasItem],
    top: list[CanvasItem],
    assumed: list[CanvasItem],
    *,
    has_value_map: bool,
) -> tuple[Gap, ...]:
    pains, gains = coverage[str(Area.PAINS)], coverage[str(Area.GAINS)]
    has_profile = any(cov.total for cov in coverage.values())
    if not has_profile:
        return (Gap(START_PROFILE),)
    gaps: list[Gap] = []
    if not has_value_map:
        gaps.append(Gap(START_VALUE_MAP))
    for item in unaddressed_top:
        if item.area in (Area.PAINS, Area.GAINS):
            key = TOP_PAIN_OPEN if item.area == Area.PAINS else TOP_GAIN_OPEN
            gaps.append(Gap(key, {"text": item.text}, (item.id,)))
    if has_value_map and not meets_fit_threshold(overall):
        gaps.append(
            Gap(LOW_COVERAGE, {"percent": str(whole_percent(overall)), "target": str(whole_percent(FIT_THRESHOLD))})
        )
    if pains.total == 0 or gains.total == 0:
        gaps.append(Gap(THIN_PROFILE))
    if idle:
        gaps.append(Gap(IDLE, {"count": len(idle)}, tuple(item.id for item in idle)))
    if assumed:
        gaps.append(
            Gap(
                TOP_ASSUMPTIONS, {"count": len(assumed), "total": len(top)}, tuple(i.id for i in by_importance(assumed))
            )
        )
    return tuple(gaps)


def _verdict(
    coverage: dict[str, AreaCoverage],
    overall: float,
    gaps: tuple[Gap, ...],
    top: list[CanvasItem],
    assumed: list[CanvasItem],
    *,
    has_value_map: bool,
) -> tuple[str, list[Reason]]:
    keys = {gap.key for gap in gaps}
    if START_PROFILE in keys:
        verdict = "fit.verdict.no_profile" if has_value_map else "fit.verdict.empty"
        return verdict, [Reason(START_PROFILE)]
    if START_VALUE_MAP in keys:
        return "fit.verdict.no_value_map", [Reason(START_VALUE_MAP)]

    pains, gains = coverage[str(Area.PAINS)], coverage[str(Area.GAINS)]
    reasons = [
        Reason("fit.reason.pains", {"percent": str(whole_percent(pains.percent))}),
        Reason("fit.reason.gains", {"percent": str(whole_percent(gains.percent))}),
    ]
    top_open = [gap for gap in gaps if gap.key in TOP_OPEN]
    if top_open:
        params = {"count": len(top_open), "text": top_open[0].params["text"]}
        reasons.append(Reason("fit.reason.top_unaddressed", params))
    said = {IDLE: "fit.reason.idle", TOP_ASSUMPTIONS: "fit.reason.assumptions", THIN_PROFILE: THIN_PROFILE}
    reasons += [Reason(said[gap.key], gap.params) for gap in gaps if gap.key in said]
    if not keys & set(BLOCKING):
        return ("fit.verdict.fit_on_paper" if len(assumed) * 2 > len(top) else FIT), reasons
    return ("fit.verdict.close" if whole_percent(overall) >= PARTIAL_THRESHOLD else "fit.verdict.far"), reasons
