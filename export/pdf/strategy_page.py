"""The strategy canvas (value curves) and the ERRC grid of one canvas, drawn as vectors.

Data comes from competitors.analysis (strategy_canvas, suggest_errc), the same functions the
Competitors page uses. The ERRC grid shows the moves the team accepted or wrote; when it
has none yet, it shows the open suggestions, marked as such.
"""

from __future__ import annotations

from reportlab.lib.colors import HexColor

from competitors.analysis import open_suggestions, strategy_canvas, suggest_errc
from export.bundle import CanvasBundle, ProjectBundle
from export.pdf.frame import ACCENT, FAINT, HAIRLINE, INK, MUTED, WHITE, Pdf, draw_block, section_label
from export.pdf.text import BOLD, REGULAR, clean
from i18n import has_key

RIVAL_COLORS = [
    HexColor(c) for c in ("#3b5b92", "#b4493a", "#c98a1b", "#7a4f9a", "#2b8a9a", "#8a6d3b", "#5d6b70", "#a0457a")
]
ERRC = ("eliminate", "reduce", "raise", "create")
ERRC_COLOR = {
    "eliminate": HexColor("#b4493a"),
    "reduce": HexColor("#c98a1b"),
    "raise": HexColor("#3b5b92"),
    "create": HexColor("#2f8a57"),
}


LEGEND_LINE = 9.5


def _legend_lines(pdf: Pdf, name: str, width: float, max_lines: int) -> list[str]:
    lines = pdf.measure.wrap(clean(name), BOLD, 8, width)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], pdf.measure.ellipsize(" ".join(lines[max_lines - 1 :]), BOLD, 8, width)]
    return lines


def has_content(canvas: CanvasBundle) -> bool:
    return bool(canvas.competitors or canvas.factors)


