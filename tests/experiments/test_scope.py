"""Test cards and the map are reached only inside the actor's scope: another project's card,
canvas or note is NotFound (as if absent) and stays as it was; a lecturer reads but never
writes; a card names only notes of its own canvas."""

from __future__ import annotations

import pytest

from classroom import service as classes
from core.errors import Forbidden, NotFound
from experiments import service as svc
from projects import class_links
from projects import service as projects
from storage.store import Store
from tests.actors import WORKSPACE


def _canvas_with_card(store: Store, actor, project_id: str):
    canvas = store.canvases.insert(project_id, {"name": "Pembeli"})
    note = store.items.insert(project_id, {"canvas_id": canvas.id, "area": "pains", "text": "Antre", "rank": 5})
    card = svc.create_card(store, actor, canvas.id, experiment="survey", threshold=5, item_ids=[note.id])
    return canvas, note, card


def test_another_projects_cards_canvas_and_notes_are_not_found(store: Store) -> None:
    created = classes.create_class(store, WORKSPACE, "Pemasaran C", language="id")
    joined = classes.join_class(store, created.classroom.join_code, "Tim 2", client="test")
    group = class_links.group_actor(store, joined.token)
    lecturer = class_links.lecturer_actor(store, created.lecturer_token)
    own_canvas, own_note, own_card = _canvas_with_card(store, group, joined.group.project_id)
    private = projects.create_project(store, WORKSPACE, "Rahasia", language="id")
    canvas, note, card = _canvas_with_card(store, WORKSPACE, private.id)
    before = store.test_cards.get(card.id)
    for call in (
        lambda: svc.load_testing(store, group, canvas.id),
        lambda: svc.create_card(store, group, canvas.id, experiment="survey", item_ids=[note.id]),
        lambda: svc.create_card(store, group, own_canvas.id, experiment="survey", item_ids=[note.id]),
        lambda: svc.update_card(store, group, card.id, card.version, metric="taken"),
        lambda: svc.start_card(store, group, card.id, card.version),
        lambda: svc.close_card(store, group, card.id, card.version, measured=1, decision="pivot"),
        lambda: svc.delete_card(store, group, card.id),
        lambda: svc.place_note(store, group, canvas.id, note.id, None, importance=1, evidence=0),
        lambda: svc.place_note(store, group, own_canvas.id, note.id, None, importance=1, evidence=0),
        lambda: svc.cards_using_note(store, group, canvas.id, note.id),
        lambda: svc.load_project_cards(store, lecturer, private.id),
    ):
        with pytest.raises((NotFound, Forbidden)):
            call()
    assert store.test_cards.get(card.id) == before and store.placements.for_canvas(canvas.id) == []
    # The lecturer reads the group's cards and map, and writes nothing.
    assert [c.id for c in svc.load_project_cards(store, lecturer, joined.group.project_id).cards] == [own_card.id]
    assert svc.load_testing(store, lecturer, own_canvas.id).cards[0].id == own_card.id
    with pytest.raises(Forbidden):
        svc.update_card(store, lecturer, own_card.id, own_card.version, metric="nilai")
    with pytest.raises(Forbidden):
        svc.place_note(store, lecturer, own_canvas.id, own_note.id, None, importance=1, evidence=0)
