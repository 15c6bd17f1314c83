"""Flood limits as people meet them: a calm message in their language, nothing typed or
saved lost, and a new session (a reload, a reconnect, a new tab) counting on from the same
number, because the counts live in the database, not in the session.

AppTest sessions have no client address; they all count as the one "unknown" client,
like every browser on the computer that runs Nilai.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient
from streamlit.testing.v1 import AppTest

from canvas import canvases
from core.limits import CODE_GUESSES, KEY_GUESSES, NOTE_WRITES
from core.routes import ACTION_PATH
from core.settings import Settings, get_settings
from examples.seeding import open_store
from i18n import translate
from projects.service import create_project
from server.live import live_routes
from tests.actors import WORKSPACE
from tests.apptest import app_test
from tests.windows import wait_for_fresh_window
from workshop import facilitation, joining
from workshop import notes as workshop_notes

KEY = "kunci-ruang-kerja-7f3a9c1e"


@pytest.fixture
def room(app_env):
    store = open_store(Settings(data_dir=app_env, database_url=None, seed_sample=False))
    project = create_project(store, WORKSPACE, "Workshop page", "", "en")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Commuters")
    opened = joining.open_workshop(store, WORKSPACE, canvas.id, facilitator_name="Dewi")
    facilitation.set_step(store, opened.facilitator_token, "pains")
    return store, canvas, opened


def _waits(lang: str, key: str, unit: str, longest: int) -> set[str]:
    """The message with any wait up to `longest` (up to two windows: the rate slides)."""
    return {translate(lang, key, **{unit: n}) for n in range(1, longest + 1)}


def _infos(at: AppTest) -> list[str]:
    return [i.value for i in at.info]


def _participant_page(token: str, lang: str) -> AppTest:
    """A participant's session, as a phone opens it (again) from its link."""
    at = app_test("app.py", p=token, lang=lang).run()
    at.switch_page("pages/join.py").run()
    assert not at.exception, at.exception
    return at


def _add(client: TestClient, token: str, text: str, lang: str) -> dict:
    """A note as the live board's note box sends it (server/actions.py)."""
    action = {"kind": "add_note", "nonce": f"n{abs(hash(text)):x}"[:30].ljust(8, "0"), "text": text, "lang": lang}
    return client.post(ACTION_PATH, json=action, headers={"Authorization": f"Bearer {token}"}).json()


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_participant_over_the_note_limit_is_slowed_and_a_reconnect_doesnt_reset_it(room, lang):
    store, canvas, opened = room
    ani = joining.join(store, opened.workshop.join_code, "Ani", client="192.168.1.50")
    wait_for_fresh_window(NOTE_WRITES, 25)
    for n in range(NOTE_WRITES.allowed - 1):  # notes sent just before, from another session
        workshop_notes.add_note(store, ani.token, f"earlier {n}")

    at = _participant_page(ani.token, lang)  # the page itself counts nothing
    client = TestClient(Starlette(routes=live_routes(lambda: store)))
    assert _add(client, ani.token, "the last one that fits", lang)["status"] == "confirmed"
    refused = _add(client, ani.token, "one too many", lang)
    limited = _waits(lang, "limits.notes", "seconds", 2 * NOTE_WRITES.window_seconds)
    assert refused["status"] == "refused" and refused["message"] in limited, refused
    assert not at.error and not at.exception

    again = _participant_page(ani.token, lang)  # the reconnect: a new session, the same token
    assert not again.exception
    refused = _add(TestClient(Starlette(routes=live_routes(lambda: store))), ani.token, "after the reconnect", lang)
    assert refused["status"] == "refused" and refused["message"] in limited, refused

    texts = {item.text for item in store.items.for_canvas(canvas)}
    assert "the last one that fits" in texts and len(texts) == NOTE_WRITES.allowed
    assert "one too many" not in texts and "after the reconnect" not in texts


def test_projector_code_guesses_are_counted(room):
    _, _, opened = room
    wait_for_fresh_window(CODE_GUESSES, 60)
    for _ in range(CODE_GUESSES.allowed):
        wrong = app_test("app.py", code="ZZZZ-ZZZZ", lang="en").run()
        wrong.switch_page("pages/present.py").run()
        assert [w.value for w in wrong.warning] == [translate("en", "workshop.error.bad_code")]
    at = app_test("app.py", code=opened.workshop.join_code, lang="en").run()
    at.switch_page("pages/present.py").run()
    assert not at.exception
    assert [m for m in _infos(at) if m in _waits("en", "limits.codes", "minutes", 20)], _infos(at)
    assert not at.title  # the board is not shown


@pytest.fixture
def remote_device(app_env: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NILAI_TRUST_LOCAL", "false")
    monkeypatch.setenv("NILAI_WORKSPACE_KEY", KEY)
    get_settings.cache_clear()
    return app_env


def test_key_link_guesses_are_counted(remote_device: Path) -> None:
    wait_for_fresh_window(KEY_GUESSES, 60)
    for attempt in range(KEY_GUESSES.allowed):  # each one a new session: a link opened again
        app_test("app.py", lang="en", key=f"guess-number-{attempt:04d}").run()
    at = app_test("app.py", lang="en", key=KEY).run()  # even the right key waits out the limit
    assert not at.exception
    assert at.title[0].value == translate("en", "workspace.private.title")
    assert [m for m in _infos(at) if m in _waits("en", "limits.keys", "minutes", 20)], _infos(at)
