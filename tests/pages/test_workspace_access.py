"""Another device without the workspace key gets the landing page, never the projects.

AppTest has no client address; the `app_env` fixture makes its runs this computer's
browser (a loopback peer). These tests turn off NILAI_TRUST_LOCAL to stand for a
participant's phone on the network, or take the address away: unknown means remote.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.settings import get_settings
from examples.seeding import open_store
from i18n import translate
from tests.apptest import app_test
from ui.common import workspace_access

KEY = "kunci-ruang-kerja-7f3a9c1e"


@pytest.fixture
def remote_device(app_env: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NILAI_TRUST_LOCAL", "false")
    monkeypatch.setenv("NILAI_WORKSPACE_KEY", KEY)
    get_settings.cache_clear()
    return app_env


def _texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [t.value for t in at.title]
    return "\n".join(parts + [e.value for e in at.error])


def _sample_project_id() -> str:
    store = open_store(get_settings())
    try:
        return next(s.id for s in store.projects.summaries() if s.name.startswith("Sample"))
    finally:
        store.db.engine.dispose()


def test_the_computer_running_nilai_opens_home_directly(app_env: Path) -> None:
    at = app_test("app.py", lang="en").run()
    assert at.title[0].value == translate("en", "home.title")


def test_another_device_sees_the_landing_page_and_no_project_names(remote_device: Path) -> None:
    at = app_test("app.py", lang="id").run()
    assert not at.exception
    assert at.title[0].value == translate("id", "workspace.private.title")
    assert "Sapa" not in _texts(at)  # the sample projects stay private


def test_a_project_link_from_another_device_is_refused(remote_device: Path) -> None:
    project_id = _sample_project_id()
    at = app_test("app.py", lang="en", project=project_id).run()
    at.switch_page("pages/canvas.py").run()
    assert not at.exception
    assert translate("en", "workspace.error.private") in [e.value for e in at.error]
    assert "Sapa" not in _texts(at)
    assert at.query_params.get("project") != project_id


def test_a_wrong_key_is_refused_and_the_right_key_opens_home(remote_device: Path) -> None:
    at = app_test("app.py", lang="en").run()
    at.text_input[0].input("not-the-key-at-all")
    at.button[0].click().run()
    assert translate("en", "workspace.private.wrong_key") in [e.value for e in at.error]
    assert at.title[0].value == translate("en", "workspace.private.title")
    at.text_input[0].input(KEY)
    at.button[0].click().run()
    assert at.title[0].value == translate("en", "home.title")
    assert "key" not in at.query_params  # kept in the server-side session, never in the URL
    assert KEY not in str(dict(at.query_params))


def test_a_key_link_opens_home_once_and_leaves_the_url(remote_device: Path) -> None:
    at = app_test("app.py", lang="en", key=KEY).run()
    assert at.title[0].value == translate("en", "home.title")
    assert "key" not in at.query_params
    at.run()  # the session stays open without the key in the URL
    assert at.title[0].value == translate("en", "home.title")


@pytest.mark.parametrize(
    ("address", "local"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("::1", True),
        ("::ffff:127.0.0.1", True),  # Streamlit's default dual-stack bind reports 127.0.0.1 so
        (None, False),  # unknown: AppTest, Streamlit's agent API
        ("", False),
        ("192.168.1.20", False),
        ("::ffff:192.168.1.20", False),
        ("fe80::1", False),
        ("not an address", False),
    ],
)
def test_only_loopback_addresses_are_this_computer(address: str | None, local: bool) -> None:
    assert workspace_access.is_loopback(address) is local


def test_a_session_with_no_known_address_is_another_device(app_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workspace_access, "session_peer_address", lambda: None)
    at = app_test("app.py", lang="en").run()
    assert not at.exception
    assert at.title[0].value == translate("en", "workspace.private.title")
    assert "Sapa" not in _texts(at)


def test_an_ipv4_mapped_loopback_session_is_this_computer(app_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workspace_access, "session_peer_address", lambda: "::ffff:127.0.0.1")
    at = app_test("app.py", lang="en").run()
    assert at.title[0].value == translate("en", "home.title")


def test_guessing_the_key_is_rate_limited(remote_device: Path) -> None:
    at = app_test("app.py", lang="en").run()
    for attempt in range(12):
        at.text_input[0].input(f"guess-number-{attempt:04d}")
        at.button[0].click().run()
    errors = [e.value for e in at.error] + [i.value for i in at.info]
    assert translate("en", "workspace.private.wrong_key") not in errors
    assert any("minute" in error for error in errors), errors
    at.text_input[0].input(KEY)  # even the right key waits out the limit
    at.button[0].click().run()
    assert at.title[0].value == translate("en", "workspace.private.title")
