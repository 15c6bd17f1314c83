"""Flood limits against a real server: a participant over the note limit is slowed, and a
reconnect (a new websocket, a new Streamlit session) doesn't reset it; `?key=` guesses
are counted, a new page load each. Traffic stays on 127.0.0.1 (one client address)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from canvas import canvases
from core.limits import KEY_GUESSES, NOTE_WRITES
from core.settings import Settings
from deploy.harness import AppServer
from examples.seeding import open_store
from projects.service import create_project
from tests.actors import WORKSPACE
from tests.e2e.conftest import wait_for_app
from tests.windows import wait_for_fresh_window
from workshop import facilitation, joining
from workshop import notes as workshop_notes

KEY = "kunci-ruang-kerja-7f3a9c1e"
SLOWED = re.compile(r"You're adding notes quickly\. Wait \d+ seconds")


@pytest.fixture
def remote_server(tmp_path: Path) -> Iterator[AppServer]:
    """Every browser here counts as another device, and the workspace has a key."""
    server = AppServer(
        data_dir=tmp_path / "data", env_extra={"NILAI_TRUST_LOCAL": "false", "NILAI_WORKSPACE_KEY": KEY}
    ).start()
    yield server
    server.stop()


def _open(browser: Browser, url: str) -> Page:
    """A fresh browser context: its own websocket and Streamlit session."""
    page = browser.new_context(locale="en-US").new_page()
    page.goto(url)
    wait_for_app(page)
    return page


def _add(page: Page, text: str) -> None:
    page.get_by_placeholder("One idea per note").fill(text)
    page.get_by_role("button", name="Add note").click()
    wait_for_app(page)


def test_a_participant_over_the_note_limit_is_slowed_and_a_reconnect_doesnt_reset_it(
    browser: Browser, remote_server: AppServer
) -> None:
    _open(browser, f"{remote_server.url}/?lang=en").close()  # the warm start creates the database
    store = open_store(Settings(data_dir=remote_server.data_dir, database_url=None, seed_sample=False))
    project = create_project(store, WORKSPACE, "Flood test", "", "en")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Commuters")
    opened = joining.open_workshop(store, WORKSPACE, canvas.id, facilitator_name="Dewi")
    facilitation.set_step(store, opened.facilitator_token, "pains")
    ani = joining.join(store, opened.workshop.join_code, "Ani", client="192.168.1.50")
    wait_for_fresh_window(NOTE_WRITES, 45)
    for n in range(NOTE_WRITES.allowed - 1):  # sent moments ago, from another session
        workshop_notes.add_note(store, ani.token, f"earlier {n}")

    link = f"{remote_server.url}/join?p={ani.token}&lang=en"
    page = _open(browser, link)
    _add(page, "the last one that fits")
    expect(page.locator(".nw-note").filter(has_text="the last one that fits")).to_be_visible()
    _add(page, "one too many")
    expect(page.get_by_text(SLOWED)).to_be_visible()
    expect(page.get_by_placeholder("One idea per note")).to_have_value("one too many")  # nothing typed lost
    page.context.close()

    again = _open(browser, link)  # the reconnect
    _add(again, "after the reconnect")
    expect(again.get_by_text(SLOWED)).to_be_visible()
    expect(again.get_by_placeholder("One idea per note")).to_have_value("after the reconnect")
    again.context.close()

    texts = {item.text for item in store.items.for_canvas(canvas)}
    assert len(texts) == NOTE_WRITES.allowed and "the last one that fits" in texts
    store.db.engine.dispose()


def test_key_link_guesses_are_counted(browser: Browser, remote_server: AppServer) -> None:
    wait_for_fresh_window(KEY_GUESSES, 60)
    for attempt in range(KEY_GUESSES.allowed):
        page = _open(browser, f"{remote_server.url}/?lang=en&key=guess-number-{attempt:04d}")
        expect(page.get_by_role("heading", name="This workspace is private")).to_be_visible()
        page.context.close()
    page = _open(browser, f"{remote_server.url}/?lang=en&key={KEY}")  # even the right key waits
    expect(page.get_by_text(re.compile(r"Too many wrong keys from this device"))).to_be_visible()
    expect(page.get_by_role("heading", name="This workspace is private")).to_be_visible()
    assert KEY not in page.url
    page.context.close()
