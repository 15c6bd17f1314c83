"""Clear paths (issue 14): what each page offers next, and no silent refusals or dead ends.
AppTest on a real (seeded) database."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from canvas import canvases
from canvas.models import NOTE_MAX
from classroom import service as classes
from core.settings import get_settings
from examples.seeding import open_store
from i18n import translate
from projects import service as projects
from projects.class_links import group_actor
from tests.actors import WORKSPACE
from workshop import facilitation, joining

ROOT = Path(__file__).resolve().parents[2]


def _store():
    return open_store(get_settings())


def _page(page: str, lang: str = "en", **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page)
    return at.run()


def _text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [h.value for h in at.header]
    parts += [e.value for e in at.error] + [w.value for w in at.warning] + [i.value for i in at.info]
    parts += [s.value for s in at.success] + [t.value for t in at.title]
    return "\n".join(parts).replace("\\", "")


def test_a_new_project_is_opened_with_its_next_steps_and_the_form_closes(app_env: Path) -> None:
    at = _page("pages/home.py")
    at.text_input(key="home.new_name").input("Kopi Pagi")
    at = at.button[[b.label for b in at.button].index(translate("en", "home.create"))].click().run()
    assert not at.exception
    created = next(p for p in _store().projects.summaries() if p.name == "Kopi Pagi")
    assert at.query_params.get("project") == created.id  # opened at once
    assert translate("en", "paths.next.title") in _text(at)
    assert at.session_state["home.new_popover"] is False  # the create popover is closed
    at = at.button(key="home.next_step.dismiss").click().run()
    assert translate("en", "paths.next.title") not in _text(at)


def test_projector_without_a_code_lists_the_projects_open_workshops(app_env: Path) -> None:
    store = _store()
    project = projects.create_project(store, WORKSPACE, "Lokakarya", language="en")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Commuters")
    opened = joining.open_workshop(store, WORKSPACE, canvas.id, facilitator_name="Fasil")
    at = _page("pages/present.py", project=project.id)
    assert not at.exception
    assert translate("en", "workshop.error.bad_code") not in _text(at)  # no code is not a wrong code
    picker = at.selectbox(key="present.pick")
    assert picker.options == [
        translate(
            "en",
            "present.pick.option",
            canvas="Commuters",
            code="-".join((opened.workshop.join_code[:4], opened.workshop.join_code[4:])),
        )
    ]
    at = at.button(key="present.pick.show").click().run()
    assert not at.exception
    assert at.query_params.get("code") == opened.workshop.join_code
    assert at.title[0].value == "Commuters"


def test_projector_for_a_project_without_a_workshop_says_where_to_open_one(app_env: Path) -> None:
    project = projects.create_project(_store(), WORKSPACE, "Empty", language="id")
    at = _page("pages/present.py", lang="id", project=project.id)
    assert not at.exception
    assert translate("id", "present.pick.none") in _text(at)


def test_the_join_pages_note_box_carries_the_domains_limit(app_env: Path) -> None:
    """The live board's note box (ui/workshop/live_board) gets the domain's limit, so the
    browser stops a long paste where the domain would refuse it; the write itself goes to
    the action endpoint (tests/server/test_live_actions.py)."""
    store = _store()
    project = projects.create_project(store, WORKSPACE, "Join", language="id")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Pelanggan")
    opened = joining.open_workshop(store, WORKSPACE, canvas.id, facilitator_name="Fasil")
    facilitation.set_step(store, opened.facilitator_token, "pains")
    joined = joining.join(store, opened.workshop.join_code, "Ani", client="test")
    at = _page("pages/join.py", lang="id", p=joined.token)
    assert not at.exception
    [board] = [e.proto for e in at.get("bidi_component") if e.proto.component_name.endswith("nilai_live_board")]
    data = json.loads(board.json)
    assert data["compose"] and data["areas"] == ["pains"] and data["note_limit"] == NOTE_MAX
    assert data["labels"]["add"] == translate("id", "workshop.join.add")


def test_a_class_group_on_the_blank_template_gets_its_canvas_on_first_open(app_env: Path) -> None:
    store = _store()
    created = classes.create_class(store, WORKSPACE, "Pemasaran A", template="blank")
    joined = classes.join_class(store, created.classroom.join_code, "Tim Satu", client="test")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update({"lang": "id", "group": joined.token})
    at.run()
    at.switch_page("pages/classroom.py")
    at = at.run()
    assert not at.exception
    [canvas] = canvases.list_canvases(store, group_actor(store, joined.token), joined.group.project_id)
    assert canvas.name == translate("id", "paths.class.first_canvas", group="Tim Satu")
    assert translate("id", "paths.class.canvas_made", name=canvas.name) in _text(at)
    at = at.run()  # a second visit makes no second canvas
    assert len(store.canvases.list_for_project(joined.group.project_id)) == 1


def test_the_class_deadline_is_entered_and_shown_in_the_users_time_zone(app_env: Path) -> None:
    at = _page("pages/classroom.py", lang="id")
    at.text_input(key="class.name").input("Pemasaran B")
    at.date_input(key="class.deadline").set_value(date(2026, 12, 20))
    at.time_input(key="class.deadline_time").set_value(time(23, 59))
    assert translate("id", "paths.timezone", zone="WIB (Asia/Jakarta)") in _text(at)
    at = at.button[[b.label for b in at.button].index(translate("id", "classroom.create"))].click().run()
    assert not at.exception
    [classroom] = _store().classes.find()
    # 23.59 in Jakarta is 16.59 UTC; it is shown back as 23.59 WIB, never as UTC.
    assert classroom.deadline == datetime(2026, 12, 20, 16, 59, tzinfo=UTC)
    assert "2026-12-20 23:59 WIB (Asia/Jakarta)" in _text(at)
    assert "UTC" not in _text(at)


def _remote(monkeypatch, key: str | None) -> None:
    monkeypatch.setenv("NILAI_TRUST_LOCAL", "false")
    if key:
        monkeypatch.setenv("NILAI_WORKSPACE_KEY", key)
    else:
        monkeypatch.delenv("NILAI_WORKSPACE_KEY", raising=False)
    get_settings.cache_clear()


def test_the_landing_page_without_a_key_offers_no_key_form(app_env: Path, monkeypatch) -> None:
    _remote(monkeypatch, None)
    at = _page("pages/home.py", lang="id")
    assert not at.exception
    text = _text(at)
    assert translate("id", "landing.workshop.title") in text and translate("id", "landing.class.title") in text
    assert translate("id", "workspace.private.no_key") in text
    assert not at.text_input  # no key to enter: no key form next to "this server has no key"
    assert translate("id", "common.no_project") not in text


def test_the_landing_page_with_a_key_asks_for_it_once(app_env: Path, monkeypatch) -> None:
    _remote(monkeypatch, "kunci-ruang-kerja-7f3a9c1e")
    at = _page("pages/home.py", lang="en")
    assert not at.exception
    text = _text(at)
    assert translate("en", "landing.workspace.with_key") in text
    assert translate("en", "workspace.private.no_key") not in text
    assert [w.label for w in at.text_input] == [translate("en", "workspace.private.key")]


def test_the_persona_tip_links_the_customer_portfolio(app_env: Path) -> None:
    project = projects.create_project(_store(), WORKSPACE, "Kosong", language="id")
    at = _page("pages/personas.py", lang="id", project=project.id)
    assert not at.exception
    assert translate("id", "personas.no_segments_hint") in _text(at)
    links = [link.proto.page for link in at.get("page_link")]
    assert any(page.endswith("portfolio") or "portfolio" in page for page in links), links


def test_the_console_says_what_votes_cover(app_env: Path) -> None:
    store = _store()
    project = projects.create_project(store, WORKSPACE, "Suara", language="en")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Commuters")
    opened = joining.open_workshop(store, WORKSPACE, canvas.id, facilitator_name="Fasil")
    facilitation.set_step(store, opened.facilitator_token, "pains")
    at = _page("pages/workshop.py", f=opened.facilitator_token)
    assert not at.exception
    free = translate("en", "workshop.console.no_step")
    assert translate("en", "paths.vote.scope_step", area=translate("en", "workshop.area.pains"), free=free) in _text(at)
    facilitation.set_step(store, opened.facilitator_token, None)
    at = _page("pages/workshop.py", f=opened.facilitator_token)
    assert translate("en", "paths.vote.scope_all", free=free) in _text(at)


def test_another_device_on_a_project_page_is_told_once_and_led_back(app_env: Path, monkeypatch) -> None:
    _remote(monkeypatch, None)
    project_id = next(p.id for p in _store().projects.summaries() if p.name.startswith("Contoh"))
    for params in ({}, {"project": project_id}):
        at = _page("pages/canvas.py", lang="id", **params)
        assert not at.exception
        text = _text(at)
        assert translate("id", "common.no_project") not in text  # no "choose a project" next to "private"
        assert text.count(translate("id", "workspace.error.private")) == 1
        assert translate("id", "paths.back_to_start") in [link.proto.label for link in at.get("page_link")]
