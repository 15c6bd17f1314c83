"""The board for a first-time user (issue 14), in a real browser: every sample note fully
visible at 1440×900, one Tab stop with arrow keys inside, a keyboard delete that is
announced and undone, the list layout on a 390 px phone (add, link, rank, edit, move, delete by touch),
"+N more" on a crowded zone, and no serious axe finding in the board's own markup."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from canvas import canvases as canvas_canvases
from canvas import notes as canvas_notes
from canvas.models import NoteOwner
from core.settings import Settings
from deploy.harness import AppServer
from examples.seeding import open_store
from projects.service import create_project
from tests.actors import WORKSPACE
from tests.e2e.conftest import wait_for_app

DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
LOCALES = {"en": "en-US", "id": "id-ID"}


def _store(server: AppServer):
    return open_store(Settings(data_dir=server.data_dir, database_url=None, seed_sample=False))


def _canvas_with(server: AppServer, notes: list[tuple[str, str]], lang: str = "en") -> tuple[str, str]:
    store = _store(server)
    project = create_project(store, WORKSPACE, "Board UX", "", lang)
    canvas = canvas_canvases.create_canvas(store, WORKSPACE, project.id, "Commuters")
    for area, text in notes:
        canvas_notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), area, text)
    store.db.engine.dispose()
    return project.id, canvas.id


def _sample_canvases(server: AppServer) -> dict[str, list[tuple[str, str]]]:
    """The sample project of each language (seeded on first run) and its canvases."""
    store = open_store(Settings(data_dir=server.data_dir, database_url=None))
    found: dict[str, list[tuple[str, str]]] = {}
    for summary in store.projects.summaries():
        canvases = store.canvases.list_for_project(summary.id)
        found.setdefault(summary.language, []).extend((summary.id, c.id) for c in canvases)
    store.db.engine.dispose()
    return found


def _open(page: Page, server: AppServer, project_id: str, canvas_id: str, lang: str = "en") -> None:
    page.goto(f"{server.url}/canvas?lang={lang}&project={project_id}&canvas={canvas_id}")
    wait_for_app(page)
    expect(page.locator(".nb-zone-pains")).to_be_visible(timeout=20_000)
    page.wait_for_timeout(300)  # the shapes settle to their notes' height


def _note(page: Page, text: str):
    return page.locator(".nb-note").filter(has=page.locator(".nb-text", has_text=text))


def _focus_in_board(page: Page) -> str | None:
    """The class of the focused element inside the board's surface, or None when the focus
    is elsewhere (the board lives in a shadow root: document.activeElement is its host)."""
    return page.evaluate(
        """() => {
          let node = document.activeElement;
          while (node && node.shadowRoot && node.shadowRoot.activeElement) node = node.shadowRoot.activeElement;
          return node && node.closest && node.closest('.nb-surface') ? node.className : null;
        }"""
    )


# The text contrast of every visible text in the board, worked out from computed colours
# (background layers and opacity blended; WCAG's formula). The bundled axe-core (4.4)
# reports no color-contrast result inside the component's shadow root, so the test
# measures it itself. Returns [ratio, font size px, class, text] per element.
CONTRASTS = r"""
() => {
  const host = [...document.querySelectorAll('*')].find(e => e.shadowRoot && e.shadowRoot.querySelector('.nb'));
  const parse = (c) => {
    const srgb = c.match(/color\(srgb ([^)]+)\)/);  // what color-mix() computes to
    if (srgb) {
      const q = srgb[1].split(/[ \/]+/).filter(Boolean).map(Number);
      return [q[0] * 255, q[1] * 255, q[2] * 255, q.length > 3 ? q[3] : 1];
    }
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const parentOf = (n) => n.parentElement || (n.getRootNode() && n.getRootNode().host) || null;
  const background = (el) => {
    const layers = [];
    for (let n = el; n && n.nodeType === 1; n = parentOf(n)) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c && c[3] > 0) layers.push(c);
      if (c && c[3] >= 1) break;
    }
    let bg = [255, 255, 255, 1];
    for (const layer of layers.reverse()) bg = over(layer, bg);
    return bg;
  };
  const out = [];
  for (const el of host.shadowRoot.querySelectorAll('.nb *')) {
    if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const rect = el.getBoundingClientRect();
    if (!rect.width || !rect.height || el.closest('[hidden]')) continue;
    let opacity = 1;
    for (let n = el; n && n.nodeType === 1; n = parentOf(n)) opacity *= Number(getComputedStyle(n).opacity);
    if (opacity === 0) continue;  // shown on hover or focus only
    const style = getComputedStyle(el);
    const bg = background(el);
    const ink = parse(style.color);
    const fg = over([ink[0], ink[1], ink[2], ink[3] * opacity], bg);
    const [a, b] = [lum(fg), lum(bg)];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    out.push([ratio, parseFloat(style.fontSize), el.className, el.textContent.slice(0, 30)]);
  }
  return out;
}
"""


def _inside(inner: dict, outer: dict, slack: float = 0.5) -> bool:
    return (
        inner["x"] >= outer["x"] - slack
        and inner["y"] >= outer["y"] - slack
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + slack
        and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + slack
    )


def _in_capsule(x: float, y: float, disc: dict) -> bool:
    """Inside the customer profile's outline: a circle, or a capsule when it grew taller."""
    r = disc["width"] / 2
    cx = disc["x"] + r
    top, bottom = disc["y"] + r, disc["y"] + disc["height"] - r
    cy = min(max(y, top), bottom)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r + 1


