"""Version history on SQLite and PostgreSQL: history rows commit with their change, the
diff of two snapshots, restore (refused when it would break a reference) and its undo."""

from __future__ import annotations

import pytest

from canvas import canvases, links, notes
from canvas.models import NoteOwner
from competitors import factors as competitor_factors
from competitors import offerings as competitor_offerings
from competitors import scores as competitor_scores
from core.actors import ParticipantActor
from core.errors import StaleVersion
from history import restore as history_restore
from history import snapshots as history_snapshots
from history import timeline as history_timeline
from history.restore import NOW, RestoreBlocked
from projects.service import create_project, restore_project, trash_project
from storage.store import Store
from tests.actors import WORKSPACE


@pytest.fixture
def board(store: Store):
    project = create_project(store, WORKSPACE, "Kopi Kenangan", language="id")
    return project, canvases.create_canvas(store, WORKSPACE, project.id, "Utama")


def _kinds(store: Store, project_id: str) -> list[str]:
    return [e.kind for e in reversed(history_timeline.timeline(store, WORKSPACE, project_id, limit=500).entries)]


def _texts(store: Store, canvas_id: str) -> dict[str, str]:
    return {item.text: str(item.area) for item in canvases.load_board(store, WORKSPACE, canvas_id).items}


def test_every_kind_of_note_change_is_in_the_timeline_with_who(store: Store, board) -> None:
    project, cv = board
    pain = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(cv.id), "pains", "Antre lama")
    reliever = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(cv.id), "relievers", "Pesan lewat aplikasi")
    pain = notes.update_note(
        store, WORKSPACE, NoteOwner.of_canvas(cv.id), pain.id, pain.version, text="Antre lama di jam sibuk"
    )
    pain = notes.update_note(store, WORKSPACE, NoteOwner.of_canvas(cv.id), pain.id, pain.version, rank=5)
    moved = notes.update_note(
        store, WORKSPACE, NoteOwner.of_canvas(cv.id), reliever.id, reliever.version, area="creators"
    )
    moved = notes.update_note(store, WORKSPACE, NoteOwner.of_canvas(cv.id), moved.id, moved.version, area="relievers")
    link = links.add_link(store, WORKSPACE, cv.id, reliever.id, pain.id, "partial")
    links.add_link(store, WORKSPACE, cv.id, reliever.id, pain.id, "full")
    links.remove_link(store, WORKSPACE, cv.id, link.id)
    notes.delete_note(store, WORKSPACE, NoteOwner.of_canvas(cv.id), pain.id)
    notes.restore_note(store, WORKSPACE, NoteOwner.of_canvas(cv.id), pain.id)
    kinds = _kinds(store, project.id)
    assert kinds == [
        "project.add",
        "canvas.add",
        "note.add",
        "note.add",
        "note.edit",
        "note.rank",
        "note.move",
        "note.move",
        "link.add",
        "link.change",
        "link.delete",
        "note.delete",
        "note.restore",
    ]
    page = history_timeline.timeline(store, WORKSPACE, project.id, limit=500)
    edit = next(e for e in page.entries if e.kind == "note.edit")
    assert edit.detail["old_text"] == "Antre lama" and edit.detail["text"] == "Antre lama di jam sibuk"
    assert {e.who_kind for e in page.entries} == {"workspace"}
    move = next(e for e in page.entries if e.kind == "note.move")
    assert move.detail["old_area"] == "creators" and move.detail["area"] == "relievers"


def test_participant_writes_name_the_participant(store: Store, board) -> None:
    project, cv = board
    from canvas import canvases
    from workshop import joining
    from workshop import notes as workshop_notes

    opened = joining.open_workshop(store, WORKSPACE, cv.id, facilitator_name="Bu Rina")
    joined = joining.join(store, opened.workshop.join_code, "Ani", client="test")
    workshop_notes.add_note(store, joined.token, "Harga terlalu mahal", "pains")
    entries = history_timeline.timeline(store, WORKSPACE, project.id, who="Ani").entries
    assert [(e.kind, e.who_kind, e.label) for e in entries] == [("note.add", "participant", "Harga terlalu mahal")]
    assert canvases.load_board(store, WORKSPACE, cv.id, include_hidden=True).items[-1].author == "Ani"
    assert any(s.kind == "workshop_start" for s in history_snapshots.snapshots(store, WORKSPACE, project.id))


