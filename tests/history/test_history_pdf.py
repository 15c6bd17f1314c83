"""The comparison PDF: landscape, both languages, every changed note's old and new text
readable by pdftotext, crowded areas continue on a list page instead of cutting notes off."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from core.models import utcnow
from export.pdf.history_page import ComparisonMeta, comparison_pdf
from history.diff import canvas_state, diff_canvas
from tests.export.test_pdf import pages_of, pdf_text

AREAS = ("jobs", "pains", "gains", "products", "relievers", "creators")


def _content(notes: list[tuple[str, str, str, int]], links=()) -> dict:
    return {
        "canvases": [{"id": "c1", "name": "Utama", "persona_id": None}],
        "items": [
            {"id": i, "canvas_id": "c1", "area": a, "text": text, "rank": rank, "position": n}
            for n, (i, a, text, rank) in enumerate(notes)
        ],
        "links": [{"id": f"l{n}", "canvas_id": "c1", "source_id": s, "target_id": t} for n, (s, t) in enumerate(links)],
    }


def _diff(extra: int = 0):
    before = [
        ("n1", "pains", "Antre lama", 4),
        ("n2", "gains", "Promo", 5),
        ("n3", "jobs", "Beli kopi", 3),
        ("n4", "relievers", "Pesan di aplikasi", 3),
        ("n5", "creators", "Poin", 2),
    ]
    before += [(f"e{n}", AREAS[n % 6], f"Catatan tambahan {n}", 3) for n in range(extra)]
    after = [
        ("n1", "pains", "Antre sangat lama di pagi hari", 5),
        ("n2", "gains", "Promo mingguan", 5),
        ("n4", "products", "Pesan di aplikasi", 3),
        ("n5", "creators", "Poin loyalitas", 2),
        ("n6", "relievers", "Kasir tambahan", 4),
    ]
    after += [(f"e{n}", AREAS[n % 6], f"Catatan tambahan {n} diubah", 3) for n in range(extra)]
    old, new = _content(before), _content(after, [("n6", "n1")])
    return diff_canvas(canvas_state(old, "c1"), canvas_state(new, "c1"))


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("language", ["en", "id"])
def test_comparison_page_shows_every_change(tmp_path: Path, language: str) -> None:
    diff = _diff()
    meta = ComparisonMeta("Kopi Kenangan", "Utama", "Sebelum wawancara", "Now", utcnow())
    path = tmp_path / f"compare-{language}.pdf"
    path.write_bytes(comparison_pdf(diff, meta, language))
    assert pages_of(path) == 1
    text = _flat(pdf_text(path))
    for note in diff.notes:
        if note.text_changed:
            assert note.old.text in text and note.new.text in text
    assert "Beli kopi" in text and "Kasir tambahan" in text  # removed and added
    legend = {"en": ("Legend", "Added", "Removed"), "id": ("Keterangan", "Ditambahkan", "Dihapus")}[language]
    assert all(word in text for word in legend)
    size = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", size).groups())
    assert width > height  # landscape


def test_a_crowded_canvas_continues_on_a_list_page(tmp_path: Path) -> None:
    diff = _diff(extra=240)
    meta = ComparisonMeta("Kopi", "Utama", "A", "B", utcnow())
    path = tmp_path / "crowded.pdf"
    path.write_bytes(comparison_pdf(diff, meta, "en"))
    assert pages_of(path) >= 2
    text = _flat(pdf_text(path))
    for note in diff.notes:
        if note.text_changed:
            assert note.new.text in text, note.new.text
