"""Schema migrations, run on every start, with Alembic's Operations for the DDL.

Why not Alembic's revision files: their `down_revision` chain makes two migrations that
land in parallel a second head, which someone must then merge by hand with a merge
revision before the app starts again. Here each migration is a unique name in one list;
the database records the names it has applied, and pending ones run in list order, so
two features that each append a step just both run. Every step is idempotent (it
inspects before it alters), so a fresh database is created from the current schema in
one step and every migration is simply recorded as applied. The DDL itself comes from
Alembic's Operations (no SQL built from strings here).

Everything runs in ONE transaction that first takes a PostgreSQL advisory lock, before it
so much as looks for the migration log: app processes starting together on a fresh
database queue on the lock instead of racing to create the log table, and a failing step
leaves the database as it was. (On SQLite the engine begins every write transaction with
BEGIN IMMEDIATE, which serialises writers the same way.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations

from core.models import utcnow
from storage import tables
from storage.competitors import enforce_unique_names
from storage.workshops import enforce_workshop_integrity

migration_log = sa.Table(
    "schema_migrations",
    sa.MetaData(),
    sa.Column("name", sa.String(100), primary_key=True),
    sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
)

# Any fixed number: every app process starting against one PostgreSQL takes this lock,
# so two processes never migrate (or seed) at once.
PG_MIGRATION_LOCK = 727_274_101


@dataclass(frozen=True)
class Migration:
    name: str
    apply: Callable[[sa.Connection], None]


def operations(conn: sa.Connection) -> Operations:
    """Alembic's DDL operations on this connection, inside its transaction."""
    return Operations(MigrationContext.configure(conn))


def lock_schema(conn: sa.Connection) -> None:
    """Serialise schema changes and first-run seeding across app processes (PostgreSQL);
    held until this transaction ends."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(PG_MIGRATION_LOCK)))


def _create_missing_tables(conn: sa.Connection) -> None:
    tables.metadata.create_all(conn, checkfirst=True)


def add_column_if_missing(conn: sa.Connection, table: sa.Table, column_name: str) -> None:
    """Add one column of the current schema (type, default, nullability) to an older table."""
    existing = {col["name"] for col in sa.inspect(conn).get_columns(table.name)}
    if column_name in existing:
        return
    operations(conn).add_column(table.name, table.c[column_name]._copy())


def create_index_if_missing(conn: sa.Connection, table: sa.Table, index_name: str) -> None:
    """Create one index of the current schema (unique or not, on columns or expressions such
    as lower(name)) on an older table, as SQLAlchemy compiles it for this database."""
    index = next(index for index in table.indexes if index.name == index_name)
    index.create(conn, checkfirst=True)


def _add_project_guided(conn: sa.Connection) -> None:
    add_column_if_missing(conn, tables.projects, "guided")


def _add_project_importing_since(conn: sa.Connection) -> None:
    add_column_if_missing(conn, tables.projects, "importing_since")


def _add_invite_revocation(conn: sa.Connection) -> None:
    """Issue 23: single-use invite links, and who used which link."""
    _create_missing_tables(conn)
    add_column_if_missing(conn, tables.project_invites, "max_uses")


def _add_workshop_customers(conn: sa.Connection) -> None:
    """Co-creation (issue 17): workshops open to customers, their own code and step."""
    for column in ("customers_welcome", "customer_code", "customer_step"):
        add_column_if_missing(conn, tables.workshops, column)
    create_index_if_missing(conn, tables.workshops, "uq_workshops_customer_code")


MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_initial", _create_missing_tables),
    Migration("0002_project_guided_mode", _add_project_guided),
    Migration("0301_errc_moves", _create_missing_tables),
    Migration("0601_classroom", _create_missing_tables),
    # Owned by the workshop code (storage/workshops.py): unique display names, trashed projects' workshops ended.
    Migration("0701_workshop_integrity", enforce_workshop_integrity),
    Migration("1301_project_importing_since", _add_project_importing_since),
    Migration("1302_rate_counters", _create_missing_tables),  # flood limits (storage/limits.py)
    Migration("1501_history", _create_missing_tables),  # version history and snapshots (storage/history.py)
    Migration("1601_experiments", _create_missing_tables),  # test cards and assumptions map (storage/experiments.py)
    Migration("1701_feedback", _create_missing_tables),  # survey responses, themes, actions (storage/feedback.py)
    Migration("1702_workshop_customers", _add_workshop_customers),  # co-creation with customers (issue 17)
    Migration("1801_team_members_invites_audit", _create_missing_tables),  # team server (storage/members.py, audit.py)
    Migration("2301_invite_revocation", _add_invite_revocation),  # single-use links, uses (storage/members.py)
    Migration("2901_live_actions", _create_missing_tables),  # the live board's writes, exactly once (issue 29)
    Migration("3001_unique_offering_factor_names", enforce_unique_names),  # the database closes the race
    Migration("2902_server_secrets", _create_missing_tables),  # keys for the canvas feed's credentials (issue 29)
)


def applied_names(conn: sa.Connection) -> set[str]:
    return set(conn.execute(sa.select(migration_log.c.name)).scalars())


def migrate(engine: sa.Engine, migrations: tuple[Migration, ...] = MIGRATIONS) -> list[str]:
    """Apply pending migrations; return the names applied now."""
    with engine.begin() as conn:
        lock_schema(conn)  # first: nothing is read or created before this process holds the lock
        fresh = not sa.inspect(conn).has_table(tables.projects.name)
        migration_log.create(conn, checkfirst=True)
        done = applied_names(conn)
        if fresh and not done:
            # A brand-new database: build today's schema in one step and record every
            # migration as applied, instead of replaying history step by step.
            _create_missing_tables(conn)
            names = [migration.name for migration in migrations]
            now = utcnow()
            conn.execute(migration_log.insert(), [{"name": name, "applied_at": now} for name in names])
            return names
        ran: list[str] = []
        for migration in migrations:
            if migration.name in done:
                continue
            migration.apply(conn)
            conn.execute(migration_log.insert().values(name=migration.name, applied_at=utcnow()))
            ran.append(migration.name)
        return ran
