"""Customer voice page wiring with AppTest: the dashboard over the example survey, a theme
accepted into the canvas, the actions tab, and the import tab's empty state."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from canvas import canvases
from core.settings import get_settings
from examples import survey_file
from examples.seeding import open_store
from feedback import service as feedback
from i18n import translate
from projects import service as projects
from tests.actors import WORKSPACE

ROOT = Path(__file__).resolve().parents[2]


def _project_with_survey() -> tuple[str, str]:
    store = open_store(get_settings())
    project = projects.create_project(store, WORKSPACE, "Library", language="en")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Students")
    raw = survey_file("campus_library", "en").read_bytes()
    feedback.import_responses(store, WORKSPACE, project.id, feedback.read_file(store, WORKSPACE, project.id, raw))
    return project.id, canvas.id


def _page(project_id: str, lang: str = "en", tab: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.query_params["project"] = project_id
    at.run()
    at.switch_page("pages/feedback.py").run()
    if tab:
        at.session_state["feedback.tab"] = translate(lang, f"feedback.tab.{tab}")
        at.run()
    assert not at.exception, at.exception
    return at


def test_dashboard_shows_the_score_its_interval_and_the_journey(app_env: Path) -> None:
    project_id, _ = _project_with_survey()
    at = _page(project_id)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["NPS"] == "−7"  # 120 answers, the example's made-up survey
    assert metrics[translate("en", "feedback.nps.answers")] == "120"
    assert " to " in metrics[translate("en", "feedback.nps.interval_label")]
    assert len(at.get("plotly_chart")) == 1
    assert at.dataframe[0].value.shape[0] >= 5  # one row per touchpoint


def test_dashboard_in_indonesian(app_env: Path) -> None:
    project_id, _ = _project_with_survey()
    at = _page(project_id, lang="id")
    assert translate("id", "feedback.nps.answers") in [m.label for m in at.metric]


def test_a_detractor_theme_is_accepted_as_a_pain(app_env: Path) -> None:
    project_id, canvas_id = _project_with_survey()
    at = _page(project_id, tab="themes")
    accept = [b for b in at.button if (b.key or "").startswith("feedback.accept.pain.")]
    assert accept
    key = accept[0].key.removeprefix("feedback.accept.pain.")
    accept[0].click().run()
    assert not at.exception
    items = canvases.load_board(open_store(get_settings()), WORKSPACE, canvas_id).items
    pains = [i for i in items if i.area == "pains"]
    assert len(pains) == 1 and pains[0].evidence_note.startswith("“")
    assert "customers" in pains[0].evidence_source
    assert f"feedback.accept.pain.{key}" not in [b.key for b in at.button]


def test_actions_tab_adds_an_improvement(app_env: Path) -> None:
    project_id, _ = _project_with_survey()
    at = _page(project_id, tab="actions")
    at.text_input(key="feedback.action_title").input("Second loan desk at lunchtime")
    next(b for b in at.button if b.label == translate("en", "feedback.action.add")).click().run()
    assert not at.exception
    titles = [a.title for a in feedback.actions(open_store(get_settings()), WORKSPACE, project_id)]
    assert titles == ["Second loan desk at lunchtime"]


def test_import_tab_waits_for_a_file(app_env: Path) -> None:
    project_id, _ = _project_with_survey()
    at = _page(project_id, tab="import")
    assert at.get("file_uploader")


def test_all_answers_can_be_removed_after_a_confirmation(app_env: Path) -> None:
    project_id, _ = _project_with_survey()
    at = _page(project_id, tab="import")
    assert at.button(key="feedback.remove").disabled
    at.checkbox(key="feedback.remove_sure").check().run()
    at.button(key="feedback.remove").click().run()
    assert not at.exception
    assert open_store(get_settings()).feedback.count(project_id) == 0


def test_themes_tab_without_answers_says_where_themes_come_from(app_env: Path) -> None:
    store = open_store(get_settings())
    project = projects.create_project(store, WORKSPACE, "Empty", language="en")
    canvases.create_canvas(store, WORKSPACE, project.id, "Students")
    at = _page(project.id, tab="themes")
    assert translate("en", "feedback.theme.no_comments") in [i.value for i in at.info]
