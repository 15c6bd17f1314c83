"""Team server: two app processes on different ports share one PostgreSQL database. A note
added through one process appears for a participant connected to the other."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, Page, expect

from canvas import canvases
from core.settings import Settings
from deploy.harness import AppServer
from examples.seeding import open_store
from projects.service import create_project
from tests.actors import WORKSPACE
from tests.conftest import PG_SKIP_REASON, PG_URL
from tests.e2e.conftest import wait_for_app
from workshop import facilitation, joining


@pytest.fixture
def team_database() -> Iterator[str]:
    """A fresh PostgreSQL database for this test, dropped afterwards."""
    if not PG_URL:
        pytest.skip(PG_SKIP_REASON)
    name = f"nilai_team_{uuid.uuid4().hex[:10]}"
    admin_url = sa.make_url(PG_URL).set(drivername="postgresql+psycopg")
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    yield admin_url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.exec_driver_sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            f"WHERE datname = '{name}' AND pid <> pg_backend_pid()"
        )
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
    admin.dispose()


@pytest.fixture
def two_servers(tmp_path: Path, team_database: str) -> Iterator[tuple[AppServer, AppServer]]:
    env = {"DATABASE_URL": team_database, "NILAI_SEED_SAMPLE": "false"}
    first = AppServer(data_dir=tmp_path / "one", env_extra=env).start()
    second = AppServer(data_dir=tmp_path / "two", env_extra=env)
    try:
        second.start()
        yield first, second
    finally:
        second.stop()
        first.stop()


def _join(page: Page, server: AppServer, code: str, name: str) -> None:
    page.goto(f"{server.url}/?lang=en")  # warm the fresh server up
    wait_for_app(page)
    page.goto(f"{server.url}/join?lang=en&code={code}")
    wait_for_app(page)
    page.get_by_role("textbox", name="Your display name").fill(name)
    page.get_by_role("button", name="Join", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_text(f"You take part as {name}")).to_be_visible()


def _add(page: Page, text: str) -> None:
    page.get_by_placeholder("One idea per note").fill(text)
    page.get_by_role("button", name="Add note").click()
    wait_for_app(page)


def test_note_added_on_one_process_shows_on_the_other(
    browser: Browser, two_servers: tuple[AppServer, AppServer], team_database: str
) -> None:
    one, two = two_servers
    assert one.port != two.port
    store = open_store(Settings(database_url=team_database, seed_sample=False))
    project = create_project(store, WORKSPACE, "Team server", "", "en")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Commuters")
    opened = joining.open_workshop(store, WORKSPACE, canvas.id, facilitator_name="Dewi")
    facilitation.set_step(store, opened.facilitator_token, "gains")
    store.db.engine.dispose()

    code = opened.workshop.join_code
    ani_ctx, budi_ctx = browser.new_context(locale="en-US"), browser.new_context(locale="en-US")
    try:
        ani, budi = ani_ctx.new_page(), budi_ctx.new_page()
        _join(ani, one, code, "Ani")
        _join(budi, two, code, "Budi")
        _add(ani, "Arrive before class starts")
        expect(budi.locator(".nw-note").filter(has_text="Arrive before class starts")).to_be_visible(timeout=5_000)
        _add(budi, "A seat for the whole ride")
        expect(ani.locator(".nw-note").filter(has_text="A seat for the whole ride")).to_be_visible(timeout=5_000)
        # Each process really served its own participant.
        assert ani.url.startswith(one.url) and budi.url.startswith(two.url)
        assert re.search(r"[?&]p=", ani.url) and re.search(r"[?&]p=", budi.url)
    finally:
        ani_ctx.close()
        budi_ctx.close()
