"""Members page wiring with AppTest, on this computer (sign-in off): it says members are for
a team server, and the workspace, which owns everything here, sees the project's audit log."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from core.settings import get_settings
from examples.seeding import open_store
from projects import audit
from projects.service import create_project, trash_project
from tests.actors import WORKSPACE

ROOT = Path(__file__).resolve().parents[2]


def test_the_members_page_explains_itself_and_shows_the_audit_log(app_env: Path) -> None:
    store = open_store(get_settings())
    project = create_project(store, WORKSPACE, "Kedai Senja", "", "en")
    audit.record(store, WORKSPACE, project.id, "exported", "pdf")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["lang"] = "en"
    at.query_params["project"] = project.id
    at.run()
    at.switch_page("pages/members.py").run()
    assert not at.exception, at.exception
    assert any("team server with sign-in" in info.value for info in at.info)
    assert [h.value for h in at.header] == ["Audit log"]
    table = at.dataframe[0].value
    assert list(table["What"]) == ["Exported"] and list(table["Detail"]) == ["pdf"]
    assert list(table["Who"]) == ["workspace (tests)"]


def test_a_trashed_project_is_not_on_the_members_page(app_env: Path) -> None:
    store = open_store(get_settings())
    project = create_project(store, WORKSPACE, "Gone", "", "en")
    trash_project(store, WORKSPACE, project.id)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["lang"] = "en"
    at.query_params["project"] = project.id
    at.run()
    at.switch_page("pages/members.py").run()
    assert not at.exception, at.exception
    assert not at.header and not at.dataframe


def _invite_section(project_id: str) -> None:
    from core.actors import UserActor
    from ui.common.state import get_store
    from ui.team.members import invite_section

    invite_section(UserActor("ana@example.org", "Ana Owner"), get_store().projects.get(project_id))


def test_an_owner_can_make_a_single_use_invite_link(app_env: Path) -> None:
    from core.actors import UserActor
    from projects import members

    store = open_store(get_settings())
    owner = UserActor("ana@example.org", "Ana Owner")
    project = create_project(store, owner, "Kedai Senja", "", "en")
    at = AppTest.from_function(_invite_section, args=(project.id,), default_timeout=90)
    at.run()
    at.checkbox(key="team.invite_single_use").check()
    at.button(key="team.invite_create").click().run()
    assert not at.exception, at.exception
    [invite] = members.list_invites(store, owner, project.id)
    assert invite.max_uses == 1
    assert any("sekali pakai" in markdown.value for markdown in at.markdown)  # the default language: Indonesian
