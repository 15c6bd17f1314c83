"""Importing a JSON document as a NEW project of the workspace under fresh ids, all of it
or nothing at all. The file is read by export/reader.py; this module writes it.

An allowed import writes its rows in short transactions while the project stays hidden,
so other people's edits never wait on it for long
(storage.snapshot.insert_snapshot_in_batches).
"""

from __future__ import annotations

from typing import Any

from core.actors import Actor
from core.authorship import IMPORT, writing_as
from core.errors import Conflict, RejectedValue
from core.models import Project, ProjectDraft, validate
from export.document_model import ProjectDocument
from export.history_doc import history_rows
from export.reader import InvalidImport, parse_document
from export.upgrades import V0_TABLES
from history import snapshots as history_snapshots
from i18n import translate
from projects import audit
from projects.access import workspace_only
from projects.service import make_owner
from storage.repository import new_id
from storage.snapshot import insert_snapshot_in_batches
from storage.store import Store

# v2 adds the experiments' rows: document list -> snapshot table.
V2_TABLES = {"test_cards": "test_cards", "placements": "assumption_placements"}


def to_snapshot(doc: ProjectDocument) -> dict[str, Any]:
    """The shape storage.snapshot.load_project inserts (it gives every row a fresh id)."""
    snapshot: dict[str, Any] = {"project": doc.project.model_dump()}
    for table in V0_TABLES:
        rows = [row.model_dump(mode="json") for row in getattr(doc, table)]
        if table == "scores":
            for index, row in enumerate(rows):
                row["id"] = f"score{index}"
        if table == "personas":
            for row in rows:
                row["touchpoints"] = [dict(t) for t in row["touchpoints"]]
        snapshot[table] = rows
    for doc_table, table in V2_TABLES.items():
        rows = [row.model_dump() for row in getattr(doc, doc_table)]  # datetimes stay datetimes
        for index, row in enumerate(rows):
            row.setdefault("id", f"{doc_table}{index}")
        snapshot[table] = rows
    return snapshot


def import_document(
    store: Store, actor: Actor, raw: bytes | str, *, language: str = "en", name: str | None = None
) -> Project:
    """Import a file as a NEW project of the workspace; InvalidImport if anything is wrong.
    `name` is the name the user chose for it; without one, the file's name (marked as
    imported when a project already has it).

    The rows go in over many short transactions while the project is hidden, and one last
    short transaction reveals it: all of it or nothing, and no other writer waits long."""
    workspace_only(actor)
    doc = parse_document(raw)
    if name is not None and name.strip():
        name = validate(ProjectDraft, {"name": name, "language": doc.project.language}).name
    else:
        name = doc.project.name
        existing = {summary.name for summary in store.projects.summaries()}
        if name in existing:
            name = translate(language, "export.import.copy_name", name=name)

    def with_history(conn: Any, project_id: str, fresh: dict[str, str]) -> None:
        # In the transaction that reveals the project: the file's history (if it has one),
        # the import in the timeline and the automatic "Imported" snapshot.
        if doc.history is not None:
            entries, snapshots = history_rows(doc.history, fresh, new_id)
            store.history.import_in(conn, project_id, entries, snapshots)
        with writing_as(IMPORT):
            store.history.record_in(conn, project_id, "project.import", label=name)
        history_snapshots.snapshot_in(store, conn, project_id, name, "import", IMPORT)

    try:
        project_id = insert_snapshot_in_batches(store.db, to_snapshot(doc), name=name, on_reveal=with_history)
    except (Conflict, RejectedValue):
        raise InvalidImport([("file", "export.problem.rejected", {})]) from None
    with store.db.transaction() as conn:
        make_owner(store, actor, project_id, conn)
        audit.record(store, actor, project_id, "imported", conn=conn)
    return store.projects.get(project_id)
