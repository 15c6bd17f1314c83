"""The canvas service on SQLite and PostgreSQL: canvases, notes, ownership, links, undo."""

from __future__ import annotations

import pytest

from canvas import canvases, links, notes
from canvas.models import Area, NoteOwner
from core.actors import FacilitatorActor, ParticipantActor
from core.errors import Forbidden, InvalidInput, NotFound, StaleVersion
from projects.service import create_project
from storage.store import Store
from tests.actors import WORKSPACE


@pytest.fixture
def project(store: Store):
    return create_project(store, WORKSPACE, "Kopi Kenangan", language="id")


def _persona(store: Store, project_id: str) -> str:
    from personas.service import create_persona

    return create_persona(store, WORKSPACE, project_id, name="Sari").id


def test_create_rename_delete_restore_canvas(store: Store, project) -> None:
    segment = store.segments.insert(project.id, {"name": "Mahasiswa"})
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "  Main  ", segment_id=segment.id)
    assert canvas.name == "Main" and canvas.segment_id == segment.id
    renamed = canvases.rename_canvas(store, WORKSPACE, canvas.id, canvas.version, "Utama")
    assert renamed.name == "Utama"
    with pytest.raises(StaleVersion):
        canvases.rename_canvas(store, WORKSPACE, canvas.id, canvas.version, "Again")
    with pytest.raises(InvalidInput):
        canvases.rename_canvas(store, WORKSPACE, canvas.id, renamed.version, "   ")
    canvases.delete_canvas(store, WORKSPACE, canvas.id)
    assert canvases.list_canvases(store, WORKSPACE, project.id) == []
    assert [c.id for c in canvases.deleted_canvases(store, WORKSPACE, project.id)] == [canvas.id]
    canvases.restore_canvas(store, WORKSPACE, canvas.id)
    assert [c.id for c in canvases.list_canvases(store, WORKSPACE, project.id)] == [canvas.id]


def test_canvas_refuses_segment_of_unknown_id(store: Store, project) -> None:
    with pytest.raises(NotFound):
        canvases.create_canvas(store, WORKSPACE, project.id, "X", segment_id="nope")


def test_profile_items_of_a_persona_canvas_belong_to_the_persona(store: Store, project) -> None:
    persona_id = _persona(store, project.id)
    a = canvases.create_canvas(store, WORKSPACE, project.id, "A", persona_id=persona_id)
    b = canvases.create_canvas(store, WORKSPACE, project.id, "B", persona_id=persona_id)
    pain = notes.add_note(
        store, WORKSPACE, NoteOwner.of_canvas(a.id), Area.PAINS, "Antre lama saat jam makan siang", rank=5
    )
    reliever = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(a.id), "relievers", "Pesan lewat aplikasi")
    assert pain.persona_id == persona_id and pain.canvas_id is None
    assert reliever.canvas_id == a.id and reliever.persona_id is None
    # B shows the same profile, but not A's value map
    ids_b = {item.id for item in canvases.load_board(store, WORKSPACE, b.id).items}
    assert pain.id in ids_b and reliever.id not in ids_b
    shared = notes.add_note(store, WORKSPACE, NoteOwner.of_persona(persona_id), "gains", "Kopi siap saat tiba", rank=4)
    assert shared.id in {item.id for item in canvases.load_board(store, WORKSPACE, a.id).items}
    with pytest.raises(InvalidInput):
        notes.add_note(store, WORKSPACE, NoteOwner.of_persona(persona_id), "relievers", "x")


def test_bad_notes_are_refused_with_catalog_keys(store: Store, project) -> None:
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "A")
    with pytest.raises(InvalidInput) as empty:
        notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "pains", "   ")
    assert empty.value.problems[0][1] == "error.field.empty"
    with pytest.raises(InvalidInput) as long:
        notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "pains", "x" * 5000)
    assert long.value.problems[0][1] == "error.field.too_long"
    with pytest.raises(InvalidInput):
        notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "nowhere", "text")
    with pytest.raises(InvalidInput):
        notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "pains", "text", rank=9)
    script = notes.add_note(
        store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "pains", "<img src=x onerror=alert(1)> 😀 sangat lambat"
    )
    assert script.text == "<img src=x onerror=alert(1)> 😀 sangat lambat"
    assert [i.id for i in canvases.load_board(store, WORKSPACE, canvas.id).items] == [script.id]


