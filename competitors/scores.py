"""Scores: one offering on one factor, 0-10, set per cell with a version check (two people on
one cell never overwrite each other silently), and the scores as a CSV out and in, read
within bounds.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from competitors import analysis
from competitors.comparison import Comparison, load_comparison, row_in_scope
from competitors.models import (
    Competitor,
    Factor,
    FactorScore,
    ScoreDraft,
)
from core.actors import Actor
from core.errors import InvalidInput, NotFound
from core.models import validate
from core.text import from_spreadsheet_cell, spreadsheet_cell
from projects import access
from storage.store import Store

CSV_COLUMNS = ("factor", "importance", "offering", "kind", "score")
CSV_REQUIRED = ("factor", "offering", "score")
CSV_MAX_BYTES = 1_000_000
CSV_MAX_PROBLEMS = 25
SCORE_MIN, SCORE_MAX = 0, 10


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
    factor: Factor = row_in_scope(store, actor, store.factors, factor_id, "edit")
    offering: Competitor = row_in_scope(store, actor, store.competitors, competitor_id, "edit")
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
    header = [analysis.normalize_name(h) for h in rows[0]]
    missing = [c for c in CSV_REQUIRED if c not in header]
    if missing:
        raise InvalidInput([("csv", "competitors.csv.missing_columns", {"columns": ", ".join(missing)})])
    where = {c: header.index(c) for c in CSV_REQUIRED}
    factors = {analysis.normalize_name(f.name): f for f in data.factors}
    offerings = {analysis.normalize_name(o.name): o for o in data.offerings}
    problems: list[tuple[str, str, dict[str, Any]]] = []
    changes: dict[tuple[str, str], ScoreChange] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = {c: (row[i].strip() if i < len(row) else "") for c, i in where.items()}
        factor = factors.get(analysis.normalize_name(from_spreadsheet_cell(cells["factor"])))
        offering = offerings.get(analysis.normalize_name(from_spreadsheet_cell(cells["offering"])))
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
