"""Upgrading without fear: a workspace made by the oldest Nilai whose schema is still
supported (fixtures/old_release.sqlite, made by fixtures/make_old_release.py from commit
bcb0f02) is restored and migrated by today's code, keeps every row, and every page opens."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from core.settings import get_settings
from examples.seeding import open_store
from storage.backup import inspect_backup, restore_sqlite
from storage.db import create_engine
from storage.migrations import MIGRATIONS, Migration, migrate

FIXTURE = Path(__file__).parent / "fixtures" / "old_release.sqlite"
ROOT = Path(__file__).resolve().parents[2]
PAGES = [
    "pages/home.py",
    "pages/portfolio.py",
    "pages/personas.py",
    "pages/canvas.py",
    "pages/competitors.py",
    "pages/testing.py",
    "pages/feedback.py",
    "pages/workshop.py",
    "pages/export.py",
    "pages/history.py",
    "pages/members.py",
    "pages/guided.py",
    "pages/examples.py",
    "pages/classroom.py",
    "pages/present.py",
    "pages/join.py",
]


def old_rows(query: str) -> list[tuple]:
    with sqlite3.connect(f"file:{FIXTURE}?mode=ro", uri=True) as conn:
        return sorted(conn.execute(query).fetchall())


def test_the_fixture_is_the_oldest_supported_schema() -> None:
    assert [name for (name,) in old_rows("SELECT name FROM schema_migrations") if ":" not in name] == [
        MIGRATIONS[0].name,
        MIGRATIONS[1].name,
    ]
    info = inspect_backup(FIXTURE)  # a plain nilai.db from then is a backup too
    assert info.schema_version == MIGRATIONS[1].name
    for table in (
        "projects",
        "segments",
        "personas",
        "canvases",
        "items",
        "links",
        "competitors",
        "factors",
        "scores",
        "workshops",
        "participants",
        "votes",
    ):
        assert info.row_counts[table] > 0, table


def test_the_old_release_upgrades_and_keeps_every_row(tmp_path: Path) -> None:
    report = restore_sqlite(FIXTURE, tmp_path / "nilai.db")
    assert report.migrations_applied == tuple(m.name for m in MIGRATIONS[2:])

    engine = create_engine(f"sqlite:///{tmp_path / 'nilai.db'}")
    with engine.connect() as conn:
        items = sorted(conn.execute(sa.text("SELECT id, text, area, rank, version FROM items")).all())
        projects = sorted(
            conn.execute(sa.text("SELECT id, name, revision, deleted_at IS NOT NULL FROM projects")).all()
        )
        avatar = conn.execute(sa.text("SELECT avatar_image FROM personas WHERE avatar_image IS NOT NULL")).scalar_one()
        votes = conn.execute(sa.text("SELECT count(*) FROM votes")).scalar_one()
        scores = sorted(conn.execute(sa.text("SELECT factor_id, competitor_id, value FROM scores")).all())
    engine.dispose()
    assert [tuple(row) for row in items] == old_rows("SELECT id, text, area, rank, version FROM items")
    assert [tuple(row) for row in projects] == old_rows(
        "SELECT id, name, revision, deleted_at IS NOT NULL FROM projects"
    )
    assert avatar == old_rows("SELECT avatar_image FROM personas WHERE avatar_image IS NOT NULL")[0][0]
    assert votes == len(old_rows("SELECT id FROM votes"))
    assert [tuple(row) for row in scores] == old_rows("SELECT factor_id, competitor_id, value FROM scores")


def test_a_failed_migration_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    database = tmp_path / "nilai.db"
    shutil.copyfile(FIXTURE, database)

    def broken(conn: sa.Connection) -> None:
        raise RuntimeError("this step fails halfway")

    engine = create_engine(f"sqlite:///{database}")
    with pytest.raises(RuntimeError):
        migrate(engine, (*MIGRATIONS, Migration("9999_broken", broken)))
    with engine.connect() as conn:
        names = set(conn.execute(sa.text("SELECT name FROM schema_migrations")).scalars())
        project_columns = {column["name"] for column in sa.inspect(conn).get_columns("projects")}
        tables = set(sa.inspect(conn).get_table_names())
    engine.dispose()
    assert names == {name for (name,) in old_rows("SELECT name FROM schema_migrations")}
    assert "importing_since" not in project_columns  # 1301's column went with the rollback
    assert "history" not in tables and "project_members" not in tables


def test_every_page_opens_on_the_upgraded_workspace(app_env: Path) -> None:
    app_env.mkdir(parents=True, exist_ok=True)
    restore_sqlite(FIXTURE, app_env / "nilai.db")
    store = open_store(get_settings())
    project = store.projects.summaries()[0]
    canvas = store.canvases.list_for_project(project.id)[0]
    store.close()

    for page in PAGES:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
        at.query_params.update({"lang": "en", "project": project.id, "canvas": canvas.id})
        at.run()
        at.switch_page(page)
        at.run()
        assert not at.exception, (page, at.exception)
        assert [error.value for error in at.error] == [], page
        assert at.title or at.header or at.subheader, page
