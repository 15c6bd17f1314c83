"""Testing the value proposition, one page per canvas that has test cards: the assumptions
map with each note's number, the notes to test first and why, and the test cards by
status with what each closed test taught (experiments/)."""

from __future__ import annotations

from reportlab.lib.colors import HexColor

from experiments.assumptions_map import PROPOSAL_LIMIT, build_map, display_spots
from experiments.library import experiment_type
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
    numbers = canvas.numbers()
    amap = build_map(canvas.items, canvas.links, canvas.placements, canvas.test_cards)
    cards = canvas.test_cards
    done = [card for card in cards if card.status == "done"]
    x0, y0, w, h = pdf.start_page(
        f"{pdf.t('experiments.pdf.title')}: {canvas.canvas.name}",
        pdf.t(
            "experiments.pdf.intro",
            planned=sum(card.status == "planned" for card in cards),
            running=sum(card.status == "running" for card in cards),
            done=len(done),
            passed=sum(bool(card.passed) for card in done),
            failed=sum(card.passed is False for card in done),
        ),
        kicker=bundle.project.name,
    )
    c = pdf.canvas
    left = w * 0.34
    # The map: a square, top right tinted; each note a numbered dot.
    size = min(left, h * 0.56)
    mx, my = x0 + 10, y0 + h - size - 10
    half = size / 2
    for qx, qy, fill in ((0, half, PAPER_TINT), (half, half, HOT_SOFT), (0, 0, PAPER_TINT), (half, 0, PAPER_TINT)):
        c.setFillColor(fill)
        c.rect(mx + qx, my + qy, half, half, stroke=0, fill=1)
    c.setStrokeColor(HOT)
    c.setLineWidth(1.2)
    c.rect(mx + half, my + half, half, half, stroke=1, fill=0)
    c.setStrokeColor(HAIRLINE)
    c.setLineWidth(0.6)
    c.rect(mx, my, size, size, stroke=1, fill=0)
    c.setFont(BOLD, 6.5)
    c.setFillColor(HOT)
    c.drawRightString(mx + size - 3, my + size - 9, clean(pdf.t("experiments.map.quadrant.test_first")))
    c.setFillColor(MUTED)
    c.drawString(mx, my - 9, clean(pdf.t("experiments.map.evidence")))
    c.drawRightString(mx + size, my - 9, clean(pdf.t("experiments.map.no_evidence")))
    c.saveState()
    c.translate(mx - 4, my)
    c.rotate(90)
    c.drawString(0, 0, clean(pdf.t("experiments.map.unimportant")))
    c.drawRightString(size, 0, clean(pdf.t("experiments.map.important")))
    c.restoreState()
    c.line(mx + half, my, mx + half, my + size)
    c.line(mx, my + half, mx + size, my + half)
    spots = display_spots(amap)
    for point in amap.points:
        importance, evidence = spots[point.item.id]
        px = mx + 6 + (size - 12) * (1 - evidence)
        py = my + 6 + (size - 18) * importance
        area = str(point.item.area)
        c.setFillColor(AREA_FILL[area])
        c.setStrokeColor(AREA_INK[area])
        c.setLineWidth(0.8)
        c.circle(px, py, 5, stroke=1, fill=1)
        c.setFillColor(AREA_INK[area])
        c.setFont(BOLD, 5)
        c.drawCentredString(px, py - 1.8, str(numbers.get(point.item.id, "")))
    # Under the map: what to test first, and why.
    y = my - 24
    section_label(pdf, pdf.t("experiments.pdf.to_test"), x0, y, color=HOT)
    y -= 6
    if not amap.proposals:
        y -= draw_block(pdf, pdf.t("experiments.propose.none"), x0, y, left, 30, sizes=(8, 7.5), color=FAINT)
    for proposal in amap.proposals[:PROPOSAL_LIMIT]:
        if y - y0 < 24:
            break
        item = proposal.point.item
        reasons = "; ".join(_reason(pdf, reason.key, reason.params) for reason in proposal.reasons)
        text = f"{numbers.get(item.id, '')}. {item.text} — {reasons}"
        y -= draw_block(pdf, text, x0, y, left, min(34, y - y0), sizes=(8, 7.5, 7, 6.5), color=INK) + 4

    # The cards, by status.
    cx = x0 + left + 20
    col = (w - left - 20 - 2 * 12) / 3
    for index, status in enumerate(STATUSES):
        x = cx + index * (col + 12)
        y = y0 + h - 8
        in_status = [card for card in cards if card.status == status]
        section_label(pdf, f"{pdf.t(f'experiments.status.{status}')} · {len(in_status)}", x, y)
        y -= 8
        for shown, card in enumerate(in_status):
            used = _card(pdf, card, numbers, x, y, col, y - y0)
            if used is None:
                c.setFont(REGULAR, 7.5)
                c.setFillColor(MUTED)
                c.drawString(x, y - 8, pdf.t("export.pdf.and_more", count=len(in_status) - shown))
                break
            y -= used + 6
    pdf.end_page()


def _reason(pdf: Pdf, key: str, params: dict) -> str:
    params = dict(params)
    if "area" in params:
        params["area"] = pdf.t(f"export.area.{params['area']}")
    return pdf.t(key, **params)


def _card(pdf: Pdf, card: TestCard, numbers: dict[str, int], x: float, top: float, width: float, room: float):
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
    tested = [str(numbers[item_id]) for item_id in card.item_ids if item_id in numbers]
    gone = [card.item_texts.get(item_id, "") for item_id in card.item_ids if item_id not in numbers]
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
