"""The customer-portfolio chart (attractiveness against our capability), drawn as vectors."""

from __future__ import annotations

import math

from reportlab.lib.colors import HexColor

from export.bundle import ProjectBundle
from export.pdf.frame import ACCENT, FAINT, HAIRLINE, INK, MUTED, PAPER_TINT, Pdf, draw_block, section_label
from export.pdf.text import BOLD, REGULAR, clean
from i18n.format import format_number

DECISION_COLOR = {"target": ACCENT, "consider": HexColor("#c98a1b"), "exclude": HexColor("#8d979b")}


def draw_portfolio(pdf: Pdf, bundle: ProjectBundle) -> None:
    x0, y0, w, h = pdf.start_page(
        pdf.t("export.section.portfolio"), bundle.project.name, kicker=pdf.t("export.pdf.kicker.portfolio")
    )
    c = pdf.canvas
    side = min(h - 40, w * 0.55)
    px, py = x0 + 44, y0 + 34
    # Quadrants: the top-right one (attractive and we are able) is where to serve.
    c.setFillColor(PAPER_TINT)
    c.rect(px, py, side, side, stroke=0, fill=1)
    c.setFillColor(HexColor("#e3f1e4"))
    c.rect(px + side / 2, py + side / 2, side / 2, side / 2, stroke=0, fill=1)
    c.setStrokeColor(HAIRLINE)
    c.setLineWidth(0.5)
    for n in range(1, 6):
        pos = (n - 0.5) / 5 * side
        c.line(px + pos, py, px + pos, py + side)
        c.line(px, py + pos, px + side, py + pos)
    c.setStrokeColor(INK)
    c.setLineWidth(1)
    c.rect(px, py, side, side, stroke=1, fill=0)
    c.setFont(REGULAR, 7.5)
    c.setFillColor(MUTED)
    for n in range(1, 6):
        pos = (n - 0.5) / 5 * side
        c.drawCentredString(px + pos, py - 11, str(n))
        c.drawRightString(px - 6, py + pos - 2.5, str(n))
    c.setFont(BOLD, 8)
    c.drawCentredString(px + side / 2, py - 25, pdf.t("export.pdf.axis.capability"))
    c.saveState()
    c.translate(px - 22, py + side / 2)
    c.rotate(90)
    c.drawCentredString(0, 0, pdf.t("export.pdf.axis.attractiveness"))
    c.restoreState()
    c.setFont(BOLD, 7)
    c.setFillColor(FAINT)
    for key, qx, qy in (("serve", 0.75, 0.97), ("build", 0.25, 0.97), ("maintain", 0.75, 0.03), ("avoid", 0.25, 0.03)):
        c.drawCentredString(px + qx * side, py + qy * side - (0 if qy < 0.5 else 8), pdf.t(f"export.quadrant.{key}"))

    largest = max((s.size for s in bundle.segments), default=0) or 1
    clusters: dict[tuple[int, int], int] = {}
    for segment in bundle.segments:
        cell = (segment.capability, segment.attractiveness)
        index = clusters.get(cell, 0)
        clusters[cell] = index + 1
        bx = px + (segment.capability - 0.5) / 5 * side
        by = py + (segment.attractiveness - 0.5) / 5 * side
        if index:
            angle = index * 2.4
            bx += math.cos(angle) * 16
            by += math.sin(angle) * 16
        radius = 6 + 16 * math.sqrt(max(segment.size, 0) / largest)
        color = DECISION_COLOR.get(segment.decision, INK)
        c.setFillColor(color, alpha=0.28)
        c.setStrokeColor(color)
        c.setLineWidth(1.2)
        if segment.decision == "exclude":
            c.setDash(2, 2)
        c.circle(bx, by, radius, stroke=1, fill=1)
        c.setDash()
        c.setFillColor(INK)
        c.setFont(BOLD, 7)
        # Two lines beside the bubble before anything is cut (the list on the right has it in full).
        lines = pdf.measure.wrap(clean(segment.name), BOLD, 7, side / 3)
        if len(lines) > 2:
            lines = [lines[0], pdf.measure.ellipsize(" ".join(lines[1:]), BOLD, 7, side / 3)]
        for n, line in enumerate(lines):
            c.drawString(bx + radius + 3, by - 2.5 + 4.25 * (len(lines) - 1) - 8.5 * n, line)

    # Legend and the list of segments with the decision and its reason.
    lx = px + side + 40
    lw = x0 + w - lx
    y = y0 + h - 4
    section_label(pdf, pdf.t("export.pdf.segments"), lx, y)
    y -= 16
    for decision, color in DECISION_COLOR.items():
        c.setFillColor(color, alpha=0.28)
        c.setStrokeColor(color)
        c.circle(lx + 5, y + 2.5, 4.5, stroke=1, fill=1)
        c.setFillColor(INK)
        c.setFont(REGULAR, 8)
        c.drawString(lx + 14, y, pdf.t(f"export.decision.{decision}"))
        lx_shift = pdf.measure.width(pdf.t(f"export.decision.{decision}"), REGULAR, 8) + 28
        lx += lx_shift
    lx = px + side + 40
    c.setFont(REGULAR, 7)
    c.setFillColor(MUTED)
    y -= 13
    c.drawString(lx, y, pdf.t("export.pdf.bubble_size"))
    y -= 16
    room_each = min(72.0, max(34.0, (y - y0) / max(1, len(bundle.segments))))
    for segment in bundle.segments:
        if y - 20 < y0:
            break
        color = DECISION_COLOR.get(segment.decision, INK)
        c.setFillColor(color)
        c.rect(lx, y - room_each + 10, 2.5, room_each - 8, stroke=0, fill=1)
        c.setFillColor(INK)
        c.setFont(BOLD, 9)
        c.drawString(lx + 9, y, pdf.measure.ellipsize(clean(segment.name), BOLD, 9, lw - 20))
        c.setFont(REGULAR, 7.5)
        c.setFillColor(MUTED)
        facts = pdf.t(
            "export.pdf.segment_facts",
            decision=pdf.t(f"export.decision.{segment.decision}"),
            attractiveness=segment.attractiveness,
            capability=segment.capability,
            size=format_number(pdf.language, segment.size),
        )
        c.drawString(lx + 9, y - 11, pdf.measure.ellipsize(facts, REGULAR, 7.5, lw - 20))
        reason = segment.decision_reason or segment.description
        if reason and room_each > 30:
            draw_block(pdf, reason, lx + 9, y - 15, lw - 20, room_each - 26, sizes=(7.5, 7, 6.5, 6), color=INK)
        y -= room_each
    pdf.end_page()
