"""The canvas service on SQLite and PostgreSQL: canvases, notes, ownership, links, undo."""

from __future__ import annotations

import pytest

from canvas import service
from canvas.models import Area
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
    canvas = service.create_canvas(store, WORKSPACE, project.id, "  Main  ", segment_id=segment.id)
    assert canvas.name == "Main" and canvas.segment_id == segment.id
    renamed = service.rename_canvas(store, WORKSPACE, canvas.id, canvas.version, "Utama")
    assert renamed.name == "Utama"
    with pytest.raises(StaleVersion):
        service.rename_canvas(store, WORKSPACE, canvas.id, canvas.version, "Again")
    with pytest.raises(InvalidInput):
        service.rename_canvas(store, WORKSPACE, canvas.id, renamed.version, "   ")
    service.delete_canvas(store, WORKSPACE, canvas.id)
    assert service.list_canvases(store, WORKSPACE, project.id) == []
    assert [c.id for c in service.deleted_canvases(store, WORKSPACE, project.id)] == [canvas.id]
    service.restore_canvas(store, WORKSPACE, canvas.id)
    assert [c.id for c in service.list_canvases(store, WORKSPACE, project.id)] == [canvas.id]


def test_canvas_refuses_segment_of_unknown_id(store: Store, project) -> None:
    with pytest.raises(NotFound):
        service.create_canvas(store, WORKSPACE, project.id, "X", segment_id="nope")


def test_profile_items_of_a_persona_canvas_belong_to_the_persona(store: Store, project) -> None:
    persona_id = _persona(store, project.id)
    a = service.create_canvas(store, WORKSPACE, project.id, "A", persona_id=persona_id)
    b = service.create_canvas(store, WORKSPACE, project.id, "B", persona_id=persona_id)
    pain = service.add_item(store, WORKSPACE, a.id, Area.PAINS, "Antre lama saat jam makan siang", rank=5)
    reliever = service.add_item(store, WORKSPACE, a.id, "relievers", "Pesan lewat aplikasi")
    assert pain.persona_id == persona_id and pain.canvas_id is None
    assert reliever.canvas_id == a.id and reliever.persona_id is None
    # B shows the same profile, but not A's value map
    ids_b = {item.id for item in service.load_board(store, WORKSPACE, b.id).items}
    assert pain.id in ids_b and reliever.id not in ids_b
    shared = service.add_profile_item(store, WORKSPACE, persona_id, "gains", "Kopi siap saat tiba", rank=4)
    assert shared.id in {item.id for item in service.load_board(store, WORKSPACE, a.id).items}
    with pytest.raises(InvalidInput):
        service.add_profile_item(store, WORKSPACE, persona_id, "relievers", "x")


def test_bad_notes_are_refused_with_catalog_keys(store: Store, project) -> None:
    canvas = service.create_canvas(store, WORKSPACE, project.id, "A")
    with pytest.raises(InvalidInput) as empty:
        service.add_item(store, WORKSPACE, canvas.id, "pains", "   ")
    assert empty.value.problems[0][1] == "error.field.empty"
    with pytest.raises(InvalidInput) as long:
        service.add_item(store, WORKSPACE, canvas.id, "pains", "x" * 5000)
    assert long.value.problems[0][1] == "error.field.too_long"
    with pytest.raises(InvalidInput):
        service.add_item(store, WORKSPACE, canvas.id, "nowhere", "text")
    with pytest.raises(InvalidInput):
        service.add_item(store, WORKSPACE, canvas.id, "pains", "text", rank=9)
    script = service.add_item(store, WORKSPACE, canvas.id, "pains", "<img src=x onerror=alert(1)> 😀 sangat lambat")
    assert script.text == "<img src=x onerror=alert(1)> 😀 sangat lambat"
    assert [i.id for i in service.load_board(store, WORKSPACE, canvas.id).items] == [script.id]


