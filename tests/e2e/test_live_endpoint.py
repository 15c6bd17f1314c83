"""The live endpoint that participants' browsers poll, against a real `streamlit run serve.py`."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from canvas import canvases
from core.settings import Settings
from projects.service import restore_project, trash_project
from storage.store import open_store
from tests.actors import WORKSPACE
from workshop import facilitation, joining
from workshop import notes as workshop_notes


def _get(url: str) -> tuple[int, dict, dict]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), json.loads(response.read())
    except urllib.error.HTTPError as error:
        raw = error.read()
        is_json = error.headers.get("content-type", "").startswith("application/json")
        return error.code, dict(error.headers), json.loads(raw) if is_json else {"body": raw.decode()}


def test_live_endpoint_reports_the_revision_of_open_workshops_only_and_never_after_the_trash(app_server):
    base = f"{app_server.url}/api/live"
    # The first request waits for the server's warm start, so the database exists after it.
    status, headers, body = _get(f"{base}/{'0' * 32}")
    assert (status, body) == (404, {"error": "not_found"})
    assert headers["cache-control"] == "no-store"
    for bad in ("NOT-AN-ID", "0" * 31, "%2e%2e%2fetc"):  # the last is refused by Streamlit's path check
        status, _, body = _get(f"{base}/{bad}")
        assert status in (400, 404) and "revision" not in body

    store = open_store(Settings(data_dir=app_server.data_dir, database_url=None, seed_sample=False))
    project = store.projects.create("Warung Bu Sri")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Pelanggan pagi")
    opened = joining.open_workshop(store, WORKSPACE, canvas.id, facilitator_name="Dewi")
    url = f"{base}/{opened.workshop.id}"

    status, headers, body = _get(url)
    assert status == 200 and headers["cache-control"] == "no-store"
    assert body == {"revision": store.projects.revision(project.id)}

    ani = joining.join(store, opened.workshop.join_code, "Ani", client="test")
    workshop_notes.add_note(store, ani.token, "Sarapan cepat sebelum kerja", "jobs")
    assert _get(url)[2]["revision"] > body["revision"]

    facilitation.end_workshop(store, opened.facilitator_token)
    assert _get(url)[0] == 404

    # A project going to the trash takes its running workshop with it, for good.
    running = joining.open_workshop(store, WORKSPACE, canvas.id, facilitator_name="Dewi")
    running_url = f"{base}/{running.workshop.id}"
    assert _get(running_url)[0] == 200
    trash_project(store, WORKSPACE, project.id)
    assert _get(running_url)[0] == 404
    restore_project(store, WORKSPACE, project.id)
    assert _get(running_url)[0] == 404
    store.db.engine.dispose()
