"""The history in a JSON export: off by default, carried and remapped when asked for,
validated on import like the rest of the file; v1 files still import."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from canvas import canvases, notes
from canvas.models import NoteOwner
from export.bundle import collect
from export.document_model import SCHEMA_VERSION
from export.reader import InvalidImport
from export.writer import write_json
from history import restore as history_restore
from history import snapshots as history_snapshots
from history import timeline as history_timeline
from importing.document import import_document
from projects.service import create_project
from storage.store import Store
from tests.actors import WORKSPACE


def _project(store: Store):
    project = create_project(store, WORKSPACE, "Kopi", language="id")
    cv = canvases.create_canvas(store, WORKSPACE, project.id, "Utama")
    kept = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(cv.id), "pains", "Antre lama")
    gone = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(cv.id), "gains", "Promo")
    history_snapshots.take_snapshot(store, WORKSPACE, project.id, "Sebelum")
    notes.update_note(store, WORKSPACE, NoteOwner.of_canvas(cv.id), kept.id, kept.version, text="Antre sangat lama")
    notes.delete_note(store, WORKSPACE, NoteOwner.of_canvas(cv.id), gone.id)
    return project, cv


def _with_history(store: Store, project_id: str) -> dict:
    bundle = collect(store, WORKSPACE, project_id)
    return json.loads(
        write_json(replace(bundle, history=history_timeline.history_for_export(store, WORKSPACE, project_id)))
    )


def test_history_is_left_out_unless_asked_for(store: Store) -> None:
    project, _ = _project(store)
    plain = json.loads(write_json(collect(store, WORKSPACE, project.id)))
    assert plain["schema_version"] == SCHEMA_VERSION == 2 and "history" not in plain
    full = _with_history(store, project.id)
    kinds = [entry["kind"] for entry in full["history"]["entries"]]
    assert kinds[-2:] == ["note.edit", "note.delete"] and full["history"]["snapshots"][0]["name"] == "Sebelum"
    # ids are the file's own: the deleted note (not in the file) got an x-id, the same everywhere
    deleted = next(e for e in full["history"]["entries"] if e["kind"] == "note.delete")
    assert deleted["target_id"].startswith("x")
    snap_ids = {item["id"] for item in full["history"]["snapshots"][0]["content"]["items"]}
    assert deleted["target_id"] in snap_ids


def test_import_brings_the_history_back_and_it_still_restores(store: Store) -> None:
    project, _ = _project(store)
    imported = import_document(store, WORKSPACE, json.dumps(_with_history(store, project.id)))
    kinds = [e.kind for e in history_timeline.timeline(store, WORKSPACE, imported.id, limit=500).entries]
    assert kinds[:2] == ["snapshot.add", "project.import"] and "note.delete" in kinds
    snaps = history_snapshots.snapshots(store, WORKSPACE, imported.id)
    assert [s.kind for s in snaps] == ["import", "manual"]
    new_canvas = canvases.list_canvases(store, WORKSPACE, imported.id)[0]
    before = next(s for s in snaps if s.name == "Sebelum")
    diff = history_restore.compare(store, WORKSPACE, new_canvas.id, before.id)
    assert [n.old.text for n in diff.of("removed")] == ["Promo"]
    assert [(n.old.text, n.new.text) for n in diff.notes if n.text_changed] == [("Antre lama", "Antre sangat lama")]
    history_restore.restore_canvas(store, WORKSPACE, new_canvas.id, before.id)
    texts = sorted(i.text for i in canvases.load_board(store, WORKSPACE, new_canvas.id).items)
    assert texts == ["Antre lama", "Promo"]
    # the original project is untouched by the restore in the copy
    original = canvases.list_canvases(store, WORKSPACE, project.id)[0]
    assert [i.text for i in canvases.load_board(store, WORKSPACE, original.id).items] == ["Antre sangat lama"]


def test_a_bad_history_part_is_refused_like_the_rest(store: Store) -> None:
    project, _ = _project(store)
    doc = _with_history(store, project.id)
    doc["history"]["entries"][0]["kind"] = "DROP TABLE"
    doc["history"]["snapshots"][0]["content"]["items"][0]["rank"] = 9
    with pytest.raises(InvalidImport) as refused:
        import_document(store, WORKSPACE, json.dumps(doc))
    fields = [problem[0] for problem in refused.value.problems]
    assert "history.entries.0.kind" in fields and "history.snapshots.0.content.items.0.rank" in fields


def test_a_v1_file_still_imports(store: Store) -> None:
    project, _ = _project(store)
    doc = json.loads(write_json(collect(store, WORKSPACE, project.id)))
    doc["schema_version"] = 1
    imported = import_document(store, WORKSPACE, json.dumps(doc))
    assert [s.kind for s in history_snapshots.snapshots(store, WORKSPACE, imported.id)] == ["import"]
