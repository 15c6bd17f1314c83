"""One identity per note: each surface's builder names every note by the same code
(canvas.codes), in both languages: the board's payload, the assumptions map's payload, the
testing board's cards, the workshop's vote list, the history's compare view, the PDF bundle
and the Markdown and spreadsheet exports."""

from __future__ import annotations

import re

import pytest

from canvas import canvases, links, notes
from canvas.codes import note_codes
from canvas.fit import analyse_fit
from canvas.models import NoteOwner
from experiments import service as experiments
from experiments.map_layout import layout
from export.bundle import collect
from export.markdown import write_markdown
from export.tabular import rows
from history import restore as history_restore
from history import snapshots as history_snapshots
from projects.service import create_project
from storage.store import Store
from tests.actors import WORKSPACE
from ui.canvas.board.payload import build_payload as board_payload
from ui.experiments.amap.payload import build_payload as map_payload

NOTES = [
    ("jobs", "Finish the thesis on time", 5),
    ("pains", "Search results are hard to trust", 5),
    ("pains", "Queues at the printer", 2),
    ("gains", "A quiet seat", 4),
    ("relievers", "Shortlists from a librarian", 3),
    ("creators", "Bookable carrels", 3),
    ("products", "Reference consultation", 3),
]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_builder_gives_each_note_the_boards_code(sqlite_store: Store, lang: str) -> None:
    store = sqlite_store
    project = create_project(store, WORKSPACE, "Library", language=lang)
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Thesis students")
    owner = NoteOwner.of_canvas(canvas.id)
    made = {text: notes.add_note(store, WORKSPACE, owner, area, text, rank=rank) for area, text, rank in NOTES}
    links.add_link(
        store, WORKSPACE, canvas.id, made["Shortlists from a librarian"].id, made["Search results are hard to trust"].id
    )
    snapshot = history_snapshots.take_snapshot(store, WORKSPACE, project.id, "Start")
    notes.update_note(
        store, WORKSPACE, owner, made["Queues at the printer"].id, made["Queues at the printer"].version, rank=5
    )
    experiments.create_card(
        store, WORKSPACE, canvas.id, experiment="survey", threshold=5, item_ids=[i.id for i in made.values()]
    )

    board = canvases.load_board(store, WORKSPACE, canvas.id)
    codes = note_codes(board.items, lang)
    assert len(set(codes.values())) == len(NOTES)

    on_board = {
        item["id"]: item["code"]
        for item in board_payload(board, analyse_fit(board.items, board.links), lang, sort_by_rank=True, revision=1)[
            "items"
        ]
    }
    assert on_board == codes

    testing = experiments.load_testing(store, WORKSPACE, canvas.id)
    amap = testing.assumptions_map()
    on_map = {
        point["id"]: point["code"]
        for point in map_payload(amap, layout(amap), codes, {}, set(), lang, rev="1")["points"]
    }
    assert on_map == codes

    cards = experiments.load_project_cards(store, WORKSPACE, project.id)
    assert cards.codes(lang)[canvas.id] == codes

    assert collect(store, WORKSPACE, project.id).canvas(canvas.id).codes(lang) == codes
    assert history_restore.compare(store, WORKSPACE, canvas.id, snapshot.id).codes(lang) == codes

    exported = {row["text"]: row["number"] for row in rows(collect(store, WORKSPACE, project.id), language=lang)}
    assert exported == {item.text: codes[item.id] for item in board.items}
    markdown = write_markdown(collect(store, WORKSPACE, project.id), language=lang)
    for item in board.items:
        assert re.search(rf"\| {re.escape(codes[item.id])} \| {re.escape(item.text)} \|", markdown), item.text
