"""Competitors, factors, scores and ERRC moves of a canvas: the service the Competitors page,
the exports and the tests call. Every call names its actor; the canvas, or the row named by
id, is resolved through projects.access first. Every write is per row with a version check;
nothing here imports Streamlit or SQL. The analysis itself (strategy canvas, ERRC, relevance)
is in competitors/analysis.py.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from canvas.models import PROFILE_AREAS, Canvas, CanvasItem, Link
from canvas.ranking import importance
from competitors import analysis as comparison
from competitors.models import (
    Competitor,
    CompetitorDraft,
    ErrcMove,
    ErrcMoveDraft,
    Factor,
    FactorDraft,
    FactorScore,
    ScoreDraft,
)
from core.actors import Actor, Need
from core.errors import InvalidInput, NilaiError, NotFound, StaleVersion
from core.models import NAME_MAX, validate
from core.text import from_spreadsheet_cell, spreadsheet_cell
from projects import access
from storage.store import Store

FACTOR_SUGGESTION_LIMIT = 8
CSV_COLUMNS = ("factor", "importance", "offering", "kind", "score")
CSV_REQUIRED = ("factor", "offering", "score")
CSV_MAX_BYTES = 1_000_000
CSV_MAX_PROBLEMS = 25
SCORE_MIN, SCORE_MAX = 0, 10


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
        return comparison.our_offer(self.offerings)

    @property
    def rivals(self) -> list[Competitor]:
        return comparison.rivals(self.offerings)

    @property
    def profile_items(self) -> list[CanvasItem]:
        return [i for i in self.items if i.area in PROFILE_AREAS]

    def strategy_canvas(self) -> comparison.StrategyCanvas:
        return comparison.strategy_canvas(self.factors, self.offerings, self.scores)

    def errc_suggestions(self) -> list[comparison.ErrcSuggestion]:
        return comparison.suggest_errc(self.factors, self.offerings, self.scores, self.items, self.links)

    def open_suggestions(self) -> list[comparison.ErrcSuggestion]:
        return comparison.open_suggestions(self.errc_suggestions(), self.moves)

    def relevance(self) -> comparison.RelevanceReport:
        return comparison.classify_value_map(self.items, self.links, self.factors, self.offerings, self.scores)

    def factor_suggestions(self, limit: int = FACTOR_SUGGESTION_LIMIT) -> list[CanvasItem]:
        return suggest_factors(self.items, self.factors, limit)


def _row(store: Store, actor: Actor, repository: Any, row_id: str, need: Need, *, include_deleted: bool = False) -> Any:
    """A competitor, factor or move named by id, if the actor may reach it (else NotFound)."""
    row = repository.get(row_id, include_deleted=include_deleted)
    access.row_scope(store, actor, row, need)
    return row


def load_comparison(store: Store, actor: Actor, canvas_id: str) -> Comparison:
    canvas = access.canvas_scope(store, actor, canvas_id, "read")
    offerings = comparison.offering_order(store.competitors.for_canvas(canvas_id))
    factors = comparison.factor_order(store.factors.for_canvas(canvas_id))
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


# -- offerings ------------------------------------------------------------------------


def ensure_our_offer(store: Store, actor: Actor, canvas_id: str, name: str) -> Competitor:
    """Every canvas has one "our offer" row; make it on first visit, named in the user's language."""
    canvas = access.canvas_scope(store, actor, canvas_id, "edit")
    existing = comparison.our_offer(store.competitors.for_canvas(canvas.id))
    if existing is not None:
        return existing
    draft = validate(CompetitorDraft, {"name": name, "kind": "ours"})
    return store.competitors.insert(canvas.project_id, {**draft.model_dump(), "canvas_id": canvas.id})


