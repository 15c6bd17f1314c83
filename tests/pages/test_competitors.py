"""Competitors page wiring with AppTest: canvas choice, offerings, factors (suggestions,
duplicates, delete + undo), the score-table edit mapping, the chart, ERRC and relevance."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from competitors import comparison as competitor_comparison
from competitors import factors as competitor_factors
from competitors import offerings as competitor_offerings
from competitors import scores as competitor_scores
from core.settings import get_settings
from examples.seeding import open_store
from i18n import translate
from projects import service as projects
from tests.actors import WORKSPACE
from ui.competitors.chart import wrap_label
from ui.competitors.scores import CellEdit, cell_edits

ROOT = Path(__file__).resolve().parents[2]


def _store():
    return open_store(get_settings())


def _project() -> str:
    return projects.create_project(_store(), WORKSPACE, "Kopi", language="en").id


def _canvas(project_id: str, name: str = "Office workers") -> str:
    store = _store()
    canvas = store.canvases.insert(project_id, {"name": name})
    for area, text, rank in (
        ("pains", "Queues at lunch", 5),
        ("gains", "Good beans", 4),
        ("jobs", "Stay awake in meetings", 2),
    ):
        store.items.insert(project_id, {"canvas_id": canvas.id, "area": area, "text": text, "rank": rank})
    return canvas.id


def _page(
    project_id: str, canvas_id: str | None = None, lang: str = "en", tab: str | None = None, start: bool = True
) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.query_params["project"] = project_id
    if canvas_id:
        at.query_params["canvas"] = canvas_id
    at.run()
    at.switch_page("pages/competitors.py").run()
    if start and [b for b in at.button if b.key == "competitors.start"]:
        at = at.button(key="competitors.start").click().run()  # a comparison starts only when asked
    if tab:
        return _open_tab(at, tab, lang)
    return at


def _open_tab(at: AppTest, tab: str, lang: str = "en") -> AppTest:
    at.session_state["competitors.tab"] = translate(lang, f"competitors.tab.{tab}")
    return at.run()


def _texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [t.value for t in at.title]
    parts += [e.value for e in at.error] + [w.value for w in at.warning] + [i.value for i in at.info]
    return "\n".join(parts).replace("\\", "")


def _button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def _charts(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def test_with_several_canvases_the_page_asks_which_and_creates_nothing(app_env: Path) -> None:
    project_id = _project()
    first, second = _canvas(project_id, "Office workers"), _canvas(project_id, "Students")
    at = _page(project_id, start=False)
    assert not at.exception
    assert translate("en", "paths.competitors.which_canvas") in _texts(at)
    assert at.selectbox(key="competitors.canvas_pick").value is None
    store = _store()
    assert competitor_comparison.load_comparison(store, WORKSPACE, first).offerings == ()
    assert competitor_comparison.load_comparison(store, WORKSPACE, second).offerings == ()
    at = at.selectbox(key="competitors.canvas_pick").set_value(second).run()
    assert translate("en", "paths.competitors.not_started", canvas="Students") in _texts(at)


def test_without_a_canvas_the_page_explains(app_env: Path) -> None:
    at = _page(_project())
    assert not at.exception
    assert translate("en", "competitors.no_canvas") in _texts(at)


def test_first_visit_asks_before_making_our_offer_and_lists_suggestions(app_env: Path) -> None:
    project_id = _project()
    canvas_id = _canvas(project_id)
    at = _page(project_id, canvas_id, start=False)
    assert not at.exception
    assert (
        competitor_comparison.load_comparison(_store(), WORKSPACE, canvas_id).offerings == ()
    )  # nothing made silently
    assert translate("en", "paths.competitors.not_started", canvas="Office workers") in _texts(at)
    at = at.button(key="competitors.start").click().run()
    assert not at.exception
    assert at.title[0].value == "Competitors"
    [ours] = competitor_comparison.load_comparison(_store(), WORKSPACE, canvas_id).offerings
    assert (ours.kind, ours.name) == ("ours", "Our offer")
    labels = [b.label for b in at.button]
    assert "Queues at lunch · 5/5" in labels and "Good beans · 4/5" in labels
    # In Indonesian the page and our offer's default name are Indonesian.
    other = _canvas(project_id, "Mahasiswa")
    at = _page(project_id, other, lang="id")
    assert at.title[0].value == "Pesaing"
    assert competitor_comparison.load_comparison(_store(), WORKSPACE, other).ours.name == "Penawaran kami"


def test_add_competitor_and_refuse_a_duplicate(app_env: Path) -> None:
    project_id = _project()
    canvas_id = _canvas(project_id)
    at = _page(project_id, canvas_id)
    at.text_input(key="competitors.new_name").input("Kopi <b>Kenangan</b>")
    at.text_area(key="competitors.new_offering").input("Cheap iced coffee")
    at = _button(at, "Add").click().run()
    assert not at.exception
    names = [o.name for o in competitor_comparison.load_comparison(_store(), WORKSPACE, canvas_id).offerings]
    assert names == ["Our offer", "Kopi <b>Kenangan</b>"]
    # User text is escaped for Markdown, never rendered as HTML.
    assert any("Kopi \\<b\\>Kenangan\\</b\\>" in m.value for m in at.markdown)
    at.text_input(key="competitors.new_name").input("kopi  <B>kenangan</b>")
    at = _button(at, "Add").click().run()
    assert "There is already an offering called" in _texts(at)
    assert len(competitor_comparison.load_comparison(_store(), WORKSPACE, canvas_id).offerings) == 2


def test_factors_from_suggestions_duplicates_and_undo(app_env: Path) -> None:
    project_id = _project()
    canvas_id = _canvas(project_id)
    at = _page(project_id, canvas_id)
    at = _button(at, "Queues at lunch · 5/5").click().run()
    [factor] = competitor_comparison.load_comparison(_store(), WORKSPACE, canvas_id).factors
    assert (factor.name, factor.importance) == ("Queues at lunch", 5)
    assert "Queues at lunch · 5/5" not in [b.label for b in at.button]
    at.text_input(key="competitors.factor_name").input("  QUEUES at   lunch ")
    at = at.button(key="FormSubmitter:competitors.factor_add-Add").click().run()
    assert translate("en", "competitors.error.duplicate_factor", name="Queues at lunch") in _texts(at)
    assert len(competitor_comparison.load_comparison(_store(), WORKSPACE, canvas_id).factors) == 1
    # Delete a scored factor: the banner says how many scores went with it and offers Undo.
    data = competitor_comparison.load_comparison(_store(), WORKSPACE, canvas_id)
    competitor_scores.set_score(_store(), WORKSPACE, factor.id, data.ours.id, 7, None)
    at = _page(project_id, canvas_id)
    at = at.button(key=f"competitors.delete.factor.{factor.id}").click().run()
    assert competitor_comparison.load_comparison(_store(), WORKSPACE, canvas_id).factors == ()
    assert translate("en", "competitors.deleted_factor_scored", name="Queues at lunch", count=1) in _texts(at)
    at = at.button(key="competitors.undo").click().run()
    restored = competitor_comparison.load_comparison(_store(), WORKSPACE, canvas_id)
    assert [f.name for f in restored.factors] == ["Queues at lunch"]
    assert restored.scores == {(factor.id, data.ours.id): 7}


def test_score_edits_map_to_ids_not_positions() -> None:
    factors, offerings = ["f-top", "f-low"], ["ours", "rival"]
    shown = {"f-top|ours": 3, "f-top|rival": None, "f-low|ours": 5, "f-low|rival": 1}
    versions = {"f-top|ours": 4, "f-low|ours": 2, "f-low|rival": 7}
    edits, bad = cell_edits(
        {
            1: {"rival": 9.0, "_factor": "renamed?", "ours": 5},  # ours unchanged; the name column is ignored
            "0": {"rival": 6, "ours": None},
            5: {"ours": 1},  # a row that no longer exists in what was drawn
        },
        factors,
        offerings,
        shown,
        versions,
    )
    assert edits == [
        CellEdit("f-low", "rival", 9, 7),
        CellEdit("f-top", "rival", 6, None),
        CellEdit("f-top", "ours", None, 4),
    ]
    assert bad == []
    _edits, bad = cell_edits({0: {"ours": 2.5}}, factors, offerings, shown, versions)
    assert [(b.factor_id, b.competitor_id) for b in bad] == [("f-top", "ours")]


def test_chart_labels_wrap_and_escape_user_text() -> None:
    assert wrap_label("Opening hours and night access") == "Opening hours<br>and night access"
    assert wrap_label("<b>bold</b> & company") == "&lt;b&gt;bold&lt;/b&gt; &amp;<br>company"


def _scored(project_id: str, canvas_id: str) -> competitor_comparison.Comparison:
    store = _store()
    ours = competitor_offerings.ensure_our_offer(store, WORKSPACE, canvas_id, "Our offer")
    a = competitor_offerings.add_competitor(store, WORKSPACE, canvas_id, "Kopi A")
    b = competitor_offerings.add_competitor(store, WORKSPACE, canvas_id, "Home brew", kind="substitute")
    data = competitor_comparison.load_comparison(store, WORKSPACE, canvas_id)
    queues = competitor_factors.add_factor_from_item(store, WORKSPACE, canvas_id, data.factor_suggestions()[0].id)
    price = competitor_factors.add_factor(store, WORKSPACE, canvas_id, "Price", 2)
    for factor, values in ((queues, (3, 8, 0)), (price, (9, 4, 2))):
        for offering, value in zip((ours, a, b), values, strict=True):
            competitor_scores.set_score(store, WORKSPACE, factor.id, offering.id, value, None)
    return competitor_comparison.load_comparison(store, WORKSPACE, canvas_id)


def test_chart_has_one_line_per_offering_in_importance_order(app_env: Path) -> None:
    project_id = _project()
    canvas_id = _canvas(project_id)
    _scored(project_id, canvas_id)
    at = _page(project_id, canvas_id, tab="chart")
    assert not at.exception
    # The wide figure names the factors on its axis; the compact one (a phone) numbers them
    # and the page lists the names below it.
    spec, compact = _charts(at)
    traces = spec["data"]
    assert [t["name"] for t in traces] == ["Our offer (ours)", "Kopi A", "Home brew"]
    assert traces[0]["y"] == [3, 9] and traces[1]["y"] == [8, 4]
    assert spec["layout"]["xaxis"]["ticktext"] == ["Queues at lunch", "Price"]
    assert compact["layout"]["xaxis"]["ticktext"] == ["1", "2"] and compact["data"] == spec["data"]
    assert "title" not in spec["layout"]  # the page's own heading, which wraps
    assert "1. Queues at lunch · Importance 5/5\n2. Price · Importance 2/5" in _texts(at)
    at = _page(project_id, canvas_id, lang="id", tab="chart")
    spec, _compact = _charts(at)
    assert spec["layout"]["yaxis"]["title"]["text"] == "Skor (0–10)"
    assert spec["data"][0]["name"] == "Our offer (kita)"


def test_errc_accept_dismiss_and_own_move(app_env: Path) -> None:
    project_id = _project()
    canvas_id = _canvas(project_id)
    data = _scored(project_id, canvas_id)
    suggestions = data.open_suggestions()
    assert [s.action for s in suggestions] == ["reduce", "raise", "create"]
    at = _page(project_id, canvas_id, tab="errc")
    texts = _texts(at)
    assert "Raise “Queues at lunch”" in texts
    assert "we score 3 while Kopi A scores 8" in texts
    raise_ = suggestions[1]
    at = at.button(key=f"competitors.errc.{raise_.key}.accept").click().run()
    assert not at.exception
    [move] = competitor_comparison.load_comparison(_store(), WORKSPACE, canvas_id).moves
    assert (move.status, move.action, move.text) == ("accepted", "raise", "Raise “Queues at lunch”")
    at = at.button(key=f"competitors.errc.{suggestions[0].key}.dismiss").click().run()
    at.selectbox(key="competitors.own_action").set_value("create")
    at.text_input(key="competitors.own_text").input("Pre-order by WhatsApp")
    at = at.button(key="FormSubmitter:competitors.own_move-Add").click().run()
    moves = competitor_comparison.load_comparison(_store(), WORKSPACE, canvas_id).moves
    assert sorted((m.status, m.action) for m in moves) == [
        ("accepted", "raise"),
        ("dismissed", "reduce"),
        ("own", "create"),
    ]
    assert [
        s.action for s in competitor_comparison.load_comparison(_store(), WORKSPACE, canvas_id).open_suggestions()
    ] == ["create"]
    # Bring the dismissed one back.
    dismissed = next(m for m in moves if m.status == "dismissed")
    at = at.button(key=f"competitors.undismiss.{dismissed.id}").click().run()
    assert [
        s.action for s in competitor_comparison.load_comparison(_store(), WORKSPACE, canvas_id).open_suggestions()
    ] == [
        "reduce",
        "create",
    ]


def test_relevance_table_and_score(app_env: Path) -> None:
    project_id = _project()
    canvas_id = _canvas(project_id)
    data = _scored(project_id, canvas_id)
    store = _store()
    queues = next(i for i in data.items if i.text == "Queues at lunch")
    reliever = store.items.insert(project_id, {"canvas_id": canvas_id, "area": "relievers", "text": "Pre-order app"})
    store.links.insert(project_id, {"canvas_id": canvas_id, "source_id": reliever.id, "target_id": queues.id})
    at = _page(project_id, canvas_id, tab="relevance")
    assert not at.exception
    # Kopi A scores 8 on the queues factor: our reliever is at parity, weight 5; nothing unique or gap.
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Differentiation score"] == "0"
    assert metrics["Parity"] == "1"
    # A plain table (text wraps in full, nothing cut with "…"), every user text escaped.
    [table] = [h.proto.body for h in at.get("html") if "nilai-relevance" in h.proto.body]
    assert "<td" in table and ">Parity</td>" in table and ">Kopi A</td>" in table and ">Pre-order app</td>" in table
    assert not at.dataframe


def test_csv_import_lists_every_problem_then_imports(app_env: Path) -> None:
    project_id = _project()
    canvas_id = _canvas(project_id)
    data = _scored(project_id, canvas_id)
    before = data.scores
    at = _page(project_id, canvas_id, tab="scores")
    assert not at.exception
    bad = b"factor,offering,score\nPrice,Kopi A,eleven\nPrice,Nobody,3\nComfort,Kopi A,12\n"
    at.get("file_uploader")[0].upload("scores.csv", bad, "text/csv")
    at = at.run()
    at = at.button(key="competitors.csv_import").click().run()
    [error] = at.error
    message = error.value.replace("\\", "")
    assert message.startswith(translate("en", "competitors.csv_problems"))
    for line in (
        "Row 2: “eleven” is not a whole number.",
        "Row 3: there is no offering called “Nobody”.",
        "Row 4: there is no factor called “Comfort”.",
        "Row 4: 12 is outside 0–10.",
    ):
        assert line in message
    assert competitor_comparison.load_comparison(_store(), WORKSPACE, canvas_id).scores == before
    good = b"factor;offering;score\nPrice;Kopi A;7\nPrice;home brew;\n"
    at.get("file_uploader")[0].upload("scores.csv", good, "text/csv")
    at = at.run()
    at = at.button(key="competitors.csv_import").click().run()
    assert not at.error
    after = competitor_comparison.load_comparison(_store(), WORKSPACE, canvas_id)
    price = next(f.id for f in after.factors if f.name == "Price")
    by_name = {o.name: o.id for o in after.offerings}
    assert after.scores[(price, by_name["Kopi A"])] == 7
    assert (price, by_name["Home brew"]) not in after.scores  # an empty score clears the cell


def test_inline_factor_edit_refuses_duplicates(app_env: Path) -> None:
    project_id = _project()
    canvas_id = _canvas(project_id)
    data = _scored(project_id, canvas_id)
    price = next(f for f in data.factors if f.name == "Price")
    at = _page(project_id, canvas_id)
    at = at.button(key=f"competitors.edit.factor.{price.id}").click().run()
    at.text_input(key=f"competitors.fname.{price.id}").input("queues AT lunch")
    at = at.button(key=f"FormSubmitter:competitors.factor_form.{price.id}-Save changes").click().run()
    assert translate("en", "competitors.error.duplicate_factor", name="Queues at lunch") in _texts(at)
    at.text_input(key=f"competitors.fname.{price.id}").input("Low price")
    at.select_slider(key=f"competitors.fimportance.{price.id}").set_value(3)
    at = at.button(key=f"FormSubmitter:competitors.factor_form.{price.id}-Save changes").click().run()
    assert not at.exception
    renamed = next(
        f for f in competitor_comparison.load_comparison(_store(), WORKSPACE, canvas_id).factors if f.id == price.id
    )
    assert (renamed.name, renamed.importance) == ("Low price", 3)
    # The form closes after a save.
    assert not [w for w in at.text_input if w.key == f"competitors.fname.{price.id}"]


def test_only_the_open_tab_is_built(app_env: Path) -> None:
    project_id = _project()
    canvas_id = _canvas(project_id)
    _scored(project_id, canvas_id)
    at = _page(project_id, canvas_id)
    assert not at.get("plotly_chart") and not at.dataframe
    at = _open_tab(at, "scores")
    assert len(at.dataframe) == 1 and not at.get("plotly_chart")
    # The score grid's headers are letters (a grid cuts long names); the legend names them.
    assert translate("en", "competitors.scores_legend") in _texts(at)


def test_errc_edit_before_accepting_and_edit_a_move(app_env: Path) -> None:
    project_id = _project()
    canvas_id = _canvas(project_id)
    data = _scored(project_id, canvas_id)
    raise_ = next(s for s in data.open_suggestions() if s.action == "raise")
    at = _page(project_id, canvas_id, tab="errc")
    prefix = f"competitors.errc.{raise_.key}"
    at = at.button(key=f"{prefix}.edit").click().run()
    at.text_area(key=f"{prefix}.edit_text").input("Two baristas at lunch")
    at.selectbox(key=f"{prefix}.edit_action").set_value("create")
    at = at.button(key=f"FormSubmitter:{prefix}.edit_form-Accept").click().run()
    assert not at.exception
    [move] = competitor_comparison.load_comparison(_store(), WORKSPACE, canvas_id).moves
    assert (move.action, move.text, move.status) == ("create", "Two baristas at lunch", "accepted")
    assert "we score 3 while Kopi A scores 8" in move.reason  # the reason is kept with the move
    at = at.button(key=f"competitors.edit.move.{move.id}").click().run()
    at.text_area(key=f"competitors.move_text.{move.id}").input("")
    at = at.button(key=f"FormSubmitter:competitors.move_form.{move.id}-Save changes").click().run()
    assert "can't be empty" in _texts(at)
    at.text_area(key=f"competitors.move_text.{move.id}").input("Pre-order at 11:30")
    at = at.button(key=f"FormSubmitter:competitors.move_form.{move.id}-Save changes").click().run()
    [move] = competitor_comparison.load_comparison(_store(), WORKSPACE, canvas_id).moves
    assert move.text == "Pre-order at 11:30"
    # Delete, then Undo.
    at = at.button(key=f"competitors.delete.move.{move.id}").click().run()
    assert competitor_comparison.load_comparison(_store(), WORKSPACE, canvas_id).moves == ()
    at = at.button(key="competitors.undo").click().run()
    assert [m.text for m in competitor_comparison.load_comparison(_store(), WORKSPACE, canvas_id).moves] == [
        "Pre-order at 11:30"
    ]
