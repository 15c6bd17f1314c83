"""Customer portfolio page wiring with AppTest: create, chart, exclusions, edit, delete + undo."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from core.settings import get_settings
from examples.seeding import open_store
from i18n import translate
from personas import service as ps
from projects import service as projects
from tests.actors import WORKSPACE

ROOT = Path(__file__).resolve().parents[2]


def _store():
    return open_store(get_settings())


def _project(name: str = "Library") -> str:
    return projects.create_project(_store(), WORKSPACE, name, language="en").id


def _page(project_id: str, lang: str = "en") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.query_params["project"] = project_id
    at.run()
    return at.switch_page("pages/portfolio.py").run()


def _texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [t.value for t in at.title]
    parts += [e.value for e in at.error] + [w.value for w in at.warning] + [i.value for i in at.info]
    return "\n".join(parts).replace("\\", "")


def _chart(at: AppTest) -> dict:
    [chart] = at.get("plotly_chart")
    return json.loads(chart.proto.spec)


def test_empty_portfolio_explains_what_to_do(app_env: Path) -> None:
    at = _page(_project())
    assert not at.exception
    assert at.title[0].value == translate("en", "portfolio.title")
    assert translate("en", "portfolio.empty") in _texts(at)
    assert not at.get("plotly_chart")


def test_create_a_segment_in_the_form(app_env: Path) -> None:
    project_id = _project()
    at = _page(project_id)
    at.text_input(key="portfolio.new.name").input("Final-year students")
    at.number_input(key="portfolio.new.size").set_value(2400)
    at.button_group(key="portfolio.new.attractiveness").set_value(5)
    at.button_group(key="portfolio.new.capability").set_value(4)
    at.button_group(key="portfolio.new.decision").set_value("target")
    at.text_input(key="portfolio.new.reason").input("Thesis deadlines")
    at = next(b for b in at.button if b.label == translate("en", "portfolio.create")).click().run()
    assert not at.exception
    [segment] = ps.list_segments(_store(), WORKSPACE, project_id)
    assert (segment.name, segment.size, segment.attractiveness, segment.capability) == (
        "Final-year students",
        2400,
        5,
        4,
    )
    assert segment.decision == "target" and segment.decision_reason == "Thesis deadlines"
    assert "Final-year students" in _texts(at)
    spec = _chart(at)
    assert [trace["name"] for trace in spec["data"]] == [translate("en", "portfolio.decision.target")]


def test_an_empty_name_gets_a_message_and_nothing_is_saved(app_env: Path) -> None:
    project_id = _project()
    at = _page(project_id)
    at = next(b for b in at.button if b.label == translate("en", "portfolio.create")).click().run()
    assert not at.exception
    assert translate("en", "error.field.empty", field=translate("en", "field.name")) in [e.value for e in at.error]
    assert ps.list_segments(_store(), WORKSPACE, project_id) == []


def test_chart_and_exclusions_in_indonesian_with_html_as_text(app_env: Path) -> None:
    project_id = _project()
    store = _store()
    ps.create_segment(
        store, WORKSPACE, project_id, name="Mahasiswa", size=2400, attractiveness=5, capability=4, decision="target"
    )
    ps.create_segment(
        store,
        WORKSPACE,
        project_id,
        name="<b>Alumni</b>",
        size=9000,
        decision="exclude",
        decision_reason="<script>x</script>",
    )
    umum = ps.create_segment(store, WORKSPACE, project_id, name="Umum", decision="exclude")
    ps.create_persona(store, WORKSPACE, project_id, name="Pak Budi", segment_id=umum.id)
    at = _page(project_id, lang="id")
    assert not at.exception
    spec = _chart(at)
    assert [trace["name"] for trace in spec["data"]] == [
        translate("id", "portfolio.decision.target"),
        translate("id", "portfolio.decision.exclude"),
    ]
    assert spec["layout"]["xaxis"]["title"]["text"] == translate("id", "portfolio.chart.x")
    assert "&lt;b&gt;Alumni&lt;/b&gt;" in spec["data"][1]["text"]
    texts = _texts(at)
    assert translate("id", "portfolio.choosing_title") in texts
    assert translate("id", "portfolio.choosing_counts", target=1, consider=0, exclude=2) in texts
    # The excluded list shows each segment with its reason, or says the reason is missing.
    assert "<b>Alumni</b>** — <script>x</script>" in texts
    assert translate("id", "portfolio.missing_reason") in texts
    # A persona that still stands for an excluded segment is pointed out.
    assert translate("id", "portfolio.excluded_has_personas", count=1) in texts
    # Markdown never sees raw HTML from the user.
    raw = [m.value for m in at.markdown if "Alumni" in m.value]
    assert raw and all("<b>" not in value for value in raw)


def test_edit_a_segment_and_a_stale_edit_is_refused(app_env: Path) -> None:
    project_id = _project()
    store = _store()
    segment = ps.create_segment(store, WORKSPACE, project_id, name="Lecturers", attractiveness=3)
    at = _page(project_id)
    base = f"portfolio.edit.{segment.id}.{segment.version}"
    at.button_group(key=f"{base}.attractiveness").set_value(4)
    at = next(b for b in at.button if b.label == translate("en", "portfolio.save")).click().run()
    assert not at.exception
    saved = store.segments.get(segment.id)
    assert saved.attractiveness == 4

    # Someone else renames it while this form is open on the saved version.
    base = f"portfolio.edit.{segment.id}.{saved.version}"
    ps.update_segment(store, WORKSPACE, segment.id, saved.version, name="Lecturers (theirs)")
    at.text_input(key=f"{base}.name").input("Lecturers (mine)")
    at = next(b for b in at.button if b.label == translate("en", "portfolio.save")).click().run()
    assert not at.exception
    assert translate("en", "error.stale_version") in [w.value for w in at.warning]
    assert store.segments.get(segment.id).name == "Lecturers (theirs)"


def test_delete_keeps_personas_and_undo_restores(app_env: Path) -> None:
    project_id = _project()
    store = _store()
    segment = ps.create_segment(store, WORKSPACE, project_id, name="Alumni")
    persona = ps.create_persona(store, WORKSPACE, project_id, name="Budi", segment_id=segment.id)
    at = _page(project_id)
    at = at.button(key=f"portfolio.delete.{segment.id}").click().run()
    assert not at.exception
    assert ps.list_segments(store, WORKSPACE, project_id) == []
    assert translate("en", "portfolio.deleted", name="Alumni") in _texts(at)
    [entry] = ps.gallery(store, WORKSPACE, project_id)
    assert entry.persona.id == persona.id and entry.segment is None

    at = at.button(key="portfolio.undo").click().run()
    assert not at.exception
    assert [s.id for s in ps.list_segments(store, WORKSPACE, project_id)] == [segment.id]
    assert ps.gallery(store, WORKSPACE, project_id)[0].segment.id == segment.id


def test_without_a_project_the_page_points_home(app_env: Path) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    at = at.switch_page("pages/portfolio.py").run()
    assert not at.exception
    assert translate("en", "common.no_project") in [i.value for i in at.info]


def test_persona_count_opens_the_gallery_filtered_on_that_segment(app_env: Path) -> None:
    project_id = _project()
    store = _store()
    a = ps.create_segment(store, WORKSPACE, project_id, name="Students")
    b = ps.create_segment(store, WORKSPACE, project_id, name="Lecturers")
    ps.create_persona(store, WORKSPACE, project_id, name="Rina", segment_id=a.id)
    ps.create_persona(store, WORKSPACE, project_id, name="Dimas", segment_id=b.id)
    at = _page(project_id)
    at = at.button(key=f"portfolio.personas.{b.id}").click().run()
    assert not at.exception
    assert at.title[0].value == translate("en", "personas.title")
    assert at.selectbox(key="personas.filter").value == b.id
    html = "\n".join(h.proto.body for h in at.get("html"))
    assert "Dimas" in html and "Rina" not in html
