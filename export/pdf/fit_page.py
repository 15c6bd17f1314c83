"""The fit analysis of one canvas: the overall figure, coverage per area, the gaps.

The figures, the verdict and the gap list come from canvas.fit.analyse_fit, the same
function the Canvas page, the hints, guided mode and the rubric use: the page says "no
gaps" only when that list is empty, which happens only at a fit verdict.
"""

from __future__ import annotations

from canvas.fit import TOP_OPEN, Gap, analyse_fit, whole_percent
from canvas.models import PROFILE_AREAS, CanvasItem
from canvas.ranking import RANK_MAX, by_importance, is_top
from export.bundle import CanvasBundle, ProjectBundle
from export.pdf.frame import (
    ACCENT,
    AREA_FILL,
    AREA_INK,
    EVIDENCE_COLOR,
    FAINT,
    HAIRLINE,
    INK,
    MUTED,
    PAPER_TINT,
    Pdf,
    area_label,
    draw_block,
    section_label,
)
from export.pdf.text import BOLD, REGULAR, clean
from i18n import has_key


def _say(pdf: Pdf, key: str, fallback: str, **params: object) -> str:
    return pdf.t(key, **params) if has_key(key) else pdf.t(fallback, **params)


def draw_fit(pdf: Pdf, bundle: ProjectBundle, canvas: CanvasBundle) -> None:
    report = analyse_fit(canvas.items, canvas.links)
    numbers = canvas.codes(pdf.language)  # the board's codes, so the page matches the screen
    x0, y0, w, h = pdf.start_page(
        pdf.t("export.pdf.fit_title", name=canvas.canvas.name),
        bundle.project.name,
        kicker=pdf.t("export.pdf.kicker.fit"),
    )
    c = pdf.canvas
    col = (w - 40) / 3
    # Column 1: the overall figure as a ring, the verdict and its reasons.
    cx, cy, r = x0 + col / 2, y0 + h - 70, 52
    c.setStrokeColor(HAIRLINE)
    c.setLineWidth(11)
    c.circle(cx, cy, r, stroke=1, fill=0)
    if report.overall > 0:
        c.setStrokeColor(ACCENT)
        path = c.beginPath()
        path.arc(cx - r, cy - r, cx + r, cy + r, 90, -3.6 * report.overall)
        c.drawPath(path, stroke=1, fill=0)
    c.setFillColor(INK)
    c.setFont(BOLD, 22)
    c.drawCentredString(cx, cy - 4, f"{report.overall_percent}%")
    c.setFont(REGULAR, 7.5)
    c.setFillColor(MUTED)
    c.drawCentredString(cx, cy - r - 18, pdf.t("export.pdf.fit_overall"))
    y = cy - r - 36
    verdict = _say(pdf, report.verdict, "export.pdf.fit_verdict_fallback", **report.verdict_params)
    y -= draw_block(pdf, verdict, x0, y, col, 48, sizes=(11, 10, 9, 8.5), font=BOLD, color=INK) + 8
    for reason in report.reasons:
        if y < y0 + 20:
            break
        params = {k: clean(str(v)) for k, v in reason.params.items()}
        line = "• " + _say(pdf, reason.key, "export.pdf.fit_reason_fallback", **params)
        y -= draw_block(pdf, line, x0, y, col, min(40, y - y0), sizes=(8.5, 8, 7.5, 7), color=INK) + 4

    # Column 2: coverage per area and the evidence behind the notes.
    x = x0 + col + 20
    y = y0 + h - 8
    section_label(pdf, pdf.t("export.pdf.coverage"), x, y)
    y -= 22
    for area in PROFILE_AREAS:
        coverage = report.coverage[str(area)]
        c.setFont(BOLD, 8.5)
        c.setFillColor(AREA_INK[area])
        c.drawString(x, y, area_label(pdf, area))
        c.setFont(REGULAR, 8)
        c.setFillColor(MUTED)
        c.drawRightString(
            x + col,
            y,
            pdf.t(
                "export.pdf.coverage_line",
                percent=whole_percent(coverage.percent),
                addressed=coverage.addressed,
                total=coverage.total,
            ),
        )
        y -= 12
        c.setFillColor(AREA_FILL[area])
        c.roundRect(x, y, col, 7, 3.5, stroke=0, fill=1)
        if coverage.percent > 0:
            c.setFillColor(AREA_INK[area])
            c.roundRect(x, y, max(7, col * coverage.percent / 100), 7, 3.5, stroke=0, fill=1)
        y -= 24
    # Validated coverage apart from the coverage that still rests on assumptions (experiments/).
    c.setFont(REGULAR, 8)
    c.setFillColor(INK)
    c.drawString(x, y + 6, pdf.t("experiments.fit.validated", percent=whole_percent(report.validated_coverage)))
    c.setFillColor(MUTED)
    c.drawRightString(x + col, y + 6, pdf.t("experiments.pdf.assumed", percent=whole_percent(report.assumed_coverage)))
    y -= 14
    section_label(pdf, pdf.t("export.pdf.evidence"), x, y)
    y -= 16
    total = sum(report.evidence.values()) or 1
    bx = x
    for level in ("validated", "observed", "refuted", "assumption"):
        share = report.evidence.get(level, 0) / total
        if share:
            c.setFillColor(EVIDENCE_COLOR[level])
            c.rect(bx, y, col * share, 9, stroke=0, fill=1)
            bx += col * share
    if bx == x:
        c.setFillColor(PAPER_TINT)
        c.rect(x, y, col, 9, stroke=0, fill=1)
    y -= 14
    for level in ("validated", "observed", "refuted", "assumption"):
        if level == "refuted" and not report.evidence.get(level):
            continue  # only when a test refuted a note
        c.setFillColor(EVIDENCE_COLOR[level])
        c.rect(x, y, 7, 7, stroke=0, fill=1)
        c.setFillColor(INK)
        c.setFont(REGULAR, 8)
        c.drawString(x + 11, y, f"{pdf.t(f'export.evidence.{level}')}: {report.evidence.get(level, 0)}")
        y -= 12
    y -= 14
    section_label(pdf, pdf.t("export.pdf.idle"), x, y)
    y -= 6
    _item_list(pdf, report.idle, numbers, x, y, col, y - y0, empty=pdf.t("export.pdf.idle_none"))

    # Column 3: the gaps, most pressing first: open top needs as notes, then the rest.
    x = x0 + 2 * (col + 20)
    y = y0 + h - 8
    section_label(pdf, pdf.t("export.pdf.top_gaps"), x, y, color=AREA_INK["pains"])
    y -= 6
    others = [gap for gap in report.gaps if gap.key not in TOP_OPEN]
    empty = "" if report.gaps else pdf.t("export.pdf.top_gaps_none")
    # Leave room under the notes for the other gaps' sentences.
    height = max(60, h - 14 - 34 * len(others))
    bottom = _item_list(pdf, report.unaddressed_top, numbers, x, y, col, height, empty=empty)
    bottom = _gap_lines(pdf, others, x, bottom, col, y0)
    # Below: the top-ranked needs that are addressed, and by which notes.
    by_id = {item.id: item for item in canvas.items}
    answered: dict[str, list[str]] = {}
    for link in canvas.links:
        if link.target_id in report.degree and link.source_id in by_id:
            mark = "" if link.strength == "full" else f" ({pdf.t('export.pdf.partial')})"
            answered.setdefault(link.target_id, []).append(
                f"{numbers.get(link.source_id, '')} {by_id[link.source_id].text}{mark}"
            )
    addressed = by_importance(i for i in canvas.items if i.id in answered and is_top(i.rank))
    if addressed and bottom - (y0 + 40) > 40:
        section_label(pdf, pdf.t("export.pdf.top_addressed"), x, bottom - 12, color=ACCENT)
        lines = {i.id: "← " + "; ".join(answered[i.id]) for i in addressed}
        _item_list(pdf, addressed, numbers, x, bottom - 18, col, bottom - 18 - y0, empty="", notes=lines)
    pdf.end_page()