def test_a_change_and_its_history_row_commit_together_or_not_at_all(store: Store, board) -> None:
    project, cv = board
    before = store.history.count(project.id)
    with pytest.raises(RuntimeError):
        with store.db.transaction() as conn:
            store.items.insert_in(conn, project.id, {"canvas_id": cv.id, "area": "pains", "text": "x"})
            assert store.history.count(project.id) == before  # another connection doesn't see it yet
            raise RuntimeError("the transaction fails after the write")
    assert store.history.count(project.id) == before
    assert canvases.load_board(store, WORKSPACE, cv.id).items == []
    note = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(cv.id), "pains", "Antre")
    notes.update_note(store, WORKSPACE, NoteOwner.of_canvas(cv.id), note.id, note.version, text="Antre lama")
    count = store.history.count(project.id)
    with pytest.raises(StaleVersion):  # a refused write leaves no history either
        notes.update_note(store, WORKSPACE, NoteOwner.of_canvas(cv.id), note.id, note.version, text="Stale")
    assert store.history.count(project.id) == count


def test_diff_of_two_snapshots(store: Store, board) -> None:
    project, cv = board
    kept = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(cv.id), "pains", "Antre lama", rank=3)
    edited = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(cv.id), "gains", "Promo", rank=4)
    doomed = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(cv.id), "jobs", "Beli kopi")
    wanderer = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(cv.id), "relievers", "Aplikasi")
    first = history_snapshots.take_snapshot(store, WORKSPACE, project.id, "Sebelum wawancara")
    added = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(cv.id), "creators", "Poin loyalitas")
    notes.update_note(store, WORKSPACE, NoteOwner.of_canvas(cv.id), edited.id, edited.version, text="Promo mingguan")
    notes.delete_note(store, WORKSPACE, NoteOwner.of_canvas(cv.id), doomed.id)
    notes.update_note(store, WORKSPACE, NoteOwner.of_canvas(cv.id), kept.id, kept.version, rank=5)
    notes.update_note(store, WORKSPACE, NoteOwner.of_canvas(cv.id), wanderer.id, wanderer.version, area="products")
    links.add_link(store, WORKSPACE, cv.id, added.id, edited.id)
    second = history_snapshots.take_snapshot(store, WORKSPACE, project.id, "After interviews")
    diff = history_restore.compare(store, WORKSPACE, cv.id, first.id, second.id)
    by_id = {n.id: n for n in diff.notes}
    assert [n.id for n in diff.of("added")] == [added.id]
    assert [n.id for n in diff.of("removed")] == [doomed.id]
    assert by_id[edited.id].text_changed and by_id[edited.id].old.text == "Promo"
    assert by_id[edited.id].new.text == "Promo mingguan"
    assert by_id[kept.id].reranked and not by_id[kept.id].text_changed and not by_id[kept.id].moved
    assert by_id[wanderer.id].moved and by_id[wanderer.id].new.area == "products"
    assert [(link.source_id, link.target_id, link.status) for link in diff.links] == [(added.id, edited.id, "added")]
    assert by_id[edited.id].links_added == 1
    # the gain (rank 4, top) was open then and is addressed now
    assert [n.id for n in diff.newly_addressed] == [edited.id]
    assert diff.fit_after.coverage["gains"].percent > diff.fit_before.coverage["gains"].percent
    # comparing with now gives the same as the snapshot taken just now
    assert history_restore.compare(store, WORKSPACE, cv.id, first.id, NOW).notes == diff.notes


def test_restore_a_canvas_and_undo_the_restore(store: Store, board) -> None:
    project, cv = board
    pain = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(cv.id), "pains", "Antre lama")
    reliever = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(cv.id), "relievers", "Aplikasi")
    links.add_link(store, WORKSPACE, cv.id, reliever.id, pain.id)
    start = history_snapshots.take_snapshot(store, WORKSPACE, project.id, "Start")
    then = _texts(store, cv.id)
    notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(cv.id), "gains", "Diskon")
    notes.update_note(store, WORKSPACE, NoteOwner.of_canvas(cv.id), pain.id, pain.version, text="Antre sangat lama")
    notes.delete_note(store, WORKSPACE, NoteOwner.of_canvas(cv.id), reliever.id)
    later = _texts(store, cv.id)
    restored = history_restore.restore_canvas(store, WORKSPACE, cv.id, start.id)
    assert _texts(store, cv.id) == then
    assert len(canvases.load_board(store, WORKSPACE, cv.id).links) == 1
    assert (restored.brought_back, restored.removed, restored.changed) == (1, 1, 1)
    assert "canvas.restore" in _kinds(store, project.id)
    assert history_restore.compare(store, WORKSPACE, cv.id, start.id).unchanged
    history_restore.undo_restore(store, WORKSPACE, cv.id, restored.undo_snapshot_id)
    assert _texts(store, cv.id) == later
    assert canvases.load_board(store, WORKSPACE, cv.id).links == []
    assert _kinds(store, project.id).count("canvas.restore") == 2