def _check_unique_offering(store: Store, canvas_id: str, name: str, exclude: str | None = None) -> None:
    wanted = comparison.normalize_name(name)
    for other in store.competitors.for_canvas(canvas_id):
        if other.id != exclude and comparison.normalize_name(other.name) == wanted:
            raise InvalidInput([("name", "competitors.error.duplicate_offering", {"name": other.name})])


def add_competitor(
    store: Store,
    actor: Actor,
    canvas_id: str,
    name: str,
    description: str = "",
    offering: str = "",
    kind: str = "competitor",
) -> Competitor:
    canvas = access.canvas_scope(store, actor, canvas_id, "edit")
    if kind == "ours":
        raise InvalidInput([("kind", "error.field.invalid_choice", {})])
    draft = validate(CompetitorDraft, {"name": name, "description": description, "offering": offering, "kind": kind})
    _check_unique_offering(store, canvas.id, draft.name)
    return store.competitors.insert(canvas.project_id, {**draft.model_dump(), "canvas_id": canvas.id})


def update_competitor(
    store: Store, actor: Actor, competitor_id: str, expected_version: int, **changes: Any
) -> Competitor:
    current: Competitor = _row(store, actor, store.competitors, competitor_id, "edit")
    merged = {k: getattr(current, k) for k in ("name", "description", "offering", "kind")}
    merged.update({k: v for k, v in changes.items() if k in merged})
    if (current.kind == "ours") != (merged["kind"] == "ours"):
        raise InvalidInput([("kind", "error.field.invalid_choice", {})])
    draft = validate(CompetitorDraft, merged)
    if comparison.normalize_name(draft.name) != comparison.normalize_name(current.name):
        _check_unique_offering(store, current.canvas_id, draft.name, exclude=competitor_id)
    return store.competitors.update(current.id, expected_version, draft.model_dump())


def delete_competitor(
    store: Store, actor: Actor, competitor_id: str, expected_version: int | None = None
) -> Competitor:
    """Soft delete (Undo restores it, with its scores). Our own offer can't be deleted."""
    current: Competitor = _row(store, actor, store.competitors, competitor_id, "edit")
    if current.kind == "ours":
        raise NilaiError("competitors.error.ours_required")
    return store.competitors.soft_delete(current.id, expected_version)


def restore_competitor(store: Store, actor: Actor, competitor_id: str) -> Competitor:
    current: Competitor = _row(store, actor, store.competitors, competitor_id, "edit", include_deleted=True)
    _check_unique_offering(store, current.canvas_id, current.name, exclude=current.id)
    return store.competitors.restore(current.id)


# -- factors --------------------------------------------------------------------------


def _check_unique_factor(store: Store, canvas_id: str, name: str, exclude: str | None = None) -> None:
    wanted = comparison.normalize_name(name)
    for other in store.factors.for_canvas(canvas_id):
        if other.id != exclude and comparison.normalize_name(other.name) == wanted:
            raise InvalidInput([("name", "competitors.error.duplicate_factor", {"name": other.name})])


def factor_name_for(item: CanvasItem) -> str:
    """A factor named after a customer item: its text, cut to fit a name."""
    text = " ".join(item.text.split())
    return text if len(text) <= NAME_MAX else text[: NAME_MAX - 1].rstrip() + "…"


def add_factor(
    store: Store, actor: Actor, canvas_id: str, name: str, importance: int = 3, source_item_id: str | None = None
) -> Factor:
    canvas = access.canvas_scope(store, actor, canvas_id, "edit")
    draft = validate(FactorDraft, {"name": name, "importance": importance, "source_item_id": source_item_id})
    if draft.source_item_id is not None:
        access.item_on_canvas(store, canvas, draft.source_item_id)
    _check_unique_factor(store, canvas.id, draft.name)
    return store.factors.insert(canvas.project_id, {**draft.model_dump(), "canvas_id": canvas.id})


