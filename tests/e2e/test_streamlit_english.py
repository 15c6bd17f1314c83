"""Streamlit's own English on Indonesian pages (issue #26): every page, opened in Bahasa
Indonesia with a sample project, and with its first text box typed into (Streamlit then
shows its input hint and the live count), shows none of the English Streamlit ships:
select placeholders, the uploader's button and limit, the date input's segments, the
input hints. The history names the laptop's user in Indonesian too."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from core.settings import Settings
from deploy.harness import AppServer
from examples.seeding import open_store
from tests.e2e.conftest import wait_for_app

PAGES = (
    "",
    "portfolio",
    "personas",
    "canvas",
    "competitors",
    "testing",
    "feedback",
    "workshop",
    "export",
    "history",
    "members",
    "guided",
    "examples",
    "classroom",
    "join",
    "present",
)
# What Streamlit 1.67 draws in English by itself (its frontend bundle), as people read it.
STREAMLIT_ENGLISH = re.compile(
    r"Choose an option|Choose options|No results|Press (Ctrl|⌘)?\+?Enter|to submit form|to apply"
    r"|Drag and drop|Browse files|\bUpload\b|per file|\byyyy\b|\bWorkspace\b"
)


@pytest.fixture
def indonesian_project(app_server: AppServer, page: Page) -> str:
    page.goto(f"{app_server.url}/?lang=id")  # the first run seeds the samples
    wait_for_app(page)
    store = open_store(Settings(data_dir=app_server.data_dir, database_url=None))
    try:
        return next(s.id for s in store.projects.summaries() if s.language == "id")
    finally:
        store.db.engine.dispose()


def _visible_text_with_a_hint(page: Page) -> str:
    boxes = page.locator("[data-testid=stTextInput] input:visible, [data-testid=stTextArea] textarea:visible")
    if boxes.count():
        boxes.first.click()
        boxes.first.press("End")
        boxes.first.type("x")
        page.wait_for_timeout(300)
    text = page.locator("body").inner_text()
    if boxes.count():
        boxes.first.press("Backspace")
    return text


def test_no_page_shows_streamlits_english_in_indonesian(
    page: Page, app_server: AppServer, indonesian_project: str
) -> None:
    found = {}
    for path in PAGES:
        page.goto(f"{app_server.url}/{path}?lang=id&project={indonesian_project}")
        wait_for_app(page)
        text = _visible_text_with_a_hint(page)
        hits = sorted({match.group(0) for match in STREAMLIT_ENGLISH.finditer(text)})
        if hits:
            found[path or "home"] = hits
    assert not found, f"Streamlit's English on Indonesian pages: {found}"


def test_the_input_hint_and_count_show_in_indonesian(page: Page, app_server: AppServer) -> None:
    page.goto(f"{app_server.url}/join?lang=id")
    wait_for_app(page)
    name = page.get_by_role("textbox", name="Nama tampilan Anda")
    name.click()
    name.type("Ani")
    hint = page.get_by_test_id("InputInstructions")
    page.wait_for_timeout(300)
    said = hint.inner_text()
    assert "3/40" in said and "Tekan Enter" in said, said
    name.type("x" * 45)  # typing stops at the limit, and the count says so
    page.wait_for_timeout(300)
    assert name.input_value() == "Ani" + "x" * 37
    assert "40/40" in hint.inner_text()
