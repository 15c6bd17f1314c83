"""Page wiring of the workshop pages: bad input gets a clear message, in both languages."""

from __future__ import annotations

import json

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient
from streamlit.testing.v1 import AppTest

from canvas import canvases
from core.limits import CODE_GUESSES
from core.routes import FEED_PATH
from core.settings import Settings
from examples.seeding import open_store
from i18n import translate
from projects.service import create_project, restore_project, trash_project
from server.feed import feed_routes
from tests.actors import WORKSPACE
from tests.conftest import ROOT
from tests.windows import wait_for_fresh_window
from ui.common.text import md_escape
from workshop import facilitation, feed, joining
from workshop import notes as workshop_notes
from workshop.models import DISPLAY_NAME_MAX


@pytest.fixture
def room(app_env):
    store = open_store(Settings(data_dir=app_env, database_url=None, seed_sample=False))
    project = create_project(store, WORKSPACE, "Workshop page", "", "en")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Commuters")
    opened = joining.open_workshop(store, WORKSPACE, canvas.id, facilitator_name="Dewi")
    return store, opened


def _join_page(lang: str = "en", **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("pages/join.py")
    at.run()
    assert not at.exception, at.exception
    return at


def _submit(at: AppTest, code: str, name: str) -> AppTest:
    at.text_input(key="join.code").set_value(code)
    at.text_input(key="join.name").set_value(name)
    next(b for b in at.button if b.label == translate(at.session_state["ui.lang"], "workshop.join.submit")).click()
    return at.run()


def _errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_wrong_code_empty_and_long_names_are_explained(room, lang):
    _, opened = room
    at = _join_page(lang)
    at = _submit(at, "WRONG123", "Ani")
    assert _errors(at) == [translate(lang, "workshop.error.bad_code")]
    at = _submit(at, opened.workshop.join_code, "   ")
    assert translate(lang, "field.display_name") in _errors(at)[0]
    # A longer name can't be typed: the box shows the limit and counts towards it (issue 26).
    assert at.text_input(key="join.name").max_chars == DISPLAY_NAME_MAX


def test_same_name_is_kept_apart_and_said(room):
    store, opened = room
    joining.join(store, opened.workshop.join_code, "Ani", client="test")
    at = _join_page(code=opened.workshop.join_code)
    assert at.text_input(key="join.code").value == opened.workshop.join_code
    at = _submit(at, opened.workshop.join_code, "Ani")
    assert not at.exception
    assert any(md_escape("Ani (2)") in i.value for i in at.info)


def test_wrong_codes_are_limited_on_the_server_across_sessions(room):
    _, opened = room
    wait_for_fresh_window(CODE_GUESSES, 60)
    for _ in range(CODE_GUESSES.allowed):  # a new session each time: a reload or a new tab
        assert _errors(_submit(_join_page(), "ZZZZZZZZ", "Eve")) == [translate("en", "workshop.error.bad_code")]
    at = _submit(_join_page(), opened.workshop.join_code, "Eve")  # even the right code waits
    waits = {translate("en", "limits.codes", minutes=m) for m in range(1, 21)}
    assert [i.value for i in at.info if i.value in waits], [i.value for i in at.info]
    assert "join.token" not in at.session_state  # not joined


def test_locked_board_and_ended_workshop(room):
    store, opened = room
    joined = joining.join(store, opened.workshop.join_code, "Ani", client="test")
    facilitation.set_locked(store, opened.facilitator_token, True)
    at = _join_page(p=joined.token)
    assert any(translate("en", "workshop.join.locked") in i.value for i in at.info)
    assert not [b for b in at.button if b.label == translate("en", "workshop.join.add")]
    facilitation.end_workshop(store, opened.facilitator_token)
    at = _join_page(p=joined.token)
    assert [w.value for w in at.warning] == [translate("en", "workshop.error.ended")]


def test_participant_token_is_not_a_facilitator_link(room):
    store, opened = room
    joined = joining.join(store, opened.workshop.join_code, "Ani", client="test")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.query_params["f"] = joined.token
    at.run()
    at.switch_page("pages/workshop.py")
    at.run()
    assert [w.value for w in at.warning] == [translate("en", "workshop.error.bad_link")]
    assert not [b for b in at.button if b.label == translate("en", "workshop.console.end")]


def _console(opened) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.query_params["f"] = opened.facilitator_token
    at.run()
    at.switch_page("pages/workshop.py")
    return at.run()


def test_join_link_uses_the_public_url_when_one_is_set(room, monkeypatch):
    from core.settings import get_settings

    _, opened = room
    monkeypatch.setenv("NILAI_PUBLIC_URL", "https://nilai.kampus.ac.id/")
    get_settings.cache_clear()
    at = _console(opened)
    assert not at.exception
    shown = "\n".join(str(h.proto.body) for h in at.get("html"))
    assert f"https://nilai.kampus.ac.id/join?code={opened.workshop.join_code}&amp;lang=en" in shown
    get_settings.cache_clear()


def test_a_localhost_join_link_becomes_this_machines_network_address(room, monkeypatch):
    from streamlit import net_util

    monkeypatch.setattr(net_util, "get_internal_ip", lambda: "192.168.1.20")
    at = AppTest.from_function(_base_url_probe, default_timeout=30)
    at.context["url"] = "http://localhost:8501/workshop"
    at.run()
    assert at.markdown[0].value == "http://192.168.1.20:8501"


def _base_url_probe() -> None:
    import streamlit as st

    from ui.workshop.live import app_base_url

    st.markdown(app_base_url())


def test_a_facilitator_who_lost_the_link_resumes_from_the_project(room):
    store, opened = room
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.query_params["project"] = opened.workshop.project_id
    at.run()
    at.switch_page("pages/workshop.py")
    at.run()
    at.button(key=f"workshop.resume.{opened.workshop.id}").click().run()
    assert not at.exception
    assert at.title[0].value == translate("en", "workshop.console.running", canvas="Commuters")
    new_token = at.query_params["f"]
    assert new_token != opened.facilitator_token
    assert joining.facilitator_access(store, new_token).workshop.id == opened.workshop.id


def _present_page(code: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.query_params["code"] = code
    at.run()
    at.switch_page("pages/present.py")
    at.run()
    assert not at.exception, at.exception
    return at


def _live_board(at: AppTest) -> dict | None:
    """The data the page gave its live board component (ui/workshop/live_board), if it drew one."""
    boards = [e.proto for e in at.get("bidi_component") if e.proto.component_name.endswith("nilai_live_board")]
    return json.loads(boards[0].json) if boards else None


def _feed_texts(store, credential: str) -> set[str]:
    """What the board feed gives this credential (server/feed.py, as the browser asks)."""
    client = TestClient(Starlette(routes=feed_routes(lambda: store)))
    response = client.get(FEED_PATH, headers={"Authorization": f"Bearer {credential}"})
    return {note[3] for note in response.json()["board"]["notes"]} if response.status_code == 200 else set()


def test_the_trash_takes_the_workshop_off_the_projector_and_the_phones(room):
    store, opened = room
    ani = joining.join(store, opened.workshop.join_code, "Ani", client="test")
    workshop_notes.add_note(store, ani.token, "Queue at the counter", "pains")
    projector = _present_page(opened.workshop.join_code)
    wall = _live_board(projector)
    assert wall["viewer"] == "projector" and wall["credential"] == feed.projector_credential(opened.workshop)
    assert "Queue at the counter" in _feed_texts(store, wall["credential"])
    participant = _join_page(p=ani.token)
    assert _live_board(participant)["compose"]  # the note box is the board's own

    trash_project(store, WORKSPACE, opened.workshop.project_id)

    projector.run()  # the wall's next refresh
    assert not projector.exception
    assert _live_board(projector) is None and _feed_texts(store, wall["credential"]) == set()
    assert [w.value for w in projector.warning] == [translate("en", "workshop.error.bad_code")]
    participant.run()
    assert [w.value for w in participant.warning] == [translate("en", "workshop.error.ended")]
    assert not [b for b in participant.button if b.label == translate("en", "workshop.join.add")]
    console = _console(opened)
    assert [w.value for w in console.warning] == [translate("en", "workshop.error.bad_link")]

    restore_project(store, WORKSPACE, opened.workshop.project_id)
    assert _live_board(_present_page(opened.workshop.join_code)) is None
    assert _console(opened).success  # the facilitator sees the ended workshop again, not a running one
