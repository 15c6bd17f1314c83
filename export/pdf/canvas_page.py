"""The canvas page: a square value map and a circle customer profile, with every note.

Layout: each of the six areas is a region of the square or the circle. Notes are packed
in rows; in the circle each row's width is the chord at that height, so notes follow
the curve. Each area tries note sizes from large to small and keeps the largest at which
all its notes fit. If even the smallest size can't hold them, the highest-ranked notes
stay on the canvas and the rest continue on overflow pages, each at a readable size; the
area says "+N more on page P". Nothing is cut off and nothing overlaps.

A note shows its text, its code (PL1, K2 ...: the board's own, canvas.codes), its rank
as five pips, the codes of the notes it is linked to, and its evidence mark.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from canvas.codes import area_prefix
from canvas.models import PROFILE_AREAS, Area, CanvasItem
from canvas.ranking import RANK_MAX
from export.bundle import CanvasBundle, ProjectBundle
from export.pdf.frame import (
    AREA_FILL,
    AREA_INK,
    AREA_NOTE,
    EVIDENCE_COLOR,
    FAINT,
    HAIRLINE,
    INK,
    MUTED,
    PAPER_TINT,
    PAPERS,
    WHITE,
    Pdf,
    area_label,
)
from export.pdf.text import BOLD, REGULAR, Measure, clean

# (font size, note width) from roomy to tight.
LEVELS: tuple[tuple[float, float], ...] = ((8.0, 112), (7.2, 100), (6.5, 88), (5.9, 78), (5.4, 68))
# Tighter still, only for an area that would otherwise send notes to an extra page.
LAST_RESORT_LEVELS: tuple[tuple[float, float], ...] = ((5.0, 62), (4.6, 56))
OVERFLOW_LEVELS: tuple[tuple[float, float], ...] = ((7.6, 120.0), (7.0, 110.0), (6.5, 100.0))
MAX_LINES = 7
UNCAPPED_LINES = 10_000
GAP = 4.0
HEADING = 15.0
LEGEND = 20.0
SHAPE_GAP = 46.0
SHAPE_TITLE = 14.0
TAG = 12.0
HEAD_AT = 0.78  # circle headings sit at this fraction of the radius from the centre

Span = Callable[[float, float], tuple[float, float] | None]


@dataclass
class Note:
    item: CanvasItem
    text: str
    number: int  # reading order: overflow pages list the notes in it
    badge: str
    code: str = ""


@dataclass
class Placed:
    note: Note
    x: float
    y: float  # bottom
    width: float
    height: float
    size: float
    lines: list[str]


Packed = tuple[list[Placed], list[Note]]  # (placed notes, notes left over)


@dataclass
class Region:
    area: str
    heading_xy: tuple[float, float]
    heading_align: str  # "left" | "center"
    pack: Callable[..., Packed]  # (notes, size, width, reserve=0, lines=MAX_LINES)
    heading_width: float = 0.0  # the room the heading has; it shrinks (then shortens) to fit


@dataclass
class CanvasLayout:
    bundle: CanvasBundle
    placed: dict[str, list[Placed]] = field(default_factory=dict)
    overflow: dict[str, list[Note]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    overflow_pages: list[list[tuple[str, list[Placed], bool]]] = field(default_factory=list)

    @property
    def page_count(self) -> int:
        return 1 + len(self.overflow_pages)


def note_height(measure: Measure, note: Note, size: float, width: float) -> tuple[float, list[str]]:
    lines = measure.wrap(note.text, REGULAR, size, width - 2 * pad_for(size))
    return pad_for(size) * 2 + len(lines) * size * 1.2 + size * 1.25, lines


def pad_for(size: float) -> float:
    return max(2.6, size * 0.45)


def pack_rows(
    measure: Measure,
    notes: list[Note],
    size: float,
    width: float,
    span: Span,
    y_start: float,
    y_limit: float,
    downward: bool,
    max_lines: int = MAX_LINES,
    stretch: float = 1.7,
) -> tuple[list[Placed], list[Note]]:
    """Place notes row by row inside a region; return the placed ones and those left over.

    `width` is the narrowest a note may be; a row's notes widen (up to `stretch` times) to
    fill the row, so short rows near the middle of the circle hold fewer, wider notes.
    """
    placed: list[Placed] = []
    deferred: list[Note] = []
    queue = list(notes)
    index, y = 0, y_start

    def find_row(guess: float) -> tuple[tuple[float, float, float, list[tuple[float, list[str]]]] | None, float]:
        """The next row's (left, room, note width, metrics), settling its height from a guess."""
        for _ in range(6):
            band = (y - guess, y) if downward else (y, y + guess)
            if (downward and band[0] < y_limit) or (not downward and band[1] > y_limit):
                return None, guess
            extent = span(*band)
            if extent is None:
                return None, guess
            room = extent[1] - extent[0]
            count = min(int((room + GAP) // (width + GAP)), len(queue) - index)
            if count <= 0:
                return None, guess
            note_w = min(width * stretch, (room - (count - 1) * GAP) / count)
            metrics = [note_height(measure, note, size, note_w) for note in queue[index : index + count]]
            too_tall = next((n for n, (_, lines) in enumerate(metrics) if len(lines) > max_lines), None)
            if too_tall is not None:
                deferred.append(queue.pop(index + too_tall))
                guess = note_height(measure, queue[index], size, width)[0] if index < len(queue) else guess
                continue
            tallest = max(h for h, _ in metrics)
            if tallest <= guess + 0.01:
                return (extent[0], room, note_w, metrics), tallest
            guess = tallest
        return None, guess

    while index < len(queue):
        row, guess = find_row(note_height(measure, queue[index], size, width)[0])
        if row is None and index < len(queue):
            # A long note that is too tall at the narrowest width may fit once widened to its row.
            row, guess = find_row(note_height(measure, queue[index], size, width * stretch)[0])
        if row is None:
            break
        left, room, note_w, metrics = row
        count = len(metrics)
        band = (y - guess, y) if downward else (y, y + guess)
        total = count * note_w + (count - 1) * GAP
        x = left + (room - total) / 2
        for n, (note, (_, lines)) in enumerate(zip(queue[index : index + count], metrics, strict=True)):
            placed.append(Placed(note, x + n * (note_w + GAP), band[0], note_w, guess, size, lines))
        index += count
        y = band[0] - GAP if downward else band[1] + GAP
    return placed, deferred + queue[index:]


def _notes(pdf: Pdf, bundle: CanvasBundle) -> dict[str, list[Note]]:
    numbers = bundle.numbers()
    codes = bundle.codes(pdf.language)
    # Each linked note by reading order, and whether the link is partial ("K1 ½", as on the board).
    linked: dict[str, list[tuple[int, bool]]] = {item_id: [] for item_id in numbers}
    for link in bundle.links:
        if link.source_id in numbers and link.target_id in numbers:
            partial = link.strength == "partial"
            linked[link.source_id].append((numbers[link.target_id], partial))
            linked[link.target_id].append((numbers[link.source_id], partial))
    code_of = {numbers[item_id]: codes[item_id] for item_id in numbers}
    by_area: dict[str, list[Note]] = {area: [] for area in Area}
    for item in bundle.ordered_items():
        text = clean(item.text) or pdf.t("export.pdf.symbols_only")
        targets = sorted(linked[item.id])
        arrow = "←" if Area(item.area) in PROFILE_AREAS else "→"
        marks = [f"{code_of[n]} ½" if partial else code_of[n] for n, partial in targets]
        badge = f"{arrow} {', '.join(marks)}" if targets else ""
        by_area[item.area].append(Note(item, text, numbers[item.id], badge, codes[item.id]))
    return by_area


def geometry(paper: str, box: tuple[float, float, float, float]) -> tuple[float, float, float, float, float, float]:
    """Square (x, y, side) and circle (cx, cy, r) centred in the content box."""
    x0, y0, w, h = box
    usable_h = h - LEGEND - SHAPE_TITLE
    # The circle gets the larger share: round regions hold fewer notes per square point.
    diameter = min(usable_h, (w - SHAPE_GAP) * 0.545)
    side = min(usable_h * 0.92, w - SHAPE_GAP - diameter)
    left = x0 + (w - side - diameter - SHAPE_GAP) / 2
    centre_y = y0 + LEGEND + usable_h / 2
    return left, centre_y - side / 2, side, left + side + SHAPE_GAP + diameter / 2, centre_y, diameter / 2


def _regions(pdf: Pdf, geo: tuple[float, ...]) -> list[Region]:
    sx, sy, side, cx, cy, r = geo
    measure = pdf.measure
    pad = 7.0
    regions: list[Region] = []

    def rect_region(area: str, x: float, y: float, w: float, h: float) -> Region:
        def span(_a: float, _b: float) -> tuple[float, float]:
            return x + pad, x + w - pad

        def pack(notes: list[Note], size: float, width: float, reserve: float = 0, lines: int = MAX_LINES) -> Packed:
            return pack_rows(measure, notes, size, width, span, y + h - HEADING - 3, y + pad + reserve, True, lines)

        return Region(area, (x + pad, y + h - 12), "left", pack, w - 2 * pad)

    half = side / 2
    regions.append(rect_region(Area.PRODUCTS, sx, sy, half, side))
    regions.append(rect_region(Area.CREATORS, sx + half, sy + half, half, half))
    regions.append(rect_region(Area.RELIEVERS, sx + half, sy, half, half))

    inner = r - 6

    def chord(y_low: float, y_high: float) -> float | None:
        d = max(abs(y_low - cy), abs(y_high - cy))
        if d >= inner:
            return None
        return math.sqrt(inner * inner - d * d)

    def jobs_span(a: float, b: float) -> tuple[float, float] | None:
        c = chord(a, b)
        return None if c is None or c < 30 else (cx + 5, cx + c)

    def gains_span(a: float, b: float) -> tuple[float, float] | None:
        c = chord(a, b)
        return None if c is None or c < 30 else (cx - c, cx - 5)

    def jobs_pack(notes: list[Note], size: float, width: float, reserve: float = 0, lines: int = MAX_LINES) -> Packed:
        top = cy + inner * HEAD_AT - 8
        bottom = cy - inner + reserve
        placed, left = pack_rows(measure, notes, size, width, jobs_span, top, bottom, True, lines)
        if placed and not left:
            # Few notes: centre the block on the widest part of the half circle.
            block = top - min(p.y for p in placed)
            centred = min(top, cy + block / 2)
            again, rest = pack_rows(measure, notes, size, width, jobs_span, centred, bottom, True, lines)
            if not rest:
                return again, rest
        return placed, left

    def gains_pack(notes: list[Note], size: float, width: float, reserve: float = 0, lines: int = MAX_LINES) -> Packed:
        top = cy + inner * HEAD_AT - 8 - reserve
        return pack_rows(measure, notes, size, width, gains_span, cy + 5, top, False, lines)

    def pains_pack(notes: list[Note], size: float, width: float, reserve: float = 0, lines: int = MAX_LINES) -> Packed:
        bottom = cy - inner * HEAD_AT + 8 + reserve
        return pack_rows(measure, notes, size, width, gains_span, cy - 5, bottom, True, lines)

    # Headings sit in the chord at HEAD_AT (measured at the heading's top edge), centred in it.
    half_chord = inner * math.sqrt(1 - (HEAD_AT + 0.05) ** 2)
    room = half_chord - 10
    mid = 5 + room / 2
    regions.append(Region(Area.JOBS, (cx + mid, cy + inner * HEAD_AT), "center", jobs_pack, room))
    regions.append(Region(Area.GAINS, (cx - mid, cy + inner * HEAD_AT), "center", gains_pack, room))
    regions.append(Region(Area.PAINS, (cx - mid, cy - inner * HEAD_AT - 6), "center", pains_pack, room))
    return regions


def layout_canvas(pdf: Pdf, bundle: CanvasBundle, box: tuple[float, float, float, float]) -> CanvasLayout:
    """Pure layout: where every note goes, and what continues on overflow pages."""
    geo = geometry(pdf.paper, box)
    layout = CanvasLayout(bundle)
    notes = _notes(pdf, bundle)
    for region in _regions(pdf, geo):
        area_notes = notes[region.area]
        layout.counts[region.area] = len(area_notes)
        placed, left = _fit_area(region, area_notes)
        if len(left) == 1 and placed:
            # One note would go alone to an extra page: the area's last placed note goes with it.
            kept = [note for note in area_notes if any(p.note is note for p in placed[:-1])]
            placed, _ = _fit_area(region, kept, reserve=TAG)
            left = [note for note in area_notes if not any(p.note is note for p in placed)]
        layout.placed[region.area] = placed
        if left:
            layout.overflow[region.area] = sorted(left, key=lambda n: n.number)
    if layout.overflow:
        layout.overflow_pages = _overflow_pages(pdf, layout, box)
    return layout


def _fit_area(region: Region, notes: list[Note], reserve: float = 0) -> Packed:
    """The largest size at which all the area's notes fit; else the packing that keeps the most.

    Long notes are capped at MAX_LINES first (one note shouldn't crowd out the rest), then
    allowed any length, then set tighter: a long note that can fit stays on the canvas
    rather than moving alone to an extra page.
    """
    best: Packed = ([], list(notes))
    tries = [(level, MAX_LINES) for level in LEVELS] + [
        (level, UNCAPPED_LINES) for level in (*LEVELS, *LAST_RESORT_LEVELS)
    ]
    for (size, width), lines in tries:
        placed, left = region.pack(notes, size, width, reserve=reserve, lines=lines)
        if not left:
            return placed, left
        # Some continue elsewhere: leave a line for the "+N more on page P" tag.
        placed, left = region.pack(notes, size, width, reserve=TAG, lines=lines)
        if len(placed) > len(best[0]):
            best = (placed, left)
    return best


OverflowPage = list[tuple[str, list[Placed], bool]]


def _overflow_pages(pdf: Pdf, layout: CanvasLayout, box: tuple[float, float, float, float]) -> list[OverflowPage]:
    """The overflow pages at the largest size at which no page holds a single note."""
    pages: list[OverflowPage] = []
    for level in OVERFLOW_LEVELS:
        pages = _paginate_overflow(pdf, layout, box, level)
        if all(sum(len(block) for _, block, _ in page) > 1 for page in pages):
            break
    return pages


def _paginate_overflow(
    pdf: Pdf, layout: CanvasLayout, box: tuple[float, float, float, float], level: tuple[float, float]
) -> list[OverflowPage]:
    """Pages of (area, placed notes, continued-from-previous-page) blocks."""
    x0, y0, w, h = box
    size, width = level
    columns = int((w + GAP) // (width + GAP))
    width = (w - (columns - 1) * GAP) / columns
    pages: list[OverflowPage] = []
    page: OverflowPage = []
    y = y0 + h
    for area in [a for a in (*PROFILE_AREAS, Area.PRODUCTS, Area.RELIEVERS, Area.CREATORS) if a in layout.overflow]:
        remaining = layout.overflow[area]
        continued = False
        while remaining:
            top = y - HEADING - 4
            full_width: Span = lambda _a, _b: (x0, x0 + w)  # noqa: E731
            placed, remaining_next = pack_rows(
                pdf.measure, remaining, size, width, full_width, top, y0, True, max_lines=UNCAPPED_LINES
            )
            if placed:
                page.append((area, placed, continued))
                y = min(p.y for p in placed) - 14
                continued = True
            if remaining_next:
                pages.append(page)
                page = []
                y = y0 + h
            remaining = remaining_next
    if page:
        pages.append(page)
    return pages


def draw_canvas(pdf: Pdf, project: ProjectBundle, bundle: CanvasBundle) -> None:
    """The canvas page and its overflow pages."""
    title, subtitle = _titles(pdf, project, bundle)
    box = pdf.start_page(title, subtitle, kicker=pdf.t("export.pdf.kicker.canvas"))
    layout = layout_canvas(pdf, bundle, box)
    first_page = pdf.page
    geo = geometry(pdf.paper, box)
    _draw_shapes(pdf, geo)
    overflow_start: dict[str, int] = {}
    for offset, blocks in enumerate(layout.overflow_pages, start=1):
        for area, _, _ in blocks:
            overflow_start.setdefault(area, first_page + offset)
    for region in _regions(pdf, geo):
        _draw_heading(pdf, region, layout.counts[region.area])
        for placed in layout.placed.get(region.area, []):
            _draw_note(pdf, placed)
        if region.area in layout.overflow:
            _draw_more_tag(pdf, region, layout, overflow_start[region.area], geo)
    _draw_legend(pdf, box)
    pdf.end_page()
    for blocks in layout.overflow_pages:
        box = pdf.start_page(title, subtitle, kicker=pdf.t("export.pdf.kicker.canvas_continued"))
        for area, block, continued in blocks:
            top = max(p.y + p.height for p in block)
            c = pdf.canvas
            c.setFillColor(AREA_INK[area])
            c.setFont(BOLD, 9)
            key = "export.pdf.area_continued" if continued else "export.pdf.area_more"
            c.drawString(box[0], top + 6, pdf.t(key, area=area_label(pdf, area), count=len(layout.overflow[area])))
            for note in block:
                _draw_note(pdf, note)
        _draw_legend(pdf, box)
        pdf.end_page()


def plan_canvas(pdf: Pdf, bundle: CanvasBundle) -> int:
    box = _content_box(pdf)
    return layout_canvas(pdf, bundle, box).page_count


def _content_box(pdf: Pdf) -> tuple[float, float, float, float]:
    """The box start_page returns for a page with a subtitle, without drawing anything."""
    from export.pdf.frame import MARGIN

    width, height = PAPERS[pdf.paper]
    return MARGIN, MARGIN + 20, width - 2 * MARGIN, height - 2 * MARGIN - 20 - 54


def _titles(pdf: Pdf, project: ProjectBundle, bundle: CanvasBundle) -> tuple[str, str]:
    parts = [project.project.name]
    segment = project.segment(bundle.canvas.segment_id)
    persona = project.persona(bundle.canvas.persona_id)
    if segment:
        parts.append(pdf.t("export.pdf.segment", name=segment.name))
    if persona:
        parts.append(pdf.t("export.pdf.persona", name=persona.name))
    return bundle.canvas.name, " · ".join(parts)


def _draw_shapes(pdf: Pdf, geo: tuple[float, ...]) -> None:
    c = pdf.canvas
    sx, sy, side, cx, cy, r = geo
    half = side / 2
    c.setLineWidth(0)
    for area, (x, y, w, h) in {
        Area.PRODUCTS: (sx, sy, half, side),
        Area.CREATORS: (sx + half, sy + half, half, half),
        Area.RELIEVERS: (sx + half, sy, half, half),
    }.items():
        c.setFillColor(AREA_FILL[area])
        c.rect(x, y, w, h, stroke=0, fill=1)
    c.setStrokeColor(WHITE)
    c.setLineWidth(2.5)
    c.line(sx + half, sy, sx + half, sy + side)
    c.line(sx + half, sy + half, sx + side, sy + half)
    c.setStrokeColor(INK)
    c.setLineWidth(1.4)
    c.roundRect(sx, sy, side, side, 6, stroke=1, fill=0)

    c.setFillColor(PAPER_TINT)
    c.circle(cx, cy, r, stroke=0, fill=1)
    for area, start, extent in ((Area.JOBS, -90, 180), (Area.GAINS, 90, 90), (Area.PAINS, 180, 90)):
        c.setFillColor(AREA_FILL[area])
        c.wedge(cx - r, cy - r, cx + r, cy + r, start, extent, stroke=0, fill=1)
    c.setStrokeColor(WHITE)
    c.setLineWidth(2.5)
    c.line(cx, cy - r, cx, cy + r)
    c.line(cx - r, cy, cx, cy)
    c.setStrokeColor(INK)
    c.setLineWidth(1.4)
    c.circle(cx, cy, r, stroke=1, fill=0)

    c.setFont(BOLD, 8)
    c.setFillColor(MUTED)
    c.drawCentredString(sx + half, cy + r + 5, pdf.t("export.pdf.value_map").upper())
    c.drawCentredString(cx, cy + r + 5, pdf.t("export.pdf.customer_profile").upper())
    # The fit between them: a double-headed arrow.
    mid_x, mid_y = sx + side + SHAPE_GAP / 2, cy
    c.setStrokeColor(FAINT)
    c.setLineWidth(1.4)
    c.line(mid_x - 13, mid_y, mid_x + 13, mid_y)
    for direction in (-1, 1):
        tip = mid_x + direction * 14
        c.line(tip - direction * 5, mid_y + 5, tip, mid_y)
        c.line(tip - direction * 5, mid_y - 5, tip, mid_y)


def _draw_heading(pdf: Pdf, region: Region, count: int) -> None:
    c = pdf.canvas
    label = f"{area_label(pdf, region.area)} ({count})"
    size = 8.0
    while size > 6.0 and pdf.measure.width(label, BOLD, size) > region.heading_width:
        size -= 0.25
    label = pdf.measure.ellipsize(label, BOLD, size, region.heading_width)
    c.setFont(BOLD, size)
    c.setFillColor(AREA_INK[region.area])
    x, y = region.heading_xy
    if region.heading_align == "center":
        c.drawCentredString(x, y, label)
    else:
        c.drawString(x, y, label)


def _draw_more_tag(pdf: Pdf, region: Region, layout: CanvasLayout, page: int, geo: tuple[float, ...]) -> None:
    c = pdf.canvas
    placed = layout.placed.get(region.area, [])
    count = len(layout.overflow[region.area])
    key = "export.pdf.more_notes" if pdf.page_refs else "export.pdf.more_notes_elsewhere"
    text = pdf.t(key, count=count, page=page)
    _sx, sy, _side, cx, cy, r = geo
    if region.area == Area.GAINS:
        y = max((p.y + p.height for p in placed), default=cy) + 4
        x = cx - r * 0.42
    elif region.area in (Area.PAINS, Area.JOBS):
        y = min((p.y for p in placed), default=cy) - 9.5
        x = cx + (r * 0.42 if region.area == Area.JOBS else -r * 0.42)
    else:
        y = min((p.y for p in placed), default=sy) - 9.5
        x = (min(p.x for p in placed) + max(p.x + p.width for p in placed)) / 2 if placed else region.heading_xy[0]
    width = pdf.measure.width(text, BOLD, 6.5) + 10
    c.setFillColor(AREA_INK[region.area])
    c.roundRect(x - width / 2, y - 2.5, width, 9.5, 4.5, stroke=0, fill=1)
    c.setFillColor(WHITE)
    c.setFont(BOLD, 6.5)
    c.drawCentredString(x, y, text)


def _draw_note(pdf: Pdf, placed: Placed) -> None:
    c = pdf.canvas
    item = placed.note.item
    size = placed.size
    pad = pad_for(size)
    x, y, w, h = placed.x, placed.y, placed.width, placed.height
    c.setFillColor(AREA_NOTE[item.area])
    c.setStrokeColor(HAIRLINE)
    c.setLineWidth(0.5)
    c.rect(x, y, w, h, stroke=1, fill=1)  # square corners: a quarter of the drawing operators
    c.setFillColor(AREA_INK[item.area])
    c.rect(x, y + h - 1.6, w, 1.6, stroke=0, fill=1)
    c.setFillColor(INK)
    c.setFont(REGULAR, size)
    text = c.beginText(x + pad, y + h - pad - size * 0.95)
    text.setFont(REGULAR, size, size * 1.2)
    for line in placed.lines:
        text.textLine(line)
    c.drawText(text)
    # Bottom strip: number, rank pips, link badge, evidence mark.
    strip_y = y + pad + size * 0.35
    small = size * 0.78
    c.setFont(BOLD, small)
    c.setFillColor(MUTED)
    number = placed.note.code
    c.drawString(x + pad, strip_y - small * 0.35, number)
    px = x + pad + pdf.measure.width(number, BOLD, small) + small * 0.6
    # Rank pips as glyphs: one text run instead of five circles keeps 300-note pages fast.
    pip_size = small * 0.8
    filled = "●" * item.rank
    c.setFont(REGULAR, pip_size)
    c.setFillColor(AREA_INK[item.area])
    c.drawString(px, strip_y - pip_size * 0.36, filled)
    if item.rank < RANK_MAX:
        c.setFillColor(HAIRLINE)
        c.drawString(
            px + pdf.measure.width(filled, REGULAR, pip_size), strip_y - pip_size * 0.36, "●" * (RANK_MAX - item.rank)
        )
    pips_end = px + pdf.measure.width("●" * RANK_MAX, REGULAR, pip_size)
    mark_x = x + w - pad - small * 0.45
    _evidence_mark(pdf, mark_x, strip_y, small * 0.42, item.evidence)
    if placed.note.badge:
        room = mark_x - small * 0.9 - pips_end
        badge = _fit_badge(pdf.measure, placed.note.badge, small, room)
        if badge:
            c.setFont(BOLD, small)
            c.setFillColor(AREA_INK[item.area])
            c.drawRightString(mark_x - small * 0.8, strip_y - small * 0.35, badge)


def _fit_badge(measure: Measure, badge: str, size: float, room: float) -> str:
    if measure.width(badge, BOLD, size) <= room:
        return badge
    arrow, numbers = badge.split(" ", 1)
    parts = numbers.split(", ")
    for keep in range(len(parts) - 1, 0, -1):
        candidate = f"{arrow} {', '.join(parts[:keep])} +{len(parts) - keep}"
        if measure.width(candidate, BOLD, size) <= room:
            return candidate
    short = f"{arrow} {len(parts)}"
    return short if measure.width(short, BOLD, size) <= room else ""


def _evidence_mark(pdf: Pdf, x: float, y: float, radius: float, evidence: str) -> None:
    """A small note outline told as the board tells evidence (canvas.board.key.evidence):
    dashed = assumption, solid = observed, thick with a tick = validated, thick and struck
    through = refuted. Circles (○ ◐ ●) stay the board's "how far addressed" marks."""
    c = pdf.canvas
    color = EVIDENCE_COLOR.get(evidence, EVIDENCE_COLOR["assumption"])
    strong = evidence in ("validated", "refuted")
    c.saveState()
    c.setStrokeColor(color)
    c.setFillColor(WHITE)
    c.setLineWidth(max(0.5, radius * (0.45 if strong else 0.22)))
    if evidence == "assumption":
        c.setDash(max(0.6, radius * 0.45), max(0.5, radius * 0.35))
    c.roundRect(x - radius, y - radius, 2 * radius, 2 * radius, radius * 0.3, stroke=1, fill=1)
    c.setDash()
    c.setLineWidth(max(0.4, radius * 0.28))
    path = c.beginPath()
    if evidence == "validated":
        path.moveTo(x - radius * 0.5, y)
        path.lineTo(x - radius * 0.1, y - radius * 0.42)
        path.lineTo(x + radius * 0.55, y + radius * 0.45)
        c.drawPath(path, stroke=1, fill=0)
    elif evidence == "refuted":
        path.moveTo(x - radius * 0.6, y - radius * 0.6)
        path.lineTo(x + radius * 0.6, y + radius * 0.6)
        c.drawPath(path, stroke=1, fill=0)
    c.restoreState()


def _draw_legend(pdf: Pdf, box: tuple[float, float, float, float]) -> None:
    c = pdf.canvas
    x, y = box[0], box[1] + 3
    size = 7
    c.setFont(REGULAR, size)
    c.setFillColor(MUTED)

    def label(text: str, gap: float = 14) -> None:
        nonlocal x
        c.setFillColor(MUTED)
        c.setFont(REGULAR, size)
        c.drawString(x, y, text)
        x += pdf.measure.width(text, REGULAR, size) + gap

    # Sample codes in the reader's language, as the board writes them (canvas.codes).
    sample = f"{area_prefix(Area.RELIEVERS, pdf.language)}1"
    pain = area_prefix(Area.PAINS, pdf.language)
    c.setFont(BOLD, size)
    c.drawString(x, y, sample)
    x += pdf.measure.width(sample, BOLD, size) + 3
    label(pdf.t("export.pdf.legend.number"))
    for n in range(5):
        c.setFillColor(INK if n < 3 else HAIRLINE)
        c.circle(x + 2 + n * 5, y + 2.5, 1.7, stroke=0, fill=1)
    x += 28
    label(pdf.t("export.pdf.legend.rank"))
    c.setFont(BOLD, size)
    c.setFillColor(INK)
    links = f"→ {pain}1, {pain}3"
    c.drawString(x, y, links)
    x += pdf.measure.width(links, BOLD, size) + 3
    label(pdf.t("export.pdf.legend.links"))
    for evidence in ("assumption", "observed", "validated"):
        _evidence_mark(pdf, x + 3, y + 2.5, 3, evidence)
        x += 9
        label(pdf.t(f"export.evidence.{evidence}"), gap=9)
