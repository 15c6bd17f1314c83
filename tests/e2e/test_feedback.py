"""The customer's voice in a real browser: a survey file is imported, a detractor theme is
accepted as a pain and shows on the canvas with its quotes; a customer joins a workshop as
a customer, and their note is tagged on the boards and counted in the fit panel."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from canvas import canvases
from core.settings import Settings
from deploy.harness import AppServer
from examples import survey_file
from examples.seeding import open_store
from projects.service import create_project
from tests.actors import WORKSPACE
from tests.e2e.conftest import wait_for_app
from tests.e2e.test_axe import axe_problems

LIVE = 8_000


def _project_with_canvas(server: AppServer) -> tuple[str, str]:
    store = open_store(Settings(data_dir=server.data_dir, database_url=None, seed_sample=False))
    project = create_project(store, WORKSPACE, "Voice test", "", "en")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Students")
    store.db.engine.dispose()
    return project.id, canvas.id


def _open(page: Page, server: AppServer, path: str, query: str) -> None:
    page.goto(f"{server.url}/?lang=en")  # the first run after a start may come before st.navigation
    wait_for_app(page)
    page.goto(f"{server.url}/{path}?lang=en&{query}")
    wait_for_app(page)


def _tab(page: Page, name: str) -> None:
    page.get_by_role("tab", name=name).click()
    wait_for_app(page)


def test_survey_import_theme_accepted_as_pain_with_quotes_on_the_canvas(page: Page, app_server: AppServer) -> None:
    project_id, canvas_id = _project_with_canvas(app_server)
    _open(page, app_server, "feedback", f"project={project_id}&canvas={canvas_id}")
    expect(page.get_by_text("No survey answers yet")).to_be_visible()

    # The Indonesian survey: semicolons, dd/mm/yyyy dates, headers "Skor", "Komentar"...
    _tab(page, "Import answers")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        str(survey_file("campus_library", "id"))
    )
    wait_for_app(page)
    expect(page.get_by_text("120 rows can be imported, 0 have a problem.")).to_be_visible(timeout=LIVE)
    page.get_by_role("button", name="Import 120 answers").click()
    # The toast shows as the rerun starts (the themes it moves on to take a moment).
    expect(page.get_by_text(re.compile("120 answers imported"))).to_be_visible(timeout=LIVE)
    wait_for_app(page)

    _tab(page, "Net Promoter")
    expect(page.locator('[data-testid="stMetricValue"]').filter(has_text="120")).to_be_visible()
    expect(page.locator(".js-plotly-plot")).to_be_visible(timeout=20_000)  # plotly.js loads slowly on a busy machine

    _tab(page, "Themes → canvas")
    first = page.locator('[class*="st-key-feedback-theme-pain-"]').first
    label = first.locator("strong").first.inner_text().strip()
    quote = first.locator('[data-testid="stCaptionContainer"]').first.inner_text().strip().strip("“”")
    first.get_by_role("button", name="Accept").click()
    wait_for_app(page)
    expect(page.get_by_text("Added to the canvas as a pain")).to_be_visible(timeout=LIVE)

    page.get_by_role("link", name="Canvas").first.click()
    wait_for_app(page)
    note = page.locator(".nb-zone-pains .nb-note").filter(has_text=re.compile(re.escape(label), re.IGNORECASE))
    expect(note).to_be_visible(timeout=20_000)
    expect(note.locator(".nb-badge-customer")).to_have_text("from customers: survey")
    evidence = note.locator(".nb-evchip")
    expect(evidence).to_be_visible()
    assert quote[:30] in (evidence.get_attribute("title") or "")


PRAISE = ["kamar bersih dan nyaman", "staf ramah", "sarapan enak"]
# Informal Indonesian, as guests write it: "gk", "tdk", "kmr", "bgt", "lelet", Wi-Fi spelled four ways.
HOTEL_SURVEY = "\n".join(
    ["Skor;Komentar"]
    + [
        f"{score};{comment}"
        for score, comment in [
            (2, "AC kmr gk dingin"),
            (3, "ac tdk dingin sama sekali"),
            (1, "AC mati, kamar panas bgt"),
            (4, "AC bocor tiap malam"),
            (5, "ac berisik dan gk dingin"),
            (2, "Wi-Fi lemah di kamar"),
            (3, "wifi lelet bgt"),
            (6, "wi fi lemah di kamar atas"),
            (0, "WiFi sering putus"),
            (4, "wifi lemah, susah kerja"),
            (1, "air panas tidak berfungsi"),
            (2, "air panas gk keluar"),
            (3, "air panas tidak berfungsi sama sekali"),
            (5, "air panas tdk ada pagi hari"),
            (6, "shower air panas mati"),
        ]
    ]
    + [f"{9 + n % 2};{praise}" for n, praise in enumerate(PRAISE * 2)]
)


def test_informal_indonesian_comments_give_a_theme_for_each_problem(
    page: Page, app_server: AppServer, tmp_path: Path
) -> None:
    project_id, canvas_id = _project_with_canvas(app_server)
    survey = tmp_path / "survei-hotel.csv"
    survey.write_text(HOTEL_SURVEY, encoding="utf-8")
    _open(page, app_server, "feedback", f"project={project_id}&canvas={canvas_id}")
    _tab(page, "Import answers")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(survey))
    wait_for_app(page)
    page.get_by_role("button", name="Import 21 answers").click()
    wait_for_app(page)

    # The page moves on to what was found, away from the Import tab.
    expect(page.get_by_role("tab", name="Themes → canvas")).to_have_attribute("aria-selected", "true", timeout=LIVE)
    pains = page.locator('[class*="st-key-feedback-theme-pain-"]')
    expect(pains.filter(has_text="AC tidak dingin")).to_be_visible(timeout=LIVE)
    expect(pains.filter(has_text="Wi-Fi lemah di kamar")).to_be_visible()
    hot_water = pains.filter(has_text="air panas tidak berfungsi")
    expect(hot_water).to_be_visible()
    expect(hot_water.get_by_text("Placed here by the words: panas, air")).to_be_visible()
    # The import's toast (Streamlit's own, unnamed dialog) goes by itself; judge the page after it.
    expect(page.locator(".stToast")).to_have_count(0, timeout=LIVE)
    assert not axe_problems(page, "en")

    # Editing shows one save button (the form's), not a second Accept beside it.
    hot_water.get_by_role("button", name="edit icon").click()  # the pencil, named by Streamlit's icon
    wait_for_app(page)
    expect(hot_water.get_by_role("button", name="Accept")).to_have_count(1)
    hot_water.get_by_role("button", name="Accept").click()
    wait_for_app(page)
    expect(page.get_by_text("Added to the canvas as a pain")).to_be_visible(timeout=LIVE)

    page.get_by_role("link", name="Canvas").first.click()
    wait_for_app(page)
    note = page.locator(".nb-zone-pains .nb-note").filter(has_text="Air panas tidak berfungsi")
    expect(note).to_be_visible(timeout=20_000)
    quotes = note.locator(".nb-evchip").get_attribute("title") or ""
    assert "“air panas tidak berfungsi" in quotes and quotes.count("“") >= 2


def test_a_customer_joins_and_their_note_is_tagged_and_counted(browser: Browser, app_server: AppServer) -> None:
    project_id, canvas_id = _project_with_canvas(app_server)
    facilitator_context = browser.new_context(locale="en-US")
    customer_context = browser.new_context(locale="en-US")
    team_context = browser.new_context(locale="en-US")
    try:
        facilitator = facilitator_context.new_page()
        _open(facilitator, app_server, "workshop", f"project={project_id}")
        facilitator.get_by_role("button", name="Open workshop", exact=True).click()
        wait_for_app(facilitator)
        code = facilitator.locator('[data-testid="nw-code"]').inner_text().strip()
        facilitator.get_by_role("radio", name="Pains", exact=True).first.click()
        wait_for_app(facilitator)
        facilitator.get_by_text("Co-create with customers").click()
        welcome = facilitator.get_by_text("Customers may join")
        expect(welcome).to_be_visible()
        welcome.click()
        wait_for_app(facilitator)
        expect(facilitator.get_by_text(re.compile("Customer code:"))).to_be_visible(timeout=LIVE)

        people = {}
        for name, context, as_customer in (("Ani", customer_context, True), ("Budi", team_context, False)):
            page = context.new_page()
            page.set_viewport_size({"width": 390, "height": 844})
            _open(page, app_server, "join", "")
            page.get_by_role("textbox", name="Join code").fill(code)
            page.get_by_role("textbox", name="Your display name").fill(name)
            if as_customer:
                page.get_by_text("Customer (pelanggan)").click()
            page.get_by_role("button", name="Join", exact=True).click()
            wait_for_app(page)
            people[name] = page
        expect(people["Ani"].get_by_text("You joined as a customer")).to_be_visible()
        for name, text in (("Ani", "Seats gone by 9 am"), ("Budi", "Students want quiet")):
            people[name].get_by_placeholder("One idea per note").fill(text)
            people[name].get_by_role("button", name="Add note").click()
            wait_for_app(people[name])

        said = facilitator.locator(".nw-note").filter(has_text="Seats gone by 9 am")
        expect(said.locator(".nw-customer")).to_have_text("customer", timeout=LIVE)
        expect(
            facilitator.locator(".nw-note").filter(has_text="Students want quiet").locator(".nw-customer")
        ).to_have_count(0)

        board = team_context.new_page()
        _open(board, app_server, "canvas", f"project={project_id}&canvas={canvas_id}")
        note = board.locator(".nb-zone-pains .nb-note").filter(has_text="Seats gone by 9 am")
        expect(note.locator(".nb-badge-customer")).to_have_text("customer", timeout=20_000)
        fit = board.locator('[class*="st-key-canvas-fit"]')
        expect(fit.get_by_text(re.compile(r"From customers: 50%"))).to_be_visible()
        expect(
            fit.get_by_text(re.compile(r"1 written by customers in workshops · 1 assumed by the team"))
        ).to_be_visible()
    finally:
        for context in (facilitator_context, customer_context, team_context):
            context.close()
