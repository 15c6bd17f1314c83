"""The assumptions map of a canvas: every note by importance against strength of evidence.

Rules (the map, the proposals, the PDF and guided mode all ask here):

* Importance (0..1, bottom to top) comes from the note's rank: rank 1 sits at 0.1, rank 5
  at 0.9. A team may move a note (drag or keyboard); its placement then wins, and a
  reset brings back the derived spot.
* Evidence (0..1, from none to strong) comes from the note's evidence level plus the
  data points behind it: each closed test of the note and a written source count one.
  An assumption with no data sits at 0.1; observed at 0.45; validated or refuted at 0.8
  (refuted is strong evidence too: against the note). Each data point adds 0.05, at most
  0.15 in all. A placement's evidence wins here too.
* The map's right half is "no evidence" (evidence below 0.5), its top half "important"
  (importance above 0.5: ranks 4 and 5, as canvas.ranking's "top"). Top right,
  "important, no evidence", is the quadrant to test first.
* Proposals: the top-right notes with no open test (planned or running), most urgent
  first: urgency = importance × (1 − evidence), ties broken by how many value-map notes
  rely on the note, then the board's importance order. Each proposal says why, as
  catalog keys with parameters.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from canvas.models import PROFILE_AREAS, CanvasItem, Link
from canvas.ranking import RANK_MAX, RANK_MIN, importance
from experiments.models import Placement, TestCard

HALF = 0.5
EVIDENCE_BASE = {"assumption": 0.1, "observed": 0.45, "validated": 0.8, "refuted": 0.8}
DATA_POINT_STEP = 0.05
DATA_POINT_CAP = 0.15
PROPOSAL_LIMIT = 5

TEST_FIRST = "test_first"  # important, no evidence
SAFE = "safe"  # important, evidence
LATER = "later"  # unimportant, no evidence
DEFER = "defer"  # unimportant, evidence


@dataclass(frozen=True)
class Reason:
    key: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class MapPoint:
    item: CanvasItem
    importance: float
    evidence: float
    derived_importance: float
    derived_evidence: float
    placed: bool
    data_points: int
    relied_on: int  # value-map notes linked to it (or, for a value-map note, profile notes it addresses)
    open_cards: int

    @property
    def quadrant(self) -> str:
        important = self.importance > HALF
        evidenced = self.evidence >= HALF
        if important:
            return SAFE if evidenced else TEST_FIRST
        return DEFER if evidenced else LATER

    @property
    def urgency(self) -> float:
        return self.importance * (1.0 - self.evidence)


@dataclass(frozen=True)
class Proposal:
    point: MapPoint
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class AssumptionsMap:
    points: tuple[MapPoint, ...]
    proposals: tuple[Proposal, ...]

    def quadrant(self, name: str) -> list[MapPoint]:
        return [point for point in self.points if point.quadrant == name]

    def point(self, item_id: str) -> MapPoint | None:
        return next((point for point in self.points if point.item.id == item_id), None)

    @property
    def refuted(self) -> list[MapPoint]:
        return [point for point in self.points if point.item.evidence == "refuted"]


def derived_importance(rank: int) -> float:
    span = RANK_MAX - RANK_MIN
    rank = max(RANK_MIN, min(RANK_MAX, rank))
    return round(0.1 + 0.8 * (rank - RANK_MIN) / span, 4)


def derived_evidence(level: str, data_points: int) -> float:
    base = EVIDENCE_BASE.get(level, EVIDENCE_BASE["assumption"])
    return round(min(1.0, base + min(DATA_POINT_CAP, DATA_POINT_STEP * max(0, data_points))), 4)


def data_points(item: CanvasItem, closed_tests: int) -> int:
    return closed_tests + (1 if item.evidence_source.strip() else 0)


def build_map(
    items: Sequence[CanvasItem],
    links: Iterable[Link],
    placements: Iterable[Placement] = (),
    cards: Iterable[TestCard] = (),
    *,
    limit: int = PROPOSAL_LIMIT,
) -> AssumptionsMap:
    placed = {placement.item_id: placement for placement in placements}
    relied: dict[str, int] = {}
    for link in links:
        relied[link.target_id] = relied.get(link.target_id, 0) + 1
        relied[link.source_id] = relied.get(link.source_id, 0) + 1
    closed: dict[str, int] = {}
    open_: dict[str, int] = {}
    for card in cards:
        counts = closed if card.status == "done" else open_
        for item_id in card.item_ids:
            counts[item_id] = counts.get(item_id, 0) + 1

    points = []
    for item in items:
        points_behind = data_points(item, closed.get(item.id, 0))
        d_imp = derived_importance(item.rank)
        d_ev = derived_evidence(item.evidence, points_behind)
        placement = placed.get(item.id)
        points.append(
            MapPoint(
                item=item,
                importance=placement.importance if placement else d_imp,
                evidence=placement.evidence if placement else d_ev,
                derived_importance=d_imp,
                derived_evidence=d_ev,
                placed=placement is not None,
                data_points=points_behind,
                relied_on=relied.get(item.id, 0),
                open_cards=open_.get(item.id, 0),
            )
        )
    return AssumptionsMap(points=tuple(points), proposals=tuple(propose(points, limit=limit)))


def proposal_order(point: MapPoint) -> tuple[float, int, tuple[int, int, float]]:
    return (-round(point.urgency, 6), -point.relied_on, importance(point.item))


def propose(points: Iterable[MapPoint], *, limit: int = PROPOSAL_LIMIT) -> list[Proposal]:
    """The notes to test first, most urgent first, each with its reasons."""
    candidates = [point for point in points if point.quadrant == TEST_FIRST and point.open_cards == 0]
    candidates.sort(key=proposal_order)
    return [Proposal(point, reasons(point)) for point in candidates[:limit]]


def reasons(point: MapPoint) -> tuple[Reason, ...]:
    item = point.item
    said: list[Reason] = []
    if point.placed and abs(point.importance - point.derived_importance) > 1e-6:
        said.append(Reason("experiments.reason.placed_important"))
    else:
        said.append(Reason("experiments.reason.ranked", {"rank": item.rank, "area": str(item.area)}))
    if item.evidence == "assumption" and point.data_points == 0:
        said.append(Reason("experiments.reason.no_data"))
    elif item.evidence == "assumption":
        said.append(Reason("experiments.reason.assumption_with_data", {"count": point.data_points}))
    else:
        said.append(Reason("experiments.reason.thin_evidence", {"count": point.data_points}))
    if point.relied_on:
        key = "experiments.reason.relied_on" if item.area in PROFILE_AREAS else "experiments.reason.addresses"
        said.append(Reason(key, {"count": point.relied_on}))
    return tuple(said)
