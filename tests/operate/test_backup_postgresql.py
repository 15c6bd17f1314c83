"""Backups and restore on PostgreSQL (team server): pg_dump in a snapshot, pg_restore in
one transaction. Each test gets two databases of its own."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from core.settings import Settings
from examples import seed_samples
from examples.seeding import open_store
from storage.backup import DamagedBackup, TargetNotEmpty, backup_postgresql, inspect_backup, restore_postgresql
from storage.store import run_once
from tests.conftest import PG_SKIP_REASON, PG_URL
from tests.operate.test_backup import project_exports

pytestmark = pytest.mark.postgres


@pytest.fixture
def databases() -> Iterator[tuple[str, str]]:
    if not PG_URL:
        pytest.skip(PG_SKIP_REASON)
    if shutil.which("pg_dump") is None:
        pytest.skip("PostgreSQL tests need pg_dump and pg_restore (apt-get install postgresql-client)")
    admin_url = sa.make_url(PG_URL).set(drivername="postgresql+psycopg")
    names = [f"nilai_backup_{uuid.uuid4().hex[:10]}" for _ in range(2)]
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        for name in names:
            conn.exec_driver_sql(f"CREATE DATABASE {name}")
    yield tuple(admin_url.set(database=name).render_as_string(hide_password=False) for name in names)
    with admin.connect() as conn:
        for name in names:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin.dispose()


def _store(url: str, *, seed: bool):
    store = open_store(Settings(database_url=url, seed_sample=False))
    if seed:
        run_once(store, "seed:sample_projects", seed_samples)
    return store


def test_a_postgresql_workspace_restores_equal(databases: tuple[str, str], tmp_path: Path) -> None:
    source_url, target_url = databases
    source = _store(source_url, seed=True)
    original = project_exports(source)

    info = backup_postgresql(source_url, tmp_path / "team.tar")
    source.close()
    assert inspect_backup(info.path).backend == "postgresql"
    _store(target_url, seed=False).close()  # the new server started once: empty tables

    report = restore_postgresql(info.path, target_url)
    assert report.summary["projects"] == len(original)
    restored = _store(target_url, seed=False)
    assert project_exports(restored) == original

    with pytest.raises(TargetNotEmpty):
        restore_postgresql(info.path, target_url)
    restored.close()


def test_a_cut_off_postgresql_backup_is_refused(databases: tuple[str, str], tmp_path: Path) -> None:
    source_url, target_url = databases
    _store(source_url, seed=True).close()
    info = backup_postgresql(source_url, tmp_path / "team.tar")
    cut = tmp_path / "cut.tar"
    cut.write_bytes(info.path.read_bytes()[: info.size_bytes // 2])
    with pytest.raises(DamagedBackup):
        restore_postgresql(cut, target_url)
    engine = sa.create_engine(sa.make_url(target_url).set(drivername="postgresql+psycopg"))
    with engine.connect() as conn:
        assert sa.inspect(conn).get_table_names() == []  # nothing was written
    engine.dispose()
