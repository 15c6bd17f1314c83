"""Themes in customers' comments, found offline: a tokenizer, stop words in both languages,
and a greedy grouping by the words comments share.

Detractors' comments (0-6) are grouped into themes proposed as pains; promoters' (9-10)
into themes proposed as gains. The method, deterministic by construction:

1. Each comment becomes a set of terms: lowercased words of 3+ letters, minus stop words
   (Indonesian and English, plus generic praise and complaint words that name no subject),
   with the Indonesian "-nya" taken off. A word ending in "s" (English plural) or "an"
   (Indonesian "antrean" beside "antre") counts as its shorter form when that form occurs
   in the same comments too.
2. Repeatedly, the term shared by the most not-yet-grouped comments (ties: the word more comments use in all, then
   alphabetical)
   starts a theme holding all those comments; a term in more than 80 % of ten or more
   comments names the product itself and starts none. It stops when no term is shared by
   MIN_SUPPORT comments, or at MAX_THEMES.
3. The label adds up to two terms seen beside the first in half its comments or more; quotes are the comments
   that carry the most of the label's words, then the closest to a readable length.

Only counts and text decide, never the order rows arrive in: the same comments in any
order give the same themes, members and quotes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

MIN_SUPPORT = 2
# A term in more than this share of ten or more comments names the product itself, not a theme.
TOO_COMMON = 0.8
MAX_THEMES = 8
QUOTES = 3
LABEL_WORDS = 3
QUOTE_LENGTH = 90  # characters a quote reads best at
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)

_STOP_WORDS_ID_TEXT = """
    ada adalah agak agar akan aku aja anda apa apakah atau bagi bahwa banyak baru begitu belum
    benar bila bisa boleh buat bukan cukup dalam dan dapat dari dengan di dia dong gak ga gitu hal
    hanya harus hingga ini itu jadi jika juga kalau kami kamu kan karena kaya ke kita kok lagi lah
    lain lebih maka makin masih mau memang mereka meski mungkin nya oleh pada para perlu pernah pun
    saja sama sampai saya sekali semua sendiri seperti serta setiap sih sudah supaya tapi tentang
    terlalu tetapi tidak tuh untuk walau yaitu yang ya tak udah belum sangat banget amat paling
    cukup kurang agak terus selalu sering kadang jarang biasanya bagus baik mantap oke oké keren
    lama panjang sulit susah mudah cuma puas senang suka jelek buruk parah kecewa lumayan
    terima kasih tolong mohon semoga moga semakin
    sekarang nanti kemarin hari waktu kali pak bu kak mas mbak min admin
"""
STOP_WORDS_ID = frozenset(_STOP_WORDS_ID_TEXT.split())
_STOP_WORDS_EN_TEXT = """
    about after again all also always and any are aren because been before being but can cannot
    could did didn does doesn doing don down each even every few for from get gets got had has have
    having her here hers him his how into its just like more most much never not now off once only
    other our ours out over own really same she should since some still such than that the their
    them then there these they this those through too under until very was wasn way were weren what
    when where which while who whom why will with would you your yours one thing things lot lots
    bit quite rather sometimes often usually good great nice fine okay bad poor terrible awful
    long short hard easy many excellent amazing love loved like liked happy unhappy satisfied
    disappointed recommend thanks
    thank please
"""
STOP_WORDS_EN = frozenset(_STOP_WORDS_EN_TEXT.split())
STOP_WORDS = STOP_WORDS_ID | STOP_WORDS_EN


def terms(text: str) -> frozenset[str]:
    """The comment's distinct content words (see the module docstring, step 1)."""
    found: set[str] = set()
    for word in _WORD.findall(text.casefold()):
        if word in STOP_WORDS:
            continue
        if word.endswith("nya") and len(word) > 6:
            word = word[:-3]
        if word not in STOP_WORDS and len(word) >= 3:
            found.add(word)
    return frozenset(found)


@dataclass(frozen=True)
class Comment:
    id: str
    text: str


@dataclass(frozen=True)
class Theme:
    key: str  # the term that started it: stable while the data is
    words: tuple[str, ...]  # the label's words, first one first
    member_ids: tuple[str, ...]  # sorted
    quotes: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.member_ids)

    @property
    def label(self) -> str:
        return " · ".join(self.words)


def find_themes(comments: Iterable[Comment]) -> list[Theme]:
    """Themes of these comments, biggest first (see the module docstring, steps 2-3)."""
    by_id: dict[str, tuple[str, frozenset[str]]] = {}
    for comment in comments:
        text = comment.text.strip()
        if text:
            by_id[comment.id] = (text, terms(text))
    if not by_id:
        return []
    by_id = _fold_word_forms(by_id)
    counts: Counter[str] = Counter()
    for _, words in by_id.values():
        counts.update(words)
    too_common = {word for word, n in counts.items() if len(by_id) >= 10 and n > len(by_id) * TOO_COMMON}
    for word in too_common:
        del counts[word]
    holders: dict[str, list[str]] = {}
    for comment_id, (_, words) in by_id.items():
        for word in words:
            if word not in too_common:
                holders.setdefault(word, []).append(comment_id)
    overall = dict(counts)  # ties go to the word more comments use overall, then alphabetical
    grouped: set[str] = set()
    themes: list[Theme] = []
    while len(themes) < MAX_THEMES and counts:
        word, support = min(counts.items(), key=lambda entry: (-entry[1], -overall[entry[0]], entry[0]))
        if support < MIN_SUPPORT:
            break
        members = sorted(cid for cid in holders[word] if cid not in grouped)
        for cid in members:
            grouped.add(cid)
            counts.subtract(by_id[cid][1] - too_common)
        counts = +counts  # drop the terms no ungrouped comment holds any more
        themes.append(_theme(word, members, by_id, too_common))
    return themes


def _fold_word_forms(by_id: dict[str, tuple[str, frozenset[str]]]) -> dict[str, tuple[str, frozenset[str]]]:
    """ "seats" counts as "seat", "antrean" as "antre", when the shorter form occurs too."""
    vocabulary = set().union(*(words for _, words in by_id.values()))
    fold: dict[str, str] = {}
    for word in vocabulary:
        for suffix in ("s", "an"):
            stem = word[: -len(suffix)]
            if word.endswith(suffix) and len(stem) >= 3 and stem in vocabulary:
                fold[word] = stem
                break
    if not fold:
        return by_id
    return {cid: (text, frozenset(fold.get(w, w) for w in words)) for cid, (text, words) in by_id.items()}


def _theme(word: str, members: list[str], by_id: dict[str, tuple[str, frozenset[str]]], skip: set[str]) -> Theme:
    beside: Counter[str] = Counter()
    for cid in members:
        beside.update(by_id[cid][1] - {word} - skip)
    enough = max(MIN_SUPPORT, (len(members) + 1) // 2)
    ranked = sorted((entry for entry in beside.items() if entry[1] >= enough), key=lambda entry: (-entry[1], entry[0]))
    words = (word, *(other for other, _ in ranked[: LABEL_WORDS - 1]))
    return Theme(key=word, words=words, member_ids=tuple(members), quotes=pick_quotes(members, by_id, words))


def pick_quotes(
    members: Iterable[str], by_id: dict[str, tuple[str, frozenset[str]]], words: tuple[str, ...]
) -> tuple[str, ...]:
    texts = {by_id[cid][0] for cid in members}
    ranked = sorted(
        texts,
        key=lambda text: (-len(set(words) & terms(text)), abs(len(text) - QUOTE_LENGTH), text),
    )
    return tuple(ranked[:QUOTES])
