"""Export page wiring with AppTest: options, the page plan, preparing the PDF, and JSON
import (a new project, or one message listing the problems)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.settings import get_settings
from examples.seeding import open_store
from export.bundle import collect
from export.pdf.builder import SECTIONS, page_count
from export.writer import write_json
from importing.document import import_document
from tests.actors import WORKSPACE
from tests.export.factory import make_project

ROOT = Path(__file__).resolve().parents[2]


def _store():
    return open_store(get_settings())


def _page(project_id: str | None, lang: str = "en") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["lang"] = lang
    if project_id:
        at.query_params["project"] = project_id
    at.run()
    at.switch_page("pages/export.py").run()
    assert not at.exception, at.exception
    return at


def _texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [m.value for m in at.caption] + [e.value for e in at.error]
    parts += [e.value for e in at.info] + [e.value for e in at.success] + [str(m.value) for m in at.metric]
    return "\n".join(str(p) for p in parts)


@pytest.fixture
def english(app_env: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """AppTest formats widget options outside a script run, where only the default language applies."""
    monkeypatch.setenv("NILAI_DEFAULT_LANGUAGE", "en")
    get_settings.cache_clear()
    return app_env


def test_export_page_plans_pages_and_prepares_the_pdf(english: Path) -> None:
    pid = make_project(_store(), canvases=2, items_per_canvas=12, personas=2)
    at = _page(pid)
    assert at.title[0].value == "Export and import"
    # cover, 2 canvases, 2 personas, portfolio, 2 fit pages, 2 competitor pages
    assert at.metric[0].value == str(page_count(collect(_store(), WORKSPACE, pid), SECTIONS)) == "10"
    at.selectbox(key="export.canvas").select(at.selectbox(key="export.canvas").options[1]).run()
    at.button_group(key="export.sections").set_value(["cover", "canvas"]).run()
    assert at.metric[0].value == "2"
    at.button(key="export.prepare_pdf").click().run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    buttons = {b.proto.label: b.proto for b in at.get("download_button")}
    assert buttons["Download PDF"].url.endswith(".pdf")  # the PDF was made and handed to the button
    assert {"PNG", "Markdown", "CSV", "Excel", "JSON"} <= set(buttons)


def test_export_page_in_indonesian_and_without_a_project(app_env: Path) -> None:
    at = _page(None, lang="id")
    assert at.title[0].value == "Ekspor dan impor"
    assert "Pilih proyek" in _texts(at)


def test_after_an_import_the_page_offers_to_open_the_new_project(english: Path) -> None:
    store = _store()
    pid = make_project(store, items_per_canvas=12)
    imported = import_document(store, WORKSPACE, write_json(collect(store, WORKSPACE, pid)))
    at = _page(pid)
    assert at.get("file_uploader"), "the import tab has a file uploader"
    at.session_state["export.imported_id"] = imported.id
    at.run()
    assert f"Imported as the new project “{imported.name}”" in _texts(at).replace("\\", "")
    at.button(key="export.open_imported").click().run()
    assert at.session_state["ui.project_id"] == imported.id
    assert "export.imported_id" not in at.session_state
