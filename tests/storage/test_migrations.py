"""Migrations: an empty database, and an older database with data in it."""

from __future__ import annotations

import sys
import types
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from examples.seeding import open_store
from storage import tables
from storage.db import create_engine
from storage.migrations import MIGRATIONS, applied_names, migrate
from tests.conftest import PG_SKIP_REASON, PG_URL

FIXTURES = Path(__file__).parent / "fixtures"
OLD_PROJECT = "0123456789abcdef0123456789abcdef"


@pytest.fixture(params=["sqlite", "postgres"])
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[sa.Engine]:
    """A database with nothing in it at all (not even migrated)."""
    if request.param == "sqlite":
        engine = create_engine(f"sqlite:///{tmp_path / 'empty.db'}")
        yield engine
        engine.dispose()
        return
    if not PG_URL:
        pytest.skip(PG_SKIP_REASON)
    url = sa.make_url(PG_URL).set(drivername="postgresql+psycopg")
    schema = f"m_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(url)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    engine = sa.create_engine(url, connect_args={"options": f"-c search_path={schema}"})
    yield engine
    engine.dispose()
    with admin.begin() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    admin.dispose()


def _load_sql(engine: sa.Engine, path: Path) -> None:
    script = "\n".join(line for line in path.read_text().splitlines() if not line.startswith("--"))
    with engine.begin() as conn:
        for statement in script.split(";"):
            if statement.strip():
                conn.exec_driver_sql(statement)


def _columns(engine: sa.Engine, table: str) -> set[str]:
    return {column["name"] for column in sa.inspect(engine).get_columns(table)}


def test_migrating_an_empty_database_creates_the_current_schema(empty_engine: sa.Engine) -> None:
    ran = migrate(empty_engine)
    assert ran == [migration.name for migration in MIGRATIONS]
    existing = set(sa.inspect(empty_engine).get_table_names())
    assert {table.name for table in tables.metadata.sorted_tables} <= existing
    for table in tables.metadata.sorted_tables:
        assert {c.name for c in table.columns} <= _columns(empty_engine, table.name), table.name
    assert migrate(empty_engine) == []


def test_migrating_an_older_database_keeps_its_data(empty_engine: sa.Engine) -> None:
    dialect = empty_engine.dialect.name
    _load_sql(empty_engine, FIXTURES / f"schema_0001.{dialect}.sql")
    assert "guided" not in _columns(empty_engine, "projects")

    ran = migrate(empty_engine)

    assert "0001_initial" not in ran
    assert "0002_project_guided_mode" in ran
    assert "guided" in _columns(empty_engine, "projects")
    for table in tables.metadata.sorted_tables:
        assert {c.name for c in table.columns} <= _columns(empty_engine, table.name), table.name
    with empty_engine.connect() as conn:
        project = conn.execute(sa.select(tables.projects).where(tables.projects.c.id == OLD_PROJECT)).one()
        item = conn.execute(sa.select(tables.items)).one()
        assert set(applied_names(conn)) == {migration.name for migration in MIGRATIONS}
    assert project.name == "Kopi Kenangan Kampus"
    assert project.revision == 7 and project.version == 3
    assert project.guided is False
    assert item.text == "Antre lama saat jam istirahat"

    # Running again (every app start does) changes nothing.
    assert migrate(empty_engine) == []
    assert "guided" in _columns(empty_engine, "projects")


def test_the_store_works_on_a_migrated_older_database(tmp_path: Path) -> None:
    """After the upgrade the app reads and writes the old project as if it were new."""
    from core.settings import Settings

    data_dir = tmp_path / "old"
    data_dir.mkdir()
    engine = create_engine(f"sqlite:///{data_dir / 'nilai.db'}")
    _load_sql(engine, FIXTURES / "schema_0001.sqlite.sql")
    engine.dispose()

    store = open_store(Settings(data_dir=data_dir, database_url=None, seed_sample=False))
    project = store.projects.get(OLD_PROJECT)
    assert project.guided is False
    updated = store.projects.update(project.id, project.version, {"guided": True})
    assert updated.guided is True and updated.revision == project.revision + 1


def test_migration_names_are_unique() -> None:
    names = [migration.name for migration in MIGRATIONS]
    assert len(names) == len(set(names))


