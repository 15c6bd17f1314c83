"""Worked example projects shipped with the app, each in Bahasa Indonesia and English.

Each example is a JSON file `data/<slug>.<lang>.json` in the snapshot shape that
storage.snapshot.load_project reads, with short local ids ("p1", "i3") for references.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from feedback import parsing as survey_parsing
from storage.feedback import add_responses_in, persona_ids_in
from storage.repository import Connection
from storage.snapshot import load_project

DATA_DIR = Path(__file__).parent / "data"
LANGUAGES = ("id", "en")
# The example every new installation starts with.
SAMPLE_SLUG = "campus_library"


def example_slugs() -> list[str]:
    return sorted({path.name.split(".")[0] for path in DATA_DIR.glob("*.json")})


@cache
def _read(slug: str, language: str) -> str:
    return (DATA_DIR / f"{slug}.{language}.json").read_text(encoding="utf-8")


def example_document(slug: str, language: str) -> dict[str, Any]:
    """A fresh copy each call, so callers can't alter the cached text."""
    return json.loads(_read(slug, language))


def load_example(conn: Connection, slug: str, language: str) -> str:
    return _with_survey(conn, load_project(conn, example_document(slug, language)), slug, language)


def survey_file(slug: str, language: str) -> Path:
    """The made-up survey answers an example ships with (issue 17), if it has any."""
    return DATA_DIR / "surveys" / f"{slug}.{language}.csv"


def _with_survey(conn: Connection, project_id: str, slug: str, language: str) -> str:
    path = survey_file(slug, language)
    if path.exists():
        preview = survey_parsing.preview(path.read_bytes(), path.name)
        add_responses_in(conn, project_id, survey_parsing.stored_values(preview.good, persona_ids_in(conn, project_id)))
    return project_id


def seed_samples(conn: Connection) -> None:
    """First run: the sample project in both languages, so every page has real content."""
    for language in LANGUAGES:
        load_example(conn, SAMPLE_SLUG, language)


def copy_example(conn: Connection, slug: str, language: str, name: str) -> str:
    """A user's own editable copy of an example, under the name they see."""
    return _with_survey(conn, load_project(conn, example_document(slug, language), name=name), slug, language)
