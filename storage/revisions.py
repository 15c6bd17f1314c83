"""Project revisions: every write moves its project's revision, which browsers poll to
see that something changed. Moved at the end of the write's transaction, with its commit."""

from __future__ import annotations

import sqlalchemy as sa

from core.models import utcnow
from storage import tables

# Projects whose revision this transaction moves (kept on the connection while it is open).
PENDING_BUMPS = "nilai.pending_revision_bumps"


def bump_revision(conn: sa.Connection, project_id: str) -> None:
    """Move the project's revision when this transaction commits. The bump locks the
    project's row until the commit, and every writer to the project waits for that lock
    (a room of 200 adds 20 notes a second), so it comes last: see bump_and_commit."""
    pending = conn.info.get(PENDING_BUMPS)
    if pending is None:  # a transaction not from Database.transaction: bump now
        _bump(conn, project_id)
    else:
        pending.add(project_id)


def pending_bumps(conn: sa.Connection, project_id: str) -> int:
    """1 when this transaction will move the project's revision on commit, else 0."""
    return int(project_id in conn.info.get(PENDING_BUMPS, ()))


def _bump(conn: sa.Connection, project_id: str) -> None:
    conn.execute(
        sa.update(tables.projects)
        .where(tables.projects.c.id == project_id)
        .values(revision=tables.projects.c.revision + 1, updated_at=utcnow())
    )


def bump_and_commit(conn: sa.Connection, project_ids: set[str]) -> None:
    """The transaction's revision bumps, then its commit. On PostgreSQL both go in one
    pipeline, so the server commits right after the bump instead of holding the row lock
    while the answer travels back and this thread waits its turn for the GIL (under load
    that wait made every other writer queue for seconds). SQLAlchemy's own commit that
    follows finds the transaction closed and does nothing."""
    if not project_ids:
        return
    ordered = sorted(project_ids)  # the same order in every transaction: no deadlock
    if conn.dialect.name != "postgresql":
        for project_id in ordered:
            _bump(conn, project_id)
        return
    import psycopg

    raw = conn.connection.driver_connection
    if raw is None:  # a pooled connection that was closed under us: nothing to bump through
        raise RuntimeError("the database connection is closed")
    table = tables.projects.name
    try:
        with raw.pipeline(), raw.cursor() as cursor:
            for project_id in ordered:
                cursor.execute(
                    f"UPDATE {table} SET revision = revision + 1, updated_at = %s WHERE id = %s",
                    (utcnow(), project_id),
                )
            raw.commit()
    except psycopg.Error as error:
        # As SQLAlchemy would have raised it, for translate_outages / translate_refusals.
        raise sa.exc.DBAPIError.instance(None, None, error, psycopg.Error) from error


def read_revision(conn: sa.Connection, project_id: str) -> int | None:
    return conn.execute(
        sa.select(tables.projects.c.revision).where(tables.projects.c.id == project_id)
    ).scalar_one_or_none()