def draw_strategy(pdf: Pdf, bundle: ProjectBundle, canvas: CanvasBundle) -> None:
    scores = {(s.factor_id, s.competitor_id): s.value for s in canvas.scores}
    data = strategy_canvas(canvas.factors, canvas.competitors, scores)
    x0, y0, w, h = pdf.start_page(
        pdf.t("export.pdf.strategy_title", name=canvas.canvas.name),
        bundle.project.name,
        kicker=pdf.t("export.pdf.kicker.strategy"),
    )
    c = pdf.canvas
    grid_h = 150
    chart_top = y0 + h - 4
    chart_bottom = y0 + grid_h + 52
    legend_w = 150
    px, pw = x0 + 26, w - 26 - legend_w - 16
    ph = chart_top - chart_bottom
    c.setStrokeColor(HAIRLINE)
    c.setLineWidth(0.5)
    c.setFont(REGULAR, 7)
    c.setFillColor(MUTED)
    for value in range(0, 11, 2):
        y = chart_bottom + ph * value / 10
        c.line(px, y, px + pw, y)
        c.drawRightString(px - 5, y - 2.5, str(value))
    c.saveState()
    c.translate(x0 + 4, chart_bottom + ph / 2)
    c.rotate(90)
    c.setFont(BOLD, 7.5)
    c.drawCentredString(0, 0, pdf.t("export.pdf.axis.score"))
    c.restoreState()
    factors = data.factors
    if data.missing is not None:  # say what is missing instead of an empty chart
        c.setFont(REGULAR, 9)
        c.setFillColor(FAINT)
        c.drawCentredString(px + pw / 2, chart_bottom + ph / 2, pdf.t(f"export.pdf.strategy_missing.{data.missing}"))
    else:
        step = pw / len(factors)
        xs = [px + step * (i + 0.5) for i in range(len(factors))]
        label_size = 7 if len(factors) <= 10 else 6
        for x, factor in zip(xs, factors, strict=True):
            c.setStrokeColor(HAIRLINE)
            c.line(x, chart_bottom, x, chart_bottom - 3)
            lines = pdf.measure.wrap(clean(factor.name), REGULAR, label_size, step - 4)[:3]
            c.setFillColor(INK)
            c.setFont(REGULAR, label_size)
            for n, line in enumerate(lines):
                c.drawCentredString(
                    x,
                    chart_bottom - 11 - n * (label_size + 1.5),
                    pdf.measure.ellipsize(line, REGULAR, label_size, step - 2),
                )
        rival = 0
        legend_y = chart_top - 10
        # A name wraps (up to three lines while the legend still fits beside the chart): an
        # offering cut to "Kopi Ruang Baca (kafe bel…" is not one the reader can name.
        names = {}
        for max_lines in (3, 2, 1):
            names = {curve.id: _legend_lines(pdf, curve.name, legend_w - 22, max_lines) for curve in data.curves}
            if sum(22 + LEGEND_LINE * (len(lines) - 1) for lines in names.values()) <= ph:
                break
        for curve in data.curves:
            if curve.kind == "ours":
                color, width = ACCENT, 2.6
            else:
                color, width = RIVAL_COLORS[rival % len(RIVAL_COLORS)], 1.4
                rival += 1
            c.setStrokeColor(color)
            c.setLineWidth(width)
            if curve.kind == "substitute":
                c.setDash(4, 2.5)
            path, drawing = c.beginPath(), False
            points = []
            for x, score in zip(xs, curve.scores, strict=True):
                if score is None:
                    drawing = False
                    continue
                y = chart_bottom + ph * score / 10
                points.append((x, y))
                if drawing:
                    path.lineTo(x, y)
                else:
                    path.moveTo(x, y)
                    drawing = True
            c.drawPath(path, stroke=1, fill=0)
            c.setDash()
            for x, y in points:
                c.setFillColor(WHITE if curve.kind == "substitute" else color)
                c.setStrokeColor(color)
                c.setLineWidth(1.2)
                c.circle(x, y, 2.6 if curve.kind != "ours" else 3.2, stroke=1, fill=1)
            # legend
            lx = px + pw + 18
            c.setStrokeColor(color)
            c.setLineWidth(width)
            if curve.kind == "substitute":
                c.setDash(4, 2.5)
            c.line(lx, legend_y + 2.5, lx + 16, legend_y + 2.5)
            c.setDash()
            c.setFillColor(INK)
            c.setFont(BOLD if curve.kind == "ours" else REGULAR, 8)
            lines = names[curve.id]
            for n, line in enumerate(lines):
                c.drawString(lx + 21, legend_y - n * LEGEND_LINE, line)
            legend_y -= LEGEND_LINE * (len(lines) - 1)
            c.setFont(REGULAR, 6.5)
            c.setFillColor(MUTED)
            c.drawString(lx + 21, legend_y - 8.5, pdf.t(f"export.kind.{curve.kind}"))
            legend_y -= 22

    # ERRC grid
    moves = [m for m in canvas.errc_moves if m.status != "dismissed"]
    suggested = False
    entries: dict[str, list[str]] = {action: [] for action in ERRC}
    if moves:
        for move in moves:
            entries[move.action].append(move.text)
    else:
        suggestions = suggest_errc(canvas.factors, canvas.competitors, scores, canvas.items, canvas.links)
        for suggestion in open_suggestions(suggestions, canvas.errc_moves):
            text = (
                pdf.t(suggestion.text_key, **suggestion.params) if has_key(suggestion.text_key) else suggestion.subject
            )
            entries[suggestion.action].append(text)
        suggested = any(entries.values())
    gy = y0
    section_label(pdf, pdf.t("export.pdf.errc"), x0, gy + grid_h + 8)
    if suggested:
        c.setFont(REGULAR, 7)
        c.setFillColor(MUTED)
        c.drawRightString(x0 + w, gy + grid_h + 8, pdf.t("export.pdf.errc_suggested"))
    col_w = (w - 3 * 8) / 4
    for index, action in enumerate(ERRC):
        x = x0 + index * (col_w + 8)
        color = ERRC_COLOR[action]
        c.setStrokeColor(HAIRLINE)
        c.setFillColor(WHITE)
        c.setLineWidth(0.6)
        c.roundRect(x, gy, col_w, grid_h, 6, stroke=1, fill=1)
        c.setFillColor(color)
        c.roundRect(x, gy + grid_h - 20, col_w, 20, 6, stroke=0, fill=1)
        c.rect(x, gy + grid_h - 20, col_w, 8, stroke=0, fill=1)
        c.setFillColor(WHITE)
        c.setFont(BOLD, 9)
        c.drawString(x + 9, gy + grid_h - 14, pdf.t(f"export.errc.{action}"))
        items = [clean(e) for e in entries[action] if clean(e)]
        if items:
            draw_block(
                pdf,
                "\n".join(f"• {e}" for e in items),
                x + 9,
                gy + grid_h - 28,
                col_w - 18,
                grid_h - 36,
                sizes=(8.5, 8, 7.5, 7, 6.5, 6),
                color=INK,
            )
        else:
            c.setFont(REGULAR, 8)
            c.setFillColor(FAINT)
            c.drawString(x + 9, gy + grid_h - 36, pdf.t("export.pdf.none"))
    pdf.end_page()
