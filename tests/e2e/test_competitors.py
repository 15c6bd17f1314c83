"""Competitors in a real browser: add two competitors, score them in the table, see three
value curves in the Plotly chart, and accept an ERRC suggestion."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from competitors import comparison as competitor_comparison
from competitors import factors as competitor_factors
from competitors import offerings as competitor_offerings
from competitors import scores as competitor_scores
from core.settings import Settings
from deploy.harness import AppServer
from examples.seeding import open_store
from i18n import translate
from projects import service as projects
from tests.actors import WORKSPACE
from tests.e2e.conftest import wait_for_app

GRID = '[data-testid="stDataFrame"]'
HEADER_PX, ROW_PX = 35, 35  # Glide data grid: header and row height in Streamlit's default theme


def _store(server: AppServer):
    return open_store(Settings(data_dir=server.data_dir, seed_sample=False))


def _prepare(server: AppServer) -> tuple[str, str]:
    store = _store(server)
    project = projects.create_project(store, WORKSPACE, "Kopi Pagi", language="en")
    canvas = store.canvases.insert(project.id, {"name": "Office workers"})
    for area, text, rank in (("pains", "Queues at lunch", 5), ("gains", "Good beans", 4)):
        store.items.insert(project.id, {"canvas_id": canvas.id, "area": area, "text": text, "rank": rank})
    store.db.engine.dispose()
    return project.id, canvas.id


def _start(page: Page) -> None:
    """A comparison starts only when asked (nothing is created by opening the page)."""
    page.get_by_role("button", name=translate("en", "paths.competitors.start")).click()
    wait_for_app(page)


def _tab(page: Page, key: str) -> None:
    page.get_by_role("tab", name=translate("en", f"competitors.tab.{key}")).click()
    wait_for_app(page)


def _add_competitor(page: Page, name: str) -> None:
    page.get_by_role("button", name=translate("en", "competitors.add_competitor")).click()
    popover = page.locator('[data-testid="stPopoverBody"]').filter(
        has=page.get_by_role("textbox", name=translate("en", "competitors.field.name"), exact=True)
    )
    popover.get_by_role("textbox", name=translate("en", "competitors.field.name"), exact=True).fill(name)
    popover.get_by_role("button", name=translate("en", "competitors.add"), exact=True).click()
    wait_for_app(page)
    expect(page.locator('[class*="st-key-competitors-offering-"]').filter(has_text=name)).to_be_visible()
    page.keyboard.press("Escape")  # close the popover


def _score(page: Page, row: int, column: int, value: int, saved=None) -> None:
    """Type a score into the grid: select the row's first cell, arrow right to the column.

    `saved()` (if given) is polled until the database has the value: the edit reaches the
    server after a short debounce, and the rerun then redraws the grid under a new key.
    """
    grid = page.locator(GRID).first
    expect(grid.locator("canvas").first).to_be_visible()
    page.wait_for_timeout(300)  # let the freshly drawn grid settle before clicking it
    grid.click(position={"x": 20, "y": HEADER_PX + ROW_PX * row + ROW_PX / 2})
    page.wait_for_timeout(300)  # the grid takes focus and selects the cell
    for _ in range(column):
        page.keyboard.press("ArrowRight")
    page.keyboard.type(str(value))
    page.wait_for_timeout(300)  # the cell editor is open with the value
    page.keyboard.press("Enter")
    if saved is not None:
        for _ in range(60):
            if saved():
                break
            page.wait_for_timeout(250)
    page.wait_for_timeout(800)
    wait_for_app(page)


def test_two_competitors_scores_value_curves_and_errc(page: Page, app_server: AppServer) -> None:
    project_id, canvas_id = _prepare(app_server)
    # Load the app's entry point first, then the page (the first run registers st.navigation).
    page.goto(f"{app_server.url}/?lang=en&project={project_id}&canvas={canvas_id}")
    wait_for_app(page)
    page.get_by_role("link", name=translate("en", "nav.competitors")).click()
    wait_for_app(page)
    expect(page.locator("h1").first).to_have_text(translate("en", "competitors.title"))
    _start(page)

    _add_competitor(page, "Kopi Kenangan")
    _add_competitor(page, "Instant coffee")
    page.get_by_role("button", name="Queues at lunch · 5/5").click()
    wait_for_app(page)
    page.get_by_role("button", name="Good beans · 4/5").click()
    wait_for_app(page)

    _tab(page, "scores")
    expect(page.locator(GRID).first).to_be_visible()
    # Rows: Queues at lunch (5), Good beans (4). Columns: factor, importance, ours, Kenangan, Instant.
    wanted = {(0, 2): 3, (0, 3): 8, (0, 4): 6, (1, 2): 9, (1, 3): 5, (1, 4): 2}
    store = _store(app_server)
    factor_ids = [f.id for f in competitor_comparison.load_comparison(store, WORKSPACE, canvas_id).factors]
    offering_ids = [o.id for o in competitor_comparison.load_comparison(store, WORKSPACE, canvas_id).offerings]
    for (row, column), value in wanted.items():
        cell = (factor_ids[row], offering_ids[column - 2])
        _score(
            page,
            row,
            column,
            value,
            saved=lambda c=cell, v=value: (
                competitor_comparison.load_comparison(store, WORKSPACE, canvas_id).scores.get(c) == v
            ),
        )
    data = competitor_comparison.load_comparison(store, WORKSPACE, canvas_id)
    by_name = {o.name: o.id for o in data.offerings}
    factors = {f.name: f.id for f in data.factors}
    assert data.scores[(factors["Queues at lunch"], by_name["Our offer"])] == 3
    assert data.scores[(factors["Queues at lunch"], by_name["Kopi Kenangan"])] == 8
    assert data.scores[(factors["Good beans"], by_name["Instant coffee"])] == 2
    assert len(data.scores) == 6

    _tab(page, "chart")
    # The figure on show (the compact one waits hidden for a narrow chart).
    chart = page.locator('[data-testid="stPlotlyChart"]').filter(visible=True)
    expect(chart.locator(".scatterlayer .trace")).to_have_count(3, timeout=20_000)
    legend = chart.locator(".legend").first.text_content() or ""
    assert "Our offer (ours)" in legend and "Kopi Kenangan" in legend and "Instant coffee" in legend

    _tab(page, "errc")
    suggestion = page.locator('[class*="st-key-competitors-suggestion-raise-"]')
    expect(suggestion).to_contain_text("Raise “Queues at lunch”")
    expect(suggestion).to_contain_text("we score 3 while Kopi Kenangan scores 8")
    suggestion.get_by_role("button", name=translate("en", "errc.accept")).click()
    wait_for_app(page)
    expect(
        page.locator('[class*="st-key-competitors-move-"]').filter(has_text="Raise “Queues at lunch”")
    ).to_be_visible()
    expect(page.locator('[class*="st-key-competitors-suggestion-raise-"]')).to_have_count(0)
    [move] = competitor_comparison.load_comparison(_store(app_server), WORKSPACE, canvas_id).moves
    assert (move.status, move.action) == ("accepted", "raise")


def test_two_people_scoring_the_same_cell_never_overwrite_silently(browser, app_server: AppServer) -> None:
    project_id, canvas_id = _prepare(app_server)
    store = _store(app_server)
    competitor_offerings.ensure_our_offer(store, WORKSPACE, canvas_id, "Our offer")
    data = competitor_comparison.load_comparison(store, WORKSPACE, canvas_id)
    factor = competitor_factors.add_factor_from_item(store, WORKSPACE, canvas_id, data.factor_suggestions()[0].id)
    competitor_scores.set_score(store, WORKSPACE, factor.id, data.ours.id, 4, None)
    store.db.engine.dispose()

    pages = []
    for _ in range(2):
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(f"{app_server.url}/?lang=en&project={project_id}&canvas={canvas_id}")
        wait_for_app(page)
        page.get_by_role("link", name=translate("en", "nav.competitors")).click()
        wait_for_app(page)
        _tab(page, "scores")
        pages.append(page)
    first, second = pages
    # Both see 4. The first saves 9; the second, still looking at 4, then types 2 in the same cell.
    _score(first, 0, 2, 9)
    _score(second, 0, 2, 2)
    warning = second.locator('[data-testid="stAlert"]').filter(has_text="someone else changed this score")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("it is now 9")
    cell = competitor_comparison.load_comparison(_store(app_server), WORKSPACE, canvas_id).score_rows[
        (factor.id, data.ours.id)
    ]
    assert cell.value == 9
    for page in pages:
        page.close()


def test_scores_typed_down_a_column_flow_without_clicking_again(page: Page, app_server: AppServer) -> None:
    """Like a spreadsheet: one click, then type a score and Enter, and the next one, and the
    next; each is saved while the cursor stays in the grid."""
    project_id, canvas_id = _prepare(app_server)
    store = _store(app_server)
    ours = competitor_offerings.ensure_our_offer(store, WORKSPACE, canvas_id, "Our offer")
    for name, importance in (("Queue length", 5), ("Bean quality", 4), ("Price", 3)):
        competitor_factors.add_factor(store, WORKSPACE, canvas_id, name, importance)
    page.goto(f"{app_server.url}/?lang=en&project={project_id}&canvas={canvas_id}")
    wait_for_app(page)
    page.get_by_role("link", name=translate("en", "nav.competitors")).click()
    wait_for_app(page)
    _tab(page, "scores")
    grid = page.locator(GRID).first
    expect(grid.locator("canvas").first).to_be_visible()
    page.wait_for_timeout(300)
    grid.click(position={"x": 20, "y": HEADER_PX + ROW_PX / 2})  # the only click
    page.wait_for_timeout(300)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    factors = [f.id for f in competitor_comparison.load_comparison(store, WORKSPACE, canvas_id).factors]
    for row, value in enumerate((7, 4, 9)):
        page.keyboard.type(str(value))
        page.wait_for_timeout(300)  # the cell editor is open with the value
        page.keyboard.press("Enter")  # saves, and the cursor moves down a row
        for _ in range(60):
            if (
                competitor_comparison.load_comparison(store, WORKSPACE, canvas_id).scores.get((factors[row], ours.id))
                == value
            ):
                break
            page.wait_for_timeout(250)
        wait_for_app(page)
    scores = competitor_comparison.load_comparison(store, WORKSPACE, canvas_id).scores
    assert [scores.get((factor, ours.id)) for factor in factors] == [7, 4, 9]


# -- legible at every width (issue 26, items 10 and 12) --------------------------------

SCREENS = {"phone": (390, 844), "laptop": (1440, 900), "projector": (1920, 1080)}
CLIPPED_JS = """(root) => {
    // Each visible piece of text inside `root` that is cut: wider than its box, or past the
    // right edge of the root or of the window.
    const edge = Math.min(root.getBoundingClientRect().right, window.innerWidth) + 1;
    const cut = [];
    for (const el of root.querySelectorAll('svg text, h3, li, p, td, th, span')) {
        const box = el.getBoundingClientRect();
        if (!box.width || !el.textContent.trim()) continue;
        const clipped = el.tagName !== 'text' && el.scrollWidth > el.clientWidth + 1
            && getComputedStyle(el).overflow !== 'visible';
        if (box.right > edge || clipped) cut.push(el.textContent.trim().slice(0, 60));
    }
    return cut;
}"""
OVERLAP_JS = """(chart) => {
    // Pairs of x-axis tick labels whose boxes overlap.
    const boxes = [...chart.querySelectorAll('.xtick text')].map((t) => t.getBoundingClientRect());
    const hits = [];
    for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i], b = boxes[j];
            const apart = a.right - 1 <= b.left || b.right - 1 <= a.left
                || a.bottom - 1 <= b.top || b.bottom - 1 <= a.top;
            if (!apart) hits.push([i, j]);
        }
    return hits;
}"""


def _sample(server: AppServer, language: str) -> tuple[str, str]:
    """The worked example (four offerings, eight scored factors, long Indonesian names)."""
    store = _store(server)
    project = projects.copy_example(store, WORKSPACE, "campus_library", language, "Sapa")
    canvas_id = None
    for canvas in store.canvases.list_for_project(project.id):
        if competitor_comparison.load_comparison(store, WORKSPACE, canvas.id).scores:
            canvas_id = canvas.id
            break
    store.db.engine.dispose()
    assert canvas_id is not None
    return project.id, canvas_id


def _open_tab(browser, server: AppServer, language: str, screen: str, project_id: str, canvas_id: str, tab: str):
    width, height = SCREENS[screen]
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{server.url}/competitors?lang={language}&project={project_id}&canvas={canvas_id}")
    wait_for_app(page)
    page.get_by_role("tab", name=translate(language, f"competitors.tab.{tab}")).click()
    wait_for_app(page)
    return page


def test_the_strategy_canvas_is_legible_on_a_phone_a_laptop_and_a_projector(browser, app_server: AppServer) -> None:
    """No title or axis title cut at the right edge, no factor labels printed over each
    other; on a phone the factors are numbered and their names listed below in full."""
    for language in ("id", "en"):
        project_id, canvas_id = _sample(app_server, language)
        names = [
            f.name for f in competitor_comparison.load_comparison(_store(app_server), WORKSPACE, canvas_id).factors
        ]
        for screen in SCREENS:
            page = _open_tab(browser, app_server, language, screen, project_id, canvas_id, "chart")
            charts = page.locator('[data-testid="stPlotlyChart"]').filter(visible=True)
            expect(charts).to_have_count(1)
            chart = charts.first
            expect(chart.locator(".scatterlayer .trace")).to_have_count(4, timeout=20_000)
            page.wait_for_timeout(500)  # Plotly's responsive resize
            section = page.locator('[data-testid="stTabPanel"]').filter(visible=True).first
            where = f"{language} {screen}"
            assert section.evaluate(CLIPPED_JS) == [], where
            assert chart.evaluate(OVERLAP_JS) == [], where
            title = translate(language, "competitors.chart.title", canvas="")
            expect(section.locator("h3").filter(has_text=title)).to_be_visible()
            ticks = [t.strip() for t in chart.locator(".xtick text").all_text_contents()]
            if screen == "phone":
                assert ticks == [str(n) for n in range(1, len(names) + 1)], where
                listed = section.locator("li").filter(visible=True).all_text_contents()
                assert [item.split(" · ")[0] for item in listed] == names, where
            else:
                assert len(ticks) == len(names) and ticks[0] != "1", where
            page.close()


def test_score_headers_and_the_relevance_table_show_full_names(browser, app_server: AppServer) -> None:
    """A grid's header can't wrap: the score grid's columns are letters, and the legend above
    gives each offering's full name. The relevant-and-unique table is plain text that wraps:
    every item in full, nothing cut, on a laptop and on a phone."""
    for language in ("id", "en"):
        project_id, canvas_id = _sample(app_server, language)
        data = competitor_comparison.load_comparison(_store(app_server), WORKSPACE, canvas_id)
        items = [row.item.text for row in data.relevance().rows]
        for screen in ("laptop", "phone"):
            where = f"{language} {screen}"
            page = _open_tab(browser, app_server, language, screen, project_id, canvas_id, "scores")
            headers = page.locator(f"{GRID} [role=columnheader]")
            expect(headers.first).to_have_text(translate(language, "competitors.col.factor"))
            if screen == "laptop":
                expect(headers.nth(2)).to_have_text("A")
            shown = headers.all_text_contents()[2:]  # a phone draws the columns in view only
            assert shown == ["A", "B", "C", "D"][: len(shown)], where
            legend = page.locator('[data-testid="stMarkdown"]').filter(
                has_text=translate(language, "competitors.scores_legend")
            )
            for offering in data.offerings:
                expect(legend).to_contain_text(offering.name)
            assert legend.evaluate(CLIPPED_JS) == [], where
            page.close()

            page = _open_tab(browser, app_server, language, screen, project_id, canvas_id, "relevance")
            table = page.locator("table.nilai-relevance")
            expect(table).to_be_visible()
            cells = [c.strip() for c in table.locator("tbody td:nth-child(2)").all_text_contents()]
            assert cells == items, where
            assert table.evaluate(CLIPPED_JS) == [], where
            assert table.evaluate("(t) => t.scrollWidth <= t.parentElement.clientWidth + 1"), where
            page.close()


def test_the_changed_tabs_have_no_serious_axe_violation(browser, app_server: AppServer) -> None:
    """The strategy canvas (both figures), the score grid with its legend and the relevance
    table: axe finds nothing serious or critical, in both languages, on a laptop and a phone."""
    from axe_playwright_python.sync_playwright import Axe

    from tests.e2e.test_axe import AXE_TAGS, _blocking

    for language in ("id", "en"):
        project_id, canvas_id = _sample(app_server, language)
        for screen in ("laptop", "phone"):
            for tab in ("chart", "scores", "relevance"):
                page = _open_tab(browser, app_server, language, screen, project_id, canvas_id, tab)
                page.wait_for_timeout(800)
                result = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
                problems = _blocking(page, result.response["violations"])
                assert problems == [], f"{language} {screen} {tab}: " + "\n".join(problems)
                page.close()
