"""The rank scale, defined once for every page, rule and export.

Ranks run 1..5 and 5 is the top: a critical job, an extreme pain, an essential gain, a
core product. Stored data has always meant this (the fit weights, the board, the PDF and
the JSON schema read it so), so nothing stored needs converting. "Top" items are ranked 4
or 5; they are the ones the fit verdict, the hints and the rubric insist on.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

from canvas.models import AREA_ORDER, PROFILE_AREAS, RANK_MAX, RANK_MIN, Area

__all__ = [
    "RANKS",
    "RANK_MAX",
    "RANK_MIN",
    "TOP_RANK",
    "by_importance",
    "importance",
    "is_top",
    "pips",
    "rank_key",
]

TOP_RANK = 4
RANKS = tuple(range(RANK_MIN, RANK_MAX + 1))
# Keyed by the plain string: an Area (a StrEnum) and its value find the same entry.
_AREA_ORDER = {str(area): index for index, area in enumerate(AREA_ORDER)}


class Ranked(Protocol):
    @property
    def area(self) -> Area | str: ...

    @property
    def rank(self) -> int: ...

    @property
    def position(self) -> float: ...


R = TypeVar("R", bound=Ranked)


def is_top(rank: int) -> bool:
    return rank >= TOP_RANK


def importance(item: Ranked) -> tuple[int, int, float]:
    """Sort key: most important first; among equals, profile areas before the value map,
    then the order the notes were put in."""
    return (-item.rank, _AREA_ORDER.get(item.area, len(_AREA_ORDER)), item.position)


def by_importance(items: Iterable[R]) -> list[R]:
    return sorted(items, key=importance)


def rank_key(area: Area | str, rank: int) -> str:
    """Catalog key of the rank's word on the area's own scale ("extreme" pain, "core" product)."""
    area = Area(area)
    scale = str(area) if area in PROFILE_AREAS else "value_map"
    return f"canvas.rank.{scale}.{rank}"


def pips(rank: int) -> str:
    """The rank as filled and empty dots, for text exports: 4 -> ●●●●○."""
    rank = max(RANK_MIN, min(RANK_MAX, rank))
    return "●" * rank + "○" * (RANK_MAX - rank)
