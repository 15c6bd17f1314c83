"""The board's payload: codes from the domain rule, every label the board needs in both
languages (no English left in the Indonesian board), and the per-note badge hook."""

from __future__ import annotations

import pytest

from canvas import canvases, links, notes
from canvas.codes import note_codes
from canvas.fit import analyse_fit
from canvas.models import NoteOwner
from projects.service import create_project
from storage.store import Store
from tests.actors import WORKSPACE
from ui.canvas.board.payload import build_payload


def _payload(store: Store, lang: str) -> tuple[dict, list]:
    project = create_project(store, WORKSPACE, "Payload", "", lang)
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Kopi")
    reliever = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "relievers", "Antre lewat aplikasi")
    pain = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "pains", "Antre lama di kasir")
    links.add_link(store, WORKSPACE, canvas.id, reliever.id, pain.id, "partial")
    board = canvases.load_board(store, WORKSPACE, canvas.id)
    return build_payload(board, analyse_fit(board.items, board.links), lang, sort_by_rank=True, revision=3), board.items


@pytest.mark.parametrize("lang", ["id", "en"])
def test_payload_codes_labels_and_badges(sqlite_store: Store, lang: str) -> None:
    payload, items = _payload(sqlite_store, lang)
    assert {item["id"]: item["code"] for item in payload["items"]} == note_codes(items, lang)
    assert all(item["badges"] == [] for item in payload["items"])  # the hook is there, empty by default
    labels = payload["labels"]
    assert labels["lang"] == lang
    assert set(labels["codes"]) == {"jobs", "pains", "gains", "products", "relievers", "creators"}
    for key in ("strength_label", "full_help", "partial_help", "deleted_status", "more", "actions", "move_to"):
        assert labels[key].strip(), key
    assert all(text.strip() for text in labels["key"].values())
    assert set(labels["rank_words"]["pains"]) == {1, 2, 3, 4, 5}
    if lang == "id":
        assert labels["strength_label"] == "Tautan baru:"
        assert "{code}" in labels["deleted_status"] and "dihapus" in labels["deleted_status"]
        assert labels["codes"]["relievers"] == "PK"