def test_update_is_versioned_and_reports_deleted_notes(store: Store, project) -> None:
    canvas = service.create_canvas(store, WORKSPACE, project.id, "A")
    item = service.add_item(store, WORKSPACE, canvas.id, "jobs", "Menyiapkan laporan bulanan", job_type="functional")
    edited = service.update_item(
        store, WORKSPACE, canvas.id, item.id, item.version, text="Menyusun laporan bulanan", rank=5
    )
    assert edited.text == "Menyusun laporan bulanan" and edited.rank == 5 and edited.version == item.version + 1
    with pytest.raises(StaleVersion) as stale:
        service.update_item(store, WORKSPACE, canvas.id, item.id, item.version, text="mine")
    assert stale.value.current.text == "Menyusun laporan bulanan"
    service.delete_item(store, WORKSPACE, canvas.id, item.id, edited.version)
    with pytest.raises(service.ItemDeleted) as gone:
        service.update_item(store, WORKSPACE, canvas.id, item.id, edited.version, text="mine")
    assert gone.value.current.text == "Menyusun laporan bulanan"
    with pytest.raises(InvalidInput):
        service.update_item(store, WORKSPACE, canvas.id, item.id, edited.version, text="")


def test_move_between_areas_reowns_and_drops_invalid_links(store: Store, project) -> None:
    persona_id = _persona(store, project.id)
    canvas = service.create_canvas(store, WORKSPACE, project.id, "A", persona_id=persona_id)
    job = service.add_item(store, WORKSPACE, canvas.id, "jobs", "Membayar tagihan", job_type="social")
    pain = service.add_item(store, WORKSPACE, canvas.id, "pains", "Biaya admin tinggi")
    reliever = service.add_item(store, WORKSPACE, canvas.id, "relievers", "Tanpa biaya admin")
    link = service.add_link(store, WORKSPACE, canvas.id, reliever.id, pain.id)
    # profile -> profile: link from a reliever to a gain is invalid, so it goes
    moved = service.update_item(store, WORKSPACE, canvas.id, pain.id, pain.version, area="gains")
    assert moved.area == Area.GAINS and moved.persona_id == persona_id
    assert service.load_board(store, WORKSPACE, canvas.id).links == []
    # type follows area
    as_pain = service.update_item(store, WORKSPACE, canvas.id, job.id, job.version, area="pains")
    assert as_pain.job_type is None
    # profile (persona-owned) -> value map needs a canvas (not from the persona's page), then belongs to it
    with pytest.raises(InvalidInput):
        service.update_profile_item(store, WORKSPACE, persona_id, as_pain.id, as_pain.version, area="products")
    product = service.update_item(store, WORKSPACE, canvas.id, as_pain.id, as_pain.version, area="products")
    assert product.canvas_id == canvas.id and product.persona_id is None
    # value map -> profile of a persona canvas: to the persona
    back = service.update_item(store, WORKSPACE, canvas.id, reliever.id, reliever.version, area="pains")
    assert back.persona_id == persona_id and back.canvas_id is None
    assert link.id  # the original link was soft-deleted, not lost


def test_links_rules_duplicates_and_undo(store: Store, project) -> None:
    canvas = service.create_canvas(store, WORKSPACE, project.id, "A")
    pain = service.add_item(store, WORKSPACE, canvas.id, "pains", "Menunggu lama")
    gain = service.add_item(store, WORKSPACE, canvas.id, "gains", "Dilayani cepat")
    reliever = service.add_item(store, WORKSPACE, canvas.id, "relievers", "Antrian online")
    with pytest.raises(InvalidInput) as wrong:
        service.add_link(store, WORKSPACE, canvas.id, reliever.id, gain.id)
    assert wrong.value.problems[0][1] == "canvas.error.link_not_allowed"
    with pytest.raises(InvalidInput) as backwards:
        service.add_link(store, WORKSPACE, canvas.id, pain.id, reliever.id)
    assert backwards.value.problems[0][1] == "canvas.error.link_from_profile"
    first = service.add_link(store, WORKSPACE, canvas.id, reliever.id, pain.id, "partial")
    again = service.add_link(store, WORKSPACE, canvas.id, reliever.id, pain.id, "full")
    assert again.id == first.id and again.strength == "full"
    assert len(service.load_board(store, WORKSPACE, canvas.id).links) == 1
    with pytest.raises(InvalidInput):
        service.add_link(store, WORKSPACE, canvas.id, reliever.id, pain.id, "strong")
    # deleting a note hides its links; undo brings both back
    service.delete_item(store, WORKSPACE, canvas.id, pain.id)
    board = service.load_board(store, WORKSPACE, canvas.id)
    assert pain.id not in board.by_id and board.links == []
    service.restore_item(store, WORKSPACE, canvas.id, pain.id)
    assert [link.id for link in service.load_board(store, WORKSPACE, canvas.id).links] == [first.id]
    service.remove_link(store, WORKSPACE, canvas.id, first.id)
    assert service.load_board(store, WORKSPACE, canvas.id).links == []
    service.restore_link(store, WORKSPACE, canvas.id, first.id)
    assert len(service.load_board(store, WORKSPACE, canvas.id).links) == 1


