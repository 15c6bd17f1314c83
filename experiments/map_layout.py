"""Where each note of the assumptions map is drawn, so that no note hides another.

The screen, the PDF and the benchmarks all ask here. Each quadrant is split into the same
grid of slots (`cols` x `rows`, grown with the busiest quadrant); every note gets one slot
of its own quadrant, the free one nearest to the cell its importance and evidence give.
Notes the team placed choose first (their placement is a deliberate act), then the rest in
board order. One note per slot means two note boxes never intersect at any size: a box is
a slot less a gap, in fractions of the quadrant's note area (the quadrant below its title,
so the title stays clear too).

Value space and slots map both ways (`slot_of`, `slot_centre`), so a drag that ends on a
taken slot settles in the nearest free one, and the spot saved is that slot's centre.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from experiments.assumptions_map import DEFER, HALF, LATER, SAFE, TEST_FIRST, AssumptionsMap

QUADRANTS = (SAFE, TEST_FIRST, DEFER, LATER)  # reading order: top left, top right, bottom left, bottom right
BASE_COLS = 2
BASE_ROWS = 5
ROWS_PER_COL = 2.5  # slots stay wider than tall: a note shows its code and a line of text
GAP = 0.04  # of a slot, on each side


@dataclass(frozen=True)
class Slot:
    quadrant: str
    col: int  # 0 at the quadrant's left
    row: int  # 0 at the quadrant's top


@dataclass(frozen=True)
class Box:
    """A rectangle: on screen in fractions (0..1) of an area, y down from its top; on paper
    in points, y up from its bottom."""

    x: float
    y: float
    width: float
    height: float

    def intersects(self, other: Box) -> bool:
        return (
            self.x < other.x + other.width
            and other.x < self.x + self.width
            and self.y < other.y + other.height
            and other.y < self.y + self.height
        )


@dataclass(frozen=True)
class MapLayout:
    cols: int
    rows: int
    slots: dict[str, Slot]  # note id -> its slot

    def box_in_quadrant(self, item_id: str) -> Box:
        """The note's box in fractions of its quadrant's note area."""
        slot = self.slots[item_id]
        width, height = 1 / self.cols, 1 / self.rows
        return Box(
            (slot.col + GAP) * width,
            (slot.row + GAP) * height,
            (1 - 2 * GAP) * width,
            (1 - 2 * GAP) * height,
        )

    def box_on_plot(self, item_id: str, title_band: float = 0.0) -> Box:
        """The note's box in fractions of the whole plot, each quadrant losing `title_band`
        (a fraction of the plot's height) at its top to its title."""
        inner = self.box_in_quadrant(item_id)
        column, row = quadrant_origin(self.slots[item_id].quadrant)
        area_height = HALF - title_band
        return Box(
            column * HALF + inner.x * HALF,
            row * HALF + title_band + inner.y * area_height,
            inner.width * HALF,
            inner.height * area_height,
        )


def quadrant_origin(quadrant: str) -> tuple[int, int]:
    """(column, row) of a quadrant on the plot: evidence runs right to left, importance up."""
    index = QUADRANTS.index(quadrant)
    return index % 2, index // 2


def quadrant_at(importance: float, evidence: float) -> str:
    if importance > HALF:
        return SAFE if evidence >= HALF else TEST_FIRST
    return DEFER if evidence >= HALF else LATER


def grid_for(count: int) -> tuple[int, int]:
    """Slots per quadrant for a busiest quadrant of `count` notes."""
    cols = max(BASE_COLS, math.ceil(math.sqrt(count / ROWS_PER_COL)))
    rows = max(BASE_ROWS, math.ceil(count / cols))
    return cols, rows


def _fraction_in_quadrant(importance: float, evidence: float, quadrant: str) -> tuple[float, float]:
    """(x, y) of a spot inside its quadrant, 0..1 from the quadrant's top left, clamped."""
    column, row = quadrant_origin(quadrant)
    x = (1 - evidence) / HALF - column
    y = (1 - importance) / HALF - row
    return min(1.0, max(0.0, x)), min(1.0, max(0.0, y))


def slot_of(importance: float, evidence: float, quadrant: str, cols: int, rows: int) -> Slot:
    x, y = _fraction_in_quadrant(importance, evidence, quadrant)
    return Slot(quadrant, min(cols - 1, int(x * cols)), min(rows - 1, int(y * rows)))


def slot_centre(slot: Slot, cols: int, rows: int) -> tuple[float, float]:
    """(importance, evidence) at the centre of a slot."""
    column, row = quadrant_origin(slot.quadrant)
    x = (column + (slot.col + 0.5) / cols) * HALF
    y = (row + (slot.row + 0.5) / rows) * HALF
    return round(1 - y, 4), round(1 - x, 4)


def slot_from_browser(value: object, cols: int, rows: int) -> Slot | None:
    """A slot the map reported ({quadrant, col, row, cols, rows}), or None when it is not
    one of the grid drawn now (nothing a browser sends is trusted)."""
    if not isinstance(value, dict) or value.get("quadrant") not in QUADRANTS:
        return None
    sent = [value.get(name) for name in ("col", "row", "cols", "rows")]
    numbers = [number for number in sent if isinstance(number, int) and not isinstance(number, bool)]
    if len(numbers) != len(sent):
        return None
    col, row, seen_cols, seen_rows = numbers
    if (seen_cols, seen_rows) != (cols, rows) or not (0 <= col < cols and 0 <= row < rows):
        return None
    return Slot(str(value["quadrant"]), col, row)


def _offsets(cols: int, rows: int) -> list[tuple[int, int]]:
    """Every (column, row) step within the grid, nearest first: a column step weighs as
    much as rows/cols row steps, as it does on screen. Ties: upper, then left."""
    weight = rows / cols
    steps = [(dc, dr) for dc in range(1 - cols, cols) for dr in range(1 - rows, rows)]
    return sorted(steps, key=lambda step: ((step[0] * weight) ** 2 + step[1] ** 2, step[1], step[0]))


def layout(amap: AssumptionsMap) -> MapLayout:
    counts = {quadrant: 0 for quadrant in QUADRANTS}
    for point in amap.points:
        counts[point.quadrant] += 1
    cols, rows = grid_for(max(counts.values(), default=0))
    taken: dict[str, set[tuple[int, int]]] = {quadrant: set() for quadrant in QUADRANTS}
    offsets = _offsets(cols, rows)
    order = sorted(range(len(amap.points)), key=lambda index: (not amap.points[index].placed, index))
    slots: dict[str, Slot] = {}
    for index in order:
        point = amap.points[index]
        wanted = slot_of(point.importance, point.evidence, point.quadrant, cols, rows)
        used = taken[point.quadrant]
        # The quadrant has a slot for each of its notes (grid_for), so this always finds one.
        cell = next(
            (wanted.col + dc, wanted.row + dr)
            for dc, dr in offsets
            if 0 <= wanted.col + dc < cols
            and 0 <= wanted.row + dr < rows
            and (wanted.col + dc, wanted.row + dr) not in used
        )
        used.add(cell)
        slots[point.item.id] = Slot(point.quadrant, *cell)
    return MapLayout(cols, rows, slots)


def overlaps(boxes: Iterable[Box]) -> int:
    """How many pairs of boxes intersect (the benchmark's and the tests' measure)."""
    listed = sorted(boxes, key=lambda box: box.x)
    count = 0
    for index, box in enumerate(listed):
        for other in listed[index + 1 :]:
            if other.x >= box.x + box.width:
                break
            count += box.intersects(other)
    return count
