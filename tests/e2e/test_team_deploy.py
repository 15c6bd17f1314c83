"""The team set-up as shipped in deploy/, run for real: HAProxy (Debian's package) with the
configuration rendered from deploy/haproxy.cfg.in, three app processes and one local
PostgreSQL. Participants reach different processes through the balancer, stay on theirs
(sticky sessions over the websocket), see each other's notes, and when one process is
killed with kill -9, its participant reconnects through the balancer to another process
and carries on, with no confirmed note lost."""

from __future__ import annotations

import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from canvas import canvases
from core.settings import Settings
from deploy.harness import free_port
from deploy.team import Team, haproxy_binary, render_config
from examples.seeding import open_store
from projects.service import create_project
from tests.actors import WORKSPACE
from tests.e2e.conftest import wait_for_app
from tests.e2e.test_workshop_team_server import _add, _join, team_database  # noqa: F401 - a fixture
from workshop import facilitation, joining


@pytest.fixture
def team(tmp_path: Path, team_database: str) -> Iterator[Team]:  # noqa: F811 - the fixture above
    if haproxy_binary() is None:
        pytest.fail("HAProxy is not installed (apt-get install haproxy; .ci/run does)")
    env = {"DATABASE_URL": team_database, "NILAI_SEED_SAMPLE": "false", "NILAI_DATA_DIR": str(tmp_path / "data")}
    started = Team(processes=3, port=free_port(), bind_address="127.0.0.1", env=env, run_dir=tmp_path / "run")
    try:
        yield started.start()
    finally:
        started.stop()


def _server_of(context: BrowserContext) -> str:
    """Which app process HAProxy pinned this browser to (its sticky cookie)."""
    return next(c["value"] for c in context.cookies() if c["name"] == "NILAI_SRV")


def _wait_until_moved(context: BrowserContext, dead: str, timeout: float = 30) -> None:
    """The browser reconnected through HAProxy to another process (its cookie says so)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _server_of(context) != dead:
            return
        time.sleep(0.2)
    raise AssertionError(f"the browser did not reconnect to another process within {timeout} s")


def test_the_shipped_configuration_is_valid_for_haproxy(tmp_path: Path) -> None:
    import subprocess

    config = tmp_path / "haproxy.cfg"
    config.write_text(render_config(bind="127.0.0.1:8080", app_addresses=["127.0.0.1:8601", "127.0.0.1:8602"]))
    checked = subprocess.run([haproxy_binary(), "-c", "-f", str(config)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    text = config.read_text()
    assert "cookie NILAI_SRV insert" in text and "uri /api/ready" in text and "option redispatch" in text


def test_three_processes_behind_haproxy_share_notes_and_survive_a_kill(
    browser: Browser,
    team: Team,
    team_database: str,  # noqa: F811 - the fixture above
) -> None:
    with urllib.request.urlopen(f"{team.url}/_stcore/health", timeout=5) as response:
        assert response.status == 200
    store = open_store(Settings(database_url=team_database, seed_sample=False))
    project = create_project(store, WORKSPACE, "Team deploy", "", "en")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Commuters")
    opened = joining.open_workshop(store, WORKSPACE, canvas.id, facilitator_name="Dewi")
    facilitation.set_step(store, opened.facilitator_token, "gains")
    code = opened.workshop.join_code

    contexts = [browser.new_context(locale="en-US") for _ in range(3)]
    try:
        pages: list[Page] = [context.new_page() for context in contexts]
        for page, name in zip(pages, ("Ani", "Budi", "Citra"), strict=True):
            _join(page, team, code, name)  # type: ignore[arg-type] - Team has .url like AppServer
        servers = [_server_of(context) for context in contexts]
        assert len(set(servers)) >= 2, servers  # round robin spread them over the processes
        ani, budi, citra = pages

        _add(ani, "Arrive before class starts")
        for other in (budi, citra):
            expect(other.locator(".nw-note").filter(has_text="Arrive before class starts")).to_be_visible(
                timeout=10_000
            )
        assert _server_of(contexts[0]) == servers[0]  # sticky: still the same process

        # kill -9 the process Ani is on; her browser reconnects through HAProxy elsewhere.
        victim = int(servers[0].removeprefix("app")) - 1
        team.kill_app(victim)
        _wait_until_moved(contexts[0], servers[0])
        # Streamlit shows its "Connecting" status until the websocket is up again.
        expect(ani.get_by_test_id("stConnectionStatus")).to_have_count(0, timeout=30_000)
        wait_for_app(ani)
        expect(ani.get_by_text("You take part as Ani")).to_be_visible(timeout=30_000)
        _add(ani, "A seat for the whole ride")  # the first press after the move counts
        survivor = next(p for p, s in zip(pages, servers, strict=True) if s != servers[0])
        expect(survivor.locator(".nw-note").filter(has_text="A seat for the whole ride")).to_be_visible(timeout=15_000)
        expect(ani.locator(".nw-note").filter(has_text="Arrive before class starts")).to_be_visible()
    finally:
        for context in contexts:
            context.close()
    texts = {item.text for item in store.items.list_for_project(project.id)}
    store.db.engine.dispose()
    assert {"Arrive before class starts", "A seat for the whole ride"} <= texts


def test_the_first_board_action_after_a_kill_is_saved(
    browser: Browser,
    team: Team,
    team_database: str,  # noqa: F811 - the fixture above
) -> None:
    """The canvas board's first note after the browser's process died and it reconnected to
    another: saved, once, and shown (the page came back from its URL, on a new session)."""
    store = open_store(Settings(database_url=team_database, seed_sample=False))
    project = create_project(store, WORKSPACE, "Board failover", "", "en")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Commuters")
    context = browser.new_context(locale="en-US")
    try:
        page = context.new_page()
        page.goto(f"{team.url}/canvas?lang=en&project={project.id}&canvas={canvas.id}")
        wait_for_app(page)
        expect(page.locator(".nb-zone-pains")).to_be_visible(timeout=30_000)
        field = page.locator('input.nb-add[data-area="pains"]')
        field.fill("Before the kill")
        field.press("Enter")
        expect(page.locator(".nb-zone-pains .nb-text", has_text="Before the kill")).to_be_visible(timeout=15_000)

        dead = _server_of(context)
        team.kill_app(int(dead.removeprefix("app")) - 1)
        _wait_until_moved(context, dead)
        # At once, as a person would: the new process may not have run the page yet.
        expect(page.get_by_test_id("stConnectionStatus")).to_have_count(0, timeout=30_000)
        field = page.locator('input.nb-add[data-area="pains"]')
        field.fill("After the kill")
        field.press("Enter")
        expect(page.locator(".nb-zone-pains .nb-text", has_text="After the kill")).to_be_visible(timeout=15_000)
        wait_for_app(page)
        page.wait_for_timeout(1_000)
    finally:
        context.close()
    texts = [item.text for item in store.items.list_for_project(project.id)]
    store.db.engine.dispose()
    assert sorted(texts) == ["After the kill", "Before the kill"]  # saved, and saved once
