"""Shared fixtures: a real database per test (SQLite always, PostgreSQL when configured),
and the rule that under CI=true nothing that needs PostgreSQL or Chromium may skip."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from core.settings import Settings
from deploy.harness import create_schema, drop_schema
from examples.seeding import open_store
from storage.migrations import migrate
from storage.store import Store
from storage.store import Store as _Store

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() == "true"
PG_URL = os.environ.get("TEST_DATABASE_URL")
CHROMIUM = os.environ.get("NILAI_CHROMIUM", "/usr/bin/chromium")
BROWSER_TESTS = IN_CI or os.environ.get("NILAI_BROWSER_TESTS") == "1"

PG_SKIP_REASON = "PostgreSQL tests need TEST_DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/test)"
BROWSER_SKIP_REASON = "browser tests need Chromium at /usr/bin/chromium and NILAI_BROWSER_TESTS=1 (CI sets CI=true)"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
        if item.get_closest_marker("browser") and not (BROWSER_TESTS and Path(CHROMIUM).exists()):
            item.add_marker(pytest.mark.skip(reason=BROWSER_SKIP_REASON))


CI_MUST_RUN = ("PostgreSQL", "browser", "Chromium")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    # Under CI a skipped browser or PostgreSQL test is a failure: it would hide a broken setup.
    # Rewriting the report here (not in logreport) means the summary, the counts and the exit
    # status all see the failure. tests/test_ci_guard.py checks that this really happens.
    outcome = yield
    report: pytest.TestReport = outcome.get_result()
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        if any(word in reason for word in CI_MUST_RUN):
            report.outcome = "failed"
            report.longrepr = f"CI=true forbids skipping this test: {reason}"


@pytest.fixture(params=["sqlite", "postgres"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[sa.Engine]:
    """An empty, migrated database: an SQLite file, and PostgreSQL in a schema of its own."""
    if request.param == "sqlite":
        from storage.db import create_engine

        eng = create_engine(f"sqlite:///{tmp_path / 'nilai.db'}")
        migrate(eng)
        yield eng
        eng.dispose()
        return
    if not PG_URL:
        pytest.skip(PG_SKIP_REASON)
    eng, schema = create_schema(PG_URL)
    migrate(eng)
    yield eng
    eng.dispose()
    drop_schema(PG_URL, schema)


@pytest.fixture
def store(engine: sa.Engine) -> Store:
    """A Store on an empty database (no sample projects), on SQLite and PostgreSQL."""
    return _Store(engine)


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Store:
    """SQLite only, for tests whose subject isn't the database."""
    from storage.db import create_engine

    eng = create_engine(f"sqlite:///{tmp_path / 'nilai.db'}")
    migrate(eng)
    return _Store(eng)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", database_url=None, seed_sample=False)


@pytest.fixture
def seeded_store(tmp_path: Path) -> Store:
    """A fresh SQLite database as a new user gets it: with the sample projects."""
    return open_store(Settings(data_dir=tmp_path / "seeded", database_url=None))


@pytest.fixture
def app_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the app (AppTest or a server) at a private data directory."""
    data_dir = tmp_path / "appdata"
    monkeypatch.setenv("NILAI_DATA_DIR", str(data_dir))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("NILAI_DATABASE_URL", raising=False)
    import streamlit as st

    from core.settings import get_settings

    get_settings.cache_clear()
    st.cache_resource.clear()  # get_store() is cached per process; each test gets its own
    # AppTest has no websocket, so no client address, and an unknown address counts as
    # another device. These runs stand for the browser on the computer running Nilai.
    from ui.common import workspace_access

    monkeypatch.setattr(workspace_access, "session_peer_address", lambda: "127.0.0.1")
    yield data_dir
    get_settings.cache_clear()
    st.cache_resource.clear()


def chromium_available() -> bool:
    return shutil.which(CHROMIUM) is not None or Path(CHROMIUM).exists()
