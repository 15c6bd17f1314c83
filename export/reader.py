"""Reading a file as a valid current-version document, or InvalidImport listing every
problem (shape, references and limits) at once. Nothing here writes.

Limits: a file of at most MAX_BYTES (16 MB), checked before it is parsed, and at most
MAX_ROWS of each kind (20,000 notes), counted before any model is built; a bigger file is
refused with a message that names the limit.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from canvas.models import (
    LINK_TARGET,
    PROFILE_AREAS,
    Area,
    owned_by_canvas,
)
from core.errors import InvalidInput
from core.models import problems_from
from export.document_model import (
    FORMAT,
    SUPPORTED_VERSIONS,
    ProjectDocument,
)
from export.upgrades import detect_version, upgrade

# Room for a project at the note cap with notes of usual length (20,000 notes export to
# about 8-10 MB); the densest file of this size parses in about 120 MB before the counts refuse it.
MAX_BYTES = 16 * 1024 * 1024
# The most rows of each kind one import takes. A 300,000-note file took 75 s and 1 GB;
# 20,000 notes (far beyond any real canvas work) import in a few seconds.
MAX_ROWS: dict[str, int] = {
    "segments": 500,
    "personas": 500,
    "canvases": 500,
    "items": 20_000,
    "links": 40_000,
    "competitors": 1_000,
    "factors": 2_000,
    "scores": 40_000,
    "errc_moves": 2_000,
    "test_cards": 2_000,
    "placements": 20_000,
}


class InvalidImport(InvalidInput):
    """The file can't be imported; `problems` lists every reason, nothing was written."""

    key = "export.import.invalid"


Problem = tuple[str, str, dict[str, Any]]


def _problems_of(error: ValidationError) -> list[Problem]:
    problems: list[Problem] = []
    for detail, problem in zip(error.errors(), problems_from(error), strict=True):
        if detail["type"] == "extra_forbidden":
            problems.append((problem[0], "export.problem.unexpected_field", {}))
        elif detail["type"] == "string_pattern_mismatch":
            problems.append((problem[0], "export.problem.bad_id", {}))
        else:
            problems.append(problem)
    return problems


class _Row:
    """A raw row seen by the reference checks: string fields only, anything else reads as None.

    The checks run on the raw data, so a file with both shape errors and dangling references
    gets one message that lists both; pydantic reports the shape errors.
    """

    __slots__ = ("_data",)

    def __init__(self, data: object) -> None:
        self._data = data if isinstance(data, dict) else {}

    def __getattr__(self, name: str) -> str | None:
        value = self._data.get(name)
        return value.strip() if isinstance(value, str) else None


def _area(value: str | None) -> Area | None:
    if value is None:
        return None
    try:
        return Area(value)
    except ValueError:
        return None


