"""Worked example projects shipped with the app, each in Bahasa Indonesia and English.

Each example is a JSON file `data/<slug>.<lang>.json` in the snapshot shape that
storage.snapshot.load_project reads, with short local ids ("p1", "i3") for references.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

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
    return load_project(conn, example_document(slug, language))


def seed_samples(conn: Connection) -> None:
    """First run: the sample project in both languages, so every page has real content."""
    for language in LANGUAGES:
        load_example(conn, SAMPLE_SLUG, language)


def copy_example(conn: Connection, slug: str, language: str, name: str) -> str:
    """A user's own editable copy of an example, under the name they see."""
    return load_project(conn, example_document(slug, language), name=name)
