"""An upload flood against a real server (server/uploads.py): a page without an uploader
gets no file at all; a page with one gets files up to the limit, then none; and the
memory comes back once the session closes."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from core.limits import UPLOAD_MEGABYTES
from deploy.harness import AppServer
from tests.e2e import flood
from tests.e2e.conftest import wait_for_app

FLOOD = 20
GROWTH_MAX_MB = 50
SETTLE_S = 10


@pytest.fixture
def keyless_server(tmp_path: Path) -> Iterator[AppServer]:
    """This computer's browser counts as any other device: no key, nothing trusted."""
    env = {"NILAI_TRUST_LOCAL": "false", "NILAI_WORKSPACE_KEY": "a-key-nobody-here-knows-0123"}
    server = AppServer(data_dir=tmp_path / "data", env_extra=env).start()
    yield server
    server.stop()


def test_a_keyless_device_on_the_join_page_gets_no_file_in(browser: Browser, keyless_server: AppServer) -> None:
    pid = keyless_server.process.pid
    context = browser.new_context()
    page = context.new_page()
    session = flood.watch_session_id(page)
    page.goto(f"{keyless_server.url}/join?lang=en")
    wait_for_app(page)
    assert session, "no session id seen"
    before = flood.rss_mb(pid)
    cookie, xsrf = flood.credentials(page)
    statuses = [flood.put_file(keyless_server, session[0], cookie, xsrf) for _ in range(FLOOD)]
    assert statuses == [403] * FLOOD
    context.close()
    time.sleep(SETTLE_S)
    assert flood.rss_mb(pid) - before < GROWTH_MAX_MB


def test_an_uploader_page_takes_files_up_to_the_limit_and_the_memory_returns(
    browser: Browser, app_server: AppServer
) -> None:
    pid = app_server.process.pid
    context = browser.new_context()
    page = context.new_page()
    session = flood.watch_session_id(page)
    page.goto(f"{app_server.url}/export?lang=en")  # the JSON import's uploader
    wait_for_app(page)
    page.wait_for_timeout(500)
    before = flood.rss_mb(pid)
    cookie, xsrf = flood.credentials(page)
    statuses = [flood.put_file(app_server, session[0], cookie, xsrf) for _ in range(FLOOD)]
    allowed = UPLOAD_MEGABYTES.allowed // flood.FILE_MB
    assert statuses == [204] * allowed + [429] * (FLOOD - allowed)
    context.close()
    time.sleep(SETTLE_S)
    grown = flood.rss_mb(pid) - before
    assert grown < GROWTH_MAX_MB, f"{grown:.0f} MB still held {SETTLE_S} s after the session closed"
