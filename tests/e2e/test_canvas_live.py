"""Two people on one canvas in separate browsers: the board follows the project's feed
(server/canvas_feed.py), so a colleague's note shows up without a reload, and a page
nobody touches runs no script while it waits (the old page ran a fragment every 4 s)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from deploy.harness import AppServer
from tests.e2e.test_canvas import _note, _open_canvas, _project_with_canvas

# Counts the page's script runs from now on (Streamlit marks the app while one is under
# way): each change of the mark is a record, even one undone before the observer is told.
COUNT_RUNS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  window.__nilaiRuns = 0;
  new MutationObserver((records) => {
    for (const record of records) if (record.oldValue === "running") window.__nilaiRuns += 1;
  }).observe(app, { attributes: true, attributeOldValue: true, attributeFilter: ["data-test-script-state"] });
}"""
IDLE_MS = 9_000  # longer than two of the old page's 4 s fragment runs


def _runs(page: Page) -> int:
    return page.evaluate("() => window.__nilaiRuns")


def test_a_colleagues_note_shows_without_a_reload_and_an_idle_page_runs_nothing(browser, app_server: AppServer) -> None:
    project_id, canvas_id = _project_with_canvas(app_server)
    writer_context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-US")
    follower_context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
    try:
        writer, follower = writer_context.new_page(), follower_context.new_page()
        _open_canvas(writer, app_server, project_id, canvas_id)
        _open_canvas(follower, app_server, project_id, canvas_id)
        follower.evaluate(COUNT_RUNS)
        follower.evaluate("() => { window.__nilaiLoaded = performance.timeOrigin; }")

        # Nobody edits: the follower's page waits on the feed and runs no script at all.
        follower.wait_for_timeout(IDLE_MS)
        assert _runs(follower) == 0

        field = writer.locator('input.nb-add[data-area="pains"]')
        field.focus()
        writer.keyboard.type("Parking fills up by 7")
        writer.keyboard.press("Enter")
        expect(_note(writer, "Parking fills up by 7")).to_be_visible(timeout=15_000)

        # The colleague's board shows it, in the same page (no reload: the marker survives).
        expect(_note(follower, "Parking fills up by 7")).to_be_visible(timeout=15_000)
        assert follower.evaluate("() => window.__nilaiLoaded") is not None
        follower.wait_for_function("() => window.__nilaiRuns >= 1")  # its page ran once, for the note
    finally:
        writer_context.close()
        follower_context.close()
