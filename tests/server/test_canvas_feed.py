"""The canvas feed (server/canvas_feed.py) over HTTP on a real database: a project's revision
for the canvas pages open on it, opened only with the pass the page issued
(projects/live_pass.py); 304s, the long poll, and refusals that tell nothing."""

from __future__ import annotations

import threading
import time

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from canvas import canvases, notes
from canvas.models import NoteOwner
from core.actors import UserActor
from core.routes import CANVAS_FEED_PATH
from projects import live_pass, members
from projects import service as projects
from server import canvas_feed, feed
from server.live import live_routes
from tests.actors import WORKSPACE

ANA = UserActor("ana@example.org", "Ana Owner")
CITRA = UserActor("citra@example.org", "Citra Viewer")


@pytest.fixture
def team(store):
    """A team project with a canvas, an owner and a viewer, and the server's live routes."""
    project = projects.create_project(store, ANA, "Kopi Nusantara")
    canvas = canvases.create_canvas(store, ANA, project.id, "Pekerja kantor")
    citra = members.add_member(store, ANA, project.id, CITRA.email, "viewer")
    client = TestClient(Starlette(routes=live_routes(lambda: store)))
    return store, project, canvas, citra, client


def _get(client, credential, since=None, wait=False):
    params = {"since": str(since)} if since is not None else {}
    if wait:
        params["wait"] = "1"
    auth = {"Authorization": f"Bearer {credential}"} if credential is not None else {}
    return client.get(CANVAS_FEED_PATH, params=params, headers=auth)


def _add(store, canvas, text):
    return notes.add_note(store, ANA, NoteOwner.of_canvas(canvas.id), "pains", text)


def test_the_revision_then_304_until_it_moves(team):
    store, project, canvas, _, client = team
    credential = live_pass.issue(store, CITRA, project.id)
    first = _get(client, credential)
    assert first.status_code == 200
    revision = first.json()["revision"]
    assert first.json() == {"revision": store.projects.revision(project.id)}  # the number, nothing of the content
    assert _get(client, credential, since=revision).status_code == 304
    _add(store, canvas, "Antre lama")
    assert _get(client, credential, since=revision).json() == {"revision": revision + 1}


def test_a_long_poll_answers_as_soon_as_someone_writes(team):
    store, project, canvas, _, client = team
    credential = live_pass.issue(store, CITRA, project.id)
    revision = _get(client, credential).json()["revision"]
    writer = threading.Timer(0.5, lambda: _add(store, canvas, "Baru saja"))
    started = time.monotonic()
    writer.start()
    response = _get(client, credential, since=revision, wait=True)
    waited = time.monotonic() - started
    writer.join()
    assert response.status_code == 200 and response.json()["revision"] > revision
    assert 0.4 < waited < 5


def test_a_long_poll_with_nothing_changing_ends_in_a_304(team, monkeypatch):
    store, project, _, _, client = team
    monkeypatch.setattr(canvas_feed, "WAIT_SECONDS", 0.5)
    credential = live_pass.issue(store, ANA, project.id)
    revision = _get(client, credential).json()["revision"]
    response = _get(client, credential, since=revision, wait=True)
    assert response.status_code == 304 and response.content == b""


def test_forged_foreign_and_missing_passes_get_nothing(team):
    store, project, _, _, client = team
    other = projects.create_project(store, WORKSPACE, "Lain")
    credential = live_pass.issue(store, ANA, project.id)
    other_pass = live_pass.issue(store, WORKSPACE, other.id)
    prefix, project_id, claim, expires, signature = credential.split(".")
    forged = [
        "not-a-pass",
        credential[:-2] + ("00" if not credential.endswith("00") else "11"),
        ".".join([prefix, other.id, claim, expires, signature]),  # this pass, pointed at another project
        ".".join([prefix, project_id, *other_pass.split(".")[2:]]),  # another project's pass, pointed here
        project.id,  # knowing the project's id
        "x" * 5000,
    ]
    for value in forged:
        for wait in (False, True):
            response = _get(client, value, since=0, wait=wait)
            assert response.status_code == 403, value
            assert b"revision" not in response.content
    assert _get(client, None).status_code == 401
    # Bearer only: a pass in the query string is not a credential.
    assert client.get(CANVAS_FEED_PATH, params={"pass": credential}).status_code == 401


def test_a_removed_member_is_refused_once_the_check_is_due(team, monkeypatch):
    store, project, _, citra, client = team
    credential = live_pass.issue(store, CITRA, project.id)
    assert _get(client, credential).status_code == 200
    members.remove_member(store, ANA, project.id, citra.id)
    monkeypatch.setattr(feed, "VIEWER_TTL", 0.0)  # the ~30 s re-check is due now
    assert _get(client, credential).status_code == 403


def test_a_trashed_project_feeds_nobody(team):
    store, project, _, _, client = team
    credential = live_pass.issue(store, ANA, project.id)
    assert _get(client, credential).status_code == 200
    projects.trash_project(store, ANA, project.id)
    # Even within the re-check interval: the revision of a trashed project is not told.
    assert _get(client, credential).status_code == 403
