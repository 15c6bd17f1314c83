"""JSON v2 carries test cards and map placements; v1 files still import (upgraded)."""

from __future__ import annotations

import json

import pytest

from canvas import canvases, notes
from canvas.models import NoteOwner
from experiments import service as svc
from export.bundle import collect
from export.document_model import SCHEMA_VERSION
from export.reader import InvalidImport, parse_document
from export.writer import write_json
from importing.document import import_document
from projects.service import create_project
from storage.store import Store
from tests.actors import WORKSPACE


def _project(store: Store) -> str:
    project = create_project(store, WORKSPACE, "Klinik Sehat", language="id")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, name="Lansia")
    pain = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "pains", "Antre lama", rank=5)
    gone = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "gains", "Diantar pulang", rank=4)
    card = svc.create_card(
        store,
        WORKSPACE,
        canvas.id,
        experiment="concierge",
        hypothesis="Kami percaya bahwa ...",
        metric="pasien",
        comparison="at_least",
        threshold=5,
        item_ids=[pain.id, gone.id],
    )
    svc.close_card(store, WORKSPACE, card.id, card.version, measured=7, insight="ya", decision="persevere")
    svc.create_card(store, WORKSPACE, canvas.id, experiment="survey", threshold=3, item_ids=[pain.id])
    svc.place_note(store, WORKSPACE, canvas.id, pain.id, None, importance=0.9, evidence=0.4)
    fresh = store.items.get(gone.id)
    notes.delete_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), gone.id, fresh.version)
    return project.id


def test_cards_round_trip_with_a_deleted_notes_text(sqlite_store: Store) -> None:
    store = sqlite_store
    data = json.loads(write_json(collect(store, WORKSPACE, _project(store))))
    assert data["schema_version"] == SCHEMA_VERSION == 2
    done, _planned = data["test_cards"]
    assert done["passed"] is True and done["status"] == "done" and len(done["item_ids"]) == 2
    assert done["item_texts"][done["item_ids"][1]] == "Diantar pulang"  # the deleted note keeps its text
    assert data["placements"] == [
        {"canvas_id": "c1", "item_id": done["item_ids"][0], "importance": 0.9, "evidence": 0.4}
    ]
    imported = import_document(store, WORKSPACE, json.dumps(data))
    cards = svc.load_project_cards(store, WORKSPACE, imported.id)
    (canvas,) = store.canvases.list_for_project(imported.id)
    (pain,) = store.items.for_canvas(canvas)
    closed = next(card for card in cards.cards if card.status == "done")
    assert closed.item_ids[0] == pain.id and closed.passed and closed.decision == "persevere"
    assert cards.note_gone(closed.item_ids[1]) and cards.text_of(closed, closed.item_ids[1]) == "Diantar pulang"
    (placement,) = store.placements.for_canvas(canvas.id)
    assert placement.item_id == pain.id and placement.importance == 0.9


def test_a_v1_file_imports_as_v2_without_cards(sqlite_store: Store) -> None:
    data = json.loads(write_json(collect(sqlite_store, WORKSPACE, _project(sqlite_store))))
    data["schema_version"] = 1
    del data["test_cards"], data["placements"]
    doc = parse_document(json.dumps(data))
    assert doc.schema_version == 2 and doc.test_cards == [] and doc.placements == []


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda card: card.update(experiment="astrology"), "experiments.error.unknown_type"),
        (lambda card: card.update(threshold="lots"), "error.field.not_a_number"),
        (lambda card: card.update(comparison="about"), "error.field.invalid_choice"),
        (lambda card: card.update(measured=None), "export.problem.card_not_closed"),
        (lambda card: card.update(item_ids=["i404"]), "export.problem.unknown_ref"),
    ],
)
def test_a_bad_card_in_a_file_is_refused(sqlite_store: Store, change, problem) -> None:
    data = json.loads(write_json(collect(sqlite_store, WORKSPACE, _project(sqlite_store))))
    change(data["test_cards"][0])
    with pytest.raises(InvalidImport) as caught:
        parse_document(json.dumps(data))
    assert problem in [key for _field, key, _params in caught.value.problems]


def test_a_file_cannot_say_a_failed_test_passed(sqlite_store: Store) -> None:
    data = json.loads(write_json(collect(sqlite_store, WORKSPACE, _project(sqlite_store))))
    data["test_cards"][0].update(measured=1, passed=True)
    assert parse_document(json.dumps(data)).test_cards[0].passed is False
