"""The PDF's testing section: one page per canvas with test cards, in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from canvas import canvases, notes
from canvas.models import NoteOwner
from experiments import service as svc
from export.bundle import collect
from export.pdf.builder import build_pdf, plan_pages
from projects.service import create_project
from storage.store import Store
from tests.actors import WORKSPACE
from tests.export.test_pdf import pages_of, pdf_text, write


@pytest.mark.parametrize(
    ("language", "passed", "decision"),
    [("en", "Result: 9 (passed)", "Persevere"), ("id", "Hasil: 9 (lulus)", "Lanjutkan")],
)
def test_testing_section(sqlite_store: Store, tmp_path: Path, language: str, passed: str, decision: str) -> None:
    store = sqlite_store
    project = create_project(store, WORKSPACE, "UMKM Keripik", language=language)
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, name="Pembeli kantor")
    canvases.create_canvas(store, WORKSPACE, project.id, name="No cards here")
    pain = notes.add_note(
        store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "pains", "Camilan sehat sulit dicari", rank=5
    )
    gain = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "gains", "Dikirim ke kantor", rank=4)
    price = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "pains", "Harga terlalu mahal", rank=5)
    card = svc.create_card(
        store,
        WORKSPACE,
        canvas.id,
        experiment="whatsapp_broadcast",
        hypothesis="Kami percaya bahwa karyawan mau pesan",
        metric="pesanan dari 50 pesan",
        comparison="at_least",
        threshold=5,
        item_ids=[pain.id],
    )
    svc.close_card(
        store, WORKSPACE, card.id, card.version, measured=9, insight="Pesan pagi paling laku", decision="persevere"
    )
    svc.create_card(store, WORKSPACE, canvas.id, experiment="pre_order", threshold=10, item_ids=[gain.id])
    bundle = collect(store, WORKSPACE, project.id)
    plan = plan_pages(bundle, ["testing"], language=language)
    assert [(section, pages) for section, _title, pages in plan] == [("testing", 1)]
    path = write(tmp_path, build_pdf(bundle, language=language, sections=["testing"]))
    text = pdf_text(path)
    assert pages_of(path) == 1
    for expected in (passed, decision, "Kami percaya bahwa karyawan mau pesan", "Pesan pagi paling laku"):
        assert expected in text
    # To test first: the top pain with no test; the tested notes are not proposed again.
    first = "TO TEST FIRST" if language == "en" else "DIUJI LEBIH DULU"
    codes = bundle.canvas(canvas.id).codes(language)  # the board's codes (canvas.codes)
    assert f"{first} {codes[price.id]} Harga terlalu mahal" in text
    tests = "Tests" if language == "en" else "Menguji"
    assert f"{tests}: {codes[pain.id]}" in text and f"{tests}: {codes[gain.id]}" in text
    for code in codes.values():  # every note is on the map, by its code
        assert code in text.split()
    assert "Camilan sehat sulit dicari" not in text and "Dikirim ke kantor" not in text