def _gap_lines(pdf: Pdf, gaps: list[Gap], x: float, top: float, width: float, floor: float) -> float:
    """The gaps that are not one note each, as sentences; returns the y below the last."""
    y = top - 4
    for gap in gaps:
        if y - floor < 30:
            break
        params = {k: clean(str(v)) for k, v in gap.params.items()}
        y -= draw_block(pdf, "• " + pdf.t(gap.key, **params), x, y, width, 40, sizes=(8.5, 8, 7.5, 7), color=INK) + 4
    return y


def _item_list(
    pdf: Pdf,
    items: list[CanvasItem],
    numbers: dict[str, str],
    x: float,
    top: float,
    width: float,
    height: float,
    *,
    empty: str,
    notes: dict[str, str] | None = None,
) -> float:
    """Draw notes as small cards, top to bottom, as many as fit; returns the y below the last."""
    c = pdf.canvas
    y = top - 6
    if not items:
        c.setFont(REGULAR, 8)
        c.setFillColor(FAINT)
        c.drawString(x, y - 8, empty)
        return y - 16
    for shown, item in enumerate(items):
        text = clean(item.text) or pdf.t("export.pdf.symbols_only")
        extra = clean((notes or {}).get(item.id, ""))
        if extra:
            text = f"{text}\n{extra}"
        lines = pdf.measure.wrap(text, REGULAR, 8, width - 22)
        needed = 14 + len(lines) * 9.6
        if top - y + needed > height - 14:
            c.setFont(REGULAR, 7.5)
            c.setFillColor(MUTED)
            c.drawString(x, y - 8, pdf.t("export.pdf.and_more", count=len(items) - shown))
            return y - 16
        c.setFillColor(AREA_FILL[item.area])
        c.roundRect(x, y - needed + 4, width, needed - 2, 4, stroke=0, fill=1)
        c.setFillColor(AREA_INK[item.area])
        c.rect(x, y - needed + 4, 2.5, needed - 2, stroke=0, fill=1)
        c.setFont(BOLD, 7)
        c.drawString(x + 8, y - 6, f"{numbers.get(item.id, '')}  {area_label(pdf, item.area)}")
        for n in range(RANK_MAX):
            c.setFillColor(AREA_INK[item.area] if n < item.rank else HAIRLINE)
            c.circle(x + width - 30 + n * 5, y - 3.5, 1.6, stroke=0, fill=1)
        out = c.beginText(x + 8, y - 16)
        out.setFont(REGULAR, 8, 9.6)
        out.setFillColor(INK)
        for line in lines:
            out.textLine(line)
        c.drawText(out)
        y -= needed + 2
    return y
