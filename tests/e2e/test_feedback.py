"""The customer's voice in a real browser: a survey file is imported, a detractor theme is
accepted as a pain and shows on the canvas with its quotes; a customer joins a workshop as
a customer, and their note is tagged on the boards and counted in the fit panel."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from canvas import canvases
from core.settings import Settings
from examples import survey_file
from examples.seeding import open_store
from projects.service import create_project
from tests.actors import WORKSPACE
from tests.e2e.conftest import AppServer, wait_for_app

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
    wait_for_app(page)
    expect(page.get_by_text(re.compile("120 answers imported"))).to_be_visible(timeout=LIVE)

    _tab(page, "Net Promoter")
    expect(page.locator('[data-testid="stMetricValue"]').filter(has_text="120")).to_be_visible()
    expect(page.locator(".js-plotly-plot")).to_be_visible(timeout=LIVE)

    _tab(page, "Themes → canvas")
    first = page.locator('[class*="st-key-feedback-theme-pain-"]').first
    quote = first.locator('[data-testid="stCaptionContainer"]').first.inner_text().strip().strip("“”")
    first.get_by_role("button", name="Accept").click()
    wait_for_app(page)
    expect(page.get_by_text("Added to the canvas as a pain")).to_be_visible(timeout=LIVE)

    page.get_by_role("link", name="Canvas").first.click()
    wait_for_app(page)
    note = page.locator(".nb-zone-pains .nb-note").filter(has_text="Customers complain about")
    expect(note).to_be_visible(timeout=20_000)
    expect(note.locator(".nb-badge-customer")).to_have_text("from customers: survey")
    evidence = note.locator(".nb-evchip")
    expect(evidence).to_be_visible()
    assert quote[:30] in (evidence.get_attribute("title") or "")


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
