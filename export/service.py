"""Exporting a project from the server: the file, and its line in the project's audit log.

Every way a person takes a project out of the server (the export buttons, the Export
page's PDF) goes through here, so none of them can leave the audit log out. The command
line (`python -m export`) writes files from a JSON document on disk, not from a project
on the server, so there is no project log for it to write to."""

from __future__ import annotations

from collections.abc import Iterable

from core.actors import Actor
from export.bundle import ProjectBundle
from export.files import ExportFile, export_file
from export.sections import SECTIONS
from projects import audit
from projects.access import project_scope
from storage.store import Store


def export_for(
    store: Store,
    actor: Actor,
    bundle: ProjectBundle,
    fmt: str,
    *,
    language: str = "en",
    paper: str = "a4",
    sections: Iterable[str] = SECTIONS,
    canvas_id: str | None = None,
    progress=None,
) -> ExportFile:
    """One file of a project the actor may read (`bundle` from export.bundle.collect), recorded."""
    project_scope(store, actor, bundle.project.id, "read")
    result = export_file(
        bundle, fmt, language=language, paper=paper, sections=sections, canvas_id=canvas_id, progress=progress
    )
    audit.record(store, actor, bundle.project.id, "exported", fmt)
    return result
