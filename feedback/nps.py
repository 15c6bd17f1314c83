"""Net Promoter, measured honestly: the score, its 90 % interval, and the groups it is shown by.

NPS = % promoters (9-10) − % detractors (0-6), from −100 to +100.

The interval is the adjusted-Wald interval for a difference of two proportions from one
multinomial sample (Rocks 2016, as used by Sauro & Lewis): add 3/4 of a promoter and 3/4 of
a detractor (n + 3 answers in all), then

    p = (P + 0.75) / (n + 3),  d = (D + 0.75) / (n + 3)
    variance of (p − d) = (p + d − (p − d)²) / (n + 3)
    interval = (p − d) ± 1.645 · √variance, clipped to [−1, +1], shown ×100.

Unlike the plain Wald interval, it doesn't claim certainty for a handful of answers that
happen to be all promoters (one promoter: NPS +100, interval −37 to +87). The score shown
is the plain NPS; the interval is the adjustment's.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from feedback.models import Band, CubeCell, band

Z_90 = 1.645
FEW_ANSWERS = 30  # under this, a group's NPS carries a warning
# The colour an NPS result is shown in, the same on screen and in the PDF: from +30 the
# promoters' colour, from 0 the passives', below 0 the detractors'.
TONE_FROM: dict[Band, int] = {"promoter": 30, "passive": 0}


@dataclass(frozen=True)
class Nps:
    n: int
    promoters: int
    passives: int
    detractors: int

    @property
    def score(self) -> float | None:
        """% promoters − % detractors; None with no answers."""
        if not self.n:
            return None
        return 100 * (self.promoters - self.detractors) / self.n

    @property
    def interval(self) -> tuple[float, float] | None:
        """The 90 % adjusted-Wald interval, in NPS points (see the module docstring)."""
        if not self.n:
            return None
        total = self.n + 3
        p = (self.promoters + 0.75) / total
        d = (self.detractors + 0.75) / total
        centre = p - d
        margin = Z_90 * math.sqrt(max(p + d - centre**2, 0.0) / total)
        return 100 * max(centre - margin, -1.0), 100 * min(centre + margin, 1.0)

    @property
    def few(self) -> bool:
        return self.n < FEW_ANSWERS

    def __add__(self, other: Nps) -> Nps:
        return Nps(
            self.n + other.n,
            self.promoters + other.promoters,
            self.passives + other.passives,
            self.detractors + other.detractors,
        )


EMPTY = Nps(0, 0, 0, 0)


def tone(value: float | None) -> Band:
    """The colour band of an NPS result, judged on the number as shown (signed rounds it:
    −0.4 reads "0", so it takes the passives' colour everywhere)."""
    rounded = round(value or 0)
    if rounded >= TONE_FROM["promoter"]:
        return "promoter"
    return "passive" if rounded >= TONE_FROM["passive"] else "detractor"


def signed(value: float | None) -> str:
    """An NPS as people write it: "+32", "0", "−7" (a true minus sign); "–" for none."""
    if value is None:
        return "–"
    rounded = round(value)
    return f"+{rounded}" if rounded > 0 else ("0" if rounded == 0 else f"−{abs(rounded)}")


def of_scores(scores: Iterable[int]) -> Nps:
    counts = {"promoter": 0, "passive": 0, "detractor": 0}
    n = 0
    for score in scores:
        counts[band(score)] += 1
        n += 1
    return Nps(n, counts["promoter"], counts["passive"], counts["detractor"])


def of_score_counts(counts: dict[int, int]) -> Nps:
    """From how many answers gave each score (0-10)."""
    promoters = sum(c for s, c in counts.items() if band(s) == "promoter")
    passives = sum(c for s, c in counts.items() if band(s) == "passive")
    detractors = sum(c for s, c in counts.items() if band(s) == "detractor")
    return Nps(promoters + passives + detractors, promoters, passives, detractors)


# -- by group --------------------------------------------------------------------------------

DIMENSIONS = ("segment", "persona", "stage", "touchpoint", "month")


def overall(cells: Iterable[CubeCell]) -> Nps:
    return of_score_counts(_score_counts(cells))


def _score_counts(cells: Iterable[CubeCell]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for cell in cells:
        counts[cell.score] = counts.get(cell.score, 0) + cell.count
    return counts


def by(cells: Iterable[CubeCell], dimension: str) -> dict[str, Nps]:
    """NPS per value of one dimension ("" = not given), largest group first, then by name."""
    if dimension not in DIMENSIONS:
        raise ValueError(dimension)
    grouped: dict[str, dict[int, int]] = {}
    for cell in cells:
        scores = grouped.setdefault(cell.value(dimension), {})
        scores[cell.score] = scores.get(cell.score, 0) + cell.count
    result = {value: of_score_counts(scores) for value, scores in grouped.items()}
    order = sorted(result, key=lambda value: (-result[value].n, value))
    if dimension == "month":
        order = sorted(result)
    return {value: result[value] for value in order}


@dataclass(frozen=True)
class JourneyPoint:
    stage: str  # "" when the row named no stage
    touchpoint: str
    nps: Nps


STAGE_ORDER = {"pre_purchase": 0, "purchase": 1, "post_purchase": 2, "": 3}


def journey(cells: Iterable[CubeCell]) -> list[JourneyPoint]:
    """NPS at each touchpoint, in journey order: before, during, after purchase."""
    grouped: dict[tuple[str, str], dict[int, int]] = {}
    for cell in cells:
        scores = grouped.setdefault((cell.stage or "", cell.touchpoint), {})
        scores[cell.score] = scores.get(cell.score, 0) + cell.count
    points = [JourneyPoint(stage, touchpoint, of_score_counts(s)) for (stage, touchpoint), s in grouped.items()]
    return sorted(points, key=lambda p: (STAGE_ORDER.get(p.stage, 3), -p.nps.n, p.touchpoint))
