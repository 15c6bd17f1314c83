"""An import's problems in the user's language: which field, and what is wrong with it."""

from __future__ import annotations

from typing import Any

from export.reader import Problem
from i18n import translate
from i18n.format import format_number

MAX_LISTED_PROBLEMS = 25


def field_label(language: str, field: str) -> str:
    """'items.3.text' -> 'Note 4 · text' in the user's language."""
    parts = field.split(".")
    if not parts or parts[0] in {"file", "format", "schema_version", ""}:
        return translate(language, f"export.doc.{parts[0] or 'file'}")
    label = translate(language, f"export.doc.{parts[0]}")
    if label == f"export.doc.{parts[0]}":
        label = parts[0]
    rest = parts[1:]
    if rest and rest[0].isdigit():
        label = f"{label} {int(rest[0]) + 1}"
        rest = rest[1:]
    return " · ".join([label, *rest]) if rest else label


def describe_problems(language: str, problems: list[Problem]) -> list[str]:
    lines = [
        translate(language, key, field=field_label(language, field), **_readable(language, params))
        for field, key, params in problems[:MAX_LISTED_PROBLEMS]
    ]
    if len(problems) > MAX_LISTED_PROBLEMS:
        lines.append(translate(language, "export.problem.more", count=len(problems) - MAX_LISTED_PROBLEMS))
    return lines


def _readable(language: str, params: dict[str, Any]) -> dict[str, Any]:
    """A measured amount (a float, such as a file's megabytes) as the reader writes it: 16,2 / 16.2."""
    return {
        name: format_number(language, value, decimals=1) if type(value) is float else value
        for name, value in params.items()
    }
