"""The testing board of a project: its cards by status, filtered."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Literal

from experiments.models import STATUSES, TestCard
from experiments.service import ProjectCards

ResultFilter = Literal["any", "passed", "failed"]


def matches(
    cards: ProjectCards,
    card: TestCard,
    *,
    statuses: Iterable[str] = STATUSES,
    canvas_id: str | None = None,
    result: ResultFilter = "any",
    text: str = "",
    codes: Mapping[str, str] | None = None,
) -> bool:
    """`codes`: note id -> code on the card's canvas; a search for "K2" finds the cards
    testing K2 (a whole code, so K1 does not also find K10)."""
    if card.status not in set(statuses):
        return False
    if canvas_id is not None and card.canvas_id != canvas_id:
        return False
    if result != "any" and (card.passed is None or card.passed != (result == "passed")):
        return False
    needle = text.strip().casefold()
    if needle:
        haystack = [card.hypothesis, card.metric, card.observation, card.insight]
        haystack += [cards.text_of(card, item_id) for item_id in card.item_ids]
        tested_codes = {codes[item_id].casefold() for item_id in card.item_ids if codes and item_id in codes}
        return needle in tested_codes or any(needle in part.casefold() for part in haystack)
    return True


def columns(
    cards: ProjectCards,
    *,
    statuses: Iterable[str] = STATUSES,
    canvas_id: str | None = None,
    result: ResultFilter = "any",
    text: str = "",
    codes: Mapping[str, Mapping[str, str]] | None = None,
) -> dict[str, list[TestCard]]:
    """Planned, running and done, each in the order the cards were made (newest closed first).
    `codes`: canvas id -> note id -> code (ProjectCards.codes), so the text search finds codes."""
    wanted = tuple(statuses)
    board: dict[str, list[TestCard]] = {status: [] for status in STATUSES if status in wanted}
    for card in cards.cards:
        card_codes = codes.get(card.canvas_id) if codes else None
        if matches(cards, card, statuses=wanted, canvas_id=canvas_id, result=result, text=text, codes=card_codes):
            board[card.status].append(card)
    if "done" in board:
        board["done"].sort(key=lambda card: card.closed_at.timestamp() if card.closed_at else 0, reverse=True)
    return board
