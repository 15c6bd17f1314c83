"""Personas page wiring with AppTest: create, gallery filter, card, profile notes, edit,
duplicate, canvas from persona, delete + undo, unassigned personas."""

from __future__ import annotations

from html import escape
from pathlib import Path

from streamlit.testing.v1 import AppTest

from canvas import notes
from canvas.models import Area, NoteOwner
from core.settings import get_settings
from examples.seeding import open_store
from i18n import translate
from personas import service as ps
from projects import service as projects
from tests.actors import WORKSPACE

ROOT = Path(__file__).resolve().parents[2]


def _store():
    return open_store(get_settings())


def _project(name: str = "Library") -> str:
    return projects.create_project(_store(), WORKSPACE, name, language="en").id


def _page(project_id: str, lang: str = "en", persona: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.query_params["project"] = project_id
    if persona:
        at.query_params["persona"] = persona
    at.run()
    return at.switch_page("pages/personas.py").run()


def _html(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


def _texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [t.value for t in at.title]
    parts += [e.value for e in at.error] + [w.value for w in at.warning] + [i.value for i in at.info]
    return "\n".join(parts).replace("\\", "")


def _button(at: AppTest, key: str, lang: str = "en"):
    return next(b for b in at.button if b.label == translate(lang, key))


def test_empty_page_explains_and_points_to_segments(app_env: Path) -> None:
    at = _page(_project())
    assert not at.exception
    assert at.title[0].value == translate("en", "personas.title")
    texts = _texts(at)
    assert translate("en", "personas.empty") in texts and translate("en", "personas.no_segments_hint") in texts


def test_create_a_persona_opens_its_card(app_env: Path) -> None:
    project_id = _project()
    segment = ps.create_segment(_store(), WORKSPACE, project_id, name="Final-year students")
    at = _page(project_id)
    at.text_input(key="personas.new_name").input("Rina <b>Putri</b>")
    at.selectbox(key="personas.new_segment").set_value(segment.id)
    at.text_input(key="personas.new_occupation").input("Student")
    at = _button(at, "personas.create").click().run()
    assert not at.exception
    [persona] = ps.list_personas(_store(), WORKSPACE, project_id)
    assert persona.name == "Rina <b>Putri</b>" and persona.segment_id == segment.id
    assert at.query_params["persona"] in (persona.id, [persona.id])
    html = _html(at)
    assert "Rina &lt;b&gt;Putri&lt;/b&gt;" in html and "<b>Putri</b>" not in html
    assert "Final-year students" in html


def test_an_empty_name_is_refused_with_a_message(app_env: Path) -> None:
    project_id = _project()
    at = _page(project_id)
    at = _button(at, "personas.create").click().run()
    assert not at.exception
    assert translate("en", "error.field.empty", field=translate("en", "field.name")) in [e.value for e in at.error]
    assert ps.list_personas(_store(), WORKSPACE, project_id) == []


def test_gallery_filters_by_segment_and_shows_unassigned(app_env: Path) -> None:
    project_id = _project()
    store = _store()
    a = ps.create_segment(store, WORKSPACE, project_id, name="Students")
    b = ps.create_segment(store, WORKSPACE, project_id, name="Lecturers")
    ps.create_persona(store, WORKSPACE, project_id, name="Rina", segment_id=a.id)
    ps.create_persona(store, WORKSPACE, project_id, name="Dimas", segment_id=b.id)
    ps.delete_segment(store, WORKSPACE, b.id)
    at = _page(project_id, lang="id")
    assert not at.exception
    html = _html(at)
    assert "Rina" in html and "Dimas" in html
    assert translate("id", "personas.unassigned") in html  # Dimas's segment is in the trash
    at = at.selectbox(key="personas.filter").set_value(a.id).run()
    html = _html(at)
    assert "Rina" in html and "Dimas" not in html
    at = at.selectbox(key="personas.filter").set_value("__unassigned__").run()
    html = _html(at)
    assert "Dimas" in html and "Rina" not in html


def test_card_shows_everything_escaped_with_nps_category(app_env: Path) -> None:
    project_id = _project()
    store = _store()
    persona = ps.create_persona(
        store,
        WORKSPACE,
        project_id,
        name="Rina",
        quote="<script>alert(1)</script>",
        goals=["<i>Finish</i>"],
        nps=6,
        touchpoints=[{"stage": "purchase", "channel": "Desk <hr>"}],
        participation="moderate",
        roles=["quality_contributor"],
        knowledge_from="<img src=x onerror=alert(1)>",
    )
    notes.add_note(store, WORKSPACE, NoteOwner.of_persona(persona.id), "pains", "<b>No seat</b>", rank=1)
    at = _page(project_id, lang="id", persona=persona.id)
    assert not at.exception
    html = _html(at)
    for raw in ("<script>", "<i>Finish", "<hr>", "<img src=x", "<b>No seat"):
        assert raw not in html
    for shown in ("&lt;script&gt;", "&lt;i&gt;Finish&lt;/i&gt;", "Desk &lt;hr&gt;", "&lt;b&gt;No seat&lt;/b&gt;"):
        assert shown in html
    for key in (
        "personas.nps.detractor",
        "personas.participation.moderate",
        "personas.role.quality_contributor",
        "personas.stage.purchase",
    ):
        assert escape(translate("id", key)) in html


def test_add_a_pain_on_the_persona_goes_to_its_profile(app_env: Path) -> None:
    project_id = _project()
    store = _store()
    persona = ps.create_persona(store, WORKSPACE, project_id, name="Rina")
    canvas = ps.create_canvas_from_persona(store, WORKSPACE, persona.id, "Canvas for Rina")
    at = _page(project_id, persona=persona.id)
    key = f"personas.add.{persona.id}.pains"
    at.text_input(key=f"{key}.text").input("No seat after 9am")
    at.button_group(key=f"{key}.rank").set_value(1)
    forms_buttons = [b for b in at.button if b.label == translate("en", "personas.item.add")]
    at = forms_buttons[1].click().run()  # jobs, pains, gains: the second form is pains
    assert not at.exception
    [pain] = ps.profile_items(store, WORKSPACE, persona.id)[Area.PAINS]
    assert (pain.text, pain.rank, pain.persona_id, pain.canvas_id) == ("No seat after 9am", 1, persona.id, None)
    assert pain.id in {item.id for item in store.items.for_canvas(canvas)}
    assert "No seat after 9am" in _texts(at)

    # Delete it from the persona, then undo.
    at = at.button(key=f"personas.item_delete.{pain.id}").click().run()
    assert ps.profile_items(store, WORKSPACE, persona.id)[Area.PAINS] == []
    at = at.button(key="personas.undo").click().run()
    assert [i.id for i in ps.profile_items(store, WORKSPACE, persona.id)[Area.PAINS]] == [pain.id]


def test_edit_details_saves_only_changes_and_refuses_stale_edits(app_env: Path) -> None:
    project_id = _project()
    store = _store()
    persona = ps.create_persona(store, WORKSPACE, project_id, name="Rina", quote="old")
    at = _page(project_id, persona=persona.id)
    base = f"personas.details.{persona.id}.{persona.version}"
    at.text_input(key=f"{base}.quote").input("A quiet seat, please")
    at.text_area(key=f"{base}.goals").input("Finish thesis\n\n  Graduate  \n")
    at = _button(at, "personas.save").click().run()
    assert not at.exception
    saved = store.personas.get(persona.id)
    assert saved.quote == "A quiet seat, please" and saved.goals == ["Finish thesis", "Graduate"]

    # Someone else changes the quote; this form (opened on the saved version) is now stale.
    base = f"personas.details.{persona.id}.{saved.version}"
    ps.update_persona(store, WORKSPACE, persona.id, saved.version, quote="theirs")
    at.text_input(key=f"{base}.quote").input("mine")
    at = _button(at, "personas.save").click().run()
    assert not at.exception
    assert translate("en", "error.stale_version") in [w.value for w in at.warning]
    assert store.personas.get(persona.id).quote == "theirs"


def test_journey_participation_and_nps(app_env: Path) -> None:
    project_id = _project()
    store = _store()
    persona = ps.create_persona(store, WORKSPACE, project_id, name="Rina")
    at = _page(project_id, persona=persona.id)
    base = f"personas.journey.{persona.id}.{persona.version}"
    at.button_group(key=f"{base}.participation").set_value("high")
    at.button_group(key=f"{base}.roles").set_value(["productive_resource", "competitor"])
    at.text_area(key=f"{base}.kfrom").input("Noisy rooms")
    at.select_slider(key=f"{base}.nps").set_value(9)
    at = _button(at, "personas.save_journey").click().run()
    assert not at.exception
    saved = store.personas.get(persona.id)
    assert saved.participation == "high" and saved.roles == ["productive_resource", "competitor"]
    assert saved.knowledge_from == "Noisy rooms" and saved.nps == 9
    assert translate("en", "personas.nps.promoter") in _html(at)


def test_duplicate_copies_profile_and_opens_the_copy(app_env: Path) -> None:
    project_id = _project()
    store = _store()
    persona = ps.create_persona(store, WORKSPACE, project_id, name="Rina", goals=["Finish"])
    notes.add_note(store, WORKSPACE, NoteOwner.of_persona(persona.id), "gains", "Evening hours")
    at = _page(project_id, persona=persona.id)
    at = at.button(key="personas.duplicate").click().run()
    assert not at.exception
    copy = next(p for p in ps.list_personas(store, WORKSPACE, project_id) if p.id != persona.id)
    assert copy.name == translate("en", "personas.copy_name", name="Rina") and copy.goals == ["Finish"]
    assert [i.text for i in ps.profile_items(store, WORKSPACE, copy.id)[Area.GAINS]] == ["Evening hours"]
    assert at.query_params["persona"] in (copy.id, [copy.id])


def test_create_a_canvas_from_the_persona_in_one_click(app_env: Path) -> None:
    project_id = _project()
    store = _store()
    persona = ps.create_persona(store, WORKSPACE, project_id, name="Rina")
    notes.add_note(store, WORKSPACE, NoteOwner.of_persona(persona.id), "pains", "No seat")
    at = _page(project_id, persona=persona.id)
    at = at.button(key="personas.make_canvas").click().run()
    assert not at.exception
    [canvas] = ps.canvases_for_persona(store, WORKSPACE, persona.id)
    assert canvas.name == translate("en", "personas.canvas_name", name="Rina")
    # The canvas page is open on the new canvas.
    assert at.session_state["ui.canvas_id"] == canvas.id
    assert at.title[0].value == translate("en", "canvas.title")
    assert "No seat" in {i.text for i in store.items.for_canvas(canvas)}


def test_delete_persona_needs_confirmation_and_undo_restores(app_env: Path) -> None:
    project_id = _project()
    store = _store()
    persona = ps.create_persona(store, WORKSPACE, project_id, name="Rina")
    at = _page(project_id, persona=persona.id)
    assert at.button(key="personas.delete").disabled
    at = at.checkbox(key=f"personas.confirm_delete.{persona.id}").check().run()
    at = at.button(key="personas.delete").click().run()
    assert not at.exception
    assert ps.list_personas(store, WORKSPACE, project_id) == []
    assert translate("en", "personas.deleted", name="Rina") in _texts(at)
    at = at.button(key="personas.undo").click().run()
    assert not at.exception
    assert [p.id for p in ps.list_personas(store, WORKSPACE, project_id)] == [persona.id]


def test_a_persona_of_a_deleted_segment_is_kept_and_says_so(app_env: Path) -> None:
    project_id = _project()
    store = _store()
    segment = ps.create_segment(store, WORKSPACE, project_id, name="Alumni")
    persona = ps.create_persona(store, WORKSPACE, project_id, name="Budi", segment_id=segment.id)
    ps.delete_segment(store, WORKSPACE, segment.id)
    at = _page(project_id, persona=persona.id)
    assert not at.exception
    assert translate("en", "personas.unassigned_deleted") in [w.value for w in at.warning]
    # Saving details with "Unassigned" keeps the link, so restoring the segment re-attaches.
    base = f"personas.details.{persona.id}.{persona.version}"
    at.text_input(key=f"{base}.quote").input("Still here")
    at = _button(at, "personas.save").click().run()
    assert not at.exception
    assert store.personas.get(persona.id).segment_id == segment.id
    ps.restore_segment(store, WORKSPACE, segment.id)
    assert ps.entry(store, WORKSPACE, project_id, persona.id).segment.id == segment.id


def test_unknown_persona_in_the_url_falls_back_to_the_gallery(app_env: Path) -> None:
    project_id = _project()
    ps.create_persona(_store(), WORKSPACE, project_id, name="Rina")
    at = _page(project_id, persona="nope")
    assert not at.exception
    assert "Rina" in _html(at)
    assert "persona" not in at.query_params


def test_the_persona_profile_names_its_notes_by_the_codes_of_its_canvas_board(app_env: Path) -> None:
    from canvas.codes import note_codes

    project_id = _project()
    store = _store()
    persona = ps.create_persona(store, WORKSPACE, project_id, name="Rina")
    owner = NoteOwner.of_persona(persona.id)
    first = notes.add_note(store, WORKSPACE, owner, "pains", "No seat after 9am", rank=2)
    second = notes.add_note(store, WORKSPACE, owner, "pains", "Wi-Fi drops at noon", rank=5)
    job = notes.add_note(store, WORKSPACE, owner, "jobs", "Finish the thesis", rank=4)
    canvas = ps.create_canvas_from_persona(store, WORKSPACE, persona.id, "Canvas for Rina")
    board = note_codes(store.items.for_canvas(canvas), "id")
    at = _page(project_id, lang="id", persona=persona.id)
    assert not at.exception
    texts = _texts(at)
    for note in (first, second, job):
        assert f"**{board[note.id]}** {note.text}" in texts
    assert board[second.id] != board[first.id]  # ranked first on screen, yet keeps its board code
