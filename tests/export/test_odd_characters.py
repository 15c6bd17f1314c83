"""Odd characters in exports: control characters (typed, or stored before they were
cleaned) never break the XLSX or the JSON round trip; Chinese and Japanese print in the
PDF; what no font can draw is named in a warning, never dropped without a word."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

import openpyxl

from canvas import canvases, notes
from canvas.models import NoteOwner
from export.bundle import collect
from export.files import export_file
from export.tabular import write_csv, write_xlsx
from export.writer import write_json
from importing.document import import_document
from personas import service as persona_service
from projects import service as projects
from storage.store import Store
from tests.actors import WORKSPACE
from tests.export.factory import make_project

DIRTY = "Antre\x00an pan\x01jang\x0b di\x1b kasir\x7f\r\nsore"
CLEANED = "Antrean panjang di kasir\nsore"


def _stored_before_cleaning(store: Store) -> str:
    """A project whose rows hold control characters, written past the models (as rows
    saved before the models cleaned them are)."""
    pid = make_project(store, items_per_canvas=6, personas=1, language="id")
    note = store.items.list_for_project(pid)[0]
    store.items.update(note.id, note.version, {"text": DIRTY, "evidence_note": "=1+1\x02"})
    persona = store.personas.list_for_project(pid)[0]
    store.personas.update(persona.id, persona.version, {"name": "Ani\x00", "goals": ["lulus\x03 cepat"]})
    project = store.projects.get(pid)
    store.projects.update(pid, project.version, {"name": "Kopi\x1f Nusantara"})
    return pid


def test_xlsx_of_a_project_with_control_characters_opens_with_the_text_cleaned(sqlite_store: Store) -> None:
    pid = _stored_before_cleaning(sqlite_store)
    book = openpyxl.load_workbook(io.BytesIO(write_xlsx(collect(sqlite_store, WORKSPACE, pid), language="id")))
    cells = [cell.value for row in book.active.iter_rows() for cell in row]
    assert CLEANED in cells
    assert "'=1+1" in cells  # still guarded against formulas once cleaned
    assert not any(isinstance(v, str) and any(ord(ch) < 32 and ch not in "\t\n" for ch in v) for v in cells)
    csv_text = write_csv(collect(sqlite_store, WORKSPACE, pid)).decode("utf-8")
    assert "\x00" not in csv_text and "Antrean panjang di kasir" in csv_text


def test_the_json_export_of_a_project_with_control_characters_imports_cleaned(sqlite_store: Store) -> None:
    pid = _stored_before_cleaning(sqlite_store)
    exported = write_json(collect(sqlite_store, WORKSPACE, pid))
    copy = import_document(sqlite_store, WORKSPACE, exported, language="id")
    assert copy.name == "Kopi Nusantara"
    texts = {item.text for item in sqlite_store.items.list_for_project(copy.id)}
    assert CLEANED in texts
    persona = sqlite_store.personas.list_for_project(copy.id)[0]
    assert (persona.name, persona.goals[0]) == ("Ani", "lulus cepat")


def test_typed_control_characters_round_trip_through_xlsx_and_json(store: Store) -> None:
    project = projects.create_project(store, WORKSPACE, "Perpustakaan\x00")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Kanvas\x07")
    notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "pains", DIRTY, evidence_source="wawancara\x00")
    persona_service.create_persona(store, WORKSPACE, project.id, name="Budi\x08", bio="a\x00b")
    bundle = collect(store, WORKSPACE, project.id)
    book = openpyxl.load_workbook(io.BytesIO(write_xlsx(bundle)))
    assert CLEANED in [cell.value for row in book.active.iter_rows() for cell in row]
    document = json.loads(write_json(bundle))
    copy = import_document(store, WORKSPACE, json.dumps(document).encode(), language="en")
    assert [item.text for item in store.items.list_for_project(copy.id)] == [CLEANED]
    assert store.personas.list_for_project(copy.id)[0].bio == "ab"


def test_an_import_with_control_characters_in_its_text_is_cleaned_not_refused(store: Store) -> None:
    document = {
        "format": "nilai-project",
        "schema_version": 1,
        "project": {"name": "Impor\x00"},
        "canvases": [{"id": "c1", "name": "K\x01"}],
        "items": [{"id": "i1", "canvas_id": "c1", "area": "gains", "text": "Cepat\x00", "author": "Ani\x00"}],
        "factors": [{"id": "f1", "canvas_id": "c1", "name": "Harga\x1f"}],
        "errc_moves": [{"id": "m1", "canvas_id": "c1", "action": "raise", "text": "Layanan\x00"}],
    }
    project = import_document(store, WORKSPACE, json.dumps(document).encode(), language="en")
    assert project.name == "Impor"
    item = store.items.list_for_project(project.id)[0]
    assert (item.text, item.author) == ("Cepat", "Ani")


def _pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True)
    return " ".join(out.stdout.decode("utf-8").split())


def test_chinese_and_japanese_print_in_the_pdf(sqlite_store: Store, tmp_path: Path) -> None:
    pid = make_project(sqlite_store, items_per_canvas=6, personas=1, language="id")
    note = sqlite_store.items.list_for_project(pid)[0]
    sqlite_store.items.update(note.id, note.version, {"text": "図書館 / 图书馆 dekat 도서관"})
    persona = sqlite_store.personas.list_for_project(pid)[0]
    sqlite_store.personas.update(persona.id, persona.version, {"name": "陈美玲"})
    result = export_file(collect(sqlite_store, WORKSPACE, pid), "pdf", language="id")
    path = tmp_path / "cjk.pdf"
    path.write_bytes(result.data)
    text = _pdf_text(path)
    assert "図書館 / 图书馆 dekat 도서관" in text
    assert "陈美玲" in text
    assert result.left_out == ()  # nothing needed leaving out
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "WenQuanYi" in fonts and "DejaVuSans" in fonts  # the fallback only adds to the bundled font
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "3", str(path), str(tmp_path / "p")], check=True)
    assert len(list(tmp_path.glob("p-*.png"))) == 3


def test_a_character_no_font_draws_is_named_in_a_warning_with_its_note(sqlite_store: Store) -> None:
    pid = make_project(sqlite_store, items_per_canvas=6, personas=0, language="id")
    bundle = collect(sqlite_store, WORKSPACE, pid)
    canvas = bundle.canvases[0]
    note = canvas.ordered_items()[2]
    sqlite_store.items.update(note.id, note.version, {"text": "Promo 🎉 kasir 𓀀"})
    bundle = collect(sqlite_store, WORKSPACE, pid)
    code = {language: canvas.codes(language)[note.id] for language in ("en", "id")}  # the code the PDF prints
    for language, expected in (
        ("en", f"Canvas “{canvas.canvas.name}”, note {code['en']} (“Promo 🎉 kasir 𓀀”): 🎉 𓀀"),
        ("id", f"Kanvas “{canvas.canvas.name}”, catatan {code['id']} (“Promo 🎉 kasir 𓀀”): 🎉 𓀀"),
    ):
        result = export_file(bundle, "pdf", language=language, sections=["canvas"])
        assert result.left_out == (expected,)
    png = export_file(bundle, "png", language="en")
    assert len(png.left_out) == 1 and f"note {code['en']}" in png.left_out[0]
    # Sections that don't print the note don't name it; other formats keep it whole.
    assert export_file(bundle, "pdf", sections=["cover"]).left_out == ()
    assert export_file(bundle, "json").left_out == ()


def test_many_texts_left_out_are_counted_not_all_listed(sqlite_store: Store) -> None:
    pid = make_project(sqlite_store, items_per_canvas=30, personas=0, language="en")
    for item in sqlite_store.items.list_for_project(pid):
        sqlite_store.items.update(item.id, item.version, {"text": f"{item.text} 🎉"})
    result = export_file(collect(sqlite_store, WORKSPACE, pid), "pdf", sections=["canvas"])
    assert len(result.left_out) == 21 and result.left_out[-1] == "… and 10 more"
