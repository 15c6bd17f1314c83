"""The worked examples as the Examples page shows them: their documents, what each holds,
a read-only view, and the workspace's own copy."""

from __future__ import annotations

from typing import Any

from classroom.view import ProjectView, view_from_document
from core.models import Project
from examples import example_document, example_slugs
from i18n import plural
from projects.service import copy_example
from ui.common.actor import require_workspace
from ui.common.state import get_store


def documents(language: str) -> list[tuple[str, dict[str, Any]]]:
    """(slug, document) of each shipped example, in the user's language."""
    return [(slug, example_document(slug, language)) for slug in example_slugs()]


def contents_line(language: str, doc: dict[str, Any]) -> str:
    """ "2 segments · 3 personas · ..." for one example."""
    return " · ".join(
        plural(language, f"paths.count.{part}", count)
        for part, count in (
            ("segments", len(doc["segments"])),
            ("personas", len(doc["personas"])),
            ("canvases", len(doc["canvases"])),
            ("offerings", len(doc.get("competitors", []))),
        )
    )


def preview(doc: dict[str, Any]) -> ProjectView:
    return view_from_document(doc)


def copy(slug: str, language: str, name: str) -> Project:
    """The workspace's own copy of the example (its owner's: refused without a workspace)."""
    return copy_example(get_store(), require_workspace(), slug, language, name)