def test_two_processes_starting_together_seed_once(empty_engine: sa.Engine, tmp_path: Path) -> None:
    """App processes that start at the same moment migrate and seed exactly once."""
    import threading

    from storage.store import Store, run_once

    migrate(empty_engine)
    store = Store(empty_engine)
    calls: list[int] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(3)

    def seed(conn: sa.Connection) -> None:
        calls.append(1)
        conn.execute(
            tables.projects.insert().values(
                id=uuid.uuid4().hex,
                name="seeded",
                description="",
                language="id",
                revision=1,
                version=1,
                created_at=sa.func.now(),
                updated_at=sa.func.now(),
            )
        )

    def start() -> None:
        try:
            barrier.wait()
            migrate(empty_engine)
            run_once(store, "seed:test", seed)
        except BaseException as error:  # noqa: BLE001
            errors.append(error)

    threads = [threading.Thread(target=start) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(calls) == 1
    assert [s.name for s in store.projects.summaries()] == ["seeded"]


ROUNDS = 4
PROCESSES = 3


def _migrate_each_schema(url: str, schemas: list[str], barrier, outcomes) -> None:
    """One app process: for each fresh schema, wait for the others, then migrate it."""
    for schema in schemas:
        engine = sa.create_engine(url, connect_args={"options": f"-c search_path={schema}"})
        with engine.connect():
            pass  # connected beforehand, so every process reaches migrate() at the same moment
        barrier.wait()
        try:
            migrate(engine)
            outcomes.put((schema, "ok"))
        except Exception as error:  # noqa: BLE001
            outcomes.put((schema, f"{type(error).__name__}: {error}"))
        finally:
            engine.dispose()


def test_processes_migrating_a_fresh_postgresql_at_once_all_succeed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each process has its own engine, as app processes behind a load balancer do. The
    advisory lock must come before anything else, even creating the migration log: two
    processes that both find no log table and both create it make one of them fail."""
    import multiprocessing

    if not PG_URL:
        pytest.skip(PG_SKIP_REASON)
    url = sa.make_url(PG_URL).set(drivername="postgresql+psycopg")
    schemas = [f"r_{uuid.uuid4().hex[:12]}" for _ in range(ROUNDS)]
    admin = sa.create_engine(url)
    with admin.begin() as conn:
        for schema in schemas:
            conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    # A spawned child re-runs the parent's __main__ by path; an AppTest earlier on this
    # worker can leave a page script there, which fails outside Streamlit. Start clean.
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    context = multiprocessing.get_context("spawn")
    barrier, outcomes = context.Barrier(PROCESSES), context.Queue()
    url_text = url.render_as_string(hide_password=False)
    workers = [
        context.Process(target=_migrate_each_schema, args=(url_text, schemas, barrier, outcomes))
        for _ in range(PROCESSES)
    ]
    try:
        for worker in workers:
            worker.start()
        results = [outcomes.get(timeout=120) for _ in range(ROUNDS * PROCESSES)]
        for worker in workers:
            worker.join(timeout=30)
        assert [outcome for _, outcome in results if outcome != "ok"] == []
        for schema in schemas:
            engine = sa.create_engine(url, connect_args={"options": f"-c search_path={schema}"})
            try:
                for table in tables.metadata.sorted_tables:
                    assert {c.name for c in table.columns} <= _columns(engine, table.name), (schema, table.name)
                with engine.connect() as conn:
                    recorded = list(conn.execute(sa.text("SELECT name FROM schema_migrations")).scalars())
                assert sorted(recorded) == sorted(m.name for m in MIGRATIONS), schema
            finally:
                engine.dispose()
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.kill()
        with admin.begin() as conn:
            for schema in schemas:
                conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        admin.dispose()


def test_schema_helpers_add_what_an_older_table_lacks(empty_engine: sa.Engine) -> None:
    from storage.migrations import add_column_if_missing, create_index_if_missing

    migrate(empty_engine)
    with empty_engine.begin() as conn:
        conn.exec_driver_sql("DROP INDEX ix_projects_deleted_updated")
    for _ in range(2):  # the second time finds both there and changes nothing
        with empty_engine.begin() as conn:
            add_column_if_missing(conn, tables.projects, "guided")
            create_index_if_missing(conn, tables.projects, "ix_projects_deleted_updated")
    indexes = {index["name"]: index for index in sa.inspect(empty_engine).get_indexes("projects")}
    assert indexes["ix_projects_deleted_updated"]["column_names"] == ["deleted_at", "updated_at"]
