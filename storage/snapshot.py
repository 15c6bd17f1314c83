"""Copy a whole project: dump its rows, load them back under fresh ids.

Duplicating a project, seeding the sample projects and importing a JSON export all go
through `load_project`, so there is one place that knows how rows refer to each other.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import suppress
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from core.errors import StorageUnavailable
from core.models import utcnow
from storage import tables
from storage.history import record_event
from storage.projects import delete_project_rows
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
    "test_cards": ("canvas_id",),
    "assumption_placements": ("canvas_id", "item_id"),
    # The customer's voice (issue 17): copied with a duplicated project, not part of the JSON file yet.
    "feedback_responses": ("persona_id",),
    "feedback_themes": ("item_id",),
    "feedback_actions": (),
}
# Ids held inside JSON columns: a test card's list of notes and its texts keyed by note.
ID_LISTS: dict[str, tuple[str, ...]] = {"test_cards": ("item_ids",)}
ID_KEYED: dict[str, tuple[str, ...]] = {"test_cards": ("item_texts",)}
# Workshop bookkeeping stays behind when a project is copied.
WORKSHOP_ONLY = ("participant_id", "hidden")

SNAPSHOT_TABLES = (*tables.PROJECT_CONTENT, *reversed(tables.FEEDBACK_TABLES))


def dump_project(conn: sa.Connection, project_id: str) -> dict[str, Any]:
    """Every live row of a project, as plain dicts keyed by table name."""
    project = conn.execute(sa.select(tables.projects).where(tables.projects.c.id == project_id)).first()
    snapshot: dict[str, Any] = {"project": dict(project._mapping) if project else None}
    for table in SNAPSHOT_TABLES:
        rows = conn.execute(sa.select(table).where(table.c.project_id == project_id, table.c.deleted_at.is_(None)))
        snapshot[table.name] = [dict(row._mapping) for row in rows]
    return snapshot


def _project_row(snapshot: dict[str, Any], project_id: str, name: str | None, now: datetime) -> dict[str, Any]:
    source = snapshot["project"]
    return {
        "id": project_id,
        "name": name or source["name"],
        "description": source.get("description", ""),
        "language": source.get("language", "id"),
        "guided": bool(source.get("guided", False)),
        "revision": 1,
        "version": 1,
        "created_at": now,
        "updated_at": now,
    }


def _content_rows(
    snapshot: dict[str, Any], project_id: str, now: datetime, fresh: dict[str, str] | None = None
) -> Iterator[tuple[sa.Table, list[dict[str, Any]]]]:
    """The snapshot's rows under fresh ids, parents first, as (table, rows of one key set).

    Optional references that point at nothing in the snapshot become None, and rows whose
    required reference points at nothing are skipped, so a dangling reference can never
    attach to another project's row nor break the copy.
    """
    fresh = {} if fresh is None else fresh  # the caller's dict, filled: old id -> new id
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
            _remap_json_ids(table.name, values, fresh)
            batches.setdefault(frozenset(values), []).append(values)
        # executemany needs one key set per statement.
        for batch in batches.values():
            yield table, batch


def _remap_json_ids(table_name: str, values: dict[str, Any], fresh: dict[str, str]) -> None:
    """Ids inside JSON columns under their fresh ids. A note that was not copied (it was
    deleted) gets an id of its own that names nothing, so the card keeps its text and can
    never point at another project's note."""
    gone: dict[str, str] = {}

    def moved(old: str) -> str:
        return fresh.get(old) or gone.setdefault(old, new_id())

    for column in ID_LISTS.get(table_name, ()):
        values[column] = [moved(str(old)) for old in values.get(column) or []]
    for column in ID_KEYED.get(table_name, ()):
        values[column] = {moved(str(old)): text for old, text in (values.get(column) or {}).items()}


def load_project(conn: sa.Connection, snapshot: dict[str, Any], *, name: str | None = None) -> str:
    """Insert a snapshot as a new project in the caller's transaction; ids are all fresh.
    Returns the new project id."""
    now = utcnow()
    project_id = new_id()
    row = _project_row(snapshot, project_id, name, now)
    conn.execute(tables.projects.insert().values(**row))
    for table, rows in _content_rows(snapshot, project_id, now):
        conn.execute(table.insert(), rows)
    record_event(conn, project_id, "project.add", label=row["name"])  # a copy starts its own history
    return project_id


def insert_snapshot(db: Database, snapshot: dict[str, Any], *, name: str | None = None) -> str:
    """`load_project` in a transaction of its own: all of it or nothing. A snapshot the
    database refuses raises Conflict or RejectedValue."""
    with db.transaction() as conn:
        return load_project(conn, snapshot, name=name)


