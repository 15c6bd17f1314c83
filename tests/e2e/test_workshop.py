"""A live workshop in real browsers: one facilitator and three participants, each in a
separate browser context (separate cookies and sessions)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from canvas import canvases
from core.errors import Forbidden
from core.settings import Settings
from deploy.harness import AppServer
from examples.seeding import open_store
from projects.service import create_project
from tests.actors import WORKSPACE
from tests.e2e.conftest import wait_for_app
from workshop import notes as workshop_notes

LIVE = 6_000  # the issue asks for 2 s; allow slack for a loaded CI machine
NAMES = ("Ani", "Budi", "Citra")


def _store(server: AppServer):
    return open_store(Settings(data_dir=server.data_dir, database_url=None, seed_sample=False))


def _project_with_canvas(server: AppServer) -> str:
    store = _store(server)
    project = create_project(store, WORKSPACE, "Workshop test", "", "en")
    canvases.create_canvas(store, WORKSPACE, project.id, "Commuters")
    store.db.engine.dispose()
    return project.id


def _note(page: Page, text: str):
    return page.locator(".nw-note").filter(has_text=text)


def _warm_up(page: Page, server: AppServer) -> None:
    # The first session after a server start may be served before st.navigation has run.
    page.goto(f"{server.url}/?lang=en")
    wait_for_app(page)


def _join(context: BrowserContext, server: AppServer, code: str, name: str, width: int) -> Page:
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{server.url}/join?lang=en")
    wait_for_app(page)
    page.get_by_role("textbox", name="Join code").fill(code.lower())
    page.get_by_role("textbox", name="Your display name").fill(name)
    page.get_by_role("button", name="Join", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_text(f"You take part as {name}")).to_be_visible()
    return page


def _add(page: Page, text: str) -> None:
    page.get_by_placeholder("One idea per note").fill(text)
    page.get_by_role("button", name="Add note").click()
    wait_for_app(page)
    expect(_note(page, text)).to_be_visible(timeout=LIVE)


def _click(page: Page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    wait_for_app(page)


def _vote(page: Page, text: str, left: int) -> None:
    # The +1 is on the live board's note; the dot goes to the action endpoint, no page run.
    _note(page, text).get_by_role("button", name="+1").click()
    expect(page.get_by_text(f"Votes left: {left} of 2")).to_be_visible(timeout=LIVE)


@pytest.fixture
def contexts(browser: Browser):
    made = [browser.new_context(locale="en-US") for _ in range(4)]
    yield made
    for context in made:
        context.close()


def test_facilitator_and_three_participants(contexts, app_server: AppServer) -> None:
    project_id = _project_with_canvas(app_server)
    facilitator = contexts[0].new_page()
    _warm_up(facilitator, app_server)
    facilitator.goto(f"{app_server.url}/workshop?lang=en&project={project_id}")
    wait_for_app(facilitator)
    _click(facilitator, "Open workshop")
    code = facilitator.locator('[data-testid="nw-code"]').inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", code)
    expect(facilitator.locator('img[data-testid="nw-qr"]')).to_be_visible()  # the QR code, with its text alternative
    facilitator.get_by_role("radio", name="Pains", exact=True).click()
    wait_for_app(facilitator)

    # 1. The participants join by code (one on a phone-width screen).
    people = {
        name: _join(ctx, app_server, code, name, width)
        for name, ctx, width in zip(NAMES, contexts[1:], (390, 1200, 1200), strict=True)
    }

    # 2-3. Each adds a note and sees everyone else's.
    for name, page in people.items():
        _add(page, f"Queue too long says {name}")
    for page in people.values():
        for name in NAMES:
            expect(_note(page, f"Queue too long says {name}")).to_be_visible(timeout=LIVE)
        expect(page.locator('.nw-area.nw-current[data-area="pains"]')).to_be_visible()
    expect(_note(facilitator, "Queue too long says Citra")).to_be_visible(timeout=LIVE)

    # 4. Private mode hides others' notes until the reveal.
    _click(facilitator, "Private mode")
    for name, page in people.items():
        expect(page.get_by_text(re.compile("Private mode"))).to_be_visible(timeout=LIVE)
        _add(page, f"Secret of {name}")
    for name, page in people.items():
        page.wait_for_timeout(1_500)
        for other in NAMES:
            if other != name:
                expect(_note(page, f"Secret of {other}")).to_have_count(0)
    expect(_note(facilitator, "Secret of Budi")).to_be_visible(timeout=LIVE)
    _click(facilitator, "Reveal all notes")
    for page in people.values():
        for name in NAMES:
            expect(_note(page, f"Secret of {name}")).to_be_visible(timeout=LIVE)

    # 6. A participant can't delete another's note: no control for it, and a crafted
    # request with her own token is refused server-side.
    ani = people["Ani"]
    budi_note = _note(ani, "Queue too long says Budi").first.get_attribute("data-note-id")
    ani.get_by_text("Edit or delete my notes").click()
    expect(ani.get_by_text("My notes (2)")).to_be_visible(timeout=LIVE)
    expect(ani.get_by_role("button", name="Delete", exact=True)).to_have_count(2)  # her own two
    # While her notes are open, one she adds from the board joins the list (her page runs
    # once for it); closed again, the list is gone and nothing follows her writes.
    _add(ani, "Ani adds a third")
    expect(ani.get_by_text("My notes (3)")).to_be_visible(timeout=LIVE)
    expect(ani.get_by_role("button", name="Delete", exact=True)).to_have_count(3)
    ani.get_by_text("Edit or delete my notes").click()
    expect(ani.get_by_role("button", name="Delete", exact=True)).to_have_count(0)
    ani_token = re.search(r"[?&]p=([^&]+)", ani.url).group(1)
    store = _store(app_server)
    with pytest.raises(Forbidden):
        workshop_notes.delete_note(store, ani_token, budi_note)
    store.db.engine.dispose()
    for page in people.values():
        expect(_note(page, "Queue too long says Budi")).to_be_visible()

    # 5. Dot voting: two votes each, totals when voting closes.
    facilitator.get_by_role("spinbutton", name="Votes per person").fill("2")
    _click(facilitator, "Open voting")
    for page in people.values():
        expect(page.get_by_text("Votes left: 2 of 2")).to_be_visible(timeout=LIVE)
    _vote(people["Ani"], "Queue too long says Budi", 1)
    _vote(people["Ani"], "Queue too long says Budi", 0)
    _vote(people["Budi"], "Queue too long says Ani", 1)
    _vote(people["Budi"], "Secret of Citra", 0)
    _vote(people["Citra"], "Queue too long says Budi", 1)
    _vote(people["Citra"], "Queue too long says Budi", 0)
    spent = _note(people["Citra"], "Secret of Ani")
    expect(spent.get_by_role("button", name="+1")).to_be_disabled()
    # No totals while voting is open.
    expect(people["Ani"].locator(".nw-votes")).to_have_count(0)
    _click(facilitator, "Close voting and show totals")
    expected = {"Queue too long says Budi": "4", "Queue too long says Ani": "1", "Secret of Citra": "1"}
    for page in [facilitator, *people.values()]:
        for text, total in expected.items():
            expect(_note(page, text).locator(".nw-votes")).to_have_text(total, timeout=LIVE)

    # 7. The timer shows for everyone.
    facilitator.get_by_role("spinbutton", name="Minutes").fill("2")
    _click(facilitator, "Start")
    for page in [facilitator, *people.values()]:
        expect(page.locator('[data-testid="nw-timer"]')).to_have_text(re.compile(r"0[12]:\d\d"), timeout=LIVE)
    # The countdown ticks in the browser (ui/workshop/live_board): no server round trip per second.
    timer = people["Citra"].locator('[data-testid="nw-timer"]')
    before = timer.inner_text()
    people["Citra"].wait_for_timeout(2_200)
    after = timer.inner_text()
    assert after != before and re.search(r"0[12]:\d\d", after), (before, after)
