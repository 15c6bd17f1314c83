"""One entry point per format, with the file name and MIME type: the app and the CLI share it."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from export.bundle import ProjectBundle
from export.markdown import write_markdown
from export.sections import SECTIONS
from export.writer import write_json

if TYPE_CHECKING:
    from export.pdf.builder import Progress
    from export.pdf.frame import Paper

# The PDF, PNG and spreadsheet writers (reportlab, pypdfium2, openpyxl with numpy and
# pandas: some 90 MB) are imported when a file of theirs is made, not by every page that
# shows an export button.

FORMATS = ("pdf", "png", "json", "md", "csv", "xlsx")
MIME = {
    "pdf": "application/pdf",
    "png": "image/png",
    "json": "application/json",
    "md": "text/markdown",
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class ExportFile:
    """A file, and for PDF and PNG the texts that lost characters no font draws
    (translated lines, export.unprintable.title heads them): shown, never silent."""

    data: bytes
    name: str
    mime: str
    left_out: tuple[str, ...] = ()


def slug(text: str, limit: int = 40) -> str:
    """Safe ASCII for a file name: 'Kopi Nusantara — Jakarta' -> 'kopi-nusantara-jakarta'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return cleaned[:limit].rstrip("-") or "nilai"


def name_for(project_name: str, canvas_name: str | None, when: datetime, extension: str) -> str:
    """project[-canvas]-YYYY-MM-DD.ext, in safe ASCII."""
    parts = [slug(project_name)] + ([slug(canvas_name)] if canvas_name else []) + [when.strftime("%Y-%m-%d")]
    return "-".join(parts) + "." + extension


def file_name(bundle: ProjectBundle, extension: str, canvas_id: str | None = None) -> str:
    """The file name for an export; the canvas part names the one canvas exported."""
    canvases = [c for c in bundle.canvases if canvas_id in (None, c.canvas.id)]
    named = canvases[0].canvas.name if (canvas_id is not None or len(bundle.canvases) == 1) and canvases else None
    return name_for(bundle.project.name, named, bundle.exported_at, extension)


def export_file(
    bundle: ProjectBundle,
    fmt: str,
    *,
    language: str = "en",
    paper: Paper = "a4",
    sections: Iterable[str] = SECTIONS,
    canvas_id: str | None = None,
    progress: Progress | None = None,
) -> ExportFile:
    """Write one format. `canvas_id` limits canvas content to that canvas (PNG: the canvas drawn)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    scoped = bundle.only([canvas_id]) if canvas_id else bundle
    lost: list[str] = []
    if fmt in {"pdf", "png"}:
        from export.pdf.unprintable import describe, texts_left_out
    if fmt == "pdf":
        from export.pdf.builder import build_pdf

        sections = tuple(sections)
        data = build_pdf(scoped, language=language, paper=paper, sections=sections, progress=progress)
        lost = describe(language, texts_left_out(scoped, sections))
    elif fmt == "png":
        from export.png import write_png

        data = write_png(bundle, canvas_id, language=language, paper=paper)
        if canvas_id is None and bundle.canvases:
            canvas_id = bundle.canvases[0].canvas.id
        lost = describe(language, texts_left_out(bundle.only([canvas_id]) if canvas_id else bundle, ["canvas"]))
    elif fmt == "json":
        data = write_json(bundle)
        canvas_id = None  # JSON is always the whole project
    elif fmt == "md":
        data = write_markdown(scoped, language=language).encode("utf-8")
    elif fmt == "csv":
        from export.tabular import write_csv

        data = write_csv(scoped, language=language)
    else:
        from export.tabular import write_xlsx

        data = write_xlsx(scoped, language=language)
    return ExportFile(data, file_name(bundle if fmt == "json" else scoped, fmt, canvas_id), MIME[fmt], tuple(lost))
