"""Exporting project data from the server: the file, and its line in the project's audit log.

Every way a person takes project data out of the server goes through here, so none of
them can leave the audit log out: the project files of every format (`export_for`: the
export buttons, the Export page's PDF) and the other downloads (`download_for`: the JSON
with history, the survey answers CSV, the competitor scores CSV). Each checks the actor's
scope before anything is read, and takes plain values, so a download button may call it
on Streamlit's download thread, outside the page's run. The command line
(`python -m export`) writes files from a JSON document on disk, not from a project on the
server, so there is no project log for it to write to."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from competitors.comparison import load_comparison
from competitors.scores import scores_csv
from core.actors import Actor
from core.errors import NotFound
from core.models import utcnow
from export.bundle import ProjectBundle, collect
from export.files import MIME, ExportFile, export_file, name_for
from export.sections import SECTIONS
from export.writer import write_json
from feedback.export import responses_csv
from history.timeline import history_for_export
from projects import audit
from projects.access import project_scope
from storage.store import Store

if TYPE_CHECKING:
    from export.pdf.frame import Paper  # the PDF writer is imported when a PDF is made

# The downloads that are not a project file of export.files.FORMATS.
DOWNLOADS = ("json_history", "survey_csv", "scores_csv")


def export_for(
    store: Store,
    actor: Actor,
    bundle: ProjectBundle,
    fmt: str,
    *,
    language: str = "en",
    paper: Paper = "a4",
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


def download_for(
    store: Store, actor: Actor, project_id: str, kind: str, *, language: str = "en", canvas_id: str | None = None
) -> ExportFile:
    """One of DOWNLOADS of a project the actor may read, recorded like every export.
    `canvas_id` names the canvas of the scores CSV; one outside the project is not found."""
    project = project_scope(store, actor, project_id, "read")
    if kind == "json_history":
        bundle = replace(collect(store, actor, project.id), history=history_for_export(store, actor, project.id))
        result = ExportFile(write_json(bundle), name_for(project.name, "history", utcnow(), "json"), MIME["json"])
    elif kind == "survey_csv":
        result = ExportFile(responses_csv(store, actor, project.id, language), "survey-answers.csv", MIME["csv"])
    elif kind == "scores_csv":
        comparison = load_comparison(store, actor, canvas_id or "")
        if comparison.canvas.project_id != project.id:
            raise NotFound("error.not_found")
        result = ExportFile(scores_csv(comparison).encode("utf-8"), "scores.csv", MIME["csv"])
    else:
        raise ValueError(f"unknown download {kind!r}")
    audit.record(store, actor, project.id, "exported", kind)
    return result
