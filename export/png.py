"""PNG of a canvas for slides: the PDF canvas page, rasterised with PDFium.

Rendering the PDF page (rather than drawing a second time with Pillow) keeps one layout:
the PNG is exactly what prints. pypdfium2 ships PDFium as a wheel, so no browser and no
system library is needed. 1920 px wide suits a 16:9 slide; the page is landscape.
"""

from __future__ import annotations

import io

import pypdfium2 as pdfium

from export.bundle import ProjectBundle
from export.pdf.builder import build_pdf
from export.pdf.frame import PAPERS, Paper

SLIDE_WIDTH_PX = 1920


def write_png(
    bundle: ProjectBundle,
    canvas_id: str | None = None,
    *,
    language: str = "en",
    paper: Paper = "a4",
    width_px: int = SLIDE_WIDTH_PX,
) -> bytes:
    """The canvas page of one canvas (the first one if none is named) as a PNG.

    An area with more notes than fit says "+N more in the PDF": its overflow pages exist
    only in the PDF (and all notes are in the Markdown and spreadsheet exports).
    """
    chosen = [c.canvas.id for c in bundle.canvases if canvas_id in (None, c.canvas.id)][:1]
    if not chosen:
        raise ValueError("the project has no such canvas")
    data = build_pdf(bundle.only(chosen), language=language, paper=paper, sections=["canvas"], page_refs=False)
    document = pdfium.PdfDocument(data)
    try:
        page = document[0]
        scale = width_px / PAPERS[paper][0]
        image = page.render(scale=scale).to_pil()
        if image.width != width_px:  # PDFium rounds the page size up
            image = image.crop((0, 0, width_px, round(PAPERS[paper][1] * scale)))
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=True)
        return buffer.getvalue()
    finally:
        document.close()