def test_link_to_another_canvas_is_refused(store: Store, project) -> None:
    a = service.create_canvas(store, WORKSPACE, project.id, "A")
    b = service.create_canvas(store, WORKSPACE, project.id, "B")
    pain_b = service.add_item(store, WORKSPACE, b.id, "pains", "Lambat")
    reliever_a = service.add_item(store, WORKSPACE, a.id, "relievers", "Cepat")
    with pytest.raises(NotFound):
        service.add_link(store, WORKSPACE, a.id, reliever_a.id, pain_b.id)


def test_duplicate_copies_value_map_and_links(store: Store, project) -> None:
    persona_id = _persona(store, project.id)
    plain = service.create_canvas(store, WORKSPACE, project.id, "Plain")
    pain = service.add_item(store, WORKSPACE, plain.id, "pains", "Ongkir mahal", rank=5)
    reliever = service.add_item(store, WORKSPACE, plain.id, "relievers", "Gratis ongkir")
    service.add_link(store, WORKSPACE, plain.id, reliever.id, pain.id, "partial")
    copy = service.duplicate_canvas(store, WORKSPACE, plain.id, "Plain (copy)")
    board = service.load_board(store, WORKSPACE, copy.id)
    assert {i.text for i in board.items} == {"Ongkir mahal", "Gratis ongkir"}
    assert not ({i.id for i in board.items} & {pain.id, reliever.id})
    assert len(board.links) == 1 and board.links[0].strength == "partial"

    with_persona = service.create_canvas(store, WORKSPACE, project.id, "P", persona_id=persona_id)
    shared = service.add_item(store, WORKSPACE, with_persona.id, "pains", "Ongkir mahal")
    own = service.add_item(store, WORKSPACE, with_persona.id, "relievers", "Gratis ongkir")
    service.add_link(store, WORKSPACE, with_persona.id, own.id, shared.id)
    twin = service.duplicate_canvas(store, WORKSPACE, with_persona.id, "P2")
    twin_board = service.load_board(store, WORKSPACE, twin.id)
    assert twin.persona_id == persona_id
    assert shared.id in twin_board.by_id and own.id not in twin_board.by_id
    assert twin_board.links[0].target_id == shared.id


def test_hidden_notes_only_when_asked(store: Store, project) -> None:
    canvas = service.create_canvas(store, WORKSPACE, project.id, "A")
    hidden = service.add_item(store, WORKSPACE, canvas.id, "pains", "Rahasia", hidden=True)
    assert service.load_board(store, WORKSPACE, canvas.id).items == []
    assert [i.id for i in service.load_board(store, WORKSPACE, canvas.id, include_hidden=True).items] == [hidden.id]
    revealed = service.update_item(store, WORKSPACE, canvas.id, hidden.id, hidden.version, hidden=False)
    assert revealed.hidden is False


