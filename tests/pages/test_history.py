"""History page wiring with AppTest: timeline sentences, snapshots, compare and restore + undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from canvas import canvases, notes
from canvas.models import NoteOwner
from core.settings import get_settings
from examples.seeding import open_store
from history import snapshots as history_snapshots
from projects.service import create_project
from tests.actors import WORKSPACE

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def store(app_env):
    return open_store(get_settings())


def _page(project_id: str, lang: str = "en", tab: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.query_params["project"] = project_id
    at.run()
    at.switch_page("pages/history.py")
    if tab:
        at.session_state["history.tabs"] = tab
    at.run()
    assert not at.exception, at.exception
    return at


def _texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [e.value for e in at.error]
    parts += [i.value for i in at.info]
    return "\n".join(str(p) for p in parts)


def test_timeline_says_what_changed_in_both_languages(store) -> None:
    project = create_project(store, WORKSPACE, "Kedai Kopi", "", "en")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Utama")
    note = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "pains", "Antre *lama*")
    notes.update_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), note.id, note.version, text="Antre sangat lama")
    at = _page(project.id)
    text = _texts(at)
    assert "changed “Antre \\*lama\\*” to “Antre sangat lama”" in text
    assert "added “Antre \\*lama\\*” to Pains" in text
    assert "Times in Asia/Jakarta" in text
    at_id = _page(project.id, lang="id")
    assert "mengubah “Antre \\*lama\\*” menjadi “Antre sangat lama”" in _texts(at_id)


def test_compare_restore_and_undo(store) -> None:
    project = create_project(store, WORKSPACE, "Kedai Kopi", "", "en")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Utama")
    notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "pains", "Antre lama")
    history_snapshots.take_snapshot(store, WORKSPACE, project.id, "Start")
    notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "gains", "<b>Diskon</b>")
    at = _page(project.id, lang="id", tab="Bandingkan")  # selectbox labels: the test process speaks the default (id)
    html = "".join(str(h.proto.body) for h in at.get("html"))
    assert 'data-status="added"' in html and "&lt;b&gt;Diskon&lt;/b&gt;" in html and "<b>Diskon" not in html
    at.button(key="history.restore").click().run()
    assert not at.exception
    assert [i.text for i in canvases.load_board(store, WORKSPACE, canvas.id).items] == ["Antre lama"]
    undo = next(b for b in at.button if b.key == "history.undo")
    undo.click().run()
    assert sorted(i.text for i in canvases.load_board(store, WORKSPACE, canvas.id).items) == [
        "<b>Diskon</b>",
        "Antre lama",
    ]


def test_a_refused_restore_lists_what_would_break(store) -> None:
    from competitors import factors as competitor_factors

    project = create_project(store, WORKSPACE, "Kedai Kopi", "", "en")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Utama")
    history_snapshots.take_snapshot(store, WORKSPACE, project.id, "Start")
    since = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "gains", "Kopi selalu hangat", rank=5)
    competitor_factors.add_factor_from_item(store, WORKSPACE, canvas.id, since.id)
    at = _page(project.id, lang="id", tab="Bandingkan")
    at.button(key="history.restore").click().run()
    assert not at.exception
    refusal = "\n".join(e.value for e in at.error)
    assert "memutus referensi" in refusal and "Kopi selalu hangat" in refusal
    assert [i.text for i in canvases.load_board(store, WORKSPACE, canvas.id).items] == ["Kopi selalu hangat"]


def test_compare_a_snapshot_with_now_from_the_snapshot_list(store) -> None:
    project = create_project(store, WORKSPACE, "Kedai Kopi", "", "en")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Utama")
    older = history_snapshots.take_snapshot(store, WORKSPACE, project.id, "Awal")
    notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "pains", "Antre lama")
    history_snapshots.take_snapshot(store, WORKSPACE, project.id, "Sesudah")
    at = _page(project.id, lang="id", tab="Snapshot")
    at.button(key=f"history.snap.compare.{older.id}").click().run()
    assert not at.exception
    assert at.session_state["history.compare.from"] == older.id
    html = "".join(str(h.proto.body) for h in at.get("html"))
    assert html.count('data-status="added"') == 1


def test_the_timeline_pages_older_and_newer(store) -> None:
    project = create_project(store, WORKSPACE, "Kedai Kopi", "", "en")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Utama")
    for n in range(55):
        notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "pains", f"Catatan {n:02d}")
    at = _page(project.id, lang="id")  # clicks read the selectboxes in the test process's default language
    first = _texts(at)
    assert "Catatan 54" in first and "Catatan 05" in first and "Catatan 04" not in first
    at.button(key="history.older").click().run()
    older = _texts(at)
    assert "Catatan 04" in older and "Catatan 00" in older and "Catatan 54" not in older
    assert at.button(key="history.older").disabled
    at.button(key="history.newer").click().run()
    assert "Catatan 54" in _texts(at)
