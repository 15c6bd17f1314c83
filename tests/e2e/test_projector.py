"""The projector view (pages/present.py) at 1920x1080: a board of 60 notes fits one screen
and its notes use the full width (issue 26, item 9); a customer's note is marked and the
legend says so (item 13)."""

from __future__ import annotations

import random

import pytest
from playwright.sync_api import Browser, expect

from canvas import canvases
from canvas.models import Area
from core.settings import Settings
from deploy.harness import AppServer
from examples.seeding import open_store
from i18n import translate
from projects.service import create_project
from tests.actors import WORKSPACE
from tests.e2e.conftest import wait_for_app
from tests.export.factory import WORDS_EN, WORDS_ID, sentence
from workshop import facilitation, joining
from workshop import notes as workshop_notes

NOTES_PER_AREA = 10  # 60 notes: a big workshop's board
CUSTOMER_NOTE = "Bus pass works on the ferry"


@pytest.mark.parametrize("language", ["en", "id"])
def test_sixty_notes_fit_one_projector_screen_across_its_width(
    browser: Browser, app_server: AppServer, language: str, tmp_path
) -> None:
    store = open_store(Settings(data_dir=app_server.data_dir, database_url=None, seed_sample=False))
    project = create_project(store, WORKSPACE, "Projector", "", language)
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Commuters")
    opened = joining.open_workshop(store, WORKSPACE, canvas.id, facilitator_name="Dewi")
    rng = random.Random(26)
    words = WORDS_ID if language == "id" else WORDS_EN
    for area in Area:
        facilitation.set_step(store, opened.facilitator_token, area.value)
        for _ in range(NOTES_PER_AREA - (area == Area.PAINS)):  # the customer's note is the 60th
            workshop_notes.add_note(store, opened.facilitator_token, sentence(rng, words, 2, 9))
    facilitation.set_step(store, opened.facilitator_token, "pains")
    facilitation.welcome_customers(store, opened.facilitator_token, True)
    customer = joining.join(store, opened.workshop.join_code, "Sari", client="e2e-sari", as_customer=True)
    workshop_notes.add_note(store, customer.token, CUSTOMER_NOTE)
    store.db.engine.dispose()

    width, height = 1920, 1080
    context = browser.new_context(locale="en-US", viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{app_server.url}/?lang={language}")  # the first session may come before st.navigation
    wait_for_app(page)
    page.goto(f"{app_server.url}/present?code={opened.workshop.join_code}&lang={language}")
    wait_for_app(page)
    notes = page.locator(".nw-board .nw-note")
    expect(notes).to_have_count(6 * NOTES_PER_AREA, timeout=15_000)
    page.screenshot(path=str(tmp_path / f"projector-{language}.png"))

    scroll_height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    assert scroll_height <= height, scroll_height
    boxes = [notes.nth(n).bounding_box() for n in range(notes.count())]
    assert max(b["y"] + b["height"] for b in boxes) <= height  # every note on screen, none below the fold
    spread = max(b["x"] + b["width"] for b in boxes) - min(b["x"] for b in boxes)
    assert spread >= 0.85 * width, spread

    # Issue 26 item 13: the customer's note is marked (colour and edge, not just a caption)
    # and one legend line says what the mark means.
    customer_note = notes.filter(has_text=CUSTOMER_NOTE)
    team_note = notes.filter(has_not_text=CUSTOMER_NOTE).first
    style = "n => [getComputedStyle(n).backgroundColor, getComputedStyle(n).borderLeftWidth]"
    assert customer_note.evaluate(style) != team_note.evaluate(style)
    assert float(customer_note.evaluate(style)[1].removesuffix("px")) >= 4
    legend = page.locator(".nw-legend")
    expect(legend).to_be_visible()
    expect(legend).to_contain_text(translate(language, "workshop.board.customer_legend"))
    expect(legend.locator(".nw-from-customer")).to_have_count(1)
    context.close()