def test_changing_the_persona_drops_links_into_the_old_profile(store: Store, project) -> None:
    first = _persona(store, project.id)
    canvas = service.create_canvas(store, WORKSPACE, project.id, "A", persona_id=first)
    pain = service.add_item(store, WORKSPACE, canvas.id, "pains", "Ongkir mahal")
    reliever = service.add_item(store, WORKSPACE, canvas.id, "relievers", "Gratis ongkir")
    service.add_link(store, WORKSPACE, canvas.id, reliever.id, pain.id)
    from personas.service import create_persona

    second = create_persona(store, WORKSPACE, project.id, name="Budi").id
    moved = service.update_canvas(store, WORKSPACE, canvas.id, canvas.version, persona_id=second)
    board = service.load_board(store, WORKSPACE, canvas.id)
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
    far = service.create_canvas(store, WORKSPACE, other_project.id, "Secret")
    far_pain = service.add_item(store, WORKSPACE, far.id, "pains", "Secret pain")
    far_reliever = service.add_item(store, WORKSPACE, far.id, "relievers", "Secret fix")
    far_link = service.add_link(store, WORKSPACE, far.id, far_reliever.id, far_pain.id)
    near = service.create_canvas(store, WORKSPACE, project.id, "Sibling")
    near_pain = service.add_item(store, WORKSPACE, near.id, "pains", "Sibling pain")
    near_reliever = service.add_item(store, WORKSPACE, near.id, "relievers", "Sibling fix")
    near_link = service.add_link(store, WORKSPACE, near.id, near_reliever.id, near_pain.id)
    here = service.create_canvas(store, WORKSPACE, project.id, "On screen")
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
            service.update_item(store, WORKSPACE, here.id, foreign.id, foreign.version, text="Defaced")
        with pytest.raises(NotFound):
            service.update_item(store, WORKSPACE, here.id, foreign.id, foreign.version + 1, text="Defaced")
        with pytest.raises(NotFound):
            service.update_item(store, WORKSPACE, here.id, foreign.id, foreign.version, area="gains")
        with pytest.raises(NotFound):
            service.delete_item(store, WORKSPACE, here.id, foreign.id, foreign.version)
        with pytest.raises(NotFound):
            service.delete_item(store, WORKSPACE, here.id, foreign.id)
        _unchanged(store, foreign)
    # restore: a note deleted where it lives can't be brought back from another canvas
    far_pain = elsewhere["notes"][0]
    gone = service.delete_item(store, WORKSPACE, far_pain.canvas_id, far_pain.id)
    with pytest.raises(NotFound):
        service.restore_item(store, WORKSPACE, here.id, far_pain.id)
    assert store.items.get(far_pain.id, include_deleted=True).deleted_at == gone.deleted_at


def test_a_stale_version_never_carries_a_foreign_note(store: Store, elsewhere) -> None:
    here = elsewhere["here"]
    for foreign in elsewhere["notes"]:
        with pytest.raises(NotFound) as refused:
            service.update_item(store, WORKSPACE, here.id, foreign.id, 999, text="x")
        assert not isinstance(refused.value, StaleVersion)
        assert foreign.text not in str(refused.value)


def test_foreign_links_and_link_ends_are_refused(store: Store, elsewhere) -> None:
    here = elsewhere["here"]
    mine = service.add_item(store, WORKSPACE, here.id, "relievers", "Our fix")
    my_pain = service.add_item(store, WORKSPACE, here.id, "pains", "Our pain")
    for link in elsewhere["links"]:
        with pytest.raises(NotFound):
            service.remove_link(store, WORKSPACE, here.id, link.id)
        assert store.links.get(link.id).deleted_at is None
    for link in elsewhere["links"]:
        service.remove_link(store, WORKSPACE, link.canvas_id, link.id)
        with pytest.raises(NotFound):
            service.restore_link(store, WORKSPACE, here.id, link.id)
        assert store.links.get(link.id, include_deleted=True).deleted_at is not None
    for pain, reliever in zip(elsewhere["notes"], elsewhere["relievers"], strict=True):
        with pytest.raises(NotFound):
            service.add_link(store, WORKSPACE, here.id, mine.id, pain.id)
        with pytest.raises(NotFound):
            service.add_link(store, WORKSPACE, here.id, reliever.id, my_pain.id)
    assert service.load_board(store, WORKSPACE, here.id).links == []
    for link in elsewhere["links"]:  # and nothing was linked where they live either
        assert len(store.links.for_canvas(link.canvas_id)) == 0