def add_factor_from_item(store: Store, actor: Actor, canvas_id: str, item_id: str) -> Factor:
    """A factor that stands for a customer item on the canvas and carries its rank as importance."""
    canvas = access.canvas_scope(store, actor, canvas_id, "edit")
    item = access.item_on_canvas(store, canvas, item_id)
    return add_factor(store, actor, canvas.id, factor_name_for(item), item.rank, item.id)


def update_factor(store: Store, actor: Actor, factor_id: str, expected_version: int, **changes: Any) -> Factor:
    current: Factor = _row(store, actor, store.factors, factor_id, "edit")
    merged = {"name": current.name, "importance": current.importance, "source_item_id": current.source_item_id}
    merged.update({k: v for k, v in changes.items() if k in ("name", "importance")})
    draft = validate(FactorDraft, merged)
    if comparison.normalize_name(draft.name) != comparison.normalize_name(current.name):
        _check_unique_factor(store, current.canvas_id, draft.name, exclude=factor_id)
    return store.factors.update(current.id, expected_version, {"name": draft.name, "importance": draft.importance})


def delete_factor(
    store: Store, actor: Actor, factor_id: str, expected_version: int | None = None
) -> tuple[Factor, int]:
    """Soft delete; returns the factor and how many scores it held (they come back on Undo)."""
    current: Factor = _row(store, actor, store.factors, factor_id, "edit")
    scored = len(store.scores.for_factors([current.id]))
    return store.factors.soft_delete(current.id, expected_version), scored


def restore_factor(store: Store, actor: Actor, factor_id: str) -> Factor:
    current: Factor = _row(store, actor, store.factors, factor_id, "edit", include_deleted=True)
    _check_unique_factor(store, current.canvas_id, current.name, exclude=current.id)
    return store.factors.restore(current.id)


def suggest_factors(
    items: Iterable[CanvasItem], factors: Iterable[Factor], limit: int = FACTOR_SUGGESTION_LIMIT
) -> list[CanvasItem]:
    """Top-ranked jobs, pains and gains not yet used as a factor (by source or by name)."""
    factor_list = list(factors)
    used_items = {f.source_item_id for f in factor_list if f.source_item_id}
    used_names = {comparison.normalize_name(f.name) for f in factor_list}
    candidates = [
        i
        for i in items
        if i.area in PROFILE_AREAS
        and i.id not in used_items
        and comparison.normalize_name(factor_name_for(i)) not in used_names
    ]
    candidates.sort(key=lambda i: (importance(i), i.id))
    return candidates[:limit]


# -- scores ---------------------------------------------------------------------------


def set_score(
    store: Store,
    actor: Actor,
    factor_id: str,
    competitor_id: str,
    value: int | None,
    expected_version: int | None,
) -> FactorScore | None:
    """Write one cell (factor × offering). `expected_version` is the version the user saw,
    None if the cell was empty. None as value clears the cell. If someone else wrote the
    cell meanwhile, StaleVersion carries their score and nothing changes."""
    factor: Factor = _row(store, actor, store.factors, factor_id, "edit")
    offering: Competitor = _row(store, actor, store.competitors, competitor_id, "edit")
    if factor.canvas_id != offering.canvas_id or factor.project_id != offering.project_id:
        raise NotFound()
    if value is not None:
        value = validate(ScoreDraft, {"factor_id": factor.id, "competitor_id": offering.id, "value": value}).value
    return store.scores.write_cell(factor.project_id, factor.id, offering.id, value, expected_version)


