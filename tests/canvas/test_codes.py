"""Note codes: one rule (canvas.codes) names a note on the board, in its link badges and
on the printed canvas page, so a handout reads as the screen does."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from canvas import canvases, links, notes
from canvas.codes import note_codes
from canvas.fit import analyse_fit
from canvas.models import NoteOwner
from export.bundle import collect
from export.pdf.builder import build_pdf
from projects.service import create_project
from storage.store import Store
from tests.actors import WORKSPACE
from ui.canvas.board.payload import build_payload


def _canvas(store: Store) -> tuple[str, str, dict[str, str]]:
    project = create_project(store, WORKSPACE, "Codes", "", "id")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Kopi")
    ids = {}
    for key, area, text in [
        ("job", "jobs", "Ngopi sebelum kuliah"),
        ("pain1", "pains", "Antre lama di kasir"),
        ("pain2", "pains", "Harga naik tiap bulan"),
        ("gain", "gains", "Dapat kursi dekat colokan"),
        ("product", "products", "Aplikasi pesan antar"),
        ("reliever1", "relievers", "Pesan lewat aplikasi"),
        ("reliever2", "relievers", "Harga pelajar tetap"),
        ("creator", "creators", "Kursi bisa dipesan"),
    ]:
        ids[key] = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), area, text).id
    # Rank the second pain above the first: the codes follow board order, not rank.
    pain2 = store.items.get(ids["pain2"])
    notes.update_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), pain2.id, pain2.version, rank=5)
    links.add_link(store, WORKSPACE, canvas.id, ids["reliever2"], ids["pain2"], "full")
    links.add_link(store, WORKSPACE, canvas.id, ids["creator"], ids["gain"], "partial")
    return project.id, canvas.id, ids


def _pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True)
    return " ".join(out.stdout.decode().split())


def test_codes_count_per_area_in_board_order_and_hidden_notes_last(sqlite_store: Store) -> None:
    _project_id, canvas_id, ids = _canvas(sqlite_store)
    board = canvases.load_board(sqlite_store, WORKSPACE, canvas_id)
    codes = note_codes(board.items, "id")
    assert [codes[ids[k]] for k in ("pain1", "pain2", "reliever1", "reliever2", "product", "job")] == [
        "K1", "K2", "PK1", "PK2", "PL1", "P1",
    ]  # fmt: skip
    assert note_codes(board.items, "en")[ids["reliever2"]] == "PR2"
    # A note still hidden in a workshop is counted after the shown ones of its area.
    hidden = board.items[0].model_copy(update={"id": "hidden", "area": "pains", "position": -1.0, "hidden": True})
    with_hidden = note_codes([hidden, *board.items], "id")
    assert with_hidden[ids["pain1"]] == "K1" and with_hidden["hidden"] == "K3"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_pdf_canvas_page_names_notes_and_links_as_the_board_does(
    sqlite_store: Store, tmp_path: Path, lang: str
) -> None:
    project_id, canvas_id, ids = _canvas(sqlite_store)
    board = canvases.load_board(sqlite_store, WORKSPACE, canvas_id)
    payload = build_payload(board, analyse_fit(board.items, board.links), lang, sort_by_rank=True, revision=1)
    on_screen = {item["id"]: item["code"] for item in payload["items"]}

    path = tmp_path / "canvas.pdf"
    path.write_bytes(build_pdf(collect(sqlite_store, WORKSPACE, project_id), language=lang, sections=["canvas"]))
    printed = _pdf_text(path)

    for code in on_screen.values():
        assert re.search(rf"(?<![A-Z]){code}(?!\d)", printed), (code, printed)
    # The link badges name the linked note by the same code: "→ K2" on the reliever, "← PK2" on the pain.
    assert f"→ {on_screen[ids['pain2']]}" in printed
    assert f"← {on_screen[ids['reliever2']]}" in printed
    assert f"→ {on_screen[ids['gain']]} ½" in printed  # a partial link is marked ½ on paper as on screen
    # The old reading-order numbers are gone from the notes: no bare "→ 3" badges.
    assert not re.search(r"[→←] \d", printed)