# -- big imports: many short transactions, all or nothing to the user ---------------------
# Rows per write transaction. On SQLite a transaction holds the one write lock, so a big
# import in one transaction made every other writer wait (12 s for 200,000 notes, longer
# than the busy timeout). A batch of this size commits in a few tens of milliseconds.
IMPORT_BATCH_ROWS = 2000
# Pause between two batches on SQLite. A writer that found the lock taken sleeps in
# SQLite's busy handler and looks again at most every 100 ms; without a pause the import
# takes the lock back before it looks, again and again, and that writer waits for the
# whole import.
IMPORT_PAUSE_S = 0.1
# An import still marked as running after this long was cut off (a crash, a kill): its
# rows are removed when the app starts. Far above the time a capped import takes, so a
# process starting beside another one's running import (PostgreSQL) leaves it alone.
ABANDONED_IMPORT_AFTER = timedelta(minutes=30)


def _batches(
    inserts: Iterator[tuple[sa.Table, list[dict[str, Any]]]], batch_rows: int
) -> Iterator[list[tuple[sa.Table, list[dict[str, Any]]]]]:
    """The inserts regrouped into transactions of at most `batch_rows` rows, tables in order."""
    batch: list[tuple[sa.Table, list[dict[str, Any]]]] = []
    size = 0
    for table, rows in inserts:
        start = 0
        while start < len(rows):
            taken = rows[start : start + batch_rows - size]
            batch.append((table, taken))
            size += len(taken)
            start += len(taken)
            if size == batch_rows:
                yield batch
                batch, size = [], 0
    if batch:
        yield batch


def _pause_between_batches(db: Database) -> float:
    # PostgreSQL locks rows, not the database: other writers never wait on these batches.
    return IMPORT_PAUSE_S if db.engine.dialect.name == "sqlite" else 0


def insert_snapshot_in_batches(
    db: Database,
    snapshot: dict[str, Any],
    *,
    name: str | None = None,
    batch_rows: int = IMPORT_BATCH_ROWS,
    on_reveal: Callable[[sa.Connection, str, dict[str, str]], None] | None = None,
) -> str:
    """Insert a snapshot as a new project in many short transactions, so other writers never
    wait long. The project is marked as importing (hidden from every listing and lookup)
    until the last step reveals it in one short transaction; if anything fails, the rows
    written so far are deleted and the error is raised. Returns the new project id.
    `on_reveal(conn, project_id, ids)` runs in the revealing transaction, with the map of
    the snapshot's ids to the new ones (the version history of an import is written there).
    """
    now = utcnow()
    project_id = new_id()
    fresh: dict[str, str] = {}
    pause = _pause_between_batches(db)
    with db.transaction() as conn:
        conn.execute(
            tables.projects.insert().values(**_project_row(snapshot, project_id, name, now), importing_since=now)
        )
    try:
        for index, batch in enumerate(_batches(_content_rows(snapshot, project_id, now, fresh), batch_rows)):
            if index and pause:
                time.sleep(pause)
            with db.transaction() as conn:
                for table, rows in batch:
                    conn.execute(table.insert(), rows)
        with db.transaction() as conn:
            conn.execute(
                sa.update(tables.projects)
                .where(tables.projects.c.id == project_id)
                .values(importing_since=None, updated_at=utcnow())
            )
            if on_reveal is not None:
                on_reveal(conn, project_id, fresh)
    except BaseException:
        # If the database is down now, purge_abandoned_imports removes the rows on a later start.
        with suppress(StorageUnavailable):
            delete_project_in_batches(db, project_id, batch_rows=batch_rows)
        raise
    return project_id


def delete_project_in_batches(db: Database, project_id: str, *, batch_rows: int = IMPORT_BATCH_ROWS) -> None:
    """Delete a project and its content, a batch of rows per short transaction, children first."""
    pause = _pause_between_batches(db)
    for table in reversed(tables.PROJECT_CONTENT):
        batch = sa.select(table.c.id).where(table.c.project_id == project_id).limit(batch_rows).scalar_subquery()
        while True:
            with db.transaction() as conn:
                if conn.execute(sa.delete(table).where(table.c.id.in_(batch))).rowcount < batch_rows:
                    break
            if pause:
                time.sleep(pause)
    with db.transaction() as conn:
        delete_project_rows(conn, project_id)


def purge_abandoned_imports(db: Database, older_than: timedelta = ABANDONED_IMPORT_AFTER) -> int:
    """Remove what imports cut off by a crash left behind; returns how many projects."""
    cutoff = utcnow() - older_than
    with db.reading() as conn:
        abandoned = list(
            conn.execute(
                sa.select(tables.projects.c.id).where(
                    tables.projects.c.importing_since.is_not(None), tables.projects.c.importing_since < cutoff
                )
            ).scalars()
        )
    for project_id in abandoned:
        delete_project_in_batches(db, project_id)
    return len(abandoned)
