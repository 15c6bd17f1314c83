"""Copy a whole project: dump its rows, load them back under fresh ids.

Duplicating a project, seeding the sample projects and importing a JSON export all go
through `load_project`, so there is one place that knows how rows refer to each other.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from core.models import utcnow
from storage import tables
from storage.repository import Database, new_id

# Which columns hold ids of other rows, per table. Everything not listed is plain data.
REFERENCES: dict[str, tuple[str, ...]] = {
    "segments": (),
    "personas": ("segment_id",),
    "canvases": ("segment_id", "persona_id"),
    "items": ("canvas_id", "persona_id", "merged_into"),
    "links": ("canvas_id", "source_id", "target_id"),
    "competitors": ("canvas_id",),
    "factors": ("canvas_id", "source_item_id"),
    "scores": ("factor_id", "competitor_id"),
    "errc_moves": ("canvas_id", "factor_id", "source_item_id"),
}
# Workshop bookkeeping stays behind when a project is copied.
WORKSHOP_ONLY = ("participant_id", "hidden")

SNAPSHOT_TABLES = tuple(t for t in tables.PROJECT_CONTENT)


def dump_project(conn: sa.Connection, project_id: str) -> dict[str, Any]:
    """Every live row of a project, as plain dicts keyed by table name."""
    project = conn.execute(sa.select(tables.projects).where(tables.projects.c.id == project_id)).first()
    snapshot: dict[str, Any] = {"project": dict(project._mapping) if project else None}
    for table in SNAPSHOT_TABLES:
        rows = conn.execute(sa.select(table).where(table.c.project_id == project_id, table.c.deleted_at.is_(None)))
        snapshot[table.name] = [dict(row._mapping) for row in rows]
    return snapshot


def load_project(conn: sa.Connection, snapshot: dict[str, Any], *, name: str | None = None) -> str:
    """Insert a snapshot as a new project; ids are all fresh. Returns the new project id.

    Optional references that point at nothing in the snapshot become None, and rows whose
    required reference points at nothing are skipped, so a dangling reference can never
    attach to another project's row nor break the copy.
    """
    now = utcnow()
    project_id = new_id()
    source = snapshot["project"]
    conn.execute(
        tables.projects.insert().values(
            id=project_id,
            name=name or source["name"],
            description=source.get("description", ""),
            language=source.get("language", "id"),
            guided=bool(source.get("guided", False)),
            revision=1,
            version=1,
            created_at=now,
            updated_at=now,
        )
    )
    fresh: dict[str, str] = {}
    for table in SNAPSHOT_TABLES:
        for row in snapshot.get(table.name, []):
            fresh[row["id"]] = new_id()
    for table in SNAPSHOT_TABLES:
        # A row whose required reference points at nothing copied (say, a link to a note
        # that sits in the trash) is left out; parents come first, so one pass suffices.
        required = [ref for ref in REFERENCES[table.name] if not table.c[ref].nullable]
        rows = []
        for row in snapshot.get(table.name, []):
            if all(fresh.get(row.get(ref)) is not None for ref in required):
                rows.append(row)
            else:
                fresh.pop(row["id"], None)
        if not rows:
            continue
        columns = set(table.c.keys())
        batches: dict[frozenset[str], list[dict[str, Any]]] = {}
        list_columns = [c.name for c in table.c if isinstance(c.type, sa.JSON) and not c.nullable]
        for index, row in enumerate(rows):
            values = {key: value for key, value in row.items() if key in columns}
            for column in list_columns:
                values.setdefault(column, [])
            if "position" in columns:
                values.setdefault("position", index)
            values.update(
                id=fresh[row["id"]], project_id=project_id, version=1, created_at=now, updated_at=now, deleted_at=None
            )
            for ref in REFERENCES[table.name]:
                if values.get(ref) is not None:
                    values[ref] = fresh.get(values[ref])
            for key in WORKSHOP_ONLY:
                values.pop(key, None)
            batches.setdefault(frozenset(values), []).append(values)
        # executemany needs one key set per statement.
        for batch in batches.values():
            conn.execute(table.insert(), batch)
    return project_id


def insert_snapshot(db: Database, snapshot: dict[str, Any], *, name: str | None = None) -> str:
    """`load_project` in a transaction of its own: all of it or nothing. A snapshot the
    database refuses raises Conflict or RejectedValue."""
    with db.transaction() as conn:
        return load_project(conn, snapshot, name=name)
