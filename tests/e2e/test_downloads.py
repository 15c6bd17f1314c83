"""Downloads in a real browser: "Export JSON with history" gives the file (its callback runs
on Streamlit's download thread, outside the page's run), and the audit log records it."""

from __future__ import annotations

import json

from playwright.sync_api import Page

from canvas import canvases
from core.settings import Settings
from deploy.harness import AppServer
from examples.seeding import open_store
from history import snapshots as history_snapshots
from projects import audit
from projects.service import create_project
from tests.actors import WORKSPACE
from tests.e2e.conftest import wait_for_app


def test_export_json_with_history_downloads_the_file_and_logs_it(page: Page, app_server: AppServer) -> None:
    store = open_store(Settings(data_dir=app_server.data_dir, database_url=None, seed_sample=False))
    project = create_project(store, WORKSPACE, "History download", "", "en")
    canvases.create_canvas(store, WORKSPACE, project.id, "Commuters")
    history_snapshots.take_snapshot(store, WORKSPACE, project.id, "Before the review")
    page.goto(f"{app_server.url}/?lang=en")
    wait_for_app(page)
    page.goto(f"{app_server.url}/history?lang=en&project={project.id}")
    wait_for_app(page)
    page.get_by_role("tab", name="Snapshots").click()
    wait_for_app(page)
    with page.expect_download(timeout=30_000) as download:
        page.get_by_role("button", name="Export JSON with history").click()
    document = json.loads(download.value.path().read_bytes())
    assert document["project"]["name"] == "History download"
    assert [snapshot["name"] for snapshot in document["history"]["snapshots"]] == ["Before the review"]
    exported = [event.detail for event in audit.events(store, WORKSPACE, project.id) if event.action == "exported"]
    assert exported == ["json_history"]
    store.db.engine.dispose()