def test_update_is_versioned_and_reports_deleted_notes(store: Store, project) -> None:
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "A")
    item = notes.add_note(
        store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "jobs", "Menyiapkan laporan bulanan", job_type="functional"
    )
    edited = notes.update_note(
        store, WORKSPACE, NoteOwner.of_canvas(canvas.id), item.id, item.version, text="Menyusun laporan bulanan", rank=5
    )
    assert edited.text == "Menyusun laporan bulanan" and edited.rank == 5 and edited.version == item.version + 1
    with pytest.raises(StaleVersion) as stale:
        notes.update_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), item.id, item.version, text="mine")
    assert stale.value.current.text == "Menyusun laporan bulanan"
    notes.delete_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), item.id, edited.version)
    with pytest.raises(notes.ItemDeleted) as gone:
        notes.update_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), item.id, edited.version, text="mine")
    assert gone.value.current.text == "Menyusun laporan bulanan"
    with pytest.raises(InvalidInput):
        notes.update_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), item.id, edited.version, text="")


def test_move_between_areas_reowns_and_drops_invalid_links(store: Store, project) -> None:
    persona_id = _persona(store, project.id)
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "A", persona_id=persona_id)
    job = notes.add_note(
        store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "jobs", "Membayar tagihan", job_type="social"
    )
    pain = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "pains", "Biaya admin tinggi")
    reliever = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "relievers", "Tanpa biaya admin")
    link = links.add_link(store, WORKSPACE, canvas.id, reliever.id, pain.id)
    # profile -> profile: link from a reliever to a gain is invalid, so it goes
    moved = notes.update_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), pain.id, pain.version, area="gains")
    assert moved.area == Area.GAINS and moved.persona_id == persona_id
    assert canvases.load_board(store, WORKSPACE, canvas.id).links == []
    # type follows area
    as_pain = notes.update_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), job.id, job.version, area="pains")
    assert as_pain.job_type is None
    # profile (persona-owned) -> value map needs a canvas (not from the persona's page), then belongs to it
    with pytest.raises(InvalidInput):
        notes.update_note(
            store, WORKSPACE, NoteOwner.of_persona(persona_id), as_pain.id, as_pain.version, area="products"
        )
    product = notes.update_note(
        store, WORKSPACE, NoteOwner.of_canvas(canvas.id), as_pain.id, as_pain.version, area="products"
    )
    assert product.canvas_id == canvas.id and product.persona_id is None
    # value map -> profile of a persona canvas: to the persona
    back = notes.update_note(
        store, WORKSPACE, NoteOwner.of_canvas(canvas.id), reliever.id, reliever.version, area="pains"
    )
    assert back.persona_id == persona_id and back.canvas_id is None
    assert link.id  # the original link was soft-deleted, not lost


def test_links_rules_duplicates_and_undo(store: Store, project) -> None:
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "A")
    pain = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "pains", "Menunggu lama")
    gain = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "gains", "Dilayani cepat")
    reliever = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "relievers", "Antrian online")
    with pytest.raises(InvalidInput) as wrong:
        links.add_link(store, WORKSPACE, canvas.id, reliever.id, gain.id)
    assert wrong.value.problems[0][1] == "canvas.error.link_not_allowed"
    with pytest.raises(InvalidInput) as backwards:
        links.add_link(store, WORKSPACE, canvas.id, pain.id, reliever.id)
    assert backwards.value.problems[0][1] == "canvas.error.link_from_profile"
    first = links.add_link(store, WORKSPACE, canvas.id, reliever.id, pain.id, "partial")
    again = links.add_link(store, WORKSPACE, canvas.id, reliever.id, pain.id, "full")
    assert again.id == first.id and again.strength == "full"
    assert len(canvases.load_board(store, WORKSPACE, canvas.id).links) == 1
    with pytest.raises(InvalidInput):
        links.add_link(store, WORKSPACE, canvas.id, reliever.id, pain.id, "strong")
    # deleting a note hides its links; undo brings both back
    notes.delete_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), pain.id)
    board = canvases.load_board(store, WORKSPACE, canvas.id)
    assert pain.id not in board.by_id and board.links == []
    notes.restore_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), pain.id)
    assert [link.id for link in canvases.load_board(store, WORKSPACE, canvas.id).links] == [first.id]
    links.remove_link(store, WORKSPACE, canvas.id, first.id)
    assert canvases.load_board(store, WORKSPACE, canvas.id).links == []
    links.restore_link(store, WORKSPACE, canvas.id, first.id)
    assert len(canvases.load_board(store, WORKSPACE, canvas.id).links) == 1