@pytest.mark.parametrize("lang", ["en", "id"])
def test_every_sample_note_lies_whole_inside_its_zone_at_1440(browser: Browser, app_server: AppServer, lang: str):
    context = browser.new_context(viewport=DESKTOP, locale=LOCALES[lang])
    page = context.new_page()
    page.goto(f"{app_server.url}/?lang={lang}")
    wait_for_app(page)  # the first run seeds the sample projects
    canvases = _sample_canvases(app_server)[lang]
    assert len(canvases) >= 2
    for project_id, canvas_id in canvases:
        _open(page, app_server, project_id, canvas_id, lang)
        notes = page.locator(".nb-note")
        assert notes.count() >= 15
        disc = page.locator(".nb-disc").bounding_box()
        for index in range(notes.count()):
            note = notes.nth(index)
            area = note.get_attribute("class").split("nb-area-")[1].split()[0]
            box = note.bounding_box()
            zone = page.locator(f".nb-zone-{area}").bounding_box()
            shown = page.locator(f".nb-zone-{area} .nb-list").bounding_box()  # its visible part
            text = note.locator(".nb-text").inner_text()
            assert _inside(box, zone), (area, text, box, zone)
            assert _inside(box, shown), (area, text, "scrolled out of sight", box, shown)
            if area in ("jobs", "pains", "gains"):
                corners = [(box["x"] + dx, box["y"] + dy) for dx in (0, box["width"]) for dy in (0, box["height"])]
                assert all(_in_capsule(x, y, disc) for x, y in corners), (area, text, "outside the circle")
        # Nothing needs scrolling, so no zone says "+N more".
        expect(page.locator(".nb-more:visible")).to_have_count(0)
    context.close()


def test_a_crowded_zone_says_how_many_more_and_scrolls(page: Page, app_server: AppServer) -> None:
    notes = [("pains", f"Pain number {n} with a few words to wrap") for n in range(1, 61)]
    project_id, canvas_id = _canvas_with(app_server, notes)
    page.set_viewport_size(DESKTOP)
    _open(page, app_server, project_id, canvas_id)
    more = page.locator(".nb-zone-pains .nb-more")
    expect(more).to_be_visible()
    expect(more).to_have_text(re.compile(r"^\+\d+ more"))
    hidden_before = int(re.search(r"\d+", more.inner_text()).group())
    assert 0 < hidden_before < 60
    # Scrolled to its end, the zone has nothing more below.
    page.locator(".nb-zone-pains .nb-list").evaluate("list => list.scrollTo(0, list.scrollHeight)")
    expect(more).to_be_hidden()


def test_the_board_is_one_tab_stop_and_a_focused_note_is_shown_whole(page: Page, app_server: AppServer) -> None:
    notes = [("products", "Campus ride app"), ("relievers", "Seat booking the night before")]
    notes += [("jobs", f"Job {n}: get to the 8 o'clock lecture on time") for n in range(1, 9)]
    notes += [("pains", f"Pain {n}: buses full after seven") for n in range(1, 7)]
    project_id, canvas_id = _canvas_with(app_server, notes)
    page.set_viewport_size(DESKTOP)
    _open(page, app_server, project_id, canvas_id)

    # The last stop before the board is the key to the codes; one Tab enters the board ...
    page.locator(".nb-key-summary").focus()
    page.keyboard.press("Tab")
    entered = _focus_in_board(page)
    assert entered and "nb-note" in entered
    expect(page.locator('.nb-note[tabindex="0"]')).to_have_count(1)
    expect(page.locator('.nb-surface [tabindex="0"]')).to_have_count(1)  # notes and add fields alike
    # ... and the next Tab leaves it, past every other note and add field.
    page.keyboard.press("Tab")
    assert _focus_in_board(page) is None

    # Back in, the arrow keys move inside: ← from the value map wraps round to the customer jobs.
    page.keyboard.press("Shift+Tab")
    assert "nb-note" in (_focus_in_board(page) or "")
    page.keyboard.press("ArrowLeft")
    focused = page.locator(".nb-note:focus")
    expect(focused).to_have_class(re.compile("nb-area-jobs"))
    for _ in range(7):  # down to the last job, low in the circle
        page.keyboard.press("ArrowDown")
    expect(page.locator(".nb-note:focus .nb-text")).to_have_text(re.compile("^Job 8"))
    page.wait_for_timeout(400)
    box = page.locator(".nb-note:focus").bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= DESKTOP["height"], box  # whole, not half hidden
    # The roving stop followed the focus, and the add field at the end of the zone is one more ↓.
    expect(page.locator('.nb-surface [tabindex="0"]')).to_have_count(1)
    page.keyboard.press("ArrowDown")
    expect(page.locator('input.nb-add[data-area="jobs"]')).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(page.locator(".nb-note:focus .nb-text")).to_have_text(re.compile("^Job 8"))


