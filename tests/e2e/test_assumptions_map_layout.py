"""The assumptions map never hides a note: 300 notes in Chromium at 1440x900 and 390x844,
no two note boxes intersect, none covers a quadrant's title, and a note's full text shows
on hover and on focus. A drag onto a taken place settles beside it."""

from __future__ import annotations

import random

import pytest
from playwright.sync_api import Browser, expect

from canvas import canvases
from core.settings import Settings
from deploy.harness import AppServer
from examples.seeding import open_store
from experiments import service as svc
from projects.service import create_project
from tests.actors import WORKSPACE
from tests.e2e.conftest import wait_for_app

AREAS = ("jobs", "pains", "gains", "products", "relievers", "creators")
EVIDENCE = ("assumption", "observed", "validated", "refuted")
LONG = "a long note whose words run on well past what any box on the map can hold at once"

# Every note's box and every quadrant title's box, in page pixels, measured in the page.
MEASURE = """
(chips) => {
  const rect = (node) => { const r = node.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const root = chips[0].getRootNode();
  return {
    notes: chips.map((chip) => ({ id: chip.dataset.itemId, box: rect(chip), quadrant: chip.dataset.quadrant })),
    titles: [...root.querySelectorAll('.am-quad-title')]
      .map((t) => ({ quadrant: t.parentElement.dataset.quadrant, box: rect(t) })),
    cells: [...root.querySelectorAll('.am-cells')].map((c) => ({ quadrant: c.dataset.quadrant, box: rect(c) })),
  };
}
"""


def _intersect(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _crowded_canvas(server: AppServer) -> tuple[str, str, list[str]]:
    store = open_store(Settings(data_dir=server.data_dir, database_url=None, seed_sample=False))
    project = create_project(store, WORKSPACE, "Crowded map", "", "en")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Three hundred notes")
    chance = random.Random(25)
    ids = []
    with store.db.transaction() as conn:
        for index in range(300):
            values = {
                "area": AREAS[index % len(AREAS)],
                "text": f"Note {index}: {LONG}",
                "rank": chance.randint(1, 5),
                "evidence": chance.choice(EVIDENCE),
                "canvas_id": canvas.id,
            }
            ids.append(store.items.insert_in(conn, project.id, values).id)
    for item_id in ids[:20]:  # placed notes, several on one spot
        svc.place_note(store, WORKSPACE, canvas.id, item_id, None, importance=0.9, evidence=0.1)
    store.db.engine.dispose()
    return project.id, canvas.id, ids


@pytest.fixture(scope="module")
def crowded(tmp_path_factory) -> tuple[AppServer, str, str, list[str]]:
    server = AppServer(data_dir=tmp_path_factory.mktemp("amap") / "data").start()
    project_id, canvas_id, ids = _crowded_canvas(server)
    yield server, project_id, canvas_id, ids
    server.stop()


@pytest.mark.parametrize(("width", "height"), [(1440, 900), (390, 844)])
def test_three_hundred_notes_never_overlap_nor_cover_a_title(browser: Browser, crowded, width, height) -> None:
    server, project_id, canvas_id, ids = crowded
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-US")
    page = context.new_page()
    try:
        page.goto(f"{server.url}/testing?lang=en&project={project_id}&canvas={canvas_id}")
        wait_for_app(page, timeout=60_000)
        chips = page.locator('[data-testid="map-note"]')
        expect(chips).to_have_count(300, timeout=30_000)
        seen = chips.evaluate_all(MEASURE)
        notes = seen["notes"]
        assert {note["id"] for note in notes} == set(ids)
        assert all(note["box"][2] - note["box"][0] > 2 and note["box"][3] - note["box"][1] > 2 for note in notes)
        overlapping = [
            (a["id"], b["id"]) for i, a in enumerate(notes) for b in notes[i + 1 :] if _intersect(a["box"], b["box"])
        ]
        assert overlapping == []
        titles = {title["quadrant"]: title["box"] for title in seen["titles"]}
        cells = {cell["quadrant"]: cell["box"] for cell in seen["cells"]}
        for note in notes:
            assert not _intersect(note["box"], titles[note["quadrant"]]), note
            area = cells[note["quadrant"]]
            assert area[0] - 0.5 <= note["box"][0] and note["box"][2] <= area[2] + 0.5, note
            assert area[1] - 0.5 <= note["box"][1] and note["box"][3] <= area[3] + 0.5, note

        # The full text on hover and on focus.
        tip = page.locator(".am-tip")
        chips.nth(5).hover()
        expect(tip).to_be_visible()
        expect(tip).to_contain_text(LONG)
        chips.nth(7).focus()
        expect(tip).to_contain_text(chips.nth(7).locator(".am-text").inner_text())
    finally:
        context.close()


def test_a_drag_onto_another_note_settles_beside_it(browser: Browser, crowded) -> None:
    server, project_id, canvas_id, ids = crowded
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-US")
    page = context.new_page()
    try:
        page.goto(f"{server.url}/testing?lang=en&project={project_id}&canvas={canvas_id}")
        wait_for_app(page, timeout=60_000)
        chips = page.locator('[data-testid="map-note"]')
        expect(chips).to_have_count(300, timeout=30_000)
        moving = page.locator(f'[data-testid="map-note"][data-item-id="{ids[299]}"]')
        under = page.locator(f'[data-testid="map-note"][data-item-id="{ids[0]}"]')  # a placed note
        start, target = moving.bounding_box(), under.bounding_box()
        page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
        page.mouse.down()
        page.mouse.move(target["x"] + target["width"] / 2, target["y"] + target["height"] / 2, steps=10)
        page.mouse.up()
        wait_for_app(page)
        expect(moving).to_have_attribute("data-quadrant", under.get_attribute("data-quadrant"), timeout=20_000)
        notes = chips.evaluate_all(MEASURE)["notes"]
        boxes = {note["id"]: note["box"] for note in notes}
        # The note that was there stays put; the dragged one sits beside it, on no one.
        assert boxes[ids[0]][:2] == pytest.approx([target["x"], target["y"]], abs=1)
        assert not _intersect(boxes[ids[299]], boxes[ids[0]])
        assert not [
            (a["id"], b["id"]) for i, a in enumerate(notes) for b in notes[i + 1 :] if _intersect(a["box"], b["box"])
        ]
    finally:
        context.close()