def scores_csv(data: Comparison) -> str:
    """The score table as CSV, one row per factor × offering (empty score = not scored)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for factor in data.factors:
        for offering in data.offerings:
            value = data.scores.get((factor.id, offering.id))
            writer.writerow(
                [
                    spreadsheet_cell(cell)
                    for cell in (factor.name, factor.importance, offering.name, offering.kind, value)
                ]
            )
    return out.getvalue()


@dataclass(frozen=True)
class ScoreChange:
    factor_id: str
    competitor_id: str
    value: int | None


def _decode(raw: bytes | str) -> str:
    if isinstance(raw, str):
        return raw
    if len(raw) > CSV_MAX_BYTES:
        raise InvalidInput([("csv", "competitors.csv.too_big", {"max_kb": CSV_MAX_BYTES // 1000})])
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InvalidInput([("csv", "competitors.csv.unreadable", {})])


def parse_scores_csv(raw: bytes | str, data: Comparison) -> list[ScoreChange]:
    """Read a scores CSV against the canvas; every problem found is reported at once.

    Columns `factor`, `offering` and `score` are required (any order; `importance` and
    `kind` from an export are ignored). Comma, semicolon and tab separators work. An
    empty score clears the cell. Names match case- and whitespace-insensitively.
    """
    text = _decode(raw)
    if not text.strip():
        raise InvalidInput([("csv", "competitors.csv.empty", {})])
    first_line = text.lstrip().splitlines()[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text.lstrip()), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error:
        raise InvalidInput([("csv", "competitors.csv.unreadable", {})]) from None
    header = [comparison.normalize_name(h) for h in rows[0]]
    missing = [c for c in CSV_REQUIRED if c not in header]
    if missing:
        raise InvalidInput([("csv", "competitors.csv.missing_columns", {"columns": ", ".join(missing)})])
    where = {c: header.index(c) for c in CSV_REQUIRED}
    factors = {comparison.normalize_name(f.name): f for f in data.factors}
    offerings = {comparison.normalize_name(o.name): o for o in data.offerings}
    problems: list[tuple[str, str, dict[str, Any]]] = []
    changes: dict[tuple[str, str], ScoreChange] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = {c: (row[i].strip() if i < len(row) else "") for c, i in where.items()}
        factor = factors.get(comparison.normalize_name(from_spreadsheet_cell(cells["factor"])))
        offering = offerings.get(comparison.normalize_name(from_spreadsheet_cell(cells["offering"])))
        if factor is None:
            problems.append(("csv", "competitors.csv.unknown_factor", {"row": line, "name": cells["factor"]}))
        if offering is None:
            problems.append(("csv", "competitors.csv.unknown_offering", {"row": line, "name": cells["offering"]}))
        value: int | None = None
        raw_score = cells["score"].replace(",", ".")
        if raw_score:
            try:
                number = float(raw_score)
            except ValueError:
                number = None
            if number is None or number != number or not number.is_integer():
                problems.append(("csv", "competitors.csv.not_a_number", {"row": line, "value": cells["score"]}))
            elif not SCORE_MIN <= number <= SCORE_MAX:
                problems.append(
                    (
                        "csv",
                        "competitors.csv.out_of_range",
                        {"row": line, "value": cells["score"], "min": SCORE_MIN, "max": SCORE_MAX},
                    )
                )
            else:
                value = int(number)
        if factor is None or offering is None:
            continue
        key = (factor.id, offering.id)
        if key in changes:
            problems.append(
                ("csv", "competitors.csv.duplicate", {"row": line, "factor": factor.name, "offering": offering.name})
            )
        changes[key] = ScoreChange(factor.id, offering.id, value)
    if problems:
        if len(problems) > CSV_MAX_PROBLEMS:
            more = len(problems) - CSV_MAX_PROBLEMS
            problems = [*problems[:CSV_MAX_PROBLEMS], ("csv", "competitors.csv.more_problems", {"count": more})]
        raise InvalidInput(problems)
    if not changes:
        raise InvalidInput([("csv", "competitors.csv.no_rows", {})])
    return list(changes.values())


def import_scores_csv(store: Store, actor: Actor, canvas_id: str, raw: bytes | str) -> int:
    """Apply a scores CSV in one transaction: all rows, or (on any problem) none. Returns
    how many cells changed."""
    access.canvas_scope(store, actor, canvas_id, "edit")
    data = load_comparison(store, actor, canvas_id)
    changes = parse_scores_csv(raw, data)
    cells = [(change.factor_id, change.competitor_id, change.value) for change in changes]
    return store.scores.import_cells(data.canvas.project_id, cells)


# -- ERRC moves -----------------------------------------------------------------------


def accept_suggestion(
    store: Store,
    actor: Actor,
    canvas_id: str,
    suggestion_key: str,
    text: str,
    reason: str,
    action: str | None = None,
) -> ErrcMove:
    """Keep a suggestion as a move; `text` (and `action`) may be the user's edit of it."""
    canvas = access.canvas_scope(store, actor, canvas_id, "edit")
    suggestion = _current_suggestion(store, actor, canvas.id, suggestion_key)
    draft = validate(ErrcMoveDraft, {"action": action or suggestion.action, "text": text, "reason": reason})
    return _insert_move(store, canvas, draft, "accepted", suggestion)


