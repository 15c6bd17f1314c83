"""Snapshots: a project's canvases saved under a name, by hand or when a workshop starts or
ends, an import lands or a restore runs (history/restore.py brings one back).

Every function a page calls takes `store, actor` and checks the project's scope first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from core.actors import Actor
from core.authorship import IMPORT, Author, author_of, writing_as
from core.errors import InvalidInput, NotFound
from projects.access import project_scope
from storage.store import Store

SNAPSHOT_NAME_MAX = 120
# Snapshots one project keeps at most by hand (each holds every note of the project): a
# flood of clicks can't fill the disk. Automatic ones (workshops, imports, restores) are
# not refused: the change they guard matters more than the count.
MANUAL_SNAPSHOTS_MAX = 200
# Kinds of snapshot: taken by hand, when a workshop starts / ends, on import, before a restore.
SNAPSHOT_KINDS = ("manual", "workshop_start", "workshop_end", "import", "before_restore")


@dataclass(frozen=True)
class Snapshot:
    id: str
    name: str
    kind: str
    who: str
    created_at: datetime
    revision: int


def _snapshot(row: dict[str, Any]) -> Snapshot:
    return Snapshot(row["id"], row["name"], row["kind"], row["who"], row["created_at"], row["revision"])


def snapshots(store: Store, actor: Actor, project_id: str) -> list[Snapshot]:
    project = project_scope(store, actor, project_id, "read")
    return [_snapshot(row) for row in store.history.snapshots(project.id)]


def _clean_name(name: str) -> str:
    clean = " ".join(str(name or "").split())[:SNAPSHOT_NAME_MAX]
    if not clean:
        raise InvalidInput([("name", "history.error.snapshot_name", {})])
    return clean


def take_snapshot(store: Store, actor: Actor, project_id: str, name: str, *, kind: str = "manual") -> Snapshot:
    """Save the project's canvases as they are now under a name ("Sebelum wawancara")."""
    clean = _clean_name(name)
    project = project_scope(store, actor, project_id, "edit")
    if store.history.count_snapshots(project.id, kind="manual") >= MANUAL_SNAPSHOTS_MAX:
        raise InvalidInput([("name", "history.error.too_many_snapshots", {"limit": MANUAL_SNAPSHOTS_MAX})])
    with store.db.transaction() as conn:
        return _save(store, conn, project.id, clean, kind, author_of(actor))


def _save(store: Store, conn: Any, project_id: str, name: str, kind: str, author: Author) -> Snapshot:
    row = store.history.save_snapshot_in(conn, project_id, name, kind, author.name)
    with writing_as(author):
        store.history.record_in(
            conn, project_id, "snapshot.add", label=name, detail={"snapshot_id": row["id"], "kind": kind}
        )
    return _snapshot(row)


def snapshot_in(store: Store, conn: Any, project_id: str, name: str, kind: str, author: Author = IMPORT) -> Snapshot:
    """An automatic snapshot inside the caller's transaction (a workshop starting or ending,
    an import): the caller has already checked the actor's scope."""
    return _save(store, conn, project_id, name[:SNAPSHOT_NAME_MAX], kind, author)


def delete_snapshot(store: Store, actor: Actor, project_id: str, snapshot_id: str) -> None:
    project = project_scope(store, actor, project_id, "edit")
    row = store.history.snapshot(snapshot_id)
    if row is None or row["project_id"] != project.id:
        raise NotFound("history.error.snapshot_not_found")
    store.history.delete_snapshot(snapshot_id)
