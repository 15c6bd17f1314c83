"""One note, one name: on the sample project, every note code the canvas board shows names
the same text on the assumptions map, on the testing board's cards, in the history's
compare view, and in `pdftotext` of the PDF's testing page and of the history comparison."""

from __future__ import annotations

import subprocess
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from canvas import notes
from canvas.models import NoteOwner
from core.settings import Settings
from deploy.harness import AppServer
from examples.seeding import open_store
from export.bundle import collect
from export.pdf.builder import build_pdf
from export.pdf.history_page import ComparisonMeta, comparison_pdf
from history import restore as history_restore
from history import snapshots as history_snapshots
from tests.actors import WORKSPACE
from tests.e2e.conftest import wait_for_app

SAMPLE = "Sample: Sapa Campus Library"
CODED = """(nodes, [codeSel, textSel]) => nodes.map((node) => [
  node.querySelector(codeSel)?.textContent.trim() || "",
  node.querySelector(textSel)?.textContent.trim() || "",
])"""


def _words(text: str) -> str:
    return " ".join(text.split())


def _pdf_text(data: bytes, path: Path) -> str:
    path.write_bytes(data)
    return _words(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout)


def _board_codes(page: Page) -> dict[str, str]:
    board = page.locator(".nb-note")
    expect(board.first).to_be_visible(timeout=30_000)
    pairs = board.evaluate_all(CODED, [".nb-code", ".nb-text"])
    return {code: _words(text) for code, text in pairs}


def test_every_surface_names_a_note_by_the_boards_code(browser: Browser, app_server: AppServer, tmp_path) -> None:
    store = open_store(Settings(data_dir=app_server.data_dir, database_url=None))
    project = next(p for p in store.projects.summaries() if p.name == SAMPLE)
    canvas = store.canvases.list_for_project(project.id)[0]
    snapshot = history_snapshots.take_snapshot(store, WORKSPACE, project.id, "Before the review")
    notes.add_note(
        store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "pains", "Printing costs add up at the end", rank=4
    )
    store.db.engine.dispose()

    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-US")
    page = context.new_page()
    try:
        page.goto(f"{app_server.url}/canvas?lang=en&project={project.id}&canvas={canvas.id}")
        wait_for_app(page, timeout=60_000)
        board = _board_codes(page)
        assert len(board) >= 20 and all(board)

        # The assumptions map: every note, the same code and text.
        page.goto(f"{app_server.url}/testing?lang=en&project={project.id}&canvas={canvas.id}")
        wait_for_app(page, timeout=60_000)
        chips = page.locator('[data-testid="map-note"]')
        expect(chips).to_have_count(len(board), timeout=30_000)
        on_map = {code: _words(text) for code, text in chips.evaluate_all(CODED, [".am-code", ".am-text"])}
        assert on_map == board

        # The testing board: each tested note as "CODE text" on its card.
        page.get_by_role("tab", name="Testing board").click()
        wait_for_app(page)
        lines = page.locator('[class*="st-key-testing-card-"] li').all_inner_texts()
        named = [line for line in lines if line.split(" ", 1)[0] in board]
        assert named, lines
        for line in named:
            code, text = line.split(" ", 1)
            assert board[code].startswith(_words(text).rstrip("…").rstrip()), (code, text)

        # The compare view: this canvas then and now, each note by its code.
        page.goto(f"{app_server.url}/history?lang=en&project={project.id}&canvas={canvas.id}")
        wait_for_app(page, timeout=60_000)
        page.get_by_role("tab", name="Compare").click()
        wait_for_app(page)
        compared = page.locator(".hx-note[data-note]")  # the legend's samples are not notes
        expect(compared.first).to_be_visible(timeout=20_000)
        in_compare = {code: _words(text) for code, text in compared.evaluate_all(CODED, [".hx-code", ".hx-text"])}
        assert in_compare == board
    finally:
        context.close()

    store = open_store(Settings(data_dir=app_server.data_dir, database_url=None))
    try:
        testing_pdf = _pdf_text(
            build_pdf(collect(store, WORKSPACE, project.id).only([canvas.id]), language="en", sections=["testing"]),
            tmp_path / "testing.pdf",
        )
        words = set(testing_pdf.split())
        assert set(board) <= words  # every note on the printed map, by its code
        diff = history_restore.compare(store, WORKSPACE, canvas.id, snapshot.id)
        meta = ComparisonMeta(project.name, canvas.name, "Before the review", "Now", snapshot.created_at)
        history_pdf = _pdf_text(comparison_pdf(diff, meta, "en"), tmp_path / "history.pdf")
        for code, text in board.items():
            # The code, then the note's words (wrapped lines join with a space).
            assert f"{code} {' '.join(text.split()[:3])}" in history_pdf, code
    finally:
        store.db.engine.dispose()