def test_a_canvas_of_another_actor_is_out_of_reach(store: Store, project) -> None:
    from classroom import access as class_access
    from classroom import service as classes

    created = classes.create_class(store, WORKSPACE, "Pemasaran B", language="id")
    joined = classes.join_class(store, created.classroom.join_code, "Tim 1", client="test")
    group = class_access.group_actor(store, joined.token)
    lecturer = class_access.lecturer_actor(store, created.lecturer_token)
    group_canvas = service.create_canvas(store, group, joined.group.project_id, "Kanvas Tim 1")
    note = service.add_item(store, group, group_canvas.id, "pains", "Antre lama")
    workspace_canvas = service.create_canvas(store, WORKSPACE, project.id, "Private")
    secret = service.add_item(store, WORKSPACE, workspace_canvas.id, "pains", "Secret")

    # the group reaches its own canvas, not the workspace's, not even with its own canvas id
    with pytest.raises(NotFound):
        service.update_item(store, group, group_canvas.id, secret.id, secret.version, text="x")
    with pytest.raises((NotFound, Forbidden)):
        service.update_item(store, group, workspace_canvas.id, secret.id, secret.version, text="x")
    with pytest.raises((NotFound, Forbidden)):
        service.load_board(store, group, workspace_canvas.id)
    _unchanged(store, secret)

    # the lecturer reads the group's board but writes nothing
    assert [i.id for i in service.load_board(store, lecturer, group_canvas.id).items] == [note.id]
    with pytest.raises(Forbidden):
        service.update_item(store, lecturer, group_canvas.id, note.id, note.version, text="Nilai saya")
    with pytest.raises(Forbidden):
        service.delete_item(store, lecturer, group_canvas.id, note.id)
    with pytest.raises(Forbidden):
        service.add_item(store, lecturer, group_canvas.id, "pains", "x")
    with pytest.raises(Forbidden):
        service.create_canvas(store, lecturer, joined.group.project_id, "x")
    _unchanged(store, note)


def test_a_workshop_participant_changes_only_their_own_notes(store: Store, project) -> None:
    canvas = service.create_canvas(store, WORKSPACE, project.id, "Workshop")

    def participant(pid: str, name: str) -> ParticipantActor:
        return ParticipantActor("w1", project.id, canvas.id, pid, name)

    ani, budi = participant("p-ani", "Ani"), participant("p-budi", "Budi")
    facilitator = FacilitatorActor("w1", project.id, canvas.id, "p-dewi", "Dewi")
    mine = service.add_item(store, ani, canvas.id, "pains", "Ani's pain")
    assert (mine.author, mine.participant_id) == ("Ani", "p-ani")
    theirs = service.add_item(store, budi, canvas.id, "pains", "Budi's pain")
    with pytest.raises(Forbidden):
        service.update_item(store, ani, canvas.id, theirs.id, theirs.version, text="Ani was here")
    with pytest.raises(Forbidden):
        service.delete_item(store, ani, canvas.id, theirs.id)
    _unchanged(store, theirs)
    edited = service.update_item(store, ani, canvas.id, mine.id, mine.version, text="Ani's own pain")
    service.delete_item(store, ani, canvas.id, mine.id, edited.version)
    with pytest.raises(Forbidden):
        service.restore_item(store, budi, canvas.id, mine.id)
    service.restore_item(store, ani, canvas.id, mine.id)
    # the facilitator may tidy anyone's note; nobody in the workshop reaches another canvas
    service.update_item(store, facilitator, canvas.id, theirs.id, theirs.version, text="Budi's pain (merged)")
    other = service.create_canvas(store, WORKSPACE, project.id, "Other")
    with pytest.raises(NotFound):
        service.load_board(store, facilitator, other.id)
