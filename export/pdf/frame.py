"""Paper, colours and the page frame (header band, footer) every PDF page shares."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.pdfgen.canvas import Canvas

from canvas.models import Area
from export.pdf.text import BOLD, REGULAR, Measure, clean
from i18n import translate
from i18n.format import format_date

Paper = Literal["a4", "letter"]
PAPERS: dict[str, tuple[float, float]] = {"a4": landscape(A4), "letter": landscape(LETTER)}
MARGIN = 30.0

INK = HexColor("#1d2b2f")
MUTED = HexColor("#5f6d72")
FAINT = HexColor("#98a4a8")
HAIRLINE = HexColor("#d3dbd9")
PAPER_TINT = HexColor("#f6f8f7")
ACCENT = HexColor("#2f6f5e")
ACCENT_SOFT = HexColor("#dcebe5")
WHITE = HexColor("#ffffff")

# One hue per pair: a pain and its reliever share a colour family, and so on.
AREA_INK: dict[str, Color] = {
    Area.JOBS: HexColor("#3b5b92"),
    Area.PAINS: HexColor("#b4493a"),
    Area.GAINS: HexColor("#3d7d4a"),
    Area.PRODUCTS: HexColor("#3b5b92"),
    Area.RELIEVERS: HexColor("#b4493a"),
    Area.CREATORS: HexColor("#3d7d4a"),
}
AREA_FILL: dict[str, Color] = {
    Area.JOBS: HexColor("#e6ecf7"),
    Area.PAINS: HexColor("#f9e5e0"),
    Area.GAINS: HexColor("#e3f1e4"),
    Area.PRODUCTS: HexColor("#e6ecf7"),
    Area.RELIEVERS: HexColor("#f9e5e0"),
    Area.CREATORS: HexColor("#e3f1e4"),
}
AREA_NOTE: dict[str, Color] = {
    Area.JOBS: HexColor("#fbfcff"),
    Area.PAINS: HexColor("#fffaf8"),
    Area.GAINS: HexColor("#fafdf9"),
    Area.PRODUCTS: HexColor("#fbfcff"),
    Area.RELIEVERS: HexColor("#fffaf8"),
    Area.CREATORS: HexColor("#fafdf9"),
}
EVIDENCE_COLOR = {"assumption": HexColor("#a3acb0"), "observed": HexColor("#c98a1b"), "validated": HexColor("#2f8a57")}
EVIDENCE_COLOR["refuted"] = HexColor("#c0392b")  # a failed test (experiments/)


@dataclass
class Pdf:
    """One PDF being written: the reportlab canvas, language, paper and page counter."""

    canvas: Canvas
    language: str
    paper: Paper
    project_name: str
    exported_at: datetime
    measure: Measure = field(default_factory=Measure)
    page: int = 0
    page_refs: bool = True  # "+N more on page P"; off when a page is shown alone (PNG)

    @property
    def size(self) -> tuple[float, float]:
        return PAPERS[self.paper]

    def t(self, key: str, **params: object) -> str:
        return translate(self.language, key, **params)

    def start_page(self, title: str, subtitle: str = "", kicker: str = "") -> tuple[float, float, float, float]:
        """Begin a page with the header band; returns the content box (x, y, width, height)."""
        self.page += 1
        c = self.canvas
        width, height = self.size
        c.setPageSize((width, height))
        c.setTitle(self.project_name)
        top = height - MARGIN
        c.setFillColor(ACCENT)
        c.rect(MARGIN, top - 3, 28, 3, stroke=0, fill=1)
        if kicker:
            c.setFont(BOLD, 7.5)
            c.setFillColor(ACCENT)
            c.drawString(MARGIN, top - 14, self.measure.ellipsize(clean(kicker).upper(), BOLD, 7.5, width / 2))
        c.setFont(BOLD, 17)
        c.setFillColor(INK)
        c.drawString(MARGIN, top - 33, self.measure.ellipsize(clean(title), BOLD, 17, width - 2 * MARGIN - 140))
        if subtitle:
            c.setFont(REGULAR, 8.5)
            c.setFillColor(MUTED)
            c.drawString(MARGIN, top - 46, self.measure.ellipsize(clean(subtitle), REGULAR, 8.5, width - 2 * MARGIN))
        self._footer()
        header = 54 if subtitle else 42
        return MARGIN, MARGIN + 20, width - 2 * MARGIN, height - 2 * MARGIN - 20 - header

    def _footer(self) -> None:
        c = self.canvas
        width, _ = self.size
        c.setStrokeColor(HAIRLINE)
        c.setLineWidth(0.5)
        c.line(MARGIN, MARGIN + 8, width - MARGIN, MARGIN + 8)
        c.setFont(REGULAR, 7)
        c.setFillColor(FAINT)
        left = f"{clean(self.project_name)} · {format_date(self.language, self.exported_at)}"
        c.drawString(MARGIN, MARGIN - 2, self.measure.ellipsize(left, REGULAR, 7, width / 2))
        c.drawRightString(width - MARGIN, MARGIN - 2, self.t("export.pdf.footer", page=self.page))

    def end_page(self) -> None:
        self.canvas.showPage()


def area_label(pdf: Pdf, area: str) -> str:
    return pdf.t(f"export.area.{area}")


def draw_block(
    pdf: Pdf,
    text: str,
    x: float,
    top: float,
    width: float,
    height: float,
    *,
    sizes: tuple[float, ...] = (9.0, 8.5, 8.0, 7.5, 7.0, 6.5, 6.0),
    font: str = "",
    color: Color = INK,
    leading: float = 1.3,
) -> float:
    """Wrapped text in a box, at the largest size that fits; returns the height used.

    If even the smallest size is too big, the last line that fits ends with an ellipsis.
    """
    font = font or REGULAR
    text = clean(text)
    if not text:
        return 0.0
    fitted = pdf.measure.fit(text, font, width, height, sizes, leading)
    if fitted is None:
        size = sizes[-1]
        lines = pdf.measure.wrap(text, font, size, width)
        keep = max(1, int(height // (size * leading)))
        if len(lines) > keep:
            lines = lines[:keep]
            lines[-1] = pdf.measure.ellipsize(lines[-1] + " …", font, size, width)
    else:
        size, lines = fitted
    c = pdf.canvas
    out = c.beginText(x, top - size)
    out.setFont(font, size, size * leading)
    out.setFillColor(color)
    for line in lines:
        out.textLine(line)
    c.drawText(out)
    return len(lines) * size * leading


def section_label(pdf: Pdf, text: str, x: float, y: float, color: Color = MUTED) -> None:
    c = pdf.canvas
    c.setFont(BOLD, 7.5)
    c.setFillColor(color)
    c.drawString(x, y, clean(text).upper())