def test_link_to_another_canvas_is_refused(store: Store, project) -> None:
    a = canvases.create_canvas(store, WORKSPACE, project.id, "A")
    b = canvases.create_canvas(store, WORKSPACE, project.id, "B")
    pain_b = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(b.id), "pains", "Lambat")
    reliever_a = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(a.id), "relievers", "Cepat")
    with pytest.raises(NotFound):
        links.add_link(store, WORKSPACE, a.id, reliever_a.id, pain_b.id)


def test_duplicate_copies_value_map_and_links(store: Store, project) -> None:
    persona_id = _persona(store, project.id)
    plain = canvases.create_canvas(store, WORKSPACE, project.id, "Plain")
    pain = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(plain.id), "pains", "Ongkir mahal", rank=5)
    reliever = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(plain.id), "relievers", "Gratis ongkir")
    links.add_link(store, WORKSPACE, plain.id, reliever.id, pain.id, "partial")
    copy = canvases.duplicate_canvas(store, WORKSPACE, plain.id, "Plain (copy)")
    board = canvases.load_board(store, WORKSPACE, copy.id)
    assert {i.text for i in board.items} == {"Ongkir mahal", "Gratis ongkir"}
    assert not ({i.id for i in board.items} & {pain.id, reliever.id})
    assert len(board.links) == 1 and board.links[0].strength == "partial"

    with_persona = canvases.create_canvas(store, WORKSPACE, project.id, "P", persona_id=persona_id)
    shared = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(with_persona.id), "pains", "Ongkir mahal")
    own = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(with_persona.id), "relievers", "Gratis ongkir")
    links.add_link(store, WORKSPACE, with_persona.id, own.id, shared.id)
    twin = canvases.duplicate_canvas(store, WORKSPACE, with_persona.id, "P2")
    twin_board = canvases.load_board(store, WORKSPACE, twin.id)
    assert twin.persona_id == persona_id
    assert shared.id in twin_board.by_id and own.id not in twin_board.by_id
    assert twin_board.links[0].target_id == shared.id


def test_hidden_notes_only_when_asked(store: Store, project) -> None:
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "A")
    hidden = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "pains", "Rahasia", hidden=True)
    assert canvases.load_board(store, WORKSPACE, canvas.id).items == []
    assert [i.id for i in canvases.load_board(store, WORKSPACE, canvas.id, include_hidden=True).items] == [hidden.id]
    revealed = notes.update_note(
        store, WORKSPACE, NoteOwner.of_canvas(canvas.id), hidden.id, hidden.version, hidden=False
    )
    assert revealed.hidden is False


def test_changing_the_persona_drops_links_into_the_old_profile(store: Store, project) -> None:
    first = _persona(store, project.id)
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "A", persona_id=first)
    pain = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "pains", "Ongkir mahal")
    reliever = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "relievers", "Gratis ongkir")
    links.add_link(store, WORKSPACE, canvas.id, reliever.id, pain.id)
    from personas.service import create_persona

    second = create_persona(store, WORKSPACE, project.id, name="Budi").id
    moved = canvases.update_canvas(store, WORKSPACE, canvas.id, canvas.version, persona_id=second)
    board = canvases.load_board(store, WORKSPACE, canvas.id)
    assert moved.persona_id == second
    assert pain.id not in board.by_id and reliever.id in board.by_id
    assert board.links == []
    # and the old persona keeps its note
    assert [i.id for i in store.items.for_persona(first)] == [pain.id]


# -- ids from the browser reach only what is on the canvas on screen (issue #12, defect 3) --


