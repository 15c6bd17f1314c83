"""The assumptions map's layout (experiments/map_layout.py): one slot per note, inside the
note's quadrant, near the cell its values give; no two boxes intersect, titles stay clear."""

from __future__ import annotations

import itertools
import random

import pytest

from canvas.models import PROFILE_AREAS, VALUE_MAP_AREAS, CanvasItem
from experiments.assumptions_map import build_map
from experiments.map_layout import (
    QUADRANTS,
    Box,
    Slot,
    layout,
    overlaps,
    quadrant_at,
    slot_centre,
    slot_from_browser,
    slot_of,
)
from experiments.models import Placement

EVIDENCE = ("assumption", "observed", "validated", "refuted")


def notes(count: int, seed: int = 7) -> list[CanvasItem]:
    chance = random.Random(seed)
    areas = (*PROFILE_AREAS, *VALUE_MAP_AREAS)
    return [
        CanvasItem(
            id=f"n{index}",
            project_id="p",
            canvas_id="c",
            area=areas[index % len(areas)],
            text=f"note {index}",
            rank=chance.randint(1, 5),
            evidence=chance.choice(EVIDENCE),
            position=float(index),
        )
        for index in range(count)
    ]


def placement(item_id: str, importance: float, evidence: float) -> Placement:
    return Placement(
        id=f"pl-{item_id}", project_id="p", canvas_id="c", item_id=item_id, importance=importance, evidence=evidence
    )


@pytest.mark.parametrize("count", [1, 2, 12, 60, 300])
def test_no_two_notes_share_a_slot_or_intersect(count) -> None:
    amap = build_map(notes(count), [])
    placed = layout(amap)
    assert len(set(placed.slots.values())) == count
    for band in (0.0, 0.06, 0.15):
        boxes = [placed.box_on_plot(item_id, band) for item_id in placed.slots]
        assert overlaps(boxes) == 0
        assert all(box.x >= 0 and box.x + box.width <= 1 and box.y + box.height <= 1 for box in boxes)


def test_every_note_stays_in_its_quadrant_and_below_its_title() -> None:
    amap = build_map(notes(300, seed=3), [])
    placed = layout(amap)
    band = 0.08
    for point in amap.points:
        slot = placed.slots[point.item.id]
        assert slot.quadrant == point.quadrant
        box = placed.box_on_plot(point.item.id, band)
        column, row = QUADRANTS.index(slot.quadrant) % 2, QUADRANTS.index(slot.quadrant) // 2
        assert column * 0.5 <= box.x and box.x + box.width <= column * 0.5 + 0.5
        assert row * 0.5 + band <= box.y and box.y + box.height <= row * 0.5 + 0.5


def test_three_hundred_notes_on_one_spot_all_get_a_slot() -> None:
    same = [note.model_copy(update={"rank": 5, "evidence": "assumption"}) for note in notes(300)]
    placed = layout(build_map(same, []))
    assert {slot.quadrant for slot in placed.slots.values()} == {"test_first"}
    assert placed.cols * placed.rows >= 300
    assert overlaps(placed.box_on_plot(item_id) for item_id in placed.slots) == 0


def test_a_placed_note_keeps_its_slot_and_the_note_under_it_moves_beside() -> None:
    # Two notes with the same derived spot: the one the team put there wins the slot.
    first, second = notes(2)
    first = first.model_copy(update={"rank": 5, "evidence": "assumption"})
    second = second.model_copy(update={"rank": 5, "evidence": "assumption"})
    unplaced = layout(build_map([first, second], []))
    taken = unplaced.slots[first.id]
    importance, evidence = slot_centre(taken, unplaced.cols, unplaced.rows)
    placed = layout(build_map([first, second], [], [placement(second.id, importance, evidence)]))
    assert placed.slots[second.id] == taken
    beside = placed.slots[first.id]
    assert beside != taken and beside.quadrant == taken.quadrant
    assert abs(beside.col - taken.col) + abs(beside.row - taken.row) == 1  # the nearest free slot


def test_a_slot_and_its_centre_name_each_other() -> None:
    for cols, rows in ((2, 5), (7, 18)):
        for quadrant, col, row in itertools.product(QUADRANTS, range(cols), range(rows)):
            slot = Slot(quadrant, col, row)
            importance, evidence = slot_centre(slot, cols, rows)
            assert quadrant_at(importance, evidence) == quadrant
            assert slot_of(importance, evidence, quadrant, cols, rows) == slot


def test_a_slot_from_the_browser_must_be_one_of_the_grid_drawn() -> None:
    good = {"quadrant": "later", "col": 1, "row": 4, "cols": 2, "rows": 5}
    assert slot_from_browser(good, 2, 5) == Slot("later", 1, 4)
    for bad in (
        {**good, "col": 2},
        {**good, "row": -1},
        {**good, "rows": 6},
        {**good, "quadrant": "<b>"},
        {**good, "col": True},
        {**good, "col": 1.0},
        None,
        [1, 2],
    ):
        assert slot_from_browser(bad, 2, 5) is None


def test_overlaps_counts_intersecting_pairs() -> None:
    boxes = [Box(0, 0, 0.2, 0.2), Box(0.1, 0.1, 0.2, 0.2), Box(0.2, 0.05, 0.1, 0.1), Box(0.5, 0.5, 0.1, 0.1)]
    assert overlaps(boxes) == 2  # 1-2 and 2-3; 1 and 3 only touch
