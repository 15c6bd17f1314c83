"""Storage: SQLAlchemy tables, repositories, migrations, the revision counter."""

from __future__ import annotations

import sqlalchemy as sa

from core.models import utcnow
from core.settings import Settings
from storage.db import create_engine, translate_outages
from storage.migrations import PG_MIGRATION_LOCK, migrate, migration_log
from storage.repositories import Store

__all__ = ["Store", "open_store", "run_once"]


def run_once(store: Store, name: str, action) -> bool:
    """Run `action(conn)` the first time this database sees `name`; record it in the same transaction."""
    with store.db.transaction() as conn:
        if conn.dialect.name == "postgresql":
            # Several app processes may start at once; only one of them runs the action.
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_MIGRATION_LOCK})
        done = conn.execute(sa.select(migration_log.c.name).where(migration_log.c.name == name)).first()
        if done:
            return False
        action(conn)
        conn.execute(migration_log.insert().values(name=name, applied_at=utcnow()))
        return True


def open_store(settings: Settings) -> Store:
    """Connect, migrate, tidy the trash, and seed the samples on first run."""
    with translate_outages():
        engine = create_engine(settings.effective_database_url)
        migrate(engine)
    store = Store(engine)
    store.projects.purge_trash(settings.trash_retention_days)
    if settings.seed_sample:
        from examples import seed_samples

        run_once(store, "seed:sample_projects", seed_samples)
    return store