@pytest.fixture
def elsewhere(store: Store, project):
    """A note and a link in another (workspace) project, and on another canvas of this one."""
    other_project = create_project(store, WORKSPACE, "Private plans", language="en")
    far = canvases.create_canvas(store, WORKSPACE, other_project.id, "Secret")
    far_pain = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(far.id), "pains", "Secret pain")
    far_reliever = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(far.id), "relievers", "Secret fix")
    far_link = links.add_link(store, WORKSPACE, far.id, far_reliever.id, far_pain.id)
    near = canvases.create_canvas(store, WORKSPACE, project.id, "Sibling")
    near_pain = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(near.id), "pains", "Sibling pain")
    near_reliever = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(near.id), "relievers", "Sibling fix")
    near_link = links.add_link(store, WORKSPACE, near.id, near_reliever.id, near_pain.id)
    here = canvases.create_canvas(store, WORKSPACE, project.id, "On screen")
    return {
        "here": here,
        "notes": [far_pain, near_pain],
        "relievers": [far_reliever, near_reliever],
        "links": [far_link, near_link],
    }


def _unchanged(store: Store, item) -> None:
    now = store.items.get(item.id)
    assert (now.text, now.version, now.area, now.deleted_at) == (item.text, item.version, item.area, None)


def test_a_foreign_note_id_is_refused_as_not_found_and_left_alone(store: Store, elsewhere) -> None:
    here = elsewhere["here"]
    for foreign in elsewhere["notes"]:
        with pytest.raises(NotFound):
            notes.update_note(
                store, WORKSPACE, NoteOwner.of_canvas(here.id), foreign.id, foreign.version, text="Defaced"
            )
        with pytest.raises(NotFound):
            notes.update_note(
                store, WORKSPACE, NoteOwner.of_canvas(here.id), foreign.id, foreign.version + 1, text="Defaced"
            )
        with pytest.raises(NotFound):
            notes.update_note(store, WORKSPACE, NoteOwner.of_canvas(here.id), foreign.id, foreign.version, area="gains")
        with pytest.raises(NotFound):
            notes.delete_note(store, WORKSPACE, NoteOwner.of_canvas(here.id), foreign.id, foreign.version)
        with pytest.raises(NotFound):
            notes.delete_note(store, WORKSPACE, NoteOwner.of_canvas(here.id), foreign.id)
        _unchanged(store, foreign)
    # restore: a note deleted where it lives can't be brought back from another canvas
    far_pain = elsewhere["notes"][0]
    gone = notes.delete_note(store, WORKSPACE, NoteOwner.of_canvas(far_pain.canvas_id), far_pain.id)
    with pytest.raises(NotFound):
        notes.restore_note(store, WORKSPACE, NoteOwner.of_canvas(here.id), far_pain.id)
    assert store.items.get(far_pain.id, include_deleted=True).deleted_at == gone.deleted_at


def test_a_stale_version_never_carries_a_foreign_note(store: Store, elsewhere) -> None:
    here = elsewhere["here"]
    for foreign in elsewhere["notes"]:
        with pytest.raises(NotFound) as refused:
            notes.update_note(store, WORKSPACE, NoteOwner.of_canvas(here.id), foreign.id, 999, text="x")
        assert not isinstance(refused.value, StaleVersion)
        assert foreign.text not in str(refused.value)


def test_foreign_links_and_link_ends_are_refused(store: Store, elsewhere) -> None:
    here = elsewhere["here"]
    mine = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(here.id), "relievers", "Our fix")
    my_pain = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(here.id), "pains", "Our pain")
    for link in elsewhere["links"]:
        with pytest.raises(NotFound):
            links.remove_link(store, WORKSPACE, here.id, link.id)
        assert store.links.get(link.id).deleted_at is None
    for link in elsewhere["links"]:
        links.remove_link(store, WORKSPACE, link.canvas_id, link.id)
        with pytest.raises(NotFound):
            links.restore_link(store, WORKSPACE, here.id, link.id)
        assert store.links.get(link.id, include_deleted=True).deleted_at is not None
    for pain, reliever in zip(elsewhere["notes"], elsewhere["relievers"], strict=True):
        with pytest.raises(NotFound):
            links.add_link(store, WORKSPACE, here.id, mine.id, pain.id)
        with pytest.raises(NotFound):
            links.add_link(store, WORKSPACE, here.id, reliever.id, my_pain.id)
    assert canvases.load_board(store, WORKSPACE, here.id).links == []
    for link in elsewhere["links"]:  # and nothing was linked where they live either
        assert len(store.links.for_canvas(link.canvas_id)) == 0