@pytest.mark.parametrize(
    ("lang", "deleted", "restored"),
    [("en", "Note P1 deleted", "Undo"), ("id", "Catatan K1 dihapus", "Control+z")],
)
def test_keyboard_delete_is_announced_and_undone(
    browser: Browser, app_server: AppServer, lang: str, deleted: str, restored: str
) -> None:
    texts = ["Late buses every morning", "No seat on the 7:10", "Fare went up again"]
    project_id, canvas_id = _canvas_with(app_server, [("pains", text) for text in texts], lang)
    context = browser.new_context(viewport=DESKTOP, locale=LOCALES[lang])
    page = context.new_page()
    _open(page, app_server, project_id, canvas_id, lang)
    status = page.locator(".nb-status")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_have_attribute("role", "status")

    _note(page, texts[0]).focus()
    page.keyboard.press("Delete")
    expect(status).to_contain_text(deleted)
    expect(page.locator(".nb-zone-pains .nb-note")).to_have_count(2, timeout=15_000)
    wait_for_app(page)
    expect(status).to_contain_text(deleted)  # still said after the board was redrawn
    # The focus went on to the next note, and the Undo is in sight (pinned to the window).
    expect(page.locator(".nb-note:focus .nb-text")).to_have_text(texts[1])
    undo_bar = page.locator(".nb-undo")
    expect(undo_bar).to_be_visible()
    box = undo_bar.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= DESKTOP["height"]
    expect(undo_bar).to_contain_text(texts[0])
    undo_name = "Undo" if lang == "en" else "Urungkan"
    expect(page.get_by_role("button", name=undo_name, exact=True)).to_have_count(1)  # one Undo, not two

    if restored == "Undo":
        page.get_by_role("button", name=undo_name, exact=True).click()
    else:
        page.keyboard.press(restored)  # Ctrl+Z on the board
    expect(_note(page, texts[0])).to_be_visible(timeout=15_000)
    expect(page.locator(".nb-zone-pains .nb-note")).to_have_count(3)
    wait_for_app(page)
    expect(undo_bar).to_be_hidden()
    context.close()


