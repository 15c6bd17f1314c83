"""Testing the value proposition, one page per canvas that has test cards: the assumptions
map with each note's code (canvas.codes, as on the board) in the screen's slots, the notes
to test first and why, and the test cards by status with what each closed test taught
(experiments/)."""

from __future__ import annotations

from reportlab.lib.colors import HexColor

from experiments.assumptions_map import PROPOSAL_LIMIT, TEST_FIRST, AssumptionsMap, MapPoint, build_map
from experiments.library import experiment_type
from experiments.map_layout import QUADRANTS, Box, layout, quadrant_origin
from experiments.models import STATUSES, TestCard, format_number
from export.bundle import CanvasBundle, ProjectBundle
from export.pdf.frame import (
    AREA_FILL,
    AREA_INK,
    FAINT,
    HAIRLINE,
    INK,
    MUTED,
    PAPER_TINT,
    Pdf,
    draw_block,
    section_label,
)
from export.pdf.text import BOLD, REGULAR, clean

HOT = HexColor("#d2453a")
HOT_SOFT = HexColor("#fbe3e0")
PASSED = HexColor("#2f8a57")


def has_cards(canvas: CanvasBundle) -> bool:
    return bool(canvas.test_cards)


def _criterion(pdf: Pdf, card: TestCard) -> str:
    return f"{pdf.t(f'experiments.comparison.{card.comparison}')} {format_number(card.threshold)}"


def draw_testing(pdf: Pdf, bundle: ProjectBundle, canvas: CanvasBundle) -> None:
    codes = canvas.codes(pdf.language)
    amap = build_map(canvas.items, canvas.links, canvas.placements, canvas.test_cards)
    cards = canvas.test_cards
    done = [card for card in cards if card.status == "done"]
    intro = pdf.t(
        "experiments.pdf.intro",
        planned=sum(card.status == "planned" for card in cards),
        running=sum(card.status == "running" for card in cards),
        done=len(done),
        passed=sum(bool(card.passed) for card in done),
        failed=sum(card.passed is False for card in done),
    )
    x0, y0, w, h = pdf.start_page(
        canvas.canvas.name, f"{intro} · {bundle.project.name}", kicker=pdf.t("experiments.pdf.title")
    )
    left = w * 0.36
    size = min(left, h * 0.6)
    mx, my = x0 + 10, y0 + h - size - 10
    _draw_map(pdf, amap, codes, mx, my, size)
    y = my - 14
    y -= draw_block(pdf, pdf.t("experiments.map.key"), x0, y, left, 20, sizes=(6.5, 6), color=MUTED) + 8
    # Under the map: what to test first, and why.
    section_label(pdf, pdf.t("experiments.pdf.to_test"), x0, y, color=HOT)
    y -= 6
    if not amap.proposals:
        y -= draw_block(pdf, pdf.t("experiments.propose.none"), x0, y, left, 30, sizes=(8, 7.5), color=FAINT)
    for proposal in amap.proposals[:PROPOSAL_LIMIT]:
        if y - y0 < 24:
            break
        item = proposal.point.item
        reasons = "; ".join(_reason(pdf, reason.key, reason.params) for reason in proposal.reasons)
        text = f"{codes.get(item.id, '')} {item.text} — {reasons}"
        y -= draw_block(pdf, text, x0, y, left, min(34, y - y0), sizes=(8, 7.5, 7, 6.5), color=INK) + 4

    # The cards, by status.
    c = pdf.canvas
    cx = x0 + left + 20
    col = (w - left - 20 - 2 * 12) / 3
    for index, status in enumerate(STATUSES):
        x = cx + index * (col + 12)
        y = y0 + h - 8
        in_status = [card for card in cards if card.status == status]
        section_label(pdf, f"{pdf.t(f'experiments.status.{status}')} · {len(in_status)}", x, y)
        y -= 8
        for shown, card in enumerate(in_status):
            used = _card(pdf, card, codes, x, y, col, y - y0)
            if used is None:
                c.setFont(REGULAR, 7.5)
                c.setFillColor(MUTED)
                c.drawString(x, y - 8, pdf.t("export.pdf.and_more", count=len(in_status) - shown))
                break
            y -= used + 6
    pdf.end_page()


def _draw_map(pdf: Pdf, amap: AssumptionsMap, codes: dict[str, str], mx: float, my: float, size: float) -> None:
    """The map as a square: each quadrant its title on top and its notes below in the
    screen's slots (experiments.map_layout), each note a box with its code, coloured by
    area, its border telling its evidence as the board's does."""
    c = pdf.canvas
    half = size / 2
    title_size = 6.5
    titles = {
        name: pdf.measure.wrap(clean(pdf.t(f"experiments.map.quadrant.{name}")), BOLD, title_size, half - 6)[:2]
        for name in QUADRANTS
    }
    band = 4 + title_size * 1.2 * max(len(lines) for lines in titles.values())
    for name in QUADRANTS:
        column, row = quadrant_origin(name)
        qx, qy = mx + column * half, my + size - (row + 1) * half  # the quadrant's bottom left
        c.setFillColor(HOT_SOFT if name == TEST_FIRST else PAPER_TINT)
        c.rect(qx, qy, half, half, stroke=0, fill=1)
        c.setFillColor(HOT if name == TEST_FIRST else MUTED)
        c.setFont(BOLD, title_size)
        for index, line in enumerate(titles[name]):
            c.drawString(qx + 3, qy + half - 3 - title_size * (1 + 1.2 * index), line)
    c.setStrokeColor(HOT)
    c.setLineWidth(1.2)
    c.rect(mx + half, my + half, half, half, stroke=1, fill=0)
    c.setStrokeColor(HAIRLINE)
    c.setLineWidth(0.6)
    c.rect(mx, my, size, size, stroke=1, fill=0)
    c.line(mx + half, my, mx + half, my + size)
    c.line(mx, my + half, mx + size, my + half)
    c.setFont(BOLD, 6.5)
    c.setFillColor(MUTED)
    c.drawString(mx, my - 9, clean(pdf.t("experiments.map.evidence")))
    c.drawRightString(mx + size, my - 9, clean(pdf.t("experiments.map.no_evidence")))
    c.saveState()
    c.translate(mx - 4, my)
    c.rotate(90)
    c.drawString(0, 0, clean(pdf.t("experiments.map.unimportant")))
    c.drawRightString(size, 0, clean(pdf.t("experiments.map.important")))
    c.restoreState()
    for box, point in note_boxes(amap, mx, my, size, band):
        _draw_note(pdf, box, point, codes.get(point.item.id, ""))


