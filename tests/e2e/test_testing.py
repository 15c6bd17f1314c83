"""The whole testing loop in a real browser: a note is dragged to the top right of the
assumptions map, a test card is made from it, started and closed as passed, and the note
shows as validated on the canvas with validated coverage risen."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from canvas import canvases, links, notes
from canvas.models import NoteOwner
from core.settings import Settings
from deploy.harness import AppServer
from examples.seeding import open_store
from projects.service import create_project
from tests.actors import WORKSPACE
from tests.e2e.conftest import wait_for_app

PAIN = "Search results are hard to trust"


def _project(server: AppServer) -> tuple[str, str, str]:
    store = open_store(Settings(data_dir=server.data_dir, database_url=None, seed_sample=False))
    project = create_project(store, WORKSPACE, "Campus library", "", "en")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Thesis students")
    pain = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "pains", PAIN, rank=2)
    reliever = notes.add_note(
        store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "relievers", "Shortlists from a librarian", rank=3
    )
    links.add_link(store, WORKSPACE, canvas.id, reliever.id, pain.id)
    store.db.engine.dispose()
    return project.id, canvas.id, pain.id


def test_drag_to_test_first_card_pass_and_validated_on_the_canvas(page: Page, app_server: AppServer) -> None:
    project_id, canvas_id, pain_id = _project(app_server)
    page.goto(f"{app_server.url}/?lang=en&project={project_id}&canvas={canvas_id}")
    wait_for_app(page)
    page.get_by_role("link", name="Canvas").first.click()
    wait_for_app(page)
    expect(page.locator('[data-testid="stProgress"]').filter(has_text="Validated coverage: 0 %")).to_be_visible(
        timeout=20_000
    )
    page.get_by_role("link", name="Testing").first.click()
    wait_for_app(page)

    chip = page.locator(f'[data-testid="map-note"][data-item-id="{pain_id}"]')
    expect(chip).to_have_attribute("data-quadrant", "later", timeout=20_000)
    plot = page.locator(".am-plot").bounding_box()
    box = chip.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    target = (plot["x"] + plot["width"] * 0.88, plot["y"] + plot["height"] * 0.12)
    page.mouse.move(*target, steps=12)
    page.mouse.up()
    wait_for_app(page)
    expect(chip).to_have_attribute("data-quadrant", "test_first", timeout=20_000)
    proposals = page.locator(".st-key-testing-proposals")
    expect(proposals).to_contain_text(PAIN)
    expect(proposals).to_contain_text("your team placed it high on importance")

    proposals.get_by_role("button", name="Test card").first.click()
    wait_for_app(page)
    form = page.locator(".st-key-testing-new-card")
    expect(form).to_contain_text(PAIN)  # the note is picked for the card
    # A pre-order gives strong evidence (an interview, the default, would only make it "observed").
    form.get_by_label("Test", exact=True).click()
    page.keyboard.type("Pre-order")  # the list is long: type to find it
    page.get_by_role("option", name="Pre-order or down payment").click()
    form.get_by_role("textbox", name="Hypothesis").fill("We believe that thesis students distrust catalogue results")
    form.get_by_role("textbox", name="Metric").fill("students who use the shortlist, of 10")
    form.get_by_role("spinbutton", name="Number").fill("7")
    form.get_by_role("spinbutton", name="Number").press("Tab")
    form.get_by_role("button", name="Create test card").click()
    wait_for_app(page)

    page.get_by_role("tab", name="Testing board").click()
    wait_for_app(page)
    card = page.locator('[class*="st-key-testing-card-"]').first
    expect(card).to_contain_text("We believe that thesis students distrust catalogue results")
    card.get_by_role("button", name="Start").click()
    wait_for_app(page)
    card = page.locator('[class*="st-key-testing-card-"]').first
    card.get_by_role("button", name="Close with a learning card").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible(timeout=10_000)
    dialog.get_by_role("spinbutton", name="Measured result").fill("8")
    dialog.get_by_role("spinbutton", name="Measured result").press("Tab")
    expect(dialog).to_contain_text("Passed: 8 meets at least 7.")  # said before the test is closed
    dialog.get_by_role("textbox", name="We observed that…").fill("8 of 10 used the shortlist in chapter 2")
    dialog.get_by_role("button", name="Close the test").click()
    wait_for_app(page)
    expect(page.locator('[class*="st-key-testing-card-"]').first).to_contain_text("Result: 8 (passed)")

    page.get_by_role("link", name="Canvas").first.click()
    wait_for_app(page)
    note = page.locator(".nb-note").filter(has=page.locator(".nb-text", has_text=PAIN))
    expect(note.locator(".nb-evchip")).to_have_text("Validated", timeout=20_000)
    validated = page.locator('[data-testid="stProgress"]').filter(has_text=re.compile(r"Validated coverage: 100 %"))
    expect(validated).to_be_visible()


def test_a_note_moves_on_the_map_by_keyboard(page: Page, app_server: AppServer) -> None:
    project_id, canvas_id, pain_id = _project(app_server)
    page.goto(f"{app_server.url}/?lang=id&project={project_id}&canvas={canvas_id}")
    wait_for_app(page)
    page.get_by_role("link", name="Uji asumsi").first.click()
    wait_for_app(page)
    chip = page.locator(f'[data-testid="map-note"][data-item-id="{pain_id}"]')
    expect(chip).to_have_attribute("data-quadrant", "later", timeout=20_000)
    chip.focus()
    for key in ("Shift+ArrowUp", "Shift+ArrowUp", "ArrowRight", "ArrowRight"):
        page.keyboard.press(key)
    wait_for_app(page)
    expect(chip).to_have_attribute("data-quadrant", "test_first", timeout=20_000)
    proposals = page.locator(".st-key-testing-proposals")
    expect(proposals).to_contain_text("tim Anda meletakkannya tinggi pada kepentingan")
    chip.focus()
    page.keyboard.press("Enter")  # picks it for a test card
    wait_for_app(page)
    expect(page.locator(".st-key-testing-new-card")).to_contain_text(PAIN)
    # Back to where its rank puts it. The card form's run may redraw the map just as the key
    # goes in, and a key on a chip being replaced is lost; R is idempotent, so press again.
    for _ in range(3):
        chip.focus()
        page.keyboard.press("r")
        wait_for_app(page)
        try:
            expect(chip).to_have_attribute("data-quadrant", "later", timeout=8_000)
            break
        except AssertionError:
            continue
    expect(chip).to_have_attribute("data-quadrant", "later")


def test_deleting_a_tested_note_on_the_board_asks_first(page: Page, app_server: AppServer) -> None:
    from experiments import service as experiments

    project_id, canvas_id, pain_id = _project(app_server)
    store = open_store(Settings(data_dir=app_server.data_dir, database_url=None, seed_sample=False))
    experiments.create_card(store, WORKSPACE, canvas_id, experiment="survey", threshold=5, item_ids=[pain_id])
    store.db.engine.dispose()
    page.goto(f"{app_server.url}/?lang=en&project={project_id}&canvas={canvas_id}")
    wait_for_app(page)
    page.get_by_role("link", name="Canvas").first.click()
    wait_for_app(page)
    note = page.locator(".nb-note").filter(has=page.locator(".nb-text", has_text=PAIN))
    expect(note).to_be_visible(timeout=20_000)
    note.focus()
    page.keyboard.press("Delete")
    # the page's question (the board's screen-reader status says it too)
    question = page.get_by_test_id("stAlertContentWarning").get_by_text("1 test card tests this note.")
    expect(question).to_be_visible(timeout=15_000)
    expect(note).to_be_visible()  # nothing deleted yet
    page.get_by_role("button", name="Delete the note").click()
    wait_for_app(page)
    expect(page.locator(".nb-zone-pains .nb-note")).to_have_count(0, timeout=15_000)
    page.get_by_role("link", name="Testing").first.click()
    wait_for_app(page)
    page.get_by_role("tab", name="Testing board").click()
    wait_for_app(page)
    card = page.locator('[class*="st-key-testing-card-"]').first
    expect(card).to_contain_text(f"“{PAIN}” (deleted from the canvas)")  # its text as the card captured it
