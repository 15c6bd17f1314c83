"""Segments and personas on a real database (SQLite and PostgreSQL via `store`)."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from canvas import notes
from canvas.models import Area, NoteOwner
from core.errors import InvalidInput, NotFound, StaleVersion
from i18n import translate
from personas import avatar
from personas import service as ps
from personas.service import UNASSIGNED
from projects import service as projects
from tests.actors import WORKSPACE


@pytest.fixture
def project(store):
    return projects.create_project(store, WORKSPACE, "Library", language="en")


def _png(width: int = 40, height: int = 30, color=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, format="PNG")
    return out.getvalue()


def _problem_keys(error: InvalidInput) -> dict[str, str]:
    return {field.split(".")[0]: key for field, key, _ in error.problems}


# ------------------------------------------------------------------- segments


def test_segment_round_trip_and_partial_update(store, project):
    segment = ps.create_segment(
        store,
        WORKSPACE,
        project.id,
        name="  Final-year students ",
        size=2400,
        attractiveness=5,
        attractiveness_note="urgent need",
        capability=4,
        decision="target",
        decision_reason="thesis deadlines",
    )
    assert segment.name == "Final-year students"
    assert (segment.attractiveness, segment.capability, segment.decision) == (5, 4, "target")
    updated = ps.update_segment(
        store, WORKSPACE, segment.id, segment.version, decision="exclude", decision_reason="licences"
    )
    assert updated.decision == "exclude" and updated.decision_reason == "licences"
    assert updated.attractiveness == 5 and updated.version == segment.version + 1


@pytest.mark.parametrize("field,value", [("attractiveness", 0), ("attractiveness", 6), ("capability", 9), ("size", -1)])
def test_segment_scores_out_of_range_are_refused_with_a_message(store, project, field, value):
    with pytest.raises(InvalidInput) as caught:
        ps.create_segment(store, WORKSPACE, project.id, name="S", **{field: value})
    assert _problem_keys(caught.value)[field] == "error.field.out_of_range"
    assert ps.list_segments(store, WORKSPACE, project.id) == []


def test_segment_decision_must_be_known(store, project):
    with pytest.raises(InvalidInput) as caught:
        ps.create_segment(store, WORKSPACE, project.id, name="S", decision="maybe")
    assert _problem_keys(caught.value)["decision"] == "error.field.invalid_choice"


def test_stale_segment_edit_is_refused_and_carries_the_current_row(store, project):
    segment = ps.create_segment(store, WORKSPACE, project.id, name="Alumni")
    ps.update_segment(store, WORKSPACE, segment.id, segment.version, name="Alumni (2020+)")
    with pytest.raises(StaleVersion) as caught:
        ps.update_segment(store, WORKSPACE, segment.id, segment.version, name="Graduates")
    assert caught.value.current.name == "Alumni (2020+)"
    assert store.segments.get(segment.id).name == "Alumni (2020+)"


def test_deleting_a_segment_keeps_its_personas_unassigned_and_undo_reattaches(store, project):
    segment = ps.create_segment(store, WORKSPACE, project.id, name="Lecturers")
    persona = ps.create_persona(store, WORKSPACE, project.id, name="Dimas", segment_id=segment.id)

    ps.delete_segment(store, WORKSPACE, segment.id)

    kept = store.personas.get(persona.id)
    assert kept.segment_id == segment.id  # the link stays, so undo can re-attach
    [entry] = ps.gallery(store, WORKSPACE, project.id)
    assert entry.persona.id == persona.id and entry.segment is None and not entry.assigned
    assert [e.persona.id for e in ps.gallery(store, WORKSPACE, project.id, UNASSIGNED)] == [persona.id]
    assert ps.gallery(store, WORKSPACE, project.id, segment.id) == []

    ps.restore_segment(store, WORKSPACE, segment.id)
    [entry] = ps.gallery(store, WORKSPACE, project.id)
    assert entry.segment is not None and entry.segment.id == segment.id


def test_persona_cannot_join_a_deleted_or_foreign_segment(store, project):
    other = projects.create_project(store, WORKSPACE, "Other")
    foreign = ps.create_segment(store, WORKSPACE, other.id, name="Elsewhere")
    gone = ps.create_segment(store, WORKSPACE, project.id, name="Gone")
    ps.delete_segment(store, WORKSPACE, gone.id)
    for segment_id in (foreign.id, gone.id):
        with pytest.raises(InvalidInput) as caught:
            ps.create_persona(store, WORKSPACE, project.id, name="X", segment_id=segment_id)
        assert _problem_keys(caught.value)["segment_id"] == "personas.error.segment_gone"


def test_gallery_filter_by_segment(store, project):
    a = ps.create_segment(store, WORKSPACE, project.id, name="A")
    b = ps.create_segment(store, WORKSPACE, project.id, name="B")
    ps.create_persona(store, WORKSPACE, project.id, name="In A", segment_id=a.id)
    ps.create_persona(store, WORKSPACE, project.id, name="In B", segment_id=b.id)
    ps.create_persona(store, WORKSPACE, project.id, name="Nowhere")
    assert [e.persona.name for e in ps.gallery(store, WORKSPACE, project.id, a.id)] == ["In A"]
    assert [e.persona.name for e in ps.gallery(store, WORKSPACE, project.id, UNASSIGNED)] == ["Nowhere"]
    assert len(ps.gallery(store, WORKSPACE, project.id)) == 3
    assert ps.persona_counts(store, WORKSPACE, project.id) == {a.id: 1, b.id: 1}


# ------------------------------------------------------------------- personas


def test_persona_keeps_every_field(store, project):
    segment = ps.create_segment(store, WORKSPACE, project.id, name="Students")
    persona = ps.create_persona(
        store,
        WORKSPACE,
        project.id,
        name="Rina Putri",
        segment_id=segment.id,
        age=22,
        occupation="Student",
        location="Bandung",
        quote="A quiet seat, please",
        bio="Writes her thesis",
        goals=["Finish", "Graduate"],
        frustrations=["Noise"],
        channels=["Instagram"],
        touchpoints=[
            {"stage": "pre_purchase", "channel": "Instagram", "note": "sees a post"},
            {"stage": "post_purchase", "channel": "Survey"},
        ],
        participation="high",
        roles=["productive_resource", "competitor"],
        knowledge_for="how to book",
        knowledge_from="noisy rooms",
        knowledge_about="studies late",
        nps=9,
    )
    again = store.personas.get(persona.id)
    assert again.goals == ["Finish", "Graduate"]
    assert [(tp.stage, tp.channel, tp.note) for tp in again.touchpoints] == [
        ("pre_purchase", "Instagram", "sees a post"),
        ("post_purchase", "Survey", ""),
    ]
    assert again.participation == "high" and again.roles == ["productive_resource", "competitor"]
    assert (again.knowledge_for, again.knowledge_from, again.knowledge_about) == (
        "how to book",
        "noisy rooms",
        "studies late",
    )
    assert again.nps == 9 and again.age == 22
    assert again.avatar_color == avatar.color_for("Rina Putri")


@pytest.mark.parametrize(
    "changes,field,key",
    [
        ({"nps": 11}, "nps", "error.field.out_of_range"),
        ({"nps": -1}, "nps", "error.field.out_of_range"),
        ({"age": 150}, "age", "error.field.out_of_range"),
        ({"participation": "total"}, "participation", "error.field.invalid_choice"),
        ({"roles": ["boss"]}, "roles", "error.field.invalid_choice"),
        ({"touchpoints": [{"stage": "someday", "channel": "x"}]}, "touchpoints", "error.field.invalid_choice"),
        ({"name": "   "}, "name", "error.field.empty"),
        ({"avatar_color": "red; background:url(x)"}, "avatar_color", "error.field.invalid"),
    ],
)
def test_bad_persona_input_is_refused_and_nothing_changes(store, project, changes, field, key):
    persona = ps.create_persona(store, WORKSPACE, project.id, name="Rina", nps=7)
    with pytest.raises(InvalidInput) as caught:
        ps.update_persona(store, WORKSPACE, persona.id, persona.version, **changes)
    assert _problem_keys(caught.value)[field] == key
    after = store.personas.get(persona.id)
    assert after.version == persona.version and after.nps == 7


def test_html_is_stored_as_plain_text(store, project):
    persona = ps.create_persona(store, WORKSPACE, project.id, name="<script>alert(1)</script>", quote="<b>bold</b>")
    assert store.personas.get(persona.id).name == "<script>alert(1)</script>"


def test_stale_persona_edit_is_refused(store, project):
    persona = ps.create_persona(store, WORKSPACE, project.id, name="Rina")
    ps.update_persona(store, WORKSPACE, persona.id, persona.version, quote="theirs")
    with pytest.raises(StaleVersion) as caught:
        ps.update_persona(store, WORKSPACE, persona.id, persona.version, quote="mine")
    assert caught.value.current.quote == "theirs"


def test_delete_and_restore_persona(store, project):
    persona = ps.create_persona(store, WORKSPACE, project.id, name="Rina")
    item = notes.add_note(store, WORKSPACE, NoteOwner.of_persona(persona.id), "pains", "No seat")
    ps.delete_persona(store, WORKSPACE, persona.id)
    assert ps.list_personas(store, WORKSPACE, project.id) == []
    with pytest.raises(NotFound):
        ps.entry(store, WORKSPACE, project.id, persona.id)
    ps.restore_persona(store, WORKSPACE, persona.id)
    assert [i.id for i in ps.entry(store, WORKSPACE, project.id, persona.id).profile[Area.PAINS]] == [item.id]


# ------------------------------------------------------- one source of truth


def test_persona_items_and_its_canvas_items_are_the_same_rows(store, project):
    persona = ps.create_persona(store, WORKSPACE, project.id, name="Rina")
    pain = notes.add_note(store, WORKSPACE, NoteOwner.of_persona(persona.id), "pains", "No seat after 9am", rank=1)
    canvas = ps.create_canvas_from_persona(store, WORKSPACE, persona.id, "Canvas for Rina")
    assert canvas.persona_id == persona.id

    # The canvas shows the persona's pain: the very same row.
    board_ids = {item.id for item in store.items.for_canvas(canvas)}
    assert pain.id in board_ids

    # A note added on the canvas's customer profile is the persona's.
    gain = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "gains", "Evening opening hours")
    assert gain.persona_id == persona.id and gain.canvas_id is None
    assert gain.id in {i.id for i in ps.entry(store, WORKSPACE, project.id, persona.id).profile[Area.GAINS]}

    # Edit on the canvas, read on the persona (and the other way round).
    notes.update_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), pain.id, pain.version, text="No seat after 8am")
    assert ps.entry(store, WORKSPACE, project.id, persona.id).profile[Area.PAINS][0].text == "No seat after 8am"
    fresh = store.items.get(gain.id)
    notes.update_note(
        store, WORKSPACE, NoteOwner.of_persona(persona.id), gain.id, fresh.version, text="Open until 22:00"
    )
    assert {i.text for i in store.items.for_canvas(canvas)} >= {"No seat after 8am", "Open until 22:00"}

    # Value-map notes stay on the canvas, not on the persona.
    reliever = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "relievers", "Seat booking")
    assert reliever.canvas_id == canvas.id and reliever.persona_id is None
    assert reliever.id not in {
        i.id for area in ps.entry(store, WORKSPACE, project.id, persona.id).profile.values() for i in area
    }

    # Deleting on the persona removes it from the canvas too.
    notes.delete_note(store, WORKSPACE, NoteOwner.of_persona(persona.id), pain.id)
    assert pain.id not in {i.id for i in store.items.for_canvas(canvas)}


def test_canvas_from_persona_takes_its_live_segment_only(store, project):
    segment = ps.create_segment(store, WORKSPACE, project.id, name="Students")
    persona = ps.create_persona(store, WORKSPACE, project.id, name="Rina", segment_id=segment.id)
    assert ps.create_canvas_from_persona(store, WORKSPACE, persona.id, "One").segment_id == segment.id
    ps.delete_segment(store, WORKSPACE, segment.id)
    assert ps.create_canvas_from_persona(store, WORKSPACE, persona.id, "Two").segment_id is None
    assert {c.name for c in ps.canvases_for_persona(store, WORKSPACE, persona.id)} == {"One", "Two"}


def test_profile_is_ranked_and_hides_workshop_hidden_notes(store, project):
    persona = ps.create_persona(store, WORKSPACE, project.id, name="Rina")
    # 5 is the top, as on the canvas (canvas.ranking): the extreme pain comes first.
    notes.add_note(store, WORKSPACE, NoteOwner.of_persona(persona.id), "pains", "minor", rank=2)
    notes.add_note(store, WORKSPACE, NoteOwner.of_persona(persona.id), "pains", "extreme", rank=5)
    notes.add_note(store, WORKSPACE, NoteOwner.of_persona(persona.id), "pains", "secret", rank=5, hidden=True)
    assert [i.text for i in ps.entry(store, WORKSPACE, project.id, persona.id).profile[Area.PAINS]] == [
        "extreme",
        "minor",
    ]
    [entry] = ps.gallery(store, WORKSPACE, project.id)
    assert [i.text for i in entry.top(Area.PAINS)] == ["extreme", "minor"]


# ----------------------------------------------------------------- duplicate


def test_duplicate_copies_fields_picture_and_profile_items_as_new_rows(store, project):
    segment = ps.create_segment(store, WORKSPACE, project.id, name="Students")
    persona = ps.create_persona(
        store,
        WORKSPACE,
        project.id,
        name="Rina",
        segment_id=segment.id,
        goals=["Finish"],
        nps=9,
        touchpoints=[{"stage": "purchase", "channel": "Desk"}],
        roles=["competitor"],
    )
    persona = ps.set_avatar(store, WORKSPACE, persona.id, persona.version, _png())
    job = notes.add_note(
        store, WORKSPACE, NoteOwner.of_persona(persona.id), "jobs", "Write", rank=1, job_type="functional"
    )
    notes.add_note(store, WORKSPACE, NoteOwner.of_persona(persona.id), "gains", "Quiet", rank=2, gain_type="expected")

    copy = ps.duplicate_persona(store, WORKSPACE, persona.id, "Rina (copy)")

    assert copy.id != persona.id and copy.name == "Rina (copy)"
    assert copy.segment_id == segment.id and copy.goals == ["Finish"] and copy.nps == 9
    assert copy.touchpoints == persona.touchpoints and copy.roles == ["competitor"]
    assert copy.has_avatar_image and store.personas.avatar_image(copy.id) == store.personas.avatar_image(persona.id)
    copied = ps.profile_items(store, WORKSPACE, copy.id)
    assert [(i.text, i.rank, i.job_type) for i in copied[Area.JOBS]] == [("Write", 1, "functional")]
    assert [(i.text, i.gain_type) for i in copied[Area.GAINS]] == [("Quiet", "expected")]
    assert copied[Area.JOBS][0].id != job.id

    # The copies are independent: editing the copy leaves the original alone.
    notes.update_note(
        store,
        WORKSPACE,
        NoteOwner.of_persona(copy.id),
        copied[Area.JOBS][0].id,
        copied[Area.JOBS][0].version,
        text="Rewrite",
    )
    assert ps.profile_items(store, WORKSPACE, persona.id)[Area.JOBS][0].text == "Write"


# -------------------------------------------------------------------- avatar


def test_avatar_upload_is_normalized_and_removable(store, project):
    persona = ps.create_persona(store, WORKSPACE, project.id, name="Rina")
    saved = ps.set_avatar(store, WORKSPACE, persona.id, persona.version, _png(640, 480))
    assert saved.has_avatar_image
    stored = store.personas.avatar_image(persona.id)
    with Image.open(io.BytesIO(stored)) as image:
        assert image.size == (avatar.STORED_SIZE, avatar.STORED_SIZE)
    assert store.personas.avatar_images([persona.id]) == {persona.id: stored}
    removed = ps.remove_avatar(store, WORKSPACE, persona.id, saved.version)
    assert not removed.has_avatar_image and store.personas.avatar_image(persona.id) is None


def test_avatar_over_2_mb_is_refused_with_a_translated_message(store, project):
    persona = ps.create_persona(store, WORKSPACE, project.id, name="Rina")
    too_big = _png() + b"\0" * (avatar.MAX_UPLOAD_BYTES)
    with pytest.raises(InvalidInput) as caught:
        ps.set_avatar(store, WORKSPACE, persona.id, persona.version, too_big)
    [(_field, key, params)] = caught.value.problems
    assert key == "personas.error.avatar_too_big"
    assert "2 MB" in translate("en", key, **params) and "2 MB" in translate("id", key, **params)
    assert not store.personas.get(persona.id).has_avatar_image


@pytest.mark.parametrize(
    "data", [b"", b"just some text", b"\x89PNG\r\n\x1a\n" + b"broken" * 20, b"<svg onload=alert(1)>"]
)
def test_a_file_that_is_not_an_image_is_refused(store, project, data):
    persona = ps.create_persona(store, WORKSPACE, project.id, name="Rina")
    with pytest.raises(InvalidInput) as caught:
        ps.set_avatar(store, WORKSPACE, persona.id, persona.version, data)
    assert caught.value.problems[0][1] == "personas.error.avatar_not_image"
    assert store.personas.get(persona.id).version == persona.version


def test_initials_and_colours():
    assert avatar.initials("Rina Putri") == "RP"
    assert avatar.initials("rina") == "R"
    assert avatar.initials("Ni Made Sari Dewi") == "ND"
    assert avatar.initials("  ") == "?"
    assert avatar.color_for("Rina") == avatar.color_for(" rina ")
    assert avatar.color_for("Rina") in avatar.PALETTE
