"""Stopping a real `streamlit run serve.py` while browsers hold long polls open: the polls
are answered at once and the process exits by itself, instead of uvicorn waiting out every
poll (up to 20 s) until the harness kills it. A restart, a deploy or a failover is that fast."""

from __future__ import annotations

import json
import signal
import threading
import urllib.error
import urllib.request
from pathlib import Path

from canvas import canvases
from core.routes import CANVAS_FEED_PATH, FEED_PATH
from core.settings import Settings
from deploy.harness import AppServer
from examples.seeding import open_store
from projects import live_pass
from projects.service import create_project
from server.feed import WAIT_SECONDS
from tests.actors import WORKSPACE
from workshop import facilitation, joining


def _get(url: str, credential: str) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {credential}"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_a_stop_answers_open_long_polls_and_the_server_exits_by_itself(tmp_path: Path) -> None:
    app = AppServer(data_dir=tmp_path / "data")
    store = open_store(Settings(data_dir=app.data_dir, database_url=None, seed_sample=False))
    project = create_project(store, WORKSPACE, "Stop", "", "en")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Commuters")
    opened = joining.open_workshop(store, WORKSPACE, canvas.id, facilitator_name="Dewi")
    facilitation.set_step(store, opened.facilitator_token, "pains")
    tokens = [joining.join(store, opened.workshop.join_code, f"P{n}", client="stop").token for n in range(3)]
    canvas_pass = live_pass.issue(store, WORKSPACE, project.id)  # a canvas page's long poll too
    store.db.engine.dispose()
    app.start()
    try:
        status, body = _get(f"{app.url}{FEED_PATH}", tokens[0])
        assert status == 200
        revision = json.loads(body)["board"]["revision"]
        answers: list[int] = []
        poll_url = f"{app.url}{FEED_PATH}?since={revision}&wait=1"
        polls = [threading.Thread(target=lambda t=t: answers.append(_get(poll_url, t)[0])) for t in tokens]
        status, body = _get(f"{app.url}{CANVAS_FEED_PATH}", canvas_pass)
        assert status == 200
        canvas_url = f"{app.url}{CANVAS_FEED_PATH}?since={json.loads(body)['revision']}&wait=1"
        polls.append(threading.Thread(target=lambda: answers.append(_get(canvas_url, canvas_pass)[0])))
        for poll in polls:
            poll.start()
        threading.Event().wait(1.0)  # the polls are waiting (nothing changes on the board)
        assert answers == []
        app.process.send_signal(signal.SIGTERM)
        # Well inside one poll's wait: without the fix the server sits here for WAIT_SECONDS.
        app.process.wait(timeout=WAIT_SECONDS / 2)
        for poll in polls:
            poll.join(timeout=WAIT_SECONDS / 2)
        assert sorted(answers) == [304, 304, 304, 304]
    finally:
        app.stop()
