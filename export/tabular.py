"""CSV and XLSX of every note: canvas, area, text, rank, type, evidence and links.

One row per note and canvas (a persona's note that two canvases share appears on both,
since its links differ per canvas). Column headers are in the chosen language; the
area, evidence and type columns hold the stable codes ("pains", "validated") so that a
spreadsheet can filter on them in any language, with a translated label next to them.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from canvas.codes import code_order
from core.text import spreadsheet_cell, strip_control_characters
from export.bundle import ProjectBundle
from i18n import translate

COLUMNS = (
    "canvas",
    "number",
    "area",
    "area_label",
    "text",
    "rank",
    "job_type",
    "gain_type",
    "evidence",
    "evidence_note",
    "evidence_source",
    "links_to",
    "link_strengths",
    "owner",
    "author",
)


def rows(bundle: ProjectBundle, *, language: str = "en") -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for canvas in bundle.canvases:
        numbers = canvas.codes(language)  # the board's codes (canvas.codes), as every surface names notes
        for item in canvas.ordered_items():
            targets = []
            strengths = []
            for link in canvas.links_of(item.id):
                other = link.target_id if link.source_id == item.id else link.source_id
                if other in numbers:
                    targets.append(numbers[other])
                    strengths.append(link.strength)
            pairs = sorted(zip(targets, strengths, strict=True), key=lambda pair: code_order(pair[0]))
            out.append(
                {
                    "canvas": canvas.canvas.name,
                    "number": numbers[item.id],
                    "area": str(item.area),
                    "area_label": translate(language, f"export.area.{item.area}"),
                    "text": item.text,
                    "rank": item.rank,
                    "job_type": item.job_type or "",
                    "gain_type": item.gain_type or "",
                    "evidence": item.evidence,
                    "evidence_note": item.evidence_note,
                    "evidence_source": item.evidence_source,
                    "links_to": ", ".join(str(n) for n, _ in pairs),
                    "link_strengths": ", ".join(s for _, s in pairs),
                    "owner": "persona" if item.persona_id and not item.canvas_id else "canvas",
                    "author": item.author or "",
                }
            )
    return out


def headers(language: str) -> list[str]:
    return [translate(language, f"export.col.{column}") for column in COLUMNS]


def write_csv(bundle: ProjectBundle, *, language: str = "en") -> bytes:
    """UTF-8 with a BOM, so Excel opens Indonesian text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers(language))
    for row in rows(bundle, language=language):
        writer.writerow([spreadsheet_cell(row[column]) for column in COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_xlsx(bundle: ProjectBundle, *, language: str = "en") -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = translate(language, "export.xlsx.sheet")[:31]
    sheet.append(headers(language))
    for row in rows(bundle, language=language):
        sheet.append([spreadsheet_cell(row[column]) for column in COLUMNS])
    header_fill = PatternFill("solid", fgColor="2F6F5E")
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="center")
    widths = {
        "canvas": 22,
        "number": 6,
        "area": 11,
        "area_label": 20,
        "text": 60,
        "rank": 6,
        "evidence_note": 30,
        "evidence_source": 24,
        "links_to": 14,
        "link_strengths": 16,
    }
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = widths.get(column, 12)
    for cells in sheet.iter_rows(min_row=2, min_col=COLUMNS.index("text") + 1, max_col=COLUMNS.index("text") + 1):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    book.properties.title = strip_control_characters(bundle.project.name)[:200]
    book.properties.creator = "Nilai"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
