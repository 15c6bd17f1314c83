"""What the database layer tells an observer (operate/metrics.py) about itself: notes
written, database errors, limit refusals; and the live figures a scrape reads (open rooms,
their participants, the connection pool). Storage knows only this small interface."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import event

from storage import tables
from storage.observer import Observer
from storage.repository import Database


def watch(db: Database, observer: Observer) -> None:
    """Report this database's notes written and errors to `observer` from now on."""
    db.observer = observer

    @event.listens_for(db.engine, "after_execute")
    def _after_execute(_conn, clause, _multiparams, _params, _options, result) -> None:
        if isinstance(clause, sa.Insert) and clause.table is tables.items:
            observer.notes_written(max(result.rowcount, 1))

    @event.listens_for(db.engine, "handle_error")
    def _handle_error(context) -> None:
        observer.database_error(type(context.original_exception).__name__)


@dataclass(frozen=True)
class LiveFigures:
    open_rooms: int
    participants_in_open_rooms: int
    pool_size: int
    pool_checked_out: int


def live_figures(db: Database) -> LiveFigures:
    """Two counts over small indexed tables, and the pool's own bookkeeping (no query)."""
    w, p = tables.workshops, tables.participants
    with db.reading() as conn:
        rooms = conn.execute(sa.select(sa.func.count()).where(w.c.status == "open")).scalar_one()
        people = conn.execute(
            sa.select(sa.func.count()).select_from(p.join(w, p.c.workshop_id == w.c.id)).where(w.c.status == "open")
        ).scalar_one()
    pool = db.engine.pool
    size = pool.size() if hasattr(pool, "size") else 0
    checked_out = pool.checkedout() if hasattr(pool, "checkedout") else 0
    return LiveFigures(rooms, people, size, checked_out)


def pending_migrations(db: Database) -> list[str]:
    """The migrations this code knows that the database hasn't applied (empty: up to date)."""
    from storage.migrations import MIGRATIONS, applied_names, migration_log

    with db.reading() as conn:
        if not sa.inspect(conn).has_table(migration_log.name):
            return [migration.name for migration in MIGRATIONS]
        done = applied_names(conn)
    return [migration.name for migration in MIGRATIONS if migration.name not in done]
