"""Hints that help a team or a student improve a canvas, computed by rules.

Each hint is a catalog key plus parameters (translated by the UI in either language) and
the ids of the notes it is about. The rules read the notes' text in English and Bahasa
Indonesia: vague notes, near-duplicates, pains phrased as a missing gain, thin areas, a
value map written before the customer profile; and every gap of the fit analysis (top
pains or gains that nothing addresses, coverage below the fit threshold, top items with no
evidence, ...). So the hints are empty only when the fit verdict is "fit".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from canvas.fit import IDLE, START_PROFILE, START_VALUE_MAP, analyse_fit
from canvas.models import PROFILE_AREAS, VALUE_MAP_AREAS, Area, CanvasItem, Link

Severity = Literal["warning", "info"]

MIN_ITEMS = {
    Area.JOBS: 3,
    Area.PAINS: 3,
    Area.GAINS: 3,
    Area.PRODUCTS: 1,
    Area.RELIEVERS: 2,
    Area.CREATORS: 2,
}
MIN_CHARS = 12
MIN_WORDS = 2
DUPLICATE_RATIO = 0.85
# Fit gaps shown as tips rather than warnings: the other hints already point at the work.
INFO_GAPS = frozenset({IDLE, START_PROFILE, START_VALUE_MAP})

# Words that say nothing on their own: a note made only of these (and stopwords) is vague.
GENERIC_WORDS = frozenset(
    """
    good better best great nice easy easier fast faster quick cheap cheaper quality
    efficient efficiency convenient convenience simple simpler happy satisfied value
    experience service services product products solution solutions thing things stuff
    improve improved improvement more less problem problems issue issues better-quality
    bagus baik lebih terbaik mudah gampang cepat murah kualitas berkualitas efisien
    nyaman praktis senang puas nilai pengalaman layanan produk solusi hal masalah
    meningkatkan peningkatan tingkatkan sederhana mantap oke ok keren
    """.split()  # noqa: SIM905
)
STOPWORDS = frozenset(
    """
    a an the and or of to for in on with is are be it its at by from as that this very
    really so too more most much we our they their my your i
    yang dan atau di ke dari untuk dengan pada ini itu adalah sangat lebih juga akan
    bisa dapat agar supaya kami kita mereka saya anda nya para
    """.split()  # noqa: SIM905
)
# "no X", "lack of X", "tidak ada X", "kurang X": a pain that is really a gain turned around.
MISSING_GAIN = re.compile(
    r"^\s*(?:no|not enough|lack of|lacks|lacking|missing|without|there is no|there's no|"
    r"tidak ada|tak ada|tiada|belum ada|kurang(?:nya)?|tanpa|tidak punya|tidak memiliki|minim(?:nya)?)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*", re.UNICODE)


@dataclass(frozen=True)
class Hint:
    key: str
    params: dict[str, Any] = field(default_factory=dict)
    item_ids: tuple[str, ...] = ()
    severity: Severity = "info"


def words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _WORD.findall(folded)


def normalized(text: str) -> str:
    return " ".join(word for word in words(text) if word not in STOPWORDS)


def is_vague(text: str) -> bool:
    """Too short to mean anything, or made only of generic words."""
    found = words(text)
    if len("".join(found)) < MIN_CHARS - 3 or len(found) < MIN_WORDS:
        return True
    meaningful = [word for word in found if word not in STOPWORDS]
    return all(word in GENERIC_WORDS for word in meaningful)


def looks_like_missing_gain(text: str) -> bool:
    return bool(MISSING_GAIN.match(unicodedata.normalize("NFKC", text)))


def _bigrams(text: str) -> frozenset[str]:
    squeezed = text.replace(" ", "")
    return frozenset(squeezed[i : i + 2] for i in range(len(squeezed) - 1))


def _similar(a: Prepared, b: Prepared) -> bool:
    """Near-duplicates: the same words (Jaccard >= 0.8) or nearly the same letters (bigram
    Dice >= 0.85, which also catches typos and plural/affix variants such as 'antre' /
    'antrean'). Set operations only, so a 300-note canvas stays fast."""
    if a.norm == b.norm:
        return True
    if not a.tokens or not b.tokens:
        return False
    union = len(a.tokens | b.tokens)
    jaccard = len(a.tokens & b.tokens) / union
    if jaccard >= 0.8:
        return True
    if jaccard < 0.45:
        return False
    total = len(a.bigrams) + len(b.bigrams)
    if total == 0 or 2 * min(len(a.bigrams), len(b.bigrams)) / total < DUPLICATE_RATIO:
        return False  # lengths too far apart for the overlap to reach the threshold
    return 2 * len(a.bigrams & b.bigrams) / total >= DUPLICATE_RATIO


@dataclass(frozen=True)
class Prepared:
    item: CanvasItem
    norm: str
    tokens: frozenset[str]
    bigrams: frozenset[str]


def duplicate_groups(items: Sequence[CanvasItem]) -> list[list[CanvasItem]]:
    """Near-identical notes within one area, grouped (each group has 2+ notes)."""
    groups: list[list[CanvasItem]] = []
    for area in (*PROFILE_AREAS, *VALUE_MAP_AREAS):
        prepared = []
        for item in items:
            if item.area == area:
                norm = normalized(item.text)
                prepared.append(Prepared(item, norm, frozenset(norm.split()), _bigrams(norm)))
        taken: set[str] = set()
        for i, first in enumerate(prepared):
            if first.item.id in taken or not first.norm:
                continue
            group = [first.item]
            for other in prepared[i + 1 :]:
                if other.item.id not in taken and _similar(first, other):
                    group.append(other.item)
                    taken.add(other.item.id)
            if len(group) > 1:
                taken.add(first.item.id)
                groups.append(group)
    return groups


def find_hints(items: Sequence[CanvasItem], links: Iterable[Link]) -> list[Hint]:
    links = list(links)
    hints: list[Hint] = []
    if not items:
        return [Hint("hint.empty", severity="info")]

    by_area: dict[Area, list[CanvasItem]] = {area: [] for area in MIN_ITEMS}
    for item in items:
        by_area.setdefault(item.area, []).append(item)

    # The order of work: the profile first, then the value map that answers it.
    profile = [item for area in PROFILE_AREAS for item in by_area[area]]
    value_map = [item for area in VALUE_MAP_AREAS for item in by_area[area]]
    first_profile = min((i.created_at for i in profile if i.created_at), default=None)
    first_map = min((i.created_at for i in value_map if i.created_at), default=None)
    if first_map and (first_profile is None or first_map < first_profile):
        early = [i.id for i in value_map if first_profile is None or (i.created_at and i.created_at < first_profile)]
        hints.append(Hint("hint.value_map_first", {"count": len(early)}, tuple(early), "warning"))

    # What keeps the canvas from fit: the same gap list the verdict, the rubric, guided
    # mode and the PDF show, so the hints can't call a canvas done that isn't.
    for gap in analyse_fit(items, links).gaps:
        severity: Severity = "info" if gap.key in INFO_GAPS else "warning"
        hints.append(Hint(gap.key, gap.params, gap.item_ids, severity))

    # A pain phrased as a missing gain.
    for item in by_area[Area.PAINS]:
        if looks_like_missing_gain(item.text):
            hints.append(Hint("hint.pain_is_missing_gain", {"text": item.text}, (item.id,), "info"))

    # Vague notes.
    for item in items:
        if is_vague(item.text):
            hints.append(Hint("hint.vague", {"text": item.text, "area": str(item.area)}, (item.id,), "info"))

    # Near-duplicates.
    for group in duplicate_groups(items):
        hints.append(
            Hint(
                "hint.duplicate",
                {"text": group[0].text, "count": len(group), "area": str(group[0].area)},
                tuple(i.id for i in group),
                "info",
            )
        )

    # Thin areas (the value map only once the profile has something to answer).
    for area, minimum in MIN_ITEMS.items():
        if area in VALUE_MAP_AREAS and not profile:
            continue
        count = len(by_area[area])
        if count < minimum:
            hints.append(Hint("hint.too_few", {"area": str(area), "count": count, "minimum": minimum}, (), "info"))

    order = {"warning": 0, "info": 1}
    hints.sort(key=lambda hint: order[hint.severity])
    return hints