def test_phone_list_view_adds_links_and_deletes_by_touch(browser: Browser, app_server: AppServer) -> None:
    project_id, canvas_id = _canvas_with(app_server, [("relievers", "Seat booking the night before")])
    context = browser.new_context(viewport=DESKTOP, locale="en-US", has_touch=True)
    page = context.new_page()
    _open(page, app_server, project_id, canvas_id)
    board = page.locator('[data-testid="nilai-board"]')
    expect(board).not_to_have_class(re.compile("nb-narrow"))

    # The same page, narrowed to a phone: the board turns into lists without a reload.
    page.set_viewport_size(PHONE)
    expect(board).to_have_class(re.compile("nb-narrow"))
    expect(page.locator(".nb-shapes")).to_be_hidden()
    titles = page.locator(".nb-stack .nb-zone-title").all_inner_texts()
    assert [t.lower() for t in titles] == [
        "customer jobs", "pains", "gains", "products & services", "pain relievers", "gain creators",
    ]  # fmt: skip

    # Add: type in the area's field and press the keyboard's Done (Enter).
    field = page.locator('input.nb-add[data-area="pains"]')
    field.tap()
    field.fill("Buses full after 7 a.m.")
    field.press("Enter")
    pain = _note(page, "Buses full after 7 a.m.")
    expect(pain).to_be_visible(timeout=15_000)
    wait_for_app(page)
    box = pain.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]  # fits the phone's width

    # Link: the reliever's ⋯ menu, Link, then tap the pain.
    reliever = _note(page, "Seat booking the night before")
    menu = reliever.locator(".nb-menu-btn")
    assert menu.bounding_box()["width"] >= 24 and menu.bounding_box()["height"] >= 24
    menu.tap()
    reliever.get_by_role("button", name="Link").tap()
    expect(page.locator(".nb-status")).to_contain_text("Now pick the pain it relieves")
    _note(page, "Buses full after 7 a.m.").tap()
    expect(_note(page, "Seat booking the night before").locator(".nb-linkchip")).to_have_text(
        re.compile("→P1"), timeout=15_000
    )
    expect(_note(page, "Buses full after 7 a.m.").locator(".nb-linkchip")).to_have_text(re.compile("←PR1"))
    wait_for_app(page)

    # Rank by touch: the menu's rank list.
    pain = _note(page, "Buses full after 7 a.m.")
    pain.locator(".nb-menu-btn").tap()
    pain.locator("select.nb-rank-select").select_option("5")
    expect(_note(page, "Buses full after 7 a.m.").locator(".nb-rank")).to_have_text("5", timeout=15_000)
    wait_for_app(page)
    # The rank moved the note to the top of its list: tap its ⋯ once it is drawn there.
    expect(_note(page, "Buses full after 7 a.m.")).not_to_have_class(re.compile("nb-pending"), timeout=15_000)
    page.wait_for_timeout(300)

    # Edit and move by touch: the menu's Edit, then its "Move to…" list.
    pain = _note(page, "Buses full after 7 a.m.")
    pain.locator(".nb-menu-btn").tap()
    pain.get_by_role("button", name="Edit").tap()
    editor = page.locator("textarea.nb-editor")
    expect(editor).to_be_focused()
    editor.fill("Buses full after 7 a.m. every weekday")
    editor.press("Enter")
    expect(_note(page, "every weekday")).to_be_visible(timeout=15_000)
    wait_for_app(page)
    reliever = _note(page, "Seat booking the night before")
    reliever.locator(".nb-menu-btn").tap()
    reliever.locator("select.nb-move-select").select_option("creators")
    expect(page.locator(".nb-zone-creators .nb-text", has_text="Seat booking")).to_be_visible(timeout=15_000)
    wait_for_app(page)
    expect(page.locator(".nb-status")).to_contain_text("Moving note PR1 to Gain creators")

    # Delete: the × (a 24 px target at least), then Undo is offered.
    delete = _note(page, "every weekday").locator(".nb-del")
    size = delete.bounding_box()
    assert size["width"] >= 24 and size["height"] >= 24
    delete.tap()
    expect(page.locator(".nb-zone-pains .nb-note")).to_have_count(0, timeout=15_000)
    expect(page.locator(".nb-undo")).to_be_visible()
    expect(page.locator(".nb-zone-creators .nb-note")).to_have_count(1)
    context.close()


@pytest.mark.parametrize("lang", ["en", "id"])
def test_no_serious_axe_finding_in_the_board(browser: Browser, app_server: AppServer, lang: str) -> None:
    context = browser.new_context(viewport=DESKTOP, locale=LOCALES[lang])
    page = context.new_page()
    page.goto(f"{app_server.url}/?lang={lang}")
    wait_for_app(page)
    project_id, canvas_id = _sample_canvases(app_server)[lang][0]
    axe = Axe()
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        _open(page, app_server, project_id, canvas_id, lang)
        page.locator(".nb-key-summary").click()  # the key open too
        found = axe.run(page).response["violations"]
        board = [
            (violation["id"], node["target"])
            for violation in found
            if violation["impact"] in ("serious", "critical")
            for node in violation["nodes"]
            if "nb-" in str(node["target"])
        ]
        assert board == [], (viewport, board)
        # Contrast and size, measured: ≥ 4.5:1 for all board text (the faded toggle was
        # 2.65:1 and the 9 px note codes 3.9:1), and nothing under 11 px.
        measured = page.evaluate(CONTRASTS)
        assert len(measured) > 50
        low = [row for row in measured if row[0] < 4.5]
        assert low == [], (viewport, low)
        tiny = [row for row in measured if row[1] < 11]
        assert tiny == [], (viewport, tiny)
    context.close()


def test_a_refused_note_is_said_in_the_boards_status_too(page: Page, app_server: AppServer) -> None:
    project_id, canvas_id = _canvas_with(app_server, [("gains", "Arrive ten minutes early")])
    _open(page, app_server, project_id, canvas_id)
    field = page.locator('input.nb-add[data-area="gains"]')
    field.fill("x" * 600)
    field.press("Enter")
    # Above the board (with the text handed back) and in the board's aria-live status line.
    expect(page.get_by_text("at most 500 characters").first).to_be_visible(timeout=15_000)
    expect(page.locator(".nb-status")).to_contain_text("at most 500 characters")
