"""Schema migrations, run on every start.

Why not Alembic: Alembic needs one linear chain of revisions, and several features land
in parallel here. Each migration has a unique name, the database records which names
it has applied, and the pending ones run in list order in one transaction (on
PostgreSQL under an advisory lock, so app processes starting together don't race), so a
failing step leaves the database as it was. Every step is idempotent (it inspects before
it alters), so a fresh database is created from the current schema in one step and every
migration is simply recorded as applied.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa

from core.models import utcnow
from storage import tables

migration_log = sa.Table(
    "schema_migrations",
    sa.MetaData(),
    sa.Column("name", sa.String(100), primary_key=True),
    sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
)

# Any fixed number: every app process starting against one PostgreSQL takes this lock,
# so two processes never migrate at once.
PG_MIGRATION_LOCK = 727_274_101


@dataclass(frozen=True)
class Migration:
    name: str
    apply: Callable[[sa.Connection], None]


def _create_missing_tables(conn: sa.Connection) -> None:
    tables.metadata.create_all(conn, checkfirst=True)


def add_column_if_missing(conn: sa.Connection, table: sa.Table, column_name: str) -> None:
    """Add one column of the current schema to an older table."""
    existing = {col["name"] for col in sa.inspect(conn).get_columns(table.name)}
    if column_name in existing:
        return
    column = table.c[column_name]
    ddl_type = column.type.compile(dialect=conn.dialect)
    default = ""
    if column.server_default is not None:
        arg = column.server_default.arg
        value = arg.text if hasattr(arg, "text") else str(arg)
        if isinstance(arg, str):
            value = f"'{arg}'"
        elif value in {"false", "0"} and conn.dialect.name == "sqlite":
            value = "0"
        default = f" DEFAULT {value}"
    null = "" if column.nullable else " NOT NULL"
    conn.exec_driver_sql(f'ALTER TABLE {table.name} ADD COLUMN "{column_name}" {ddl_type}{default}{null}')


def _add_project_guided(conn: sa.Connection) -> None:
    add_column_if_missing(conn, tables.projects, "guided")


MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_initial", _create_missing_tables),
    Migration("0002_project_guided_mode", _add_project_guided),
    Migration("0301_errc_moves", _create_missing_tables),
    Migration("0601_classroom", _create_missing_tables),
)


def applied_names(conn: sa.Connection) -> set[str]:
    return set(conn.execute(sa.select(migration_log.c.name)).scalars())


def migrate(engine: sa.Engine, migrations: tuple[Migration, ...] = MIGRATIONS) -> list[str]:
    """Apply pending migrations; return the names applied now."""
    with engine.begin() as conn:
        migration_log.create(conn, checkfirst=True)
    ran: list[str] = []
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_MIGRATION_LOCK})
        done = applied_names(conn)
        if not done and not sa.inspect(conn).has_table(tables.projects.name):
            # A brand-new database: build today's schema in one step and record every
            # migration as applied, instead of replaying history step by step.
            _create_missing_tables(conn)
            names = [migration.name for migration in migrations]
            now = utcnow()
            conn.execute(migration_log.insert(), [{"name": name, "applied_at": now} for name in names])
            return names
        for migration in migrations:
            if migration.name in done:
                continue
            migration.apply(conn)
            conn.execute(migration_log.insert().values(name=migration.name, applied_at=utcnow()))
            ran.append(migration.name)
    return ran
