"""The Export page says which texts the PDF prints without some characters (AppTest)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.settings import get_settings
from examples.seeding import open_store
from export.bundle import collect
from tests.actors import WORKSPACE
from tests.export.factory import make_project

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "Canvas “Canvas 1”, note {number}"), ("id", "Kanvas “Canvas 1”, catatan {number}")],
)
def test_the_export_page_names_the_notes_the_pdf_leaves_characters_out_of(
    app_env: Path, monkeypatch: pytest.MonkeyPatch, lang: str, expected: str
) -> None:
    monkeypatch.setenv("NILAI_DEFAULT_LANGUAGE", lang)
    get_settings.cache_clear()
    store = open_store(get_settings())
    pid = make_project(store, items_per_canvas=6, personas=0)
    note = store.items.list_for_project(pid)[0]
    store.items.update(note.id, note.version, {"text": "Kopi *tebal* 🎉 图书馆"})
    number = collect(store, WORKSPACE, pid).canvases[0].codes(lang)[note.id]  # as the PDF prints it
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["lang"] = lang
    at.query_params["project"] = pid
    at.run()
    at.switch_page("pages/export.py").run()
    assert not at.exception, at.exception
    (warning,) = [w.value for w in at.warning]
    assert expected.format(number=number) in warning
    assert warning.endswith(r"\: 🎉")  # Chinese prints, so only the emoji is named
    assert r"\*tebal\*" in warning  # user text is shown as typed, not as Markdown
