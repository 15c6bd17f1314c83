"""Markdown, CSV, XLSX, PNG and file names."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook
from PIL import Image

from export.bundle import collect
from export.files import export_file, file_name, slug
from export.markdown import md_text, write_markdown
from export.png import SLIDE_WIDTH_PX, write_png
from export.tabular import COLUMNS, rows, write_csv, write_xlsx
from storage.store import Store
from tests.actors import WORKSPACE
from tests.export.factory import make_project


def _project(store: Store, **kwargs):
    pid = make_project(store, canvases=2, items_per_canvas=18, personas=2, **kwargs)
    return collect(store, WORKSPACE, pid)


def test_markdown_has_every_note_persona_and_escapes_user_text(sqlite_store: Store) -> None:
    bundle = _project(sqlite_store, language="id")
    note = bundle.canvases[0].items[0]
    sqlite_store.items.update(note.id, note.version, {"text": "Harga *murah* | [klik](http://x) <b>"})
    bundle = collect(sqlite_store, WORKSPACE, bundle.project.id)
    text = write_markdown(bundle, language="id")
    assert text.startswith(f"# {md_text(bundle.project.name)}")
    assert "Harga \\*murah\\* \\| \\[klik\\](http://x) \\<b\\>" in text
    for canvas in bundle.canvases:
        assert f"## Kanvas Proposisi Nilai: {canvas.canvas.name}" in text
        for item in canvas.items:
            assert md_text(item.text) in text
    for persona in bundle.personas:
        assert f"### {persona.name}" in text
    assert "#### Keluhan (pains)" in text and "| # | Catatan | Peringkat | Bukti | Tautan |" in text


def test_csv_and_xlsx_list_every_note_with_area_rank_links_and_evidence(sqlite_store: Store) -> None:
    bundle = _project(sqlite_store)
    total = sum(len(c.items) for c in bundle.canvases)
    raw = write_csv(bundle, language="en")
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == total + 1 and len(rows[0]) == len(COLUMNS)
    header = rows[0]
    assert {"Area code", "Rank", "Evidence", "Linked notes"} <= set(header)
    linked = [r for r in rows[1:] if r[header.index("Linked notes")]]
    assert linked and all(
        r[header.index("Area code")] in {"jobs", "pains", "gains", "products", "relievers", "creators"}
        for r in rows[1:]
    )
    assert {r[header.index("Evidence")] for r in rows[1:]} <= {"assumption", "observed", "validated", "refuted"}

    book = load_workbook(io.BytesIO(write_xlsx(bundle, language="id")))
    sheet = book.active
    values = list(sheet.values)
    assert sheet.title == "Catatan" and len(values) == total + 1
    assert values[0][COLUMNS.index("rank")] == "Peringkat"
    assert all(isinstance(row[COLUMNS.index("rank")], int) for row in values[1:])


def test_spreadsheet_formulas_in_user_text_are_neutralised(sqlite_store: Store) -> None:
    bundle = _project(sqlite_store)
    note = bundle.canvases[0].items[0]
    sqlite_store.items.update(note.id, note.version, {"text": '=HYPERLINK("http://evil")'})
    bundle = collect(sqlite_store, WORKSPACE, bundle.project.id)
    assert b"'=HYPERLINK" in write_csv(bundle)
    sheet = load_workbook(io.BytesIO(write_xlsx(bundle))).active
    assert any(str(cell.value).startswith("'=HYPERLINK") for cell in sheet["E"])


def test_png_is_slide_sized(sqlite_store: Store) -> None:
    bundle = _project(sqlite_store)
    image = Image.open(io.BytesIO(write_png(bundle, bundle.canvases[1].canvas.id, language="id")))
    assert image.format == "PNG" and image.width == SLIDE_WIDTH_PX and image.height > 1200
    # not blank: the canvas is drawn in several colours
    assert len(image.convert("RGB").resize((64, 45)).getcolors(4096)) > 20


def test_file_names_say_project_canvas_and_date(sqlite_store: Store) -> None:
    bundle = _project(sqlite_store)
    assert slug("Kopi Nusantara — Jakarta Selatan!") == "kopi-nusantara-jakarta-selatan"
    assert slug("🎉") == "nilai"
    canvas = bundle.canvases[1]
    date = bundle.exported_at.strftime("%Y-%m-%d")
    pdf = export_file(bundle, "pdf", canvas_id=canvas.canvas.id, sections=["canvas"])
    assert pdf.name == f"{slug(bundle.project.name)}-canvas-2-{date}.pdf" and pdf.mime == "application/pdf"
    assert file_name(bundle, "json") == f"{slug(bundle.project.name)}-{date}.json"
    for fmt in ("png", "md", "csv", "xlsx", "json"):
        result = export_file(bundle, fmt, language="id")
        assert result.data and result.name.endswith(f".{fmt}") and result.name.isascii()


def test_spreadsheet_links_to_lists_codes_in_natural_order(sqlite_store: Store) -> None:
    pid = make_project(sqlite_store, canvases=1, items_per_canvas=72, personas=0)
    canvas = collect(sqlite_store, WORKSPACE, pid).canvases[0]
    reliever = next(item for item in canvas.items if item.area == "relievers")
    pains = [item for item in canvas.items if item.area == "pains"]
    assert len(pains) >= 10
    linked = {link.target_id for link in canvas.links_of(reliever.id)}
    for pain in pains:
        if pain.id not in linked:
            sqlite_store.links.insert(
                pid, {"canvas_id": canvas.canvas.id, "source_id": reliever.id, "target_id": pain.id, "strength": "full"}
            )
    bundle = collect(sqlite_store, WORKSPACE, pid)
    codes = bundle.canvases[0].codes("id")
    row = next(r for r in rows(bundle, language="id") if r["number"] == codes[reliever.id])
    listed = row["links_to"].split(", ")
    assert listed[:3] == ["K1", "K2", "K3"] and listed[-3:] == ["K10", "K11", "K12"]
    assert len(row["link_strengths"].split(", ")) == len(listed)
