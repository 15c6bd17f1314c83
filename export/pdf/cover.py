"""The cover: project name, description, date, language and the contents with page numbers."""

from __future__ import annotations

from export.bundle import ProjectBundle
from export.pdf.frame import ACCENT, ACCENT_SOFT, FAINT, HAIRLINE, INK, MARGIN, MUTED, WHITE, Pdf, draw_block
from export.pdf.text import BOLD, REGULAR, clean
from i18n import LANGUAGE_NAMES
from i18n.format import format_date


def draw_cover(pdf: Pdf, bundle: ProjectBundle, plan: list[tuple[str, str, int]]) -> None:
    pdf.page += 1
    c = pdf.canvas
    width, height = pdf.size
    c.setPageSize((width, height))
    band = width * 0.36
    c.setFillColor(ACCENT)
    c.rect(0, 0, band, height, stroke=0, fill=1)
    # Nilai's mark: three overlapping discs (profile, value map, fit).
    for n, alpha in enumerate((0.95, 0.55, 0.3)):
        c.setFillColor(WHITE, alpha=alpha)
        c.circle(MARGIN + 18 + n * 16, height - MARGIN - 18, 12, stroke=0, fill=1)
    c.setFillColor(WHITE)
    c.setFont(BOLD, 15)
    c.drawString(MARGIN + 74, height - MARGIN - 23, "Nilai")

    c.setFillColor(ACCENT_SOFT)
    c.setFont(BOLD, 8)
    c.drawString(MARGIN, height * 0.56 + 20, pdf.t("export.pdf.cover.kicker").upper())
    used = draw_block(
        pdf,
        bundle.project.name,
        MARGIN,
        height * 0.56,
        band - 2 * MARGIN,
        120,
        sizes=(30, 27, 24, 21, 18, 16),
        font=BOLD,
        color=WHITE,
        leading=1.12,
    )
    if bundle.project.description:
        draw_block(
            pdf,
            bundle.project.description,
            MARGIN,
            height * 0.56 - used - 14,
            band - 2 * MARGIN,
            height * 0.56 - used - 14 - 150,
            sizes=(10, 9.5, 9, 8.5, 8),
            color=ACCENT_SOFT,
            leading=1.35,
        )

    meta = [
        (pdf.t("export.pdf.cover.date"), format_date(pdf.language, bundle.exported_at)),
        (pdf.t("export.pdf.cover.language"), LANGUAGE_NAMES.get(pdf.language, pdf.language)),
        (pdf.t("export.pdf.cover.canvases"), str(len(bundle.canvases))),
        (pdf.t("export.pdf.cover.personas"), str(len(bundle.personas))),
    ]
    y = MARGIN + 20 + 28 * (len(meta) - 1)
    for label, value in meta:
        c.setFont(REGULAR, 7.5)
        c.setFillColor(ACCENT_SOFT)
        c.drawString(MARGIN, y + 11, label.upper())
        c.setFont(BOLD, 10.5)
        c.setFillColor(WHITE)
        c.drawString(MARGIN, y, value)
        y -= 28

    # Contents, with the page each part starts on.
    x = band + 44
    right = width - MARGIN - 10
    top = height - MARGIN - 60
    c.setFont(BOLD, 18)
    c.setFillColor(INK)
    c.drawString(x, top, pdf.t("export.pdf.cover.contents"))
    y = top - 30
    page = 1
    last_section = None
    rows = [(s, title, page_no) for s, title, page_no in _with_pages(plan)]
    line = 17 if len(rows) <= 22 else max(9.5, (top - 60 - MARGIN) / max(1, len(rows) + 6))
    size = 10 if line >= 15 else 8
    for section, title, page in rows:
        if section == "cover":
            continue
        if section != last_section:
            y -= line * 0.35
            c.setFont(BOLD, size * 0.78)
            c.setFillColor(ACCENT)
            c.drawString(x, y, pdf.t(f"export.section.{section}").upper())
            y -= line
            last_section = section
        c.setFont(REGULAR, size)
        c.setFillColor(INK)
        name = pdf.measure.ellipsize(clean(title), REGULAR, size, right - x - 60)
        c.drawString(x + 10, y, name)
        c.setFillColor(MUTED)
        c.drawRightString(right, y, str(page))
        c.setStrokeColor(HAIRLINE)
        c.setLineWidth(0.4)
        c.setDash(1, 2)
        c.line(x + 14 + pdf.measure.width(name, REGULAR, size), y + 2, right - 16, y + 2)
        c.setDash()
        y -= line
        if y < MARGIN + 30:
            break
    draw_block(pdf, pdf.t("export.pdf.cover.credit"), x, MARGIN + 16, right - x, 24, sizes=(7, 6.5, 6), color=FAINT)
    pdf.end_page()


def _with_pages(plan: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    rows, page = [], 1
    for section, title, count in plan:
        rows.append((section, title, page))
        page += count
    return rows
