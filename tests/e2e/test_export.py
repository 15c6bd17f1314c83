"""Export in a real browser: the PDF and the JSON download, and a JSON file imports as a
new project (and a broken one is refused with the list of problems)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.conftest import wait_for_app


def _project_id(server) -> str:
    from core.settings import Settings
    from examples.seeding import open_store

    store = open_store(Settings(data_dir=server.data_dir))
    summaries = store.projects.summaries()
    store.db.engine.dispose()
    return next(s.id for s in summaries if s.language == "en")


def _open_export(page, server, project_id: str, lang: str = "en") -> None:
    page.goto(f"{server.url}/?lang={lang}&project={project_id}")
    wait_for_app(page)
    page.get_by_role("link", name="Export" if lang == "en" else "Ekspor").click()
    wait_for_app(page)


def test_pdf_and_json_download_through_the_browser(page, app_server, tmp_path: Path) -> None:
    page.goto(app_server.url)
    wait_for_app(page)  # first run seeds the sample projects
    project_id = _project_id(app_server)
    _open_export(page, app_server, project_id)
    page.get_by_role("button", name="Prepare PDF").click()
    download_pdf = page.get_by_role("button", name="Download PDF")
    download_pdf.wait_for(timeout=60_000)
    with page.expect_download() as info:
        download_pdf.click()
    pdf = info.value
    assert pdf.suggested_filename.startswith("sample-sapa-campus-library-") and pdf.suggested_filename.endswith(".pdf")
    path = tmp_path / pdf.suggested_filename
    pdf.save_as(path)
    assert path.read_bytes().startswith(b"%PDF") and path.stat().st_size > 20_000

    with page.expect_download() as info:
        page.get_by_role("button", name="JSON").click()
    document = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert info.value.suggested_filename.endswith(".json")
    assert document["format"] == "nilai-project" and document["project"]["name"] == "Sample: Sapa Campus Library"


def test_json_import_in_the_browser(page, app_server, tmp_path: Path) -> None:
    page.goto(app_server.url)
    wait_for_app(page)
    project_id = _project_id(app_server)
    _open_export(page, app_server, project_id, lang="id")
    page.get_by_role("tab", name="Impor").click()
    broken = tmp_path / "rusak.json"
    broken.write_text(json.dumps({"format": "nilai-project", "schema_version": 7, "project": {"name": "X"}}))
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(broken))
    wait_for_app(page)
    page.get_by_role("button", name="Impor sebagai proyek baru").click()
    wait_for_app(page)
    error = page.locator('[data-testid="stAlertContentError"]')
    error.wait_for()
    message = error.inner_text()
    assert "tidak bisa diimpor (1 masalah); tidak ada yang diimpor" in message
    assert "Versi skema: Versi skema 7 tidak didukung" not in message and "Versi skema 7 tidak didukung" in message

    good = Path(__file__).resolve().parents[1] / "export" / "fixtures" / "v0_project.json"
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(good))
    wait_for_app(page)
    page.get_by_role("button", name="Impor sebagai proyek baru").click()
    wait_for_app(page)
    page.get_by_text("Diimpor sebagai proyek baru").wait_for()
    page.get_by_role("button", name="Buka proyek hasil impor").click()
    wait_for_app(page)
    page.get_by_text("Warung Kopi Senja").first.wait_for()
