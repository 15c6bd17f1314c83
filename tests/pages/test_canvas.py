"""Canvas page wiring with AppTest: canvases, the keyboard forms, notices and the panels.
(AppTest doesn't draw the board component; the browser tests cover the board itself.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from canvas import canvases as canvas_canvases
from canvas import notes
from canvas.models import NOTE_MAX, NoteOwner
from core.settings import get_settings
from examples.seeding import open_store
from projects.service import create_project
from tests.actors import WORKSPACE

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def store(app_env):
    return open_store(get_settings())


def _page(project_id: str | None, canvas_id: str | None = None, lang: str = "en", tab: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    if project_id:
        at.query_params["project"] = project_id
    if canvas_id:
        at.query_params["canvas"] = canvas_id
    at.run()
    at.switch_page("pages/canvas.py")
    if tab:
        at.session_state["canvas.tabs"] = tab
    at.run()
    assert not at.exception, at.exception
    return at


def _texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [e.value for e in at.error]
    parts += [w.value for w in at.warning] + [i.value for i in at.info] + [m.value for m in at.metric]
    return "\n".join(str(p) for p in parts)


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_without_a_project_points_home(store) -> None:
    at = _page(None)
    assert "Choose a project" in _texts(at)


def test_create_a_canvas_then_add_notes_with_the_form(store) -> None:
    project = create_project(store, WORKSPACE, "Kedai Kopi", "", "en")
    at = _page(project.id)
    assert "no canvas yet" in _texts(at)
    at.text_input(key="canvas.new_name").input("Office lunch")
    next(b for b in at.button if b.label == "Create canvas").click().run()
    assert not at.exception
    canvases = canvas_canvases.list_canvases(store, WORKSPACE, project.id)
    assert [c.name for c in canvases] == ["Office lunch"]
    assert at.query_params["canvas"] == canvases[0].id
    assert _metric(at, "Profile addressed") == "0%"

    # add a pain and a reliever with the keyboard form, then link them in the Links tab
    at.selectbox(key="canvas.add_area").select("pains")
    at.text_input(key="canvas.add_text").input("Queue of 20 minutes at lunch")
    at.selectbox(key="canvas.add_rank").select(5)
    next(b for b in at.button if b.label == "Add note").click().run()
    at.selectbox(key="canvas.add_area").select("relievers")
    at.text_input(key="canvas.add_text").input("Order ahead from the office")
    next(b for b in at.button if b.label == "Add note").click().run()
    assert not at.exception
    board = canvas_canvases.load_board(store, WORKSPACE, canvases[0].id)
    assert sorted((i.area, i.text, i.rank) for i in board.items) == [
        ("pains", "Queue of 20 minutes at lunch", 5),
        ("relievers", "Order ahead from the office", 3),
    ]
    assert "Queue of 20 minutes at lunch" in _texts(at)  # in the fit panel: top-ranked, unaddressed

    at = _page(project.id, canvases[0].id, tab="Links")
    next(b for b in at.button if b.label == "Link").click().run()
    assert not at.exception
    assert len(canvas_canvases.load_board(store, WORKSPACE, canvases[0].id).links) == 1
    assert _metric(at, "Profile addressed") == "100%"


def test_bad_notes_get_clear_messages_and_nothing_is_saved(store) -> None:
    project = create_project(store, WORKSPACE, "Toko", "", "en")
    canvas = canvas_canvases.create_canvas(store, WORKSPACE, project.id, "Main")
    at = _page(project.id, canvas.id)
    next(b for b in at.button if b.label == "Add note").click().run()
    assert "can't be empty" in _texts(at)
    # A 5,000-character paste stops at the limit the box shows (issue 26): nothing longer is sent.
    assert at.text_input(key="canvas.add_text").max_chars == NOTE_MAX
    assert canvas_canvases.load_board(store, WORKSPACE, canvas.id).items == []


def test_stale_edit_shows_the_other_version(store) -> None:
    project = create_project(store, WORKSPACE, "Toko", "", "en")
    canvas = canvas_canvases.create_canvas(store, WORKSPACE, project.id, "Main")
    item = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "pains", "Harga naik tiap bulan")
    at = _page(project.id, canvas.id, tab="Edit, rank, move")
    # someone else edits the note meanwhile
    notes.update_note(
        store, WORKSPACE, NoteOwner.of_canvas(canvas.id), item.id, item.version, text="Harga naik dua kali sebulan"
    )
    at.text_area(key=f"canvas.edit_text.{item.id}").input("Harga naik terus")
    at.button(key="canvas.edit_save").click().run()
    text = _texts(at)
    assert "Someone else changed this" in text
    codes = [c.value for c in at.code]
    assert "Harga naik dua kali sebulan" in codes
    assert canvas_canvases.load_board(store, WORKSPACE, canvas.id).items[0].text == "Harga naik dua kali sebulan"
    # what the user typed is still in the field
    assert at.text_area(key=f"canvas.edit_text.{item.id}").value == "Harga naik terus"
    # having seen their version, a second Save applies the user's text on purpose
    at.button(key="canvas.edit_save").click().run()
    assert canvas_canvases.load_board(store, WORKSPACE, canvas.id).items[0].text == "Harga naik terus"


def test_move_rank_and_delete_with_undo(store) -> None:
    project = create_project(store, WORKSPACE, "Toko", "", "en")
    canvas = canvas_canvases.create_canvas(store, WORKSPACE, project.id, "Main")
    item = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "gains", "Struk dikirim lewat WhatsApp")
    at = _page(project.id, canvas.id, tab="Edit, rank, move")
    at.selectbox(key=f"canvas.edit_area.{item.id}").select("creators")
    at.selectbox(key=f"canvas.edit_rank.{item.id}").select(4)
    at.button(key="canvas.edit_save").click().run()
    moved = canvas_canvases.load_board(store, WORKSPACE, canvas.id).items[0]
    assert (moved.area, moved.rank) == ("creators", 4)
    at.button(key="canvas.edit_delete").click().run()
    assert canvas_canvases.load_board(store, WORKSPACE, canvas.id).items == []
    assert "Deleted the note" in _texts(at)
    next(b for b in at.button if b.label == "Undo").click().run()
    assert [i.id for i in canvas_canvases.load_board(store, WORKSPACE, canvas.id).items] == [item.id]


def test_duplicate_and_delete_canvas_with_undo_in_indonesian(store) -> None:
    project = create_project(store, WORKSPACE, "Toko", "", "id")
    canvas = canvas_canvases.create_canvas(store, WORKSPACE, project.id, "Utama")
    notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "pains", "Antre lama 😩 <b>di kasir</b>")
    at = _page(project.id, canvas.id, lang="id")
    assert "Profil terjawab" in [m.label for m in at.metric]
    next(b for b in at.button if b.label == "Duplikat").click().run()
    names = sorted(c.name for c in canvas_canvases.list_canvases(store, WORKSPACE, project.id))
    assert names == ["Utama", "Utama (salinan)"]
    copy = next(c for c in canvas_canvases.list_canvases(store, WORKSPACE, project.id) if c.name != "Utama")
    assert at.query_params["canvas"] == copy.id
    at.checkbox(key=f"canvas.confirm_delete.{copy.id}").check().run()
    next(b for b in at.button if b.label == "Hapus kanvas").click().run()
    assert [c.name for c in canvas_canvases.list_canvases(store, WORKSPACE, project.id)] == ["Utama"]
    assert "dipindahkan ke tempat sampah" in _texts(at)
    next(b for b in at.button if b.label == "Urungkan").click().run()
    assert len(canvas_canvases.list_canvases(store, WORKSPACE, project.id)) == 2


def test_fit_matrix_and_hints_panels(store) -> None:
    from bench.demo import full_canvas

    canvas = full_canvas(store, "en")
    at = _page(canvas.project_id, canvas.id, tab="Fit matrix")
    frame = at.dataframe[0].value
    assert frame.shape == (7, 7)  # 7 linked value-map notes x 7 addressed profile notes
    assert (frame == "●").sum().sum() == 5 and (frame == "◐").sum().sum() == 2
    text = _texts(at)
    assert "Getting closer to problem–solution fit" in text
    assert "has no gain creator" in text  # a hint from the rules, translated
    assert _metric(at, "Profile addressed") == "57%"