def check_references(data: dict[str, Any]) -> list[Problem]:
    """What pydantic can't see alone: ids unique, every reference resolves, links make sense."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}

    def rows(table: str) -> list[_Row]:
        value = data.get(table)
        return [_Row(row) for row in value] if isinstance(value, list) else []

    for table in ("segments", "personas", "canvases", "items", "links", "competitors", "factors", "errc_moves"):
        for index, row in enumerate(rows(table)):
            if row.id is None:
                continue
            if row.id in seen:
                problems.append((f"{table}.{index}.id", "export.problem.duplicate_id", {"ref": row.id}))
            seen[row.id] = table

    def resolve(path: str, ref: str | None, table: str) -> bool:
        if ref is None:
            return True
        if seen.get(ref) != table:
            problems.append((path, "export.problem.unknown_ref", {"ref": ref}))
            return False
        return True

    for i, persona in enumerate(rows("personas")):
        resolve(f"personas.{i}.segment_id", persona.segment_id, "segments")
    canvases = {c.id: c for c in rows("canvases") if c.id is not None}
    for i, canvas in enumerate(rows("canvases")):
        resolve(f"canvases.{i}.segment_id", canvas.segment_id, "segments")
        resolve(f"canvases.{i}.persona_id", canvas.persona_id, "personas")
    items: dict[str, _Row] = {}
    for i, item in enumerate(rows("items")):
        if item.id is not None:
            items[item.id] = item
        if (item.canvas_id is None) == (item.persona_id is None):
            problems.append((f"items.{i}", "export.problem.item_owner", {}))
            continue
        resolve(f"items.{i}.canvas_id", item.canvas_id, "canvases")
        resolve(f"items.{i}.persona_id", item.persona_id, "personas")
        area = _area(item.area)
        if item.persona_id is not None and area is not None and area not in PROFILE_AREAS:
            problems.append((f"items.{i}.area", "export.problem.value_map_on_persona", {}))

    def on_canvas(item: _Row, canvas_id: str) -> bool:
        canvas = canvases.get(canvas_id)
        return owned_by_canvas(item.canvas_id, item.persona_id, canvas_id, canvas.persona_id if canvas else None)

    link_pairs: set[tuple[str, str, str]] = set()
    for i, link in enumerate(rows("links")):
        ok = resolve(f"links.{i}.canvas_id", link.canvas_id, "canvases")
        ok = resolve(f"links.{i}.source_id", link.source_id, "items") and ok
        ok = resolve(f"links.{i}.target_id", link.target_id, "items") and ok
        if not ok or link.source_id is None or link.target_id is None or link.canvas_id is None:
            continue
        source, target = items[link.source_id], items[link.target_id]
        source_area, target_area = _area(source.area), _area(target.area)
        if source_area is None or target_area is None:
            continue  # pydantic names the bad area
        if LINK_TARGET.get(source_area) != target_area:
            problems.append((f"links.{i}", "export.problem.link_areas", {"source": source_area, "target": target_area}))
        elif not (on_canvas(source, link.canvas_id) and on_canvas(target, link.canvas_id)):
            problems.append((f"links.{i}", "export.problem.link_canvas", {}))
        pair = (link.canvas_id, link.source_id, link.target_id)
        if pair in link_pairs:
            problems.append((f"links.{i}", "export.problem.duplicate_link", {}))
        link_pairs.add(pair)
    competitor_canvas = {}
    for i, competitor in enumerate(rows("competitors")):
        resolve(f"competitors.{i}.canvas_id", competitor.canvas_id, "canvases")
        competitor_canvas[competitor.id] = competitor.canvas_id
    factor_canvas = {}
    for i, factor in enumerate(rows("factors")):
        resolve(f"factors.{i}.canvas_id", factor.canvas_id, "canvases")
        resolve(f"factors.{i}.source_item_id", factor.source_item_id, "items")
        factor_canvas[factor.id] = factor.canvas_id
    score_pairs: set[tuple[str, str]] = set()
    for i, score in enumerate(rows("scores")):
        ok = resolve(f"scores.{i}.factor_id", score.factor_id, "factors")
        ok = resolve(f"scores.{i}.competitor_id", score.competitor_id, "competitors") and ok
        if score.factor_id is None or score.competitor_id is None:
            continue
        if ok and factor_canvas[score.factor_id] != competitor_canvas[score.competitor_id]:
            problems.append((f"scores.{i}", "export.problem.score_canvas", {}))
        score_pair = (score.factor_id, score.competitor_id)
        if score_pair in score_pairs:
            problems.append((f"scores.{i}", "export.problem.duplicate_score", {}))
        score_pairs.add(score_pair)
    for i, move in enumerate(rows("errc_moves")):
        resolve(f"errc_moves.{i}.canvas_id", move.canvas_id, "canvases")
        resolve(f"errc_moves.{i}.factor_id", move.factor_id, "factors")
        resolve(f"errc_moves.{i}.source_item_id", move.source_item_id, "items")
    problems += _experiment_references(data, seen, items, on_canvas)
    return problems


def _experiment_references(
    data: dict[str, Any], seen: dict[str, str], items: dict[str, _Row], on_canvas: Callable[[_Row, str], bool]
) -> list[Problem]:
    """A card's notes are on its canvas, or gone with their text kept; a placement's note is
    on its canvas."""
    problems: list[Problem] = []
    cards = data.get("test_cards")
    for i, raw in enumerate(cards if isinstance(cards, list) else []):
        card = _Row(raw)
        if card.id is not None and card.id in seen:
            problems.append((f"test_cards.{i}.id", "export.problem.duplicate_id", {"ref": card.id}))
        if card.canvas_id is not None and seen.get(card.canvas_id) != "canvases":
            problems.append((f"test_cards.{i}.canvas_id", "export.problem.unknown_ref", {"ref": card.canvas_id}))
            continue
        fields = raw if isinstance(raw, dict) else {}
        given_texts, given_ids = fields.get("item_texts"), fields.get("item_ids")
        texts = given_texts if isinstance(given_texts, dict) else {}
        item_ids = given_ids if isinstance(given_ids, list) else []
        for j, item_id in enumerate(item_ids):
            if not isinstance(item_id, str):
                continue
            if item_id in items:
                if card.canvas_id is not None and not on_canvas(items[item_id], card.canvas_id):
                    problems.append((f"test_cards.{i}.item_ids.{j}", "export.problem.link_canvas", {}))
            elif item_id in seen or not texts.get(item_id):
                problems.append((f"test_cards.{i}.item_ids.{j}", "export.problem.unknown_ref", {"ref": item_id}))
    placements = data.get("placements")
    for i, placement in enumerate(_Row(row) for row in (placements if isinstance(placements, list) else [])):
        if placement.canvas_id is None or placement.item_id is None:
            continue
        if seen.get(placement.canvas_id) != "canvases" or placement.item_id not in items:
            problems.append((f"placements.{i}", "export.problem.unknown_ref", {"ref": placement.item_id}))
        elif not on_canvas(items[placement.item_id], placement.canvas_id):
            problems.append((f"placements.{i}", "export.problem.link_canvas", {}))
    return problems


def _over_the_limits(data: dict[str, Any]) -> list[Problem]:
    """Each kind of row the file has more of than an import takes (counted on the raw
    lists, before any model is built)."""
    problems: list[Problem] = []
    for table, limit in MAX_ROWS.items():
        rows = data.get(table)
        if isinstance(rows, list) and len(rows) > limit:
            problems.append((table, f"export.problem.too_many_{table}", {"count": len(rows), "limit": limit}))
    return problems


def parse_document(raw: bytes | str) -> ProjectDocument:
    """Bytes of a file -> a valid current-version document, or InvalidImport listing every problem."""
    size = len(raw.encode("utf-8") if isinstance(raw, str) else raw)
    if size > MAX_BYTES:
        raise InvalidImport(
            [
                (
                    "file",
                    "export.problem.too_large",
                    {"size": size / 1024 / 1024, "limit": MAX_BYTES // (1024 * 1024)},
                )
            ]
        )
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InvalidImport([("file", "export.problem.not_utf8", {})]) from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise InvalidImport(
            [("file", "export.problem.not_json", {"line": error.lineno, "column": error.colno, "detail": error.msg})]
        ) from None
    except (RecursionError, ValueError):
        raise InvalidImport([("file", "export.problem.not_json", {"line": 1, "column": 1, "detail": "-"})]) from None
    if (
        not isinstance(data, dict)
        or (data.get("format", FORMAT) != FORMAT)
        or ("format" not in data and "project" not in data)
    ):
        raise InvalidImport([("format", "export.problem.not_nilai", {})])
    version = detect_version(data)
    if version not in SUPPORTED_VERSIONS:
        shown = data.get("schema_version")
        raise InvalidImport(
            [
                (
                    "schema_version",
                    "export.problem.unsupported_version",
                    {
                        "version": shown if isinstance(shown, int | str) else "?",
                        "supported": ", ".join(str(v) for v in SUPPORTED_VERSIONS),
                    },
                )
            ]
        )
    too_many = _over_the_limits(data)
    if too_many:
        raise InvalidImport(too_many)
    data = upgrade(data)
    # Control characters (a NUL too) in text are cleaned by the models' text types (core.text).
    problems: list[Problem] = []
    doc: ProjectDocument | None = None
    try:
        doc = ProjectDocument.model_validate(data)
    except ValidationError as error:
        problems += _problems_of(error)
    problems += check_references(data)
    if problems or doc is None:
        raise InvalidImport(problems)
    return doc