def test_a_canvas_of_another_actor_is_out_of_reach(store: Store, project) -> None:
    from classroom import service as classes
    from projects import class_links

    created = classes.create_class(store, WORKSPACE, "Pemasaran B", language="id")
    joined = classes.join_class(store, created.classroom.join_code, "Tim 1", client="test")
    group = class_links.group_actor(store, joined.token)
    lecturer = class_links.lecturer_actor(store, created.lecturer_token)
    group_canvas = canvases.create_canvas(store, group, joined.group.project_id, "Kanvas Tim 1")
    note = notes.add_note(store, group, NoteOwner.of_canvas(group_canvas.id), "pains", "Antre lama")
    workspace_canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Private")
    secret = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(workspace_canvas.id), "pains", "Secret")

    # the group reaches its own canvas, not the workspace's, not even with its own canvas id
    with pytest.raises(NotFound):
        notes.update_note(store, group, NoteOwner.of_canvas(group_canvas.id), secret.id, secret.version, text="x")
    with pytest.raises((NotFound, Forbidden)):
        notes.update_note(store, group, NoteOwner.of_canvas(workspace_canvas.id), secret.id, secret.version, text="x")
    with pytest.raises((NotFound, Forbidden)):
        canvases.load_board(store, group, workspace_canvas.id)
    _unchanged(store, secret)

    # the lecturer reads the group's board but writes nothing
    assert [i.id for i in canvases.load_board(store, lecturer, group_canvas.id).items] == [note.id]
    with pytest.raises(Forbidden):
        notes.update_note(
            store, lecturer, NoteOwner.of_canvas(group_canvas.id), note.id, note.version, text="Nilai saya"
        )
    with pytest.raises(Forbidden):
        notes.delete_note(store, lecturer, NoteOwner.of_canvas(group_canvas.id), note.id)
    with pytest.raises(Forbidden):
        notes.add_note(store, lecturer, NoteOwner.of_canvas(group_canvas.id), "pains", "x")
    with pytest.raises(Forbidden):
        canvases.create_canvas(store, lecturer, joined.group.project_id, "x")
    _unchanged(store, note)


def test_a_workshop_participant_changes_only_their_own_notes(store: Store, project) -> None:
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Workshop")

    def participant(pid: str, name: str) -> ParticipantActor:
        return ParticipantActor("w1", project.id, canvas.id, pid, name)

    ani, budi = participant("p-ani", "Ani"), participant("p-budi", "Budi")
    facilitator = FacilitatorActor("w1", project.id, canvas.id, "p-dewi", "Dewi")
    mine = notes.add_note(store, ani, NoteOwner.of_canvas(canvas.id), "pains", "Ani's pain")
    assert (mine.author, mine.participant_id) == ("Ani", "p-ani")
    theirs = notes.add_note(store, budi, NoteOwner.of_canvas(canvas.id), "pains", "Budi's pain")
    with pytest.raises(Forbidden):
        notes.update_note(store, ani, NoteOwner.of_canvas(canvas.id), theirs.id, theirs.version, text="Ani was here")
    with pytest.raises(Forbidden):
        notes.delete_note(store, ani, NoteOwner.of_canvas(canvas.id), theirs.id)
    _unchanged(store, theirs)
    edited = notes.update_note(store, ani, NoteOwner.of_canvas(canvas.id), mine.id, mine.version, text="Ani's own pain")
    notes.delete_note(store, ani, NoteOwner.of_canvas(canvas.id), mine.id, edited.version)
    with pytest.raises(Forbidden):
        notes.restore_note(store, budi, NoteOwner.of_canvas(canvas.id), mine.id)
    notes.restore_note(store, ani, NoteOwner.of_canvas(canvas.id), mine.id)
    # the facilitator may tidy anyone's note; nobody in the workshop reaches another canvas
    notes.update_note(
        store, facilitator, NoteOwner.of_canvas(canvas.id), theirs.id, theirs.version, text="Budi's pain (merged)"
    )
    other = canvases.create_canvas(store, WORKSPACE, project.id, "Other")
    with pytest.raises(NotFound):
        canvases.load_board(store, facilitator, other.id)
