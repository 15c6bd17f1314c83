"""Lifting older documents to the current version, one step at a time.

v0 is the earlier shape: the bare snapshot that storage.snapshot and the shipped examples
use (`{"project": {...}, "segments": [...], ...}` with no format header, rows carrying any
extra database columns). v1 is v2 without history, test cards and map placements.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from export.document_model import (
    FORMAT,
    SCHEMA_VERSION,
    DocCanvas,
    DocCompetitor,
    DocErrcMove,
    DocFactor,
    DocItem,
    DocLink,
    DocPersona,
    DocProject,
    DocScore,
    DocSegment,
)

V0_TABLES = ("segments", "personas", "canvases", "items", "links", "competitors", "factors", "scores", "errc_moves")
V1_MODELS: dict[str, type[BaseModel]] = {
    "segments": DocSegment,
    "personas": DocPersona,
    "canvases": DocCanvas,
    "items": DocItem,
    "links": DocLink,
    "competitors": DocCompetitor,
    "factors": DocFactor,
    "scores": DocScore,
    "errc_moves": DocErrcMove,
}


def _upgrade_v0(data: dict[str, Any]) -> dict[str, Any]:
    """v0 (bare snapshot) -> v1: add the header, keep only the fields v1 knows, order by position."""
    upgraded: dict[str, Any] = {"format": FORMAT, "schema_version": 1}
    project = data.get("project")
    if isinstance(project, dict):
        upgraded["project"] = {k: v for k, v in project.items() if k in DocProject.model_fields}
    else:
        upgraded["project"] = project
    for table in V0_TABLES:
        rows = data.get(table, [])
        if not isinstance(rows, list):
            upgraded[table] = rows
            continue
        known = V1_MODELS[table].model_fields
        kept = []
        for index, row in enumerate(rows):
            if not isinstance(row, dict):
                kept.append((index, 0, row))
                continue
            position = row.get("position", index)
            if not isinstance(position, int | float) or isinstance(position, bool):
                position = index
            kept.append((position, index, {k: v for k, v in row.items() if k in known and v is not None}))
        kept.sort(key=lambda entry: (entry[0], entry[1]))
        upgraded[table] = [row for _, _, row in kept]
    return upgraded


def _upgrade_v1(data: dict[str, Any]) -> dict[str, Any]:
    """v1 -> v2: v2 only adds parts a v1 file never has: the optional `history`, test cards
    and map placements."""
    return {**data, "schema_version": 2}


UPGRADERS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: _upgrade_v0, 1: _upgrade_v1}


def detect_version(data: dict[str, Any]) -> int | None:
    if "format" not in data and "schema_version" not in data and "project" in data:
        return 0
    version = data.get("schema_version")
    return version if isinstance(version, int) and not isinstance(version, bool) else None


def upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """Lift a document of any supported version to the current one, step by step."""
    version = detect_version(data)
    while version is not None and version < SCHEMA_VERSION:
        data = UPGRADERS[version](data)
        version = detect_version(data)
    return data
