"""The customer's voice in the PDF: the voice page with NPS, journey and improvement actions,
and a "what we know" page after each persona customers spoke for."""

from __future__ import annotations

from pathlib import Path

import pytest

from export.bundle import collect
from export.pdf.builder import build_pdf, page_count
from feedback import service as feedback
from personas import service as personas
from projects import service as projects
from storage.store import Store
from tests.actors import WORKSPACE
from tests.export.test_pdf import pages_of, pdf_text, write

SURVEY = (
    "skor;komentar;persona;titik kontak;tahap\n"
    "3;Antrean peminjaman lama;Rina;Meja layanan;saat\n"
    "2;antrean panjang sekali;Rina;Meja layanan;saat\n"
    '10;=HYPERLINK("http://x") pustakawan ramah;Rina;WhatsApp;sesudah\n'
    "9;Pustakawan ramah membantu;;WhatsApp;sesudah\n"
)


@pytest.mark.parametrize("language", ["id", "en"])
def test_voice_page_and_what_we_know(sqlite_store: Store, tmp_path: Path, language: str) -> None:
    store = sqlite_store
    project = projects.create_project(store, WORKSPACE, "Library", language=language)
    rina = personas.create_persona(store, WORKSPACE, project.id, name="Rina", nps=8)
    personas.create_persona(store, WORKSPACE, project.id, name="Dimas", nps=5)
    canvas = personas.create_canvas_from_persona(store, WORKSPACE, rina.id, "Thesis support")
    feedback.import_responses(
        store, WORKSPACE, project.id, feedback.read_file(store, WORKSPACE, project.id, SURVEY.encode())
    )
    pain = next(s for s in feedback.theme_board(store, WORKSPACE, project.id).of_kind("pain"))
    feedback.accept_theme(
        store, WORKSPACE, project.id, "pain", pain.key, canvas.id, "Queues at the desk", language=language
    )
    feedback.add_action(store, WORKSPACE, project.id, pain.key, "Second loan desk at lunchtime", "service")
    bundle = collect(store, WORKSPACE, project.id)
    sections = ["personas", "voice"]
    path = write(tmp_path, build_pdf(bundle, language=language, sections=sections))
    # Rina's card and what we know about her, Dimas's card alone, then the voice page.
    assert pages_of(path) == page_count(bundle, sections, language=language) == 4
    text = pdf_text(path)
    assert "Second loan desk at lunchtime" in text
    assert "Queues at the desk" in text
    assert "=HYPERLINK" in text  # a formula-looking comment is printed as the text it is
    assert "Meja layanan" in text
