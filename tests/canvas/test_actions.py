"""Board actions: what the board sends is parsed into one typed action or refused whole,
and applying it goes through the actor-scoped canvas service."""

from __future__ import annotations

import pytest

from canvas import canvases, notes
from canvas.actions import (
    AddNote,
    DeleteNote,
    EditText,
    LinkNotes,
    MoveNote,
    SetRank,
    Unlink,
    apply_board_action,
    parse_board_action,
)
from canvas.models import Area, NoteOwner
from core.errors import InvalidInput, NotFound, StaleVersion
from projects.service import create_project
from storage.store import Store
from tests.actors import WORKSPACE

NONCE = "1767225600000-ab12cd"


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        ({"op": "add", "area": "pains", "text": "Antre lama", "nonce": NONCE}, AddNote),
        ({"op": "edit", "id": "n1", "version": 2, "text": "Antre lebih lama", "nonce": NONCE}, EditText),
        ({"op": "update", "id": "n1", "version": 2, "rank": 5, "nonce": NONCE}, SetRank),
        ({"op": "move", "id": "n1", "version": 2, "area": "gains", "nonce": NONCE}, MoveNote),
        ({"op": "delete", "id": "n1", "version": 2, "nonce": NONCE}, DeleteNote),
        ({"op": "link", "source": "n1", "target": "n2", "strength": "partial", "nonce": NONCE}, LinkNotes),
        ({"op": "unlink", "link_id": "l1", "nonce": NONCE}, Unlink),
    ],
)
def test_every_action_the_board_sends_parses(raw: dict, kind: type) -> None:
    assert isinstance(parse_board_action(raw), kind)


def test_parsed_actions_are_typed() -> None:
    move = parse_board_action({"op": "move", "id": "n1", "version": 3, "area": "relievers"})
    assert move.area is Area.RELIEVERS and move.version == 3
    assert parse_board_action({"op": "link", "source": "a", "target": "b"}).strength == "full"
    assert parse_board_action({"op": "add", "area": "jobs", "text": "  Kuliah pagi  "}).text == "Kuliah pagi"


@pytest.mark.parametrize(
    "raw",
    [
        None,
        "delete",
        ["op", "delete"],
        {},
        {"op": "nuke", "id": "n1"},  # unknown op
        {"id": "n1", "version": 1},  # no op
        {"op": "edit", "version": 2, "text": "x"},  # missing id
        {"op": "delete", "id": "n1"},  # missing version
        {"op": "unlink"},  # missing link id
        {"op": "edit", "id": 7, "version": 2, "text": "x"},  # id of the wrong type
        {"op": "edit", "id": {"$ne": ""}, "version": 2, "text": "x"},
        {"op": "delete", "id": "", "version": 1},  # empty id
        {"op": "delete", "id": "n" * 500, "version": 1},  # absurd id
        {"op": "delete", "id": "n1", "version": "2"},  # version of the wrong type
        {"op": "delete", "id": "n1", "version": 2.0},
        {"op": "delete", "id": "n1", "version": True},
        {"op": "delete", "id": "n1", "version": 0},
        {"op": "update", "id": "n1", "version": 2, "rank": 9},  # rank out of range
        {"op": "update", "id": "n1", "version": 2, "rank": "5"},
        {"op": "move", "id": "n1", "version": 2, "area": "nowhere"},
        {"op": "add", "area": "pains", "text": 42},
        {"op": "link", "source": "a", "target": "b", "strength": "strong"},
        {"op": "delete", "id": "n1", "version": 2, "canvas_id": "other"},  # extra fields
        {"op": "edit", "id": "n1", "version": 2, "text": "x", "author": "Dosen"},
        {"op": "add", "area": "pains", "text": "x", "participant_id": "p1"},
    ],
)
def test_anything_else_is_refused_with_one_catalog_key(raw: object) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_board_action(raw)
    assert [key for _, key, _ in refused.value.problems] == ["canvas.error.bad_action"]


def test_a_bad_note_text_keeps_its_own_message() -> None:
    with pytest.raises(InvalidInput) as empty:
        parse_board_action({"op": "add", "area": "pains", "text": "   "})
    assert empty.value.problems == [("text", "error.field.empty", {})]
    with pytest.raises(InvalidInput) as long:
        parse_board_action({"op": "edit", "id": "n1", "version": 1, "text": "x" * 501})
    assert long.value.problems == [("text", "error.field.too_long", {"max": 500})]


@pytest.fixture
def two_canvases(sqlite_store: Store):
    store = sqlite_store
    project = create_project(store, WORKSPACE, "Kopi", language="id")
    here = canvases.create_canvas(store, WORKSPACE, project.id, "Here")
    other_project = create_project(store, WORKSPACE, "Rahasia", language="id")
    there = canvases.create_canvas(store, WORKSPACE, other_project.id, "There")
    secret = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(there.id), "pains", "Rahasia dapur")
    return store, here, secret


def test_applying_actions_runs_them_on_the_canvas_on_screen(two_canvases) -> None:
    store, here, _ = two_canvases

    def act(raw: dict):
        return apply_board_action(store, WORKSPACE, here.id, parse_board_action(raw))

    act({"op": "add", "area": "pains", "text": "Antre lama"})
    act({"op": "add", "area": "relievers", "text": "Pesan daring"})
    pain, reliever = sorted(canvases.load_board(store, WORKSPACE, here.id).items, key=lambda i: i.area != "pains")
    act({"op": "edit", "id": pain.id, "version": pain.version, "text": "Antre sangat lama"})
    act({"op": "update", "id": pain.id, "version": pain.version + 1, "rank": 5})
    act({"op": "link", "source": reliever.id, "target": pain.id, "strength": "partial"})
    [link] = canvases.load_board(store, WORKSPACE, here.id).links
    assert act({"op": "unlink", "link_id": link.id}).removed_link_id == link.id
    undo = act({"op": "delete", "id": pain.id, "version": pain.version + 2})
    assert (undo.deleted_item_id, undo.deleted_text) == (pain.id, "Antre sangat lama")
    assert [i.id for i in canvases.load_board(store, WORKSPACE, here.id).items] == [reliever.id]
    with pytest.raises(StaleVersion) as stale:
        act({"op": "move", "id": reliever.id, "version": 99, "area": "products"})
    assert stale.value.current.id == reliever.id


@pytest.mark.parametrize(
    "forged",
    [
        {"op": "edit", "text": "Dibobol"},
        {"op": "update", "rank": 1},
        {"op": "move", "area": "gains"},
        {"op": "delete"},
    ],
)
def test_a_forged_note_id_from_another_project_is_refused(two_canvases, forged: dict) -> None:
    store, here, secret = two_canvases
    action = parse_board_action({**forged, "id": secret.id, "version": secret.version})
    with pytest.raises(NotFound):
        apply_board_action(store, WORKSPACE, here.id, action)
    kept = store.items.get(secret.id)
    assert (kept.text, kept.version, kept.rank, kept.area) == (secret.text, secret.version, secret.rank, secret.area)
