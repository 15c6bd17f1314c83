""" "This note is on this canvas" is one rule: the SQL that reads a canvas's notes and its
history (storage/on_canvas.py) agrees with canvas.models.is_on_canvas, note by note."""

from __future__ import annotations

from canvas import canvases
from canvas import notes as canvas_notes
from canvas.models import NoteOwner, is_on_canvas
from history import timeline as history_timeline
from personas import service as personas
from projects.service import create_project
from storage.store import Store
from tests.actors import WORKSPACE


def test_sql_and_python_agree_on_which_notes_are_on_a_canvas(store: Store) -> None:
    project = create_project(store, WORKSPACE, "Perpustakaan", language="id")
    rina = personas.create_persona(store, WORKSPACE, project.id, name="Rina")
    budi = personas.create_persona(store, WORKSPACE, project.id, name="Budi")
    on_rina = canvases.create_canvas(store, WORKSPACE, project.id, "Rina", persona_id=rina.id)
    plain = canvases.create_canvas(store, WORKSPACE, project.id, "Tanpa persona")
    for owner, area in [
        (NoteOwner.of_canvas(on_rina.id), "relievers"),
        (NoteOwner.of_persona(rina.id), "pains"),
        (NoteOwner.of_persona(budi.id), "gains"),
        (NoteOwner.of_canvas(plain.id), "jobs"),
    ]:
        canvas_notes.add_note(store, WORKSPACE, owner, area, f"{owner.kind} {owner.id[:6]} {area}")
    every = store.items.list_for_project(project.id)
    for canvas in (on_rina, plain):
        expected = {item.id for item in every if is_on_canvas(item, canvas)}
        assert {item.id for item in store.items.for_canvas(canvas)} == expected
        added = history_timeline.timeline(store, WORKSPACE, project.id, canvas_id=canvas.id, entity="note").entries
        assert {entry.target_id for entry in added} == expected
    assert len({item.id for item in store.items.for_canvas(on_rina)}) == 2
