"""Version history in real browsers: a workshop adds 5 notes through participants, the
facilitator's workspace compares "Start of workshop" with now, restores it, and undoes that."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from canvas import canvases, notes
from canvas.models import NoteOwner
from core.settings import Settings
from deploy.harness import AppServer
from examples.seeding import open_store
from projects.service import create_project
from tests.actors import WORKSPACE
from tests.e2e.conftest import wait_for_app
from tests.e2e.test_workshop import LIVE, _add, _click, _join, _note

NOTES = {"Ani": ("Queue too long", "Cold coffee", "No seats"), "Budi": ("App crashes", "Price went up")}


def _canvas_texts(server: AppServer, project_id: str) -> list[str]:
    store = open_store(Settings(data_dir=server.data_dir, database_url=None, seed_sample=False))
    canvas = canvases.list_canvases(store, WORKSPACE, project_id)[0]
    texts = sorted(item.text for item in canvases.load_board(store, WORKSPACE, canvas.id, include_hidden=True).items)
    store.db.engine.dispose()
    return texts


def _added(page: Page):
    return page.locator('.hx-note[data-status="added"]')


def test_compare_workshop_start_with_now_restore_and_undo(browser: Browser, app_server: AppServer) -> None:
    store = open_store(Settings(data_dir=app_server.data_dir, database_url=None, seed_sample=False))
    project = create_project(store, WORKSPACE, "History test", "", "en")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Commuters")
    notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "jobs", "Get to work on time")
    store.db.engine.dispose()
    contexts = [browser.new_context(locale="en-US") for _ in range(3)]
    try:
        facilitator = contexts[0].new_page()
        facilitator.goto(f"{app_server.url}/?lang=en")
        wait_for_app(facilitator)
        facilitator.goto(f"{app_server.url}/workshop?lang=en&project={project.id}")
        wait_for_app(facilitator)
        _click(facilitator, "Open workshop")  # takes the "Start of workshop" snapshot
        code = facilitator.locator('[data-testid="nw-code"]').inner_text().strip()
        facilitator.get_by_role("radio", name="Pains", exact=True).click()
        wait_for_app(facilitator)
        for (name, texts), context in zip(NOTES.items(), contexts[1:], strict=True):
            page = _join(context, app_server, code, name, 390 if name == "Ani" else 1200)
            for text in texts:
                _add(page, text)
        expect(_note(facilitator, "Price went up")).to_be_visible(timeout=LIVE)
        after_workshop = _canvas_texts(app_server, project.id)
        assert len(after_workshop) == 6

        facilitator.goto(f"{app_server.url}/history?lang=en&project={project.id}")
        wait_for_app(facilitator)
        expect(facilitator.get_by_text("Budi").first).to_be_visible()  # the timeline names the participants
        expect(facilitator.get_by_text("added “Price went up” to Pains")).to_be_visible()
        facilitator.get_by_role("tab", name="Compare").click()
        wait_for_app(facilitator)
        expect(facilitator.get_by_text("Start of workshop · Commuters").first).to_be_visible()
        expect(_added(facilitator)).to_have_count(5)
        for texts in NOTES.values():
            for text in texts:
                expect(_added(facilitator).filter(has_text=text)).to_have_count(1)

        facilitator.get_by_role("button", name="Restore this canvas to").click()
        wait_for_app(facilitator)
        expect(facilitator.get_by_text("Nothing changed on this canvas between these two moments.")).to_be_visible()
        expect(_added(facilitator)).to_have_count(0)
        assert _canvas_texts(app_server, project.id) == ["Get to work on time"]

        facilitator.get_by_role("button", name="Undo", exact=True).click()
        wait_for_app(facilitator)
        expect(_added(facilitator)).to_have_count(5)
        assert _canvas_texts(app_server, project.id) == after_workshop

        # The board names who wrote each note; a toggle hides the names.
        facilitator.goto(f"{app_server.url}/canvas?lang=en&project={project.id}")
        wait_for_app(facilitator)
        authors = facilitator.locator(".nb-author")
        expect(authors.filter(has_text="Budi")).to_have_count(2)
        facilitator.get_by_text("Show who wrote each note").click()
        wait_for_app(facilitator)
        expect(authors).to_have_count(0)
    finally:
        for context in contexts:
            context.close()