def dismiss_suggestion(
    store: Store, actor: Actor, canvas_id: str, suggestion_key: str, text: str, reason: str
) -> ErrcMove:
    canvas = access.canvas_scope(store, actor, canvas_id, "edit")
    suggestion = _current_suggestion(store, actor, canvas.id, suggestion_key)
    draft = validate(ErrcMoveDraft, {"action": suggestion.action, "text": text, "reason": reason})
    return _insert_move(store, canvas, draft, "dismissed", suggestion)


def _current_suggestion(store: Store, actor: Actor, canvas_id: str, key: str) -> comparison.ErrcSuggestion:
    """The suggestion the canvas makes now under this key: its factor and note come from
    the canvas itself, never from the caller. Gone (the scores changed): NotFound."""
    for suggestion in load_comparison(store, actor, canvas_id).errc_suggestions():
        if suggestion.key == key:
            return suggestion
    raise NotFound()


def add_own_move(store: Store, actor: Actor, canvas_id: str, action: str, text: str, reason: str = "") -> ErrcMove:
    canvas = access.canvas_scope(store, actor, canvas_id, "edit")
    draft = validate(ErrcMoveDraft, {"action": action, "text": text, "reason": reason})
    return _insert_move(store, canvas, draft, "own", None)


def _insert_move(
    store: Store, canvas: Canvas, draft: ErrcMoveDraft, status: str, suggestion: comparison.ErrcSuggestion | None
) -> ErrcMove:
    values: dict[str, Any] = {**draft.model_dump(), "canvas_id": canvas.id, "status": status}
    if suggestion is not None:
        moves = store.errc_moves.for_canvas(canvas.id)
        taken = [m for m in moves if comparison.decided_identity(m) == suggestion.identity]
        if taken:
            raise StaleVersion(taken[0])  # someone decided on this suggestion a moment ago
        values.update(
            suggestion_key=suggestion.action, factor_id=suggestion.factor_id, source_item_id=suggestion.source_item_id
        )
    return store.errc_moves.insert(canvas.project_id, values)


def update_move(store: Store, actor: Actor, move_id: str, expected_version: int, action: str, text: str) -> ErrcMove:
    current: ErrcMove = _row(store, actor, store.errc_moves, move_id, "edit")
    draft = validate(ErrcMoveDraft, {"action": action, "text": text, "reason": current.reason})
    return store.errc_moves.update(current.id, expected_version, {"action": draft.action, "text": draft.text})


def delete_move(store: Store, actor: Actor, move_id: str, expected_version: int | None = None) -> ErrcMove:
    """Soft delete. Deleting a dismissed suggestion's row brings the suggestion back."""
    current: ErrcMove = _row(store, actor, store.errc_moves, move_id, "edit")
    return store.errc_moves.soft_delete(current.id, expected_version)


def restore_move(store: Store, actor: Actor, move_id: str) -> ErrcMove:
    current: ErrcMove = _row(store, actor, store.errc_moves, move_id, "edit", include_deleted=True)
    return store.errc_moves.restore(current.id)
