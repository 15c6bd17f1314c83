"""The comparison page: one canvas at two moments, drawn in the canvas layout with the same
marks as the screen (added outlined green, removed as grey ghosts, changed with old and new
text, moved / re-ranked tagged), a legend, and the fit then and now. Landscape, both languages.

Changed, added and removed notes are drawn first in each area, so they are on the canvas
even when an area is crowded; whatever does not fit goes on a list page after it, with
its old and new text. Nothing is cut off.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.colors import Color, HexColor

from canvas.fit import whole_percent
from canvas.models import Area
from export.pdf.frame import AREA_FILL, AREA_INK, HAIRLINE, INK, MUTED, PAPERS, WHITE, Paper, Pdf
from export.pdf.text import BOLD, REGULAR, FallbackCanvas, clean, register_fonts
from history.diff import CanvasDiff, NoteDiff

ADDED = HexColor("#1e9e4a")
ADDED_FILL = HexColor("#eafbef")
GHOST = HexColor("#9a9a9a")
GHOST_FILL = HexColor("#eeeeee")
CHANGED = HexColor("#b7791f")
OLD_INK = HexColor("#8a5a00")
MOVED = HexColor("#1f4f99")
NOTE_FILL = HexColor("#fffbe0")

FONT = 6.8
LEADING = 8.2
PAD = 3.0
GAP = 3.0
NOTE_MIN_W = 92.0
SIDE_W = 200.0
HEAD = 13.0


@dataclass(frozen=True)
class ComparisonMeta:
    project_name: str
    canvas_name: str
    then_label: str
    now_label: str
    exported_at: datetime


# value map on the left (products | creators / relievers), profile on the right (gains / pains | jobs)
def _regions(x: float, y: float, w: float, h: float) -> dict[str, tuple[float, float, float, float]]:
    half = (w - 14) / 2
    vx, px = x, x + half + 14
    col = half / 2
    return {
        Area.PRODUCTS: (vx, y, col, h),
        Area.CREATORS: (vx + col, y + h / 2, col, h / 2),
        Area.RELIEVERS: (vx + col, y, col, h / 2),
        Area.GAINS: (px, y + h / 2, col, h / 2),
        Area.PAINS: (px, y, col, h / 2),
        Area.JOBS: (px + col, y, col, h),
    }


def _badges(pdf: Pdf, note: NoteDiff) -> list[str]:
    marks = []
    if note.moved and note.old and note.new:
        if note.old.area != note.new.area:
            marks.append(pdf.t("history.mark.moved", area=pdf.t(f"canvas.area.{note.old.area}")))
        else:
            marks.append(pdf.t("history.legend.moved"))
    if note.reranked and note.old and note.new:
        marks.append(pdf.t("history.mark.reranked", old=note.old.rank, new=note.new.rank))
    if note.links_added or note.links_removed:
        marks.append(pdf.t("history.mark.links", added=note.links_added, removed=note.links_removed))
    return marks


def _lines(pdf: Pdf, note: NoteDiff, width: float, code: str) -> list[tuple[str, str, Color, bool]]:
    """(text, font, colour, struck) per line of a note, its board code first."""
    inner = width - 2 * PAD
    out: list[tuple[str, str, Color, bool]] = [(code, BOLD, INK, False)] if code else []
    if note.text_changed and note.old and note.new:
        out += [(line, REGULAR, OLD_INK, True) for line in pdf.measure.wrap(clean(note.old.text), REGULAR, FONT, inner)]
        out += [(line, BOLD, INK, False) for line in pdf.measure.wrap(clean(note.new.text), BOLD, FONT, inner)]
    else:
        struck = note.status == "removed"
        colour = GHOST if struck else INK
        out += [
            (line, REGULAR, colour, struck) for line in pdf.measure.wrap(clean(note.shown.text), REGULAR, FONT, inner)
        ]
    for mark in _badges(pdf, note):
        out += [(line, BOLD, MOVED, False) for line in pdf.measure.wrap(mark, BOLD, FONT - 0.8, inner)]
    return out


def _draw_note(pdf: Pdf, note: NoteDiff, x: float, top: float, width: float, lines: list) -> float:
    c = pdf.canvas
    height = len(lines) * LEADING + 2 * PAD
    if note.status == "added":
        c.setFillColor(ADDED_FILL)
        c.setStrokeColor(ADDED)
        c.setLineWidth(1.8)
        c.setDash()
    elif note.status == "removed":
        c.setFillColor(GHOST_FILL)
        c.setStrokeColor(GHOST)
        c.setLineWidth(0.8)
        c.setDash(2, 2)
    else:
        c.setFillColor(NOTE_FILL if note.marked else WHITE)
        c.setStrokeColor(CHANGED if note.text_changed else HAIRLINE)
        c.setLineWidth(1.2 if note.text_changed else 0.5)
        c.setDash()
    c.roundRect(x, top - height, width, height, 2.5, stroke=1, fill=1)
    c.setDash()
    y = top - PAD - FONT
    for text, font, colour, struck in lines:
        size = FONT - 0.8 if colour == MOVED else FONT
        c.setFont(font, size)
        c.setFillColor(colour)
        c.drawString(x + PAD, y, text)
        if struck:
            c.setStrokeColor(colour)
            c.setLineWidth(0.5)
            c.line(x + PAD, y + size * 0.32, x + PAD + pdf.measure.width(text, font, size), y + size * 0.32)
        y -= LEADING
    return height


def _draw_area(
    pdf: Pdf, area: str, box: tuple[float, float, float, float], notes: list[NoteDiff], codes: dict[str, str]
) -> list[NoteDiff]:
    """Draw an area's notes (marked ones first); return the ones that did not fit."""
    c = pdf.canvas
    x, y, w, h = box
    c.setFillColor(AREA_FILL[area])
    c.setStrokeColor(WHITE)
    c.setLineWidth(1.5)
    c.rect(x, y, w, h, stroke=1, fill=1)
    c.setFont(BOLD, 7.5)
    c.setFillColor(AREA_INK[area])
    c.drawString(x + 4, y + h - 10, pdf.t(f"canvas.area.{area}").upper())
    columns = max(1, int((w - GAP) // (NOTE_MIN_W + GAP)))
    note_w = (w - GAP * (columns + 1)) / columns
    ordered = sorted(notes, key=lambda n: (not n.marked, n.status != "added", -n.shown.rank, n.shown.position))
    tops = [y + h - HEAD] * columns
    left_out: list[NoteDiff] = []
    for note in ordered:
        lines = _lines(pdf, note, note_w, codes.get(note.id, ""))
        height = len(lines) * LEADING + 2 * PAD
        column = max(range(columns), key=lambda i: tops[i])
        if tops[column] - height < y + GAP:
            left_out.append(note)
            continue
        _draw_note(pdf, note, x + GAP + column * (note_w + GAP), tops[column], note_w, lines)
        tops[column] -= height + GAP
    if left_out:
        c.setFont(REGULAR, 6.5)
        c.setFillColor(MUTED)
        c.drawRightString(x + w - 4, y + h - 10, f"+{len(left_out)}")
    return left_out


def _legend_and_fit(pdf: Pdf, diff: CanvasDiff, x: float, top: float, width: float, codes: dict[str, str]) -> None:
    c = pdf.canvas
    y = top
    c.setFont(BOLD, 9)
    c.setFillColor(INK)
    c.drawString(x, y, pdf.t("history.legend.title"))
    y -= 14
    samples = (
        ("history.legend.added", ADDED_FILL, ADDED, False),
        ("history.legend.removed", GHOST_FILL, GHOST, True),
        ("history.legend.changed", NOTE_FILL, CHANGED, False),
        ("history.legend.moved", WHITE, MOVED, False),
        ("history.legend.reranked", WHITE, MOVED, False),
    )
    for key, fill, stroke, dashed in samples:
        c.setFillColor(fill)
        c.setStrokeColor(stroke)
        c.setLineWidth(1.4)
        if dashed:
            c.setDash(2, 2)
        c.roundRect(x, y - 2, 16, 9, 2, stroke=1, fill=1)
        c.setDash()
        c.setFont(REGULAR, 7.5)
        c.setFillColor(INK)
        c.drawString(x + 22, y, pdf.t(key))
        y -= 13
    y -= 8
    c.setFont(BOLD, 9)
    c.drawString(x, y, pdf.t("history.fit.title"))
    y -= 13
    c.setFont(REGULAR, 7.5)
    c.drawString(
        x, y, f"{pdf.t('history.fit.overall')}: {diff.fit_before.overall_percent}% → {diff.fit_after.overall_percent}%"
    )
    y -= 11
    for area in ("jobs", "pains", "gains"):
        then = diff.fit_before.coverage.get(area)
        now = diff.fit_after.coverage.get(area)
        c.drawString(
            x,
            y,
            pdf.t(
                "history.fit.row",
                area=pdf.t(f"canvas.area.{area}"),
                then=whole_percent(then.percent) if then else 0,
                now=whole_percent(now.percent) if now else 0,
            ),
        )
        y -= 11
    y -= 6
    for key, notes, empty in (
        ("history.fit.addressed", diff.newly_addressed, "history.fit.none_addressed"),
        ("history.fit.reopened", diff.newly_open, None),
    ):
        if not notes and empty is None:
            continue
        c.setFont(BOLD, 8)
        c.setFillColor(INK)
        for line in pdf.measure.wrap(pdf.t(key), BOLD, 8, width):
            c.drawString(x, y, line)
            y -= 10
        c.setFont(REGULAR, 7.2)
        if not notes:
            c.setFillColor(MUTED)
            for line in pdf.measure.wrap(pdf.t(empty or ""), REGULAR, 7.2, width):
                c.drawString(x, y, line)
                y -= 9
        for note in notes[:12]:
            c.setFillColor(AREA_INK[note.area])
            named = f"{codes[note.id]} {note.text}" if codes.get(note.id) else note.text
            for line in pdf.measure.wrap(f"• {clean(named)}", REGULAR, 7.2, width):
                if y < 60:
                    return
                c.drawString(x, y, line)
                y -= 9
        y -= 6
    _links(pdf, diff, x, y, width, codes)


def _links(pdf: Pdf, diff: CanvasDiff, x: float, y: float, width: float, codes: dict[str, str]) -> None:
    """The links that came, went or changed strength, named by their notes (as on screen)."""
    if not diff.links:
        return
    c = pdf.canvas
    texts = {n.id: f"{codes[n.id]} {n.shown.text}" if codes.get(n.id) else n.shown.text for n in diff.notes}
    c.setFont(BOLD, 8)
    c.setFillColor(INK)
    c.drawString(x, y, pdf.t("history.legend.linked"))
    y -= 10
    colours = {"added": ADDED, "removed": GHOST, "changed": CHANGED}
    for link in diff.links:
        strength = pdf.t(f"history.strength.{link.new_strength or link.old_strength or 'full'}")
        what = pdf.t(f"history.links.{link.status}", strength=strength)
        line = f"{what}: {clean(texts.get(link.source_id, '?'))} → {clean(texts.get(link.target_id, '?'))}"
        c.setFont(REGULAR, 7.2)
        c.setFillColor(colours[link.status])
        for part in pdf.measure.wrap(line, REGULAR, 7.2, width):
            if y < 60:
                return  # the canvas above shows each note's link count: nothing is lost
            c.drawString(x, y, part)
            y -= 9


def _list_page(pdf: Pdf, meta: ComparisonMeta, notes: list[NoteDiff], codes: dict[str, str]) -> None:
    """The notes that did not fit on the canvas, with their marks and texts."""
    x, y, w, h = pdf.start_page(
        pdf.t("history.pdf.title", canvas=meta.canvas_name), f"{meta.then_label} → {meta.now_label}"
    )
    top = y + h
    column_w = (w - 20) / 3
    column = 0
    for note in notes:
        lines = _lines(pdf, note, column_w, codes.get(note.id, ""))
        height = len(lines) * LEADING + 2 * PAD
        if top - height < y:
            column += 1
            top = y + h
            if column == 3:
                pdf.end_page()
                x, y, w, h = pdf.start_page(pdf.t("history.pdf.title", canvas=meta.canvas_name))
                column, top = 0, y + h
        _draw_note(pdf, note, x + column * (column_w + 10), top, column_w, lines)
        top -= height + GAP
    pdf.end_page()


def comparison_pdf(diff: CanvasDiff, meta: ComparisonMeta, language: str, paper: Paper = "a4") -> bytes:
    """The comparison as a landscape PDF: canvas layout with marks, legend, fit then and now."""
    register_fonts()
    buffer = io.BytesIO()
    canvas = FallbackCanvas(buffer, pagesize=PAPERS[paper], pageCompression=1, initialFontName=REGULAR)
    canvas.setAuthor("Nilai")
    canvas.setCreator("Nilai")
    pdf = Pdf(canvas, language, paper, meta.project_name, meta.exported_at)
    pdf.page_refs = False
    x, y, w, h = pdf.start_page(
        pdf.t("history.pdf.title", canvas=meta.canvas_name),
        pdf.t("history.pdf.subtitle", then=meta.then_label, now=meta.now_label),
        kicker=pdf.t("history.title"),
    )
    summary = pdf.t(
        "history.compare.summary",
        added=len(diff.of("added")),
        removed=len(diff.of("removed")),
        changed=sum(1 for n in diff.notes if n.text_changed),
        moved=len(diff.moved),
        reranked=len(diff.reranked),
    )
    canvas.setFont(REGULAR, 8)
    canvas.setFillColor(MUTED)
    canvas.drawString(x, y + h - 2, summary)
    codes = diff.codes(language)  # each note by its board code, as on screen
    board_w = w - SIDE_W - 16
    by_area: dict[str, list[NoteDiff]] = {}
    for note in diff.notes:
        by_area.setdefault(str(note.shown.area), []).append(note)
    left_out: list[NoteDiff] = []
    for area, box in _regions(x, y, board_w, h - 14).items():
        left_out += _draw_area(pdf, str(area), box, by_area.get(str(area), []), codes)
    _legend_and_fit(pdf, diff, x + board_w + 16, y + h - 10, SIDE_W, codes)
    pdf.end_page()
    if left_out:
        _list_page(pdf, meta, left_out, codes)
    canvas.save()
    return buffer.getvalue()
