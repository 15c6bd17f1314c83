"""One canvas's comparison as the Competitors page, the exports and the tests read it: its
offerings, factors, scores, notes, links and ERRC moves in a handful of queries, and the
analysis over them (competitors/analysis.py). Also what the other competitor modules share:
a row named by id, resolved through projects.access first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeVar

from canvas.models import PROFILE_AREAS, Canvas, CanvasItem, Link
from canvas.ranking import importance
from competitors import analysis
from competitors.models import (
    Competitor,
    ErrcMove,
    Factor,
    FactorScore,
)
from core.actors import Actor, Need
from core.errors import Conflict, InvalidInput
from core.models import NAME_MAX
from projects import access
from storage.store import Store

FACTOR_SUGGESTION_LIMIT = 8
Written = TypeVar("Written")


@dataclass(frozen=True)
class Comparison:
    """Everything the Competitors page shows for one canvas, read in a handful of queries."""

    canvas: Canvas
    offerings: tuple[Competitor, ...]  # ours first
    factors: tuple[Factor, ...]  # most important first
    score_rows: dict[tuple[str, str], FactorScore]  # (factor id, competitor id) -> live score row
    items: tuple[CanvasItem, ...]
    links: tuple[Link, ...]
    moves: tuple[ErrcMove, ...]

    @cached_property
    def scores(self) -> dict[tuple[str, str], int]:
        return {key: row.value for key, row in self.score_rows.items()}

    @property
    def ours(self) -> Competitor | None:
        return analysis.our_offer(self.offerings)

    @property
    def rivals(self) -> list[Competitor]:
        return analysis.rivals(self.offerings)

    @property
    def profile_items(self) -> list[CanvasItem]:
        return [i for i in self.items if i.area in PROFILE_AREAS]

    def strategy_canvas(self) -> analysis.StrategyCanvas:
        return analysis.strategy_canvas(self.factors, self.offerings, self.scores)

    def errc_suggestions(self) -> list[analysis.ErrcSuggestion]:
        return analysis.suggest_errc(self.factors, self.offerings, self.scores, self.items, self.links)

    def open_suggestions(self) -> list[analysis.ErrcSuggestion]:
        return analysis.open_suggestions(self.errc_suggestions(), self.moves)

    def relevance(self) -> analysis.RelevanceReport:
        return analysis.classify_value_map(self.items, self.links, self.factors, self.offerings, self.scores)

    def factor_suggestions(self, limit: int = FACTOR_SUGGESTION_LIMIT) -> list[CanvasItem]:
        return suggest_factors(self.items, self.factors, limit)


def row_in_scope(
    store: Store, actor: Actor, repository: Any, row_id: str, need: Need, *, include_deleted: bool = False
) -> Any:
    """A competitor, factor or move named by id, if the actor may reach it (else NotFound)."""
    row = repository.get(row_id, include_deleted=include_deleted)
    access.row_scope(store, actor, row, need)
    return row


def load_comparison(store: Store, actor: Actor, canvas_id: str) -> Comparison:
    canvas = access.canvas_scope(store, actor, canvas_id, "read")
    offerings = analysis.offering_order(store.competitors.for_canvas(canvas_id))
    factors = analysis.factor_order(store.factors.for_canvas(canvas_id))
    live_offerings = {o.id for o in offerings}
    score_rows = {
        (s.factor_id, s.competitor_id): s
        for s in store.scores.for_factors([f.id for f in factors])
        if s.competitor_id in live_offerings
    }
    items = tuple(i for i in store.items.for_canvas(canvas) if not i.hidden)
    return Comparison(
        canvas=canvas,
        offerings=tuple(offerings),
        factors=tuple(factors),
        score_rows=score_rows,
        items=items,
        links=tuple(store.links.for_canvas(canvas_id)),
        moves=tuple(store.errc_moves.for_canvas(canvas_id)),
    )


def factor_name_for(item: CanvasItem) -> str:
    """A factor named after a customer item: its text, cut to fit a name."""
    text = " ".join(item.text.split())
    return text if len(text) <= NAME_MAX else text[: NAME_MAX - 1].rstrip() + "…"


def suggest_factors(
    items: Iterable[CanvasItem], factors: Iterable[Factor], limit: int = FACTOR_SUGGESTION_LIMIT
) -> list[CanvasItem]:
    """Top-ranked jobs, pains and gains not yet used as a factor (by source or by name)."""
    factor_list = list(factors)
    used_items = {f.source_item_id for f in factor_list if f.source_item_id}
    used_names = {analysis.normalize_name(f.name) for f in factor_list}
    candidates = [
        i
        for i in items
        if i.area in PROFILE_AREAS
        and i.id not in used_items
        and analysis.normalize_name(factor_name_for(i)) not in used_names
    ]
    candidates.sort(key=lambda i: (importance(i), i.id))
    return candidates[:limit]


def check_unique_name(
    rows: Iterable[Competitor | Factor], name: str, error_key: str, exclude: str | None = None
) -> None:
    """A name another live row of the canvas has (ignoring case and spacing) is refused."""
    wanted = analysis.normalize_name(name)
    for other in rows:
        if other.id != exclude and analysis.normalize_name(other.name) == wanted:
            raise InvalidInput([("name", error_key, {"name": other.name})])


def write_unique_name(
    rows: Callable[[], Iterable[Competitor | Factor]],
    name: str,
    error_key: str,
    write: Callable[[], Written],
    exclude: str | None = None,
) -> Written:
    """Write a row whose name must be unique on its canvas. The check first gives the clear
    message; when two people write the same name at once, the unique index
    (storage/tables.py) refuses the second, which then gets the same message."""
    check_unique_name(rows(), name, error_key, exclude)
    try:
        return write()
    except Conflict:
        check_unique_name(rows(), name, error_key, exclude)
        raise
