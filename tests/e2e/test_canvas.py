"""The canvas board in a real browser: keyboard adds in all six areas, ranking, a link that
moves the coverage figure, drag to another area, and a note full of HTML that stays text."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from canvas import canvases, notes
from canvas.models import NoteOwner
from core.settings import Settings
from deploy.harness import AppServer
from examples.seeding import open_store
from projects.service import create_project
from tests.actors import WORKSPACE
from tests.e2e.conftest import wait_for_app

AREAS = ("jobs", "pains", "gains", "products", "relievers", "creators")
TEXTS = {
    "jobs": "Commute to campus before 8",
    "pains": "Buses full after 7 a.m.",
    "gains": "Arrive ten minutes early",
    "products": "Campus ride app",
    "relievers": "Seat booking the night before",
    "creators": "Arrival guarantee",
}


def _project_with_canvas(server: AppServer) -> tuple[str, str]:
    store = open_store(Settings(data_dir=server.data_dir, database_url=None, seed_sample=False))
    project = create_project(store, WORKSPACE, "Board test", "", "en")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Commuters")
    store.db.engine.dispose()
    return project.id, canvas.id


def _open_canvas(page: Page, server: AppServer, project_id: str, canvas_id: str, lang: str = "en") -> None:
    page.goto(f"{server.url}/?lang={lang}&project={project_id}&canvas={canvas_id}")
    wait_for_app(page)
    page.get_by_role("link", name="Canvas" if lang == "en" else "Kanvas").first.click()
    wait_for_app(page)
    expect(page.locator(".nb-zone-pains")).to_be_visible(timeout=20_000)


def _note(page: Page, text: str):
    return page.locator(".nb-note").filter(has=page.locator(".nb-text", has_text=text))


def _coverage(page: Page) -> str:
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="Profile addressed")
    return metric.locator('[data-testid="stMetricValue"]').inner_text().strip()


def test_keyboard_rank_link_coverage_drag_and_script_as_text(page: Page, app_server: AppServer) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    project_id, canvas_id = _project_with_canvas(app_server)
    _open_canvas(page, app_server, project_id, canvas_id)

    # Add a note to each of the six areas with the keyboard only: focus, type, Enter.
    for area in AREAS:
        field = page.locator(f'input.nb-add[data-area="{area}"]')
        field.focus()
        page.keyboard.type(TEXTS[area])
        page.keyboard.press("Enter")
        expect(page.locator(f".nb-zone-{area} .nb-note .nb-text", has_text=TEXTS[area])).to_be_visible(timeout=15_000)
        expect(field).to_have_value("")
    wait_for_app(page)

    # The field stays ready for the next note: type on, without touching the mouse.
    expect(page.locator('input.nb-add[data-area="creators"]')).to_be_focused()
    page.keyboard.type("Quiet carriages for studying")
    page.keyboard.press("Enter")
    expect(_note(page, "Quiet carriages for studying")).to_be_visible(timeout=15_000)
    wait_for_app(page)
    page.locator('input.nb-add[data-area="pains"]').focus()
    page.keyboard.type("Ride-hailing eats my allowance")
    page.keyboard.press("Enter")
    expect(_note(page, "Ride-hailing eats my allowance")).to_be_visible(timeout=15_000)
    wait_for_app(page)

    # Rank with the keyboard: focus a note and press 5.
    pain = _note(page, TEXTS["pains"])
    pain.focus()
    page.keyboard.press("5")
    expect(pain.locator(".nb-rank")).to_have_text("5", timeout=15_000)
    wait_for_app(page)
    job = _note(page, TEXTS["jobs"])
    job.focus()
    page.keyboard.press("4")
    expect(job.locator(".nb-rank")).to_have_text("4", timeout=15_000)
    wait_for_app(page)

    # Coverage before and after linking a pain reliever to the pain.
    before = _coverage(page)
    assert before == "0%"
    page.get_by_role("button", name="Link mode").click()
    _note(page, TEXTS["relievers"]).click()
    _note(page, TEXTS["pains"]).click()
    wait_for_app(page)
    expect(page.locator('[data-testid="stMetric"]').filter(has_text="Profile addressed")).not_to_contain_text(
        "0%", timeout=15_000
    )
    after = _coverage(page)
    assert int(after.rstrip("%")) > 0
    expect(_note(page, TEXTS["relievers"]).locator(".nb-linkchip")).to_have_text(re.compile(r"→P1"))
    page.keyboard.press("Escape")

    # Drag a gain creator into the gains area: it becomes a gain.
    creator = _note(page, TEXTS["creators"])
    creator.drag_to(page.locator(".nb-zone-gains .nb-list"))
    expect(page.locator(".nb-zone-gains .nb-note .nb-text", has_text=TEXTS["creators"])).to_be_visible(timeout=15_000)
    expect(page.locator(".nb-zone-creators .nb-note")).to_have_count(1)
    wait_for_app(page)

    # HTML in a note is shown as text and runs nothing.
    hostile = "<img src=x onerror=alert(1)>"
    page.locator('input.nb-add[data-area="pains"]').focus()
    page.keyboard.type(hostile)
    page.keyboard.press("Enter")
    expect(page.locator(".nb-zone-pains .nb-text", has_text=hostile)).to_be_visible(timeout=15_000)
    wait_for_app(page)
    assert page.locator(".nb img").count() == 0
    page.wait_for_timeout(500)
    assert dialogs == []

    # All of it survives a reload (it was saved, not only drawn).
    page.reload()
    wait_for_app(page)
    expect(page.locator(".nb-zone-pains .nb-text", has_text=hostile)).to_be_visible(timeout=15_000)
    assert dialogs == []


def test_empty_and_too_long_notes_get_a_message(page: Page, app_server: AppServer) -> None:
    project_id, canvas_id = _project_with_canvas(app_server)
    _open_canvas(page, app_server, project_id, canvas_id)
    long_text = "x" * 5000
    field = page.locator('input.nb-add[data-area="gains"]')
    field.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".nb-status")).to_have_text("A note can't be empty. Type something first.")
    field.fill(long_text)
    field.press("Enter")
    # the page's error, not only the board's screen-reader status, which says it too
    error = page.get_by_test_id("stAlertContentError").get_by_text("at most 500 characters")
    expect(error).to_be_visible(timeout=15_000)
    # the refused text is handed back so nothing typed is lost
    expect(page.locator('[data-testid="stCode"]').filter(has_text="xxxxxxxx").first).to_be_visible()
    assert page.locator(".nb-zone-gains .nb-note").count() == 0


def test_full_canvas_in_indonesian_renders_emoji(page: Page, app_server: AppServer) -> None:
    store = open_store(Settings(data_dir=app_server.data_dir, database_url=None, seed_sample=False))
    from bench.demo import full_canvas

    canvas = full_canvas(store, "id")
    notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "gains", "Bisa ngopi dulu sebelum kuliah ☕😀")
    store.db.engine.dispose()
    _open_canvas(page, app_server, canvas.project_id, canvas.id, lang="id")
    expect(page.locator(".nb-zone-pains .nb-zone-title")).to_have_text("Keluhan (pains)")
    expect(page.locator(".nb-text", has_text="☕😀")).to_be_visible()
    expect(page.get_by_text("Profil terjawab")).to_be_visible()


def test_edit_in_place_delete_and_undo_on_the_board(page: Page, app_server: AppServer) -> None:
    store = open_store(Settings(data_dir=app_server.data_dir, database_url=None, seed_sample=False))
    project = create_project(store, WORKSPACE, "Board edit", "", "en")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Commuters")
    item = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "pains", "Late buses")
    store.db.engine.dispose()
    _open_canvas(page, app_server, project.id, canvas.id)

    note = _note(page, "Late buses")
    note.focus()
    page.keyboard.press("Enter")  # edit in place
    editor = page.locator("textarea.nb-editor")
    expect(editor).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("Late buses after 7 a.m. 🚌")
    page.keyboard.press("Enter")
    expect(_note(page, "Late buses after 7 a.m. 🚌")).to_be_visible(timeout=15_000)
    wait_for_app(page)

    # while we edit, someone else changes it: our edit is refused and both texts are shown
    note = _note(page, "Late buses after 7 a.m.")
    note.dblclick()
    expect(page.locator("textarea.nb-editor")).to_be_focused()
    other = open_store(Settings(data_dir=app_server.data_dir, database_url=None, seed_sample=False))
    current = other.items.get(item.id)
    notes.update_note(
        other, WORKSPACE, NoteOwner.of_canvas(canvas.id), item.id, current.version, text="Buses are late every morning"
    )
    other.db.engine.dispose()
    page.wait_for_timeout(5_000)  # the live refresh arrives; the open editor is left alone
    expect(page.locator("textarea.nb-editor")).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("My newer wording")
    page.keyboard.press("Enter")
    # the page's warning (the board's screen-reader status says it too)
    stale = page.get_by_test_id("stAlertContentWarning").get_by_text("Someone else changed this")
    expect(stale).to_be_visible(timeout=15_000)
    expect(page.locator('[data-testid="stCode"]').filter(has_text="My newer wording")).to_be_visible()
    expect(_note(page, "Buses are late every morning")).to_be_visible()

    # delete with the keyboard, then Undo
    wait_for_app(page)
    note = _note(page, "Buses are late every morning")
    note.focus()
    page.keyboard.press("Delete")
    expect(page.locator(".nb-zone-pains .nb-note")).to_have_count(0, timeout=15_000)
    page.get_by_role("button", name="Undo").click()
    expect(_note(page, "Buses are late every morning")).to_be_visible(timeout=15_000)


def test_move_a_note_with_the_keyboard(page: Page, app_server: AppServer) -> None:
    store = open_store(Settings(data_dir=app_server.data_dir, database_url=None, seed_sample=False))
    project = create_project(store, WORKSPACE, "Keyboard move", "", "en")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Commuters")
    notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "gains", "Seat guaranteed every morning")
    store.db.engine.dispose()
    _open_canvas(page, app_server, project.id, canvas.id)
    _note(page, "Seat guaranteed every morning").focus()
    page.keyboard.press("Shift+ArrowRight")  # gains -> pains (board order: value map, then gains, pains, jobs)
    expect(page.locator(".nb-zone-pains .nb-text", has_text="Seat guaranteed every morning")).to_be_visible(
        timeout=15_000
    )


# -- the wide board at 1440x900 and on a 1920x1080 projector (issue 26) ---------------

CUT_IN_BAR_JS = """(bar) => {
    // Text in the canvas bar that is cut: a box narrower than its text, or past the window.
    const cut = [];
    for (const el of bar.querySelectorAll('*')) {
        if (!el.childElementCount && el.textContent.trim()) {
            const box = el.getBoundingClientRect();
            if (el.scrollWidth > el.clientWidth + 1 || box.right > window.innerWidth) cut.push(el.textContent.trim());
        }
    }
    return cut;
}"""


def test_the_wide_board_cuts_no_text_on_a_laptop_or_a_projector(browser, app_server: AppServer) -> None:
    """The canvas picker shows the whole name of the canvas (it was cut at 320 px), and the
    wide board overflows nothing sideways, in both languages."""
    from axe_playwright_python.sync_playwright import Axe

    from i18n import translate
    from projects import service as projects
    from tests.e2e.test_axe import AXE_TAGS, _blocking

    for language in ("id", "en"):
        store = open_store(Settings(data_dir=app_server.data_dir, seed_sample=False))
        project = projects.copy_example(store, WORKSPACE, "campus_library", language, "Sapa")
        canvas = store.canvases.list_for_project(project.id)[0]
        store.db.engine.dispose()
        for width, height in ((1440, 900), (1920, 1080)):
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(f"{app_server.url}/canvas?lang={language}&project={project.id}&canvas={canvas.id}")
            wait_for_app(page)
            page.get_by_text(translate(language, "canvas.wide_board"), exact=True).click()
            wait_for_app(page)
            where = f"{language} {width}x{height}"
            bar = page.locator(".st-key-canvas-bar")
            picker = bar.locator("input").first  # the select shows the chosen name in its input
            expect(picker).to_have_value(canvas.name)
            assert picker.evaluate("(i) => i.scrollWidth <= i.clientWidth + 1"), where
            assert bar.evaluate(CUT_IN_BAR_JS) == [], where
            main = page.locator('[data-testid="stMain"]')
            assert main.evaluate("(m) => m.scrollWidth <= m.clientWidth + 1"), where
            result = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
            assert _blocking(page, result.response["violations"]) == [], where
            page.close()