def test_restore_is_refused_when_it_would_break_a_reference(store: Store, board) -> None:
    project, cv = board
    notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(cv.id), "pains", "Antre lama")
    start = history_snapshots.take_snapshot(store, WORKSPACE, project.id, "Start")
    since = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(cv.id), "gains", "Kopi selalu hangat", rank=5)
    competitor_factors.add_factor_from_item(store, WORKSPACE, cv.id, since.id)
    with pytest.raises(RestoreBlocked) as refused:
        history_restore.restore_canvas(store, WORKSPACE, cv.id, start.id)
    assert any("Kopi selalu hangat" in line for line in refused.value.affected)
    assert "Kopi selalu hangat" in _texts(store, cv.id)  # nothing was changed


def test_trash_and_restore_of_the_project_keep_its_history(store: Store, board) -> None:
    project, cv = board
    notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(cv.id), "pains", "Antre lama")
    count = store.history.count(project.id)
    trash_project(store, WORKSPACE, project.id)
    restore_project(store, WORKSPACE, project.id)
    kinds = _kinds(store, project.id)
    assert store.history.count(project.id) == count + 2 and kinds[-2:] == ["project.delete", "project.restore"]


def test_timeline_pages_and_filters(store: Store, board) -> None:
    project, cv = board
    other = canvases.create_canvas(store, WORKSPACE, project.id, "Lain")
    for n in range(7):
        notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(cv.id), "pains", f"Catatan {n}")
    notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(other.id), "gains", "Di kanvas lain")
    first = history_timeline.timeline(store, WORKSPACE, project.id, canvas_id=cv.id, entity="note", limit=4)
    assert [e.label for e in first.entries] == ["Catatan 6", "Catatan 5", "Catatan 4", "Catatan 3"]
    second = history_timeline.timeline(
        store, WORKSPACE, project.id, canvas_id=cv.id, entity="note", limit=4, before_seq=first.next_cursor
    )
    assert [e.label for e in second.entries] == ["Catatan 2", "Catatan 1", "Catatan 0"]
    assert second.next_cursor is None
    outsider = ParticipantActor("w", "p", "c", "x", "Eve")
    from core.errors import NotFound

    with pytest.raises(NotFound):
        history_timeline.timeline(store, outsider, project.id)


def test_every_note_says_who_wrote_it(store: Store, board) -> None:
    from core.actors import GroupActor, WorkspaceActor

    project, cv = board
    rina = WorkspaceActor("local", name="Rina")
    notes.add_note(store, rina, NoteOwner.of_canvas(cv.id), "pains", "Antre lama")
    assert canvases.load_board(store, WORKSPACE, cv.id).items[0].author == "Rina"
    entries = history_timeline.timeline(store, WORKSPACE, project.id, who="Rina").entries
    assert [(e.kind, e.who_kind) for e in entries] == [("note.add", "workspace")]
    unnamed = history_timeline.timeline(store, WORKSPACE, project.id, who="", who_kind="workspace").entries
    assert [e.kind for e in unnamed] == ["canvas.add", "project.add"]
    # a class group member: their own name, or the group's when they gave none
    from classroom import service as classroom

    created = classroom.create_class(store, WORKSPACE, "Pemasaran A", language="id")
    group = classroom.join_class(store, created.classroom.join_code, "Kelompok 1", client="test")
    member = GroupActor(group.group.id, created.classroom.id, group.group.project_id, "Kelompok 1", member="Dewi")
    group_canvas = canvases.list_canvases(store, member, group.group.project_id)
    target = (
        group_canvas[0].id if group_canvas else canvases.create_canvas(store, member, group.group.project_id, "K").id
    )
    note = notes.add_note(store, member, NoteOwner.of_canvas(target), "gains", "Hemat waktu")
    assert note.author == "Dewi"
    anonymous = GroupActor(group.group.id, created.classroom.id, group.group.project_id, "Kelompok 1")
    assert notes.add_note(store, anonymous, NoteOwner.of_canvas(target), "gains", "Murah").author == "Kelompok 1"
    whos = {(e.who_kind, e.who) for e in history_timeline.timeline(store, member, group.group.project_id).entries}
    assert ("group", "Dewi") in whos and ("group", "Kelompok 1") in whos