def note_boxes(amap: AssumptionsMap, mx: float, my: float, size: float, band: float) -> list[tuple[Box, MapPoint]]:
    """Each note's box on the page, in points (left, bottom, width, height): the screen's
    layout, each quadrant less its title band and a margin."""
    placed = layout(amap)
    half = size / 2
    margin = 2.0
    boxes = []
    for point in amap.points:
        inner = placed.box_in_quadrant(point.item.id)
        column, row = quadrant_origin(placed.slots[point.item.id].quadrant)
        area_w, area_h = half - 2 * margin, half - band - margin
        left = mx + column * half + margin + inner.x * area_w
        top = my + size - row * half - band - inner.y * area_h
        boxes.append((Box(left, top - inner.height * area_h, inner.width * area_w, inner.height * area_h), point))
    return boxes


def _draw_note(pdf: Pdf, box: Box, point: MapPoint, code: str) -> None:
    c = pdf.canvas
    area = str(point.item.area)
    evidence = point.item.evidence
    c.saveState()
    c.setFillColor(AREA_FILL[area])
    c.setStrokeColor(AREA_INK[area])
    c.setLineWidth(1.4 if evidence in ("validated", "refuted") else 0.6)
    if evidence == "assumption":
        c.setDash(1.5, 1)
    radius = min(1.5, box.height / 4)
    c.roundRect(box.x, box.y, box.width, box.height, radius, stroke=1, fill=1)
    c.restoreState()
    font_size = min(6.5, box.height * 0.7, (box.width - 2) / max(1, len(code)) * 1.7)
    if font_size < 2.5:
        return
    c.setFont(BOLD, font_size)
    c.setFillColor(AREA_INK[area])
    text = pdf.measure.ellipsize(code, BOLD, font_size, box.width - 2)
    c.drawCentredString(box.x + box.width / 2, box.y + (box.height - font_size * 0.7) / 2, text)
    if evidence == "refuted":
        c.setStrokeColor(AREA_INK[area])
        c.setLineWidth(0.5)
        c.line(box.x + 1, box.y + box.height / 2, box.x + box.width - 1, box.y + box.height / 2)


def _reason(pdf: Pdf, key: str, params: dict) -> str:
    params = dict(params)
    if "area" in params:
        params["area"] = pdf.t(f"export.area.{params['area']}")
    return pdf.t(key, **params)


def _card(pdf: Pdf, card: TestCard, codes: dict[str, str], x: float, top: float, width: float, room: float):
    """One card as a tinted block; returns the height used, or None when it doesn't fit."""
    known = experiment_type(card.experiment)
    lines = [
        (pdf.t(known.name_key) if known else card.experiment, BOLD, INK),
        (card.hypothesis or pdf.t("experiments.card.no_hypothesis"), REGULAR, INK),
        (
            pdf.t(
                "experiments.card.criterion",
                metric=card.metric or pdf.t("experiments.card.no_metric"),
                criterion=_criterion(pdf, card),
            ),
            REGULAR,
            MUTED,
        ),
    ]
    tested = [codes[item_id] for item_id in card.item_ids if item_id in codes]
    gone = [card.item_texts.get(item_id, "") for item_id in card.item_ids if item_id not in codes]
    notes = ", ".join(tested + [f"“{text}”" for text in gone if text])
    if notes:
        lines.append((f"{pdf.t('experiments.pdf.tests')}: {notes}", REGULAR, MUTED))
    if card.status == "done":
        verdict = pdf.t("experiments.learn.verdict.passed" if card.passed else "experiments.learn.verdict.failed")
        lines.append(
            (
                pdf.t("experiments.learn.result", measured=format_number(card.measured), verdict=verdict),
                BOLD,
                PASSED if card.passed else HOT,
            )
        )
        if card.insight:
            lines.append((f"{pdf.t('experiments.learn.insight')} {card.insight}", REGULAR, INK))
        if card.decision:
            lines.append(
                (f"{pdf.t('experiments.learn.decision')} {pdf.t(f'experiments.decision.{card.decision}')}", BOLD, INK)
            )
    size = 7.5
    wrapped = [(pdf.measure.wrap(clean(text), font, size, width - 12)[:4], font, color) for text, font, color in lines]
    height = 8 + sum(len(parts) for parts, _, _ in wrapped) * size * 1.3 + 2 * len(wrapped)
    if height > room - 12:
        return None
    c = pdf.canvas
    c.setFillColor(PAPER_TINT)
    c.roundRect(x, top - height, width, height, 4, stroke=0, fill=1)
    y = top - 5
    for parts, font, color in wrapped:
        out = c.beginText(x + 6, y - size)
        out.setFont(font, size, size * 1.3)
        out.setFillColor(color)
        for part in parts:
            out.textLine(part)
        c.drawText(out)
        y -= len(parts) * size * 1.3 + 2
    return height
