"""Fit analysis: how much of the customer profile the value map addresses, and a verdict.

Rules (documented here because the verdict depends on them):

* Ranks run 1..5, 5 on top (job critical, pain extreme, gain essential). An item's weight
  is its rank, so an extreme pain (5) counts five times as much as a mild one (1).
* An item is addressed to degree 1.0 by a *full* link and 0.5 by a *partial* link from a
  value-map item of the matching area (reliever -> pain, creator -> gain, product -> job).
  Several links do not add up: the strongest one counts. This keeps every coverage figure
  in 0..100 and guarantees that adding a link never lowers any figure.
* Coverage of an area = sum(weight x degree) / sum(weight), in percent. The overall
  figure pools pains, gains and jobs the same way.
* "Top" items have rank >= 4. The verdict looks at overall coverage, whether top pains and
  gains are addressed, and whether the top items rest on evidence or only on assumptions.
  A profile without any pain or without any gain can't reach "fit", however well covered.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from canvas.models import LINK_TARGET, PROFILE_AREAS, VALUE_MAP_AREAS, Area, CanvasItem, Link

STRENGTH_WEIGHT = {"full": 1.0, "partial": 0.5}
TOP_RANK = 4
FIT_THRESHOLD = 70.0
PARTIAL_THRESHOLD = 40.0
EVIDENCE_LEVELS = ("assumption", "observed", "validated")


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
class FitReport:
    overall: float
    coverage: dict[str, AreaCoverage]
    degree: dict[str, float]  # item id -> 0, 0.5 or 1.0 (profile items only)
    unaddressed_top: list[CanvasItem]  # rank >= 4 profile items nothing addresses, top first
    idle: list[CanvasItem]  # value-map items that address nothing
    evidence: dict[str, int]  # assumption / observed / validated counts over all items
    top_assumptions: int  # top profile items that are still assumptions
    verdict: str  # catalog key
    verdict_params: dict[str, Any]
    reasons: list[Reason]

    @property
    def evidence_share(self) -> float:
        total = sum(self.evidence.values())
        return 0.0 if total == 0 else 100.0 * (total - self.evidence["assumption"]) / total


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

    profile = [item for item in items if item.area in PROFILE_AREAS]
    unaddressed_top = sorted(
        (item for item in profile if item.rank >= TOP_RANK and degree[item.id] == 0),
        key=lambda item: (-item.rank, PROFILE_AREAS.index(item.area), item.position),
    )
    idle = [item for item in items if item.area in VALUE_MAP_AREAS and item.id not in used]
    top = [item for item in profile if item.rank >= TOP_RANK]
    top_assumptions = sum(1 for item in top if item.evidence == "assumption")

    verdict, params, reasons = _verdict(items, coverage, overall, unaddressed_top, idle, top, top_assumptions)
    return FitReport(
        overall=overall,
        coverage=coverage,
        degree=degree,
        unaddressed_top=unaddressed_top,
        idle=idle,
        evidence=evidence,
        top_assumptions=top_assumptions,
        verdict=verdict,
        verdict_params=params,
        reasons=reasons,
    )


def _percent(num: float, den: float) -> float:
    if den <= 0:
        return 0.0
    return max(0.0, min(100.0, round(100.0 * num / den, 1)))


def _verdict(
    items: Sequence[CanvasItem],
    coverage: dict[str, AreaCoverage],
    overall: float,
    unaddressed_top: list[CanvasItem],
    idle: list[CanvasItem],
    top: list[CanvasItem],
    top_assumptions: int,
) -> tuple[str, dict[str, Any], list[Reason]]:
    profile_count = sum(cov.total for cov in coverage.values())
    value_map_count = sum(1 for item in items if item.area in VALUE_MAP_AREAS)
    params = {"overall": f"{overall:.0f}"}
    if profile_count == 0 and value_map_count == 0:
        return "fit.verdict.empty", params, [Reason("fit.reason.start_profile")]
    if profile_count == 0:
        return "fit.verdict.no_profile", params, [Reason("fit.reason.start_profile")]
    if value_map_count == 0:
        return "fit.verdict.no_value_map", params, [Reason("fit.reason.start_value_map")]

    reasons: list[Reason] = []
    pains, gains = coverage[str(Area.PAINS)], coverage[str(Area.GAINS)]
    reasons.append(Reason("fit.reason.pains", {"percent": f"{pains.percent:.0f}"}))
    reasons.append(Reason("fit.reason.gains", {"percent": f"{gains.percent:.0f}"}))
    top_gaps = [item for item in unaddressed_top if item.area in (Area.PAINS, Area.GAINS)]
    if top_gaps:
        reasons.append(Reason("fit.reason.top_unaddressed", {"count": len(top_gaps), "text": top_gaps[0].text}))
    if idle:
        reasons.append(Reason("fit.reason.idle", {"count": len(idle)}))
    if top and top_assumptions:
        reasons.append(Reason("fit.reason.assumptions", {"count": top_assumptions, "total": len(top)}))

    thin = pains.total == 0 or gains.total == 0
    if thin:
        reasons.append(Reason("fit.reason.thin_profile"))
    if overall >= FIT_THRESHOLD and not top_gaps and not thin:
        if top and top_assumptions * 2 > len(top):
            return "fit.verdict.fit_on_paper", params, reasons
        return "fit.verdict.fit", params, reasons
    if overall >= PARTIAL_THRESHOLD:
        return "fit.verdict.close", params, reasons
    return "fit.verdict.far", params, reasons
