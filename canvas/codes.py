"""Note codes: the short name a note goes by on the board, in link badges, in the fit
matrix and on paper (PL1, PK2, K1 in Bahasa Indonesia; PS1, PR2, P1 in English).

One rule, so a printed handout names each note as the screen does: an area's letters
(from the catalog, in the reader's language) and the note's place among that area's
notes in board order (position, then creation). Notes still hidden in a running workshop
are counted after the shown ones, so revealing them never renumbers what people see.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from canvas.models import PROFILE_AREAS, VALUE_MAP_AREAS, Area
from i18n import translate

AREAS = (*PROFILE_AREAS, *VALUE_MAP_AREAS)


class Coded(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def area(self) -> Area | str: ...

    @property
    def position(self) -> float: ...

    @property
    def hidden(self) -> bool: ...


def area_prefix(area: Area | str, lang: str) -> str:
    """The letters of an area's codes: "PK" for pain relievers in Bahasa Indonesia."""
    return translate(lang, f"canvas.code.{Area(area)}")


def note_codes(items: Iterable[Coded], lang: str) -> dict[str, str]:
    """Note id -> code. `items` in the store's order (position, then creation); the sort
    here is stable, so ties keep that order."""
    prefixes = {str(area): area_prefix(area, lang) for area in AREAS}
    counters: dict[str, int] = {}
    codes: dict[str, str] = {}
    for item in sorted(items, key=lambda note: (note.hidden, note.position)):
        area = str(Area(item.area))
        counters[area] = counters.get(area, 0) + 1
        codes[item.id] = f"{prefixes[area]}{counters[area]}"
    return codes


def code_order(code: str) -> tuple[str, int]:
    """Sort key that reads a code as letters then a number, so K2 comes before K10."""
    letters = code.rstrip("0123456789")
    digits = code[len(letters) :]
    return letters, int(digits) if digits else 0