def test_persona_changes_and_a_new_photo_are_in_the_timeline(store: Store, board) -> None:
    from personas import service as personas

    project, _ = board
    persona = personas.create_persona(store, WORKSPACE, project.id, name="Sari")
    persona = personas.update_persona(store, WORKSPACE, persona.id, persona.version, name="Sari Dewi")
    store.personas.set_avatar_image(persona.id, persona.version, b"\x89PNG fake")
    entries = [e for e in history_timeline.timeline(store, WORKSPACE, project.id).entries if e.entity == "persona"]
    assert [e.kind for e in entries] == ["persona.edit", "persona.edit", "persona.add"]
    assert entries[0].detail["unseen"] == "avatar_image"
    assert entries[1].detail["old_name"] == "Sari" and entries[1].label == "Sari Dewi"


def test_snapshots_by_hand_are_capped_and_need_a_name(store: Store, board, monkeypatch) -> None:
    from core.errors import InvalidInput
    from history import snapshots as history_snapshots

    project, _ = board
    with pytest.raises(InvalidInput):
        history_snapshots.take_snapshot(store, WORKSPACE, project.id, "   ")
    monkeypatch.setattr(history_snapshots, "MANUAL_SNAPSHOTS_MAX", 2)
    history_snapshots.take_snapshot(store, WORKSPACE, project.id, "Satu")
    history_snapshots.take_snapshot(store, WORKSPACE, project.id, "Dua")
    with pytest.raises(InvalidInput) as refused:
        history_snapshots.take_snapshot(store, WORKSPACE, project.id, "Tiga")
    assert refused.value.problems[0][1] == "history.error.too_many_snapshots"
    history_snapshots.delete_snapshot(
        store, WORKSPACE, project.id, history_snapshots.snapshots(store, WORKSPACE, project.id)[0].id
    )
    assert history_snapshots.take_snapshot(store, WORKSPACE, project.id, "Tiga").name == "Tiga"


def test_score_changes_name_the_offering_and_factor(store: Store, board) -> None:
    from i18n import translate
    from ui.history.sentences import sentence

    project, cv = board
    offering = competitor_offerings.add_competitor(store, WORKSPACE, cv.id, "Warung sebelah")
    factor = competitor_factors.add_factor(store, WORKSPACE, cv.id, "Harga")
    competitor_scores.set_score(store, WORKSPACE, factor.id, offering.id, 4, None)
    entries = history_timeline.timeline(store, WORKSPACE, project.id, entity="score").entries
    names = history_timeline.note_texts(store, WORKSPACE, project.id, entries)
    said = sentence(entries[0], lambda key, **p: translate("en", key, **p), names, {})
    assert said == "**Workspace** scored “Warung sebelah” on “Harga”: 4"


def test_a_workshop_participant_cannot_restore_a_canvas(store: Store, board) -> None:
    from core.errors import NotFound
    from workshop import joining

    project, cv = board
    start = history_snapshots.take_snapshot(store, WORKSPACE, project.id, "Start")
    opened = joining.open_workshop(store, WORKSPACE, cv.id, facilitator_name="Bu Rina")
    facilitator = joining.facilitator_access(store, opened.facilitator_token).actor
    with pytest.raises(NotFound):
        history_restore.restore_canvas(store, facilitator, cv.id, start.id)
    with pytest.raises(NotFound):
        history_timeline.timeline(store, facilitator, project.id)


def test_a_note_a_restore_removed_comes_back_with_its_links(store: Store, board) -> None:
    project, cv = board
    notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(cv.id), "jobs", "Beli kopi")
    start = history_snapshots.take_snapshot(store, WORKSPACE, project.id, "Start")
    pain = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(cv.id), "pains", "Antre lama")
    reliever = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(cv.id), "relievers", "Aplikasi")
    links.add_link(store, WORKSPACE, cv.id, reliever.id, pain.id)
    history_restore.restore_canvas(store, WORKSPACE, cv.id, start.id)
    assert _texts(store, cv.id) == {"Beli kopi": "jobs"}
    notes.restore_note(store, WORKSPACE, NoteOwner.of_canvas(cv.id), pain.id)
    notes.restore_note(store, WORKSPACE, NoteOwner.of_canvas(cv.id), reliever.id)
    assert len(canvases.load_board(store, WORKSPACE, cv.id).links) == 1
