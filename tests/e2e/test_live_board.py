"""The live board drawn in the browser from the feed (ui/workshop/live_board, server/feed.py),
against a real `streamlit run serve.py`: five participants in their own browser contexts
(one phone), the facilitator and the projector."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from canvas import canvases
from core.errors import RateLimited
from core.limits import NOTE_WRITES
from core.settings import Settings
from deploy.harness import AppServer
from examples.seeding import open_store
from projects.service import create_project
from tests.actors import WORKSPACE
from tests.e2e.conftest import wait_for_app
from tests.windows import wait_for_fresh_window
from workshop import facilitation, feed, joining
from workshop import notes as workshop_notes

LIVE = 6_000  # well under a second on a quiet machine; slack for a loaded one
NAMES = ("Ani", "Budi", "Citra", "Dewa", "Eka")
RUNS_SEEN = """() => {
  window.nilaiRuns = 0;
  const app = document.querySelector('[data-testid="stApp"]');
  new MutationObserver(() => {
    if (app.getAttribute("data-test-script-state") === "running") window.nilaiRuns += 1;
  }).observe(app, { attributes: true, attributeFilter: ["data-test-script-state"] });
}"""


def _note(page: Page, text: str):
    return page.locator(".nw-note").filter(has_text=text)


@pytest.fixture
def room(app_server: AppServer):
    store = open_store(Settings(data_dir=app_server.data_dir, database_url=None, seed_sample=False))
    project = create_project(store, WORKSPACE, "Live board", "", "en")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Commuters")
    opened = joining.open_workshop(store, WORKSPACE, canvas.id, facilitator_name="Dewi")
    facilitation.set_step(store, opened.facilitator_token, "pains")
    tokens = {name: joining.join(store, opened.workshop.join_code, name, client=f"e2e-{name}").token for name in NAMES}
    yield store, opened, tokens
    store.db.engine.dispose()


def _open(browser: Browser, url: str, width: int = 1200) -> Page:
    context = browser.new_context(locale="en-US", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(url)
    wait_for_app(page)
    return page


def test_five_participants_the_wall_private_mode_and_a_phone_offline_for_30_s(
    browser: Browser, app_server: AppServer, room
) -> None:
    store, opened, tokens = room
    warm = _open(browser, f"{app_server.url}/?lang=en")  # the first session may come before st.navigation
    warm.context.close()
    people = {
        name: _open(browser, f"{app_server.url}/join?p={token}&lang=en", 390 if name == "Ani" else 1200)
        for name, token in tokens.items()
    }
    wall = _open(browser, f"{app_server.url}/present?code={opened.workshop.join_code}&lang=en", 1440)
    facilitator = _open(browser, f"{app_server.url}/workshop?f={opened.facilitator_token}&lang=en", 1440)

    # Each adds a note with the board's note box (the action endpoint, no page run, not even
    # the writer's); everyone, the wall and the facilitator see all five.
    for page in people.values():
        page.evaluate(RUNS_SEEN)
    for name, page in people.items():
        page.get_by_placeholder("One idea per note").fill(f"Queue too long says {name}")
        page.get_by_role("button", name="Add note").click()
    for name, page in people.items():
        sent = page.locator(".nw-send").filter(has_text=f"Queue too long says {name}")
        expect(sent).to_contain_text("On the board", timeout=LIVE)
        expect(page.get_by_placeholder("One idea per note")).to_have_value("")
    for page in (*people.values(), wall, facilitator):
        for name in NAMES:
            expect(_note(page, f"Queue too long says {name}")).to_be_visible(timeout=LIVE)
    expect(_note(people["Budi"], "Queue too long says Budi").locator("small")).to_have_text("you")
    expect(_note(people["Budi"], "Queue too long says Ani").locator("small")).to_have_text("Ani")
    expect(_note(wall, "Queue too long says Ani").locator("small")).to_have_count(0)  # no names on the wall

    # Others' notes reach a viewer without running its page's script.
    workshop_notes.add_note(store, tokens["Citra"], "Seats run out at 7")
    workshop_notes.add_note(store, tokens["Dewa"], "No shade at the stop")
    for page in people.values():
        expect(_note(page, "No shade at the stop")).to_be_visible(timeout=LIVE)
        expect(_note(page, "Seats run out at 7")).to_be_visible(timeout=LIVE)
    assert [page.evaluate("window.nilaiRuns") for page in people.values()] == [0] * len(NAMES)

    # Private mode hides others' notes until the reveal; the facilitator sees them all along.
    facilitation.set_private(store, opened.facilitator_token, True)
    for name, page in people.items():
        expect(page.get_by_text(re.compile("Private mode"))).to_be_visible(timeout=LIVE)
        workshop_notes.add_note(store, tokens[name], f"Secret of {name}")
    for name, page in people.items():
        expect(_note(page, f"Secret of {name}")).to_be_visible(timeout=LIVE)
        expect(page.get_by_text("Private mode: 4 notes from others hidden")).to_be_visible(timeout=LIVE)
        for other in NAMES:
            if other != name:
                expect(_note(page, f"Secret of {other}")).to_have_count(0)
    for name in NAMES:
        expect(_note(facilitator, f"Secret of {name}")).to_be_visible(timeout=LIVE)
        expect(_note(wall, f"Secret of {name}")).to_have_count(0)
    facilitation.reveal(store, opened.facilitator_token)
    for page in (*people.values(), wall):
        for name in NAMES:
            expect(_note(page, f"Secret of {name}")).to_be_visible(timeout=LIVE)

    # A phone goes offline for 30 s; the room moves on (a note added, one deleted); it catches up.
    phone = people["Ani"]
    phone.context.set_offline(True)
    # The long poll already on its way when the network went stays open until it times out
    # (server.feed.WAIT_SECONDS); the next one finds no network, and the phone says so.
    expect(phone.get_by_role("status").filter(has_text="Offline")).to_be_visible(timeout=30_000)
    workshop_notes.add_note(store, tokens["Eka"], "Added while Ani was away")
    gone = next(item for item in store.items.for_canvas(store.canvases.get(opened.workshop.canvas_id))
                if item.text == "Seats run out at 7")  # fmt: skip
    workshop_notes.delete_note(store, tokens["Citra"], gone.id)
    phone.wait_for_timeout(10_000)  # 30 s and more offline in all
    expect(_note(phone, "Added while Ani was away")).to_have_count(0)
    phone.context.set_offline(False)
    expect(_note(phone, "Added while Ani was away")).to_be_visible(timeout=LIVE)
    expect(_note(phone, "Seats run out at 7")).to_have_count(0)
    expect(phone.get_by_role("status").filter(has_text="Offline")).to_be_hidden()
    expect(_note(wall, "Seats run out at 7")).to_have_count(0)

    # A forged or missing credential gets nothing from the feed, from inside a real page.
    forged_wall = feed.projector_credential(store.workshops.get(opened.workshop.id))[:-4] + "0000"
    statuses = phone.evaluate(
        """async (credentials) => {
          const out = [];
          for (const credential of credentials) {
            const headers = credential === null ? {} : { Authorization: `Bearer ${credential}` };
            const response = await fetch("/api/live/feed?since=0", { headers, cache: "no-store" });
            out.push([response.status, await response.text()]);
          }
          return out;
        }""",
        [None, "forged-token", tokens["Ani"][:-3] + "xyz", forged_wall, f"wall.{opened.workshop.id}.{'f' * 64}"],
    )
    assert [status for status, _ in statuses] == [403] * 5
    assert all("Queue" not in body and "revision" not in body for _, body in statuses)

    for page in (*people.values(), wall, facilitator):
        page.context.close()


def test_a_note_sent_offline_arrives_once_and_a_refused_one_says_why(
    browser: Browser, app_server: AppServer, room
) -> None:
    """The note box's writes (server/actions.py): sent while the phone has no network, it is
    sent again with the same nonce once the network is back and stored once; refused by
    the note limit, the reason shows beside it and the text goes back into the box."""
    store, opened, tokens = room
    warm = _open(browser, f"{app_server.url}/?lang=en")
    warm.context.close()
    phone = _open(browser, f"{app_server.url}/join?p={tokens['Ani']}&lang=en", 390)
    budi = _open(browser, f"{app_server.url}/join?p={tokens['Budi']}&lang=id", 1200)
    expect(phone.locator(".nw-board")).to_be_visible(timeout=LIVE)

    box = phone.get_by_placeholder("One idea per note")
    box.fill("Sent from the tunnel")
    phone.context.set_offline(True)
    phone.get_by_role("button", name="Add note").click()
    sent = phone.locator(".nw-send").filter(has_text="Sent from the tunnel")
    expect(sent).to_contain_text("No connection: trying again", timeout=LIVE)
    phone.wait_for_timeout(3_000)  # several tries while offline
    phone.context.set_offline(False)
    expect(sent).to_contain_text("On the board", timeout=LIVE)
    expect(_note(budi, "Sent from the tunnel")).to_be_visible(timeout=LIVE)
    canvas = store.canvases.get(opened.workshop.canvas_id)
    assert [item.text for item in store.items.for_canvas(canvas)].count("Sent from the tunnel") == 1

    wait_for_fresh_window(NOTE_WRITES, 25)
    for n in range(NOTE_WRITES.allowed):  # the phone's budget for this minute, spent elsewhere
        try:
            workshop_notes.add_note(store, tokens["Ani"], f"earlier {n}")
        except RateLimited:
            break
    box.fill("One too many")
    phone.get_by_role("button", name="Add note").click()
    refused = phone.locator(".nw-send-refused").filter(has_text="One too many")
    expect(refused).to_contain_text("Not saved: You're adding notes quickly", timeout=LIVE)
    expect(box).to_have_value("One too many")  # nothing typed is lost
    assert "One too many" not in {item.text for item in store.items.for_canvas(canvas)}
    phone.screenshot(path=str(app_server.data_dir.parent / "refused-390.png"))

    # Budi's board is in Indonesian, his note box too; his note reaches the phone.
    budi.get_by_placeholder("Satu ide per catatan").fill("Antre di loket")
    budi.get_by_role("button", name="Tambah catatan").click()
    expect(budi.locator(".nw-send").filter(has_text="Antre di loket")).to_contain_text("Sudah di papan", timeout=LIVE)
    expect(_note(phone, "Antre di loket")).to_be_visible(timeout=LIVE)
    for page in (phone, budi):
        page.context.close()
