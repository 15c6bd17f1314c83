"""Every open page comes back to where it was after a restart, with no extra reload.

Issue #12: a page reconnecting while the warm-up thread imported the app's modules met
one half-initialised. Issue #26: with a facilitator and three participants reconnecting
together, about 1 restart in 6 served a first run before any run had called
st.navigation, while Streamlit still took the pages/ folder for an old-style multipage
app (raw page names in the sidebar, "Choose a project first"). The warm start now settles
the navigation mode before any session starts (server/warmup.py). Here the server is
killed and started again on the same port 20 times with four pages open, which load
again together; each must show its own content at once (without the fix, 18 of 40 page
loads over 10 restarts ran bare).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from playwright.sync_api import Browser, Page, expect

from canvas import canvases
from core.settings import Settings
from deploy.harness import AppServer
from examples.seeding import open_store
from i18n import translate
from tests.actors import WORKSPACE
from tests.e2e.conftest import wait_for_app
from workshop import joining

RESTARTS = 20
STREAMLIT_ERROR = "This app has encountered an error"
PARTICIPANTS = ("Ani", "Budi", "Citra")
# What Streamlit's own navigation over pages/ would list: a page run without app.py.
BARE_PAGE_NAMES = ("app", "canvas", "classroom", "join")


@dataclass
class OpenPage:
    page: Page
    url: str
    participant: str | None = None  # None: the facilitator's canvas page


def _room(server: AppServer) -> tuple[str, dict[str, str]]:
    """A sample project (seeded unless the warm start already has) with a workshop on its
    first canvas, and one participant token per name."""
    store = open_store(Settings(data_dir=server.data_dir, database_url=None))
    try:
        project_id = next(s.id for s in store.projects.summaries() if s.language == "en")
        canvas = canvases.list_canvases(store, WORKSPACE, project_id)[0]
        opened = joining.open_workshop(store, WORKSPACE, canvas.id, facilitator_name="Fasil")
        tokens = {
            name: joining.join(store, opened.workshop.join_code, name, client=f"test-{name}").token
            for name in PARTICIPANTS
        }
        return project_id, tokens
    finally:
        store.close()


def _assert_own_content(open_page: OpenPage) -> None:
    page = open_page.page
    body = page.locator("body").inner_text()
    assert STREAMLIT_ERROR not in body
    for lang in ("en", "id"):
        assert translate(lang, "common.no_project") not in body
    if open_page.participant is None:
        sidebar = page.get_by_test_id("stSidebar")
        for key in ("nav.portfolio", "nav.examples", "nav.section.learn"):
            expect(sidebar.get_by_text(translate("en", key), exact=True).first).to_be_visible()
        expect(page.get_by_role("heading", name=translate("en", "canvas.title"), exact=True)).to_be_visible()
    else:
        you_are = translate("en", "workshop.join.you_are", name=open_page.participant).replace("**", "")
        expect(page.get_by_text(you_are)).to_be_visible()
    links = page.get_by_test_id("stSidebarNavLink")
    names = {text.strip() for text in links.all_inner_texts()}
    assert not names & set(BARE_PAGE_NAMES), f"Streamlit's bare navigation: {sorted(names)}"


def _open(browser: Browser, url: str, participant: str | None) -> OpenPage:
    page = browser.new_context(locale="en-US").new_page()
    page.goto(url)
    wait_for_app(page)
    return OpenPage(page, url, participant)


def _load_again_at_once(pages: list[OpenPage]) -> None:
    """Every page loads again at the same moment, as when the facilitator reloads while the
    participants' phones reopen the tab: several first runs reach the new process together."""
    load_again = "url => { window.beforeRestart = true; setTimeout(() => location.assign(url), 0); }"
    for open_page in pages:
        open_page.page.evaluate(load_again, open_page.url)
    for open_page in pages:
        open_page.page.wait_for_function("() => !window.beforeRestart", timeout=30_000)


def test_every_open_page_comes_back_to_its_own_content_after_every_restart(
    browser: Browser, app_server: AppServer
) -> None:
    project_id, tokens = _room(app_server)
    pages = [_open(browser, f"{app_server.url}/canvas?project={project_id}&lang=en", None)]
    pages += [_open(browser, f"{app_server.url}/join?p={tokens[name]}&lang=en", name) for name in PARTICIPANTS]
    for open_page in pages:
        _assert_own_content(open_page)

    started = time.monotonic()
    for restart in range(1, RESTARTS + 1):
        app_server.kill()
        app_server.start()
        _load_again_at_once(pages)
        for open_page in pages:
            wait_for_app(open_page.page)
            try:
                _assert_own_content(open_page)
            except AssertionError as error:
                who = open_page.participant or "facilitator"
                raise AssertionError(f"restart {restart} of {RESTARTS}, {who}: {error}") from None
    assert time.monotonic() - started < 420
    for open_page in pages:
        open_page.page.context.close()
