"""One action, one effect, in a real browser (issue #26): the board's trigger delivers the
same add action twice, 15 ms apart, as happened once after a single Enter. The canvas gets
one note; a second action with its own nonce still gets its own."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from canvas import canvases
from core.settings import Settings
from deploy.harness import AppServer
from examples.seeding import open_store
from projects.service import create_project
from tests.actors import WORKSPACE
from tests.e2e.conftest import wait_for_app
from tests.e2e.test_forged_board_actions import CAPTURE_BOARDS

# The same trigger value twice through the component's own setTriggerValue (what a
# duplicate delivery looks like to the server), then a different action.
SEND_TWICE = """async ([value]) => {
  const board = window.__nilaiBoards[window.__nilaiBoards.length - 1];
  board.send("action", value);
  await new Promise((done) => setTimeout(done, 15));
  board.send("action", value);
}"""


def _notes(server: AppServer, canvas) -> list[str]:
    store = open_store(Settings(data_dir=server.data_dir, database_url=None, seed_sample=False))
    try:
        return [item.text for item in store.items.for_canvas(canvas) if item.deleted_at is None]
    finally:
        store.db.engine.dispose()


def test_the_same_board_action_delivered_twice_adds_one_note(page: Page, app_server: AppServer) -> None:
    page.goto(f"{app_server.url}/?lang=en")
    wait_for_app(page)
    store = open_store(Settings(data_dir=app_server.data_dir, database_url=None, seed_sample=False))
    project = create_project(store, WORKSPACE, "Once", "", "en")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Commuters")
    store.db.engine.dispose()

    page.add_init_script(CAPTURE_BOARDS)
    page.goto(f"{app_server.url}/canvas?lang=en&project={project.id}&canvas={canvas.id}")
    wait_for_app(page)
    expect(page.locator(".nb-add").first).to_be_attached(timeout=30_000)

    action = {"op": "add", "area": "pains", "text": "Queue numbers run out", "nonce": "1765000000000-once01"}
    page.evaluate(SEND_TWICE, [action])
    expect(page.locator(".nb-text", has_text="Queue numbers run out")).to_have_count(1, timeout=15_000)
    wait_for_app(page)
    page.wait_for_timeout(1_000)  # a second effect would land within this
    wait_for_app(page)
    assert _notes(app_server, canvas) == ["Queue numbers run out"]

    again = {**action, "nonce": "1765000000015-once02"}
    page.evaluate(SEND_TWICE, [again])
    expect(page.locator(".nb-text", has_text="Queue numbers run out")).to_have_count(2, timeout=15_000)
    wait_for_app(page)
    assert _notes(app_server, canvas) == ["Queue numbers run out"] * 2
