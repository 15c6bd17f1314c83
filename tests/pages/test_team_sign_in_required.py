"""With sign-in on, a facilitator's or lecturer's link alone opens nothing: they sign in
first. A participant still joins with the workshop's code, with no account."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from canvas import canvases
from classroom import service as classes
from core.settings import Settings, get_settings
from examples.seeding import open_store
from i18n import translate
from projects.service import create_project
from tests.actors import WORKSPACE
from tests.conftest import ROOT
from workshop import joining as workshop_joining

SIGN_IN_ENV = {
    "NILAI_OIDC_ISSUER": "http://localhost:9/idp",
    "NILAI_OIDC_CLIENT_ID": "nilai",
    "NILAI_OIDC_CLIENT_SECRET": "secret",
    "NILAI_OIDC_COOKIE_SECRET": "c" * 32,
    "NILAI_PUBLIC_URL": "https://nilai.example.org",
}


@pytest.fixture
def team_server_env(app_env: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for key, value in SIGN_IN_ENV.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    return app_env


def _page(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def test_a_facilitator_link_needs_sign_in_but_a_participant_joins_by_code(team_server_env: Path) -> None:
    store = open_store(Settings(data_dir=team_server_env, database_url=None, seed_sample=False))
    project = create_project(store, WORKSPACE, "Workshop", "", "en")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Commuters")
    opened = workshop_joining.open_workshop(store, WORKSPACE, canvas.id, facilitator_name="Dewi")

    console = _page("pages/workshop.py", f=opened.facilitator_token)
    labels = [b.label for b in console.button]
    assert translate("en", "workshop.console.end") not in labels
    assert translate("en", "workshop.console.board") not in [h.value for h in console.subheader]

    joining = _page("pages/join.py", code=opened.workshop.join_code)
    joining.text_input(key="join.name").set_value("Ani")
    next(b for b in joining.button if b.label == translate("en", "workshop.join.submit")).click()
    joining.run()
    assert not joining.exception, joining.exception
    assert [p.display_name for p in store.participants.for_workshop(opened.workshop.id)] == ["Dewi", "Ani"]


def test_a_lecturer_link_needs_sign_in(team_server_env: Path) -> None:
    store = open_store(Settings(data_dir=team_server_env, database_url=None, seed_sample=False))
    created = classes.create_class(store, WORKSPACE, "Marketing 2026", language="en")
    at = _page("pages/classroom.py", lecturer=created.lecturer_token)
    shown = [*at.markdown, *at.title, *at.subheader, *at.caption]
    assert "Marketing 2026" not in "\n".join(str(element.value) for element in shown)
