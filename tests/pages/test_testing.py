"""Testing page wiring with AppTest: the map's actions, a card from a proposal, starting a
card that lacks a metric (the refusal names it), closing it, the board's filters."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from canvas import canvases, notes
from canvas.codes import note_codes
from canvas.models import NoteOwner
from core.settings import get_settings
from examples.seeding import open_store
from experiments import service as svc
from experiments.map_layout import Slot, layout, slot_centre
from experiments.models import COSTS
from i18n import translate
from projects import service as projects
from tests.actors import WORKSPACE
from ui.canvas.forms import EDIT_KEY
from ui.experiments.map_view import apply_map_action, notes_key

ROOT = Path(__file__).resolve().parents[2]


def _store():
    return open_store(get_settings())


def _setup():
    store = _store()
    project = projects.create_project(store, WORKSPACE, "Perpustakaan", language="en")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, name="Mahasiswa skripsi")
    pain = notes.add_note(
        store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "pains", "Sources are hard to trust", rank=5
    )
    mild = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "gains", "Quiet corner", rank=2)
    return project, canvas, pain, mild


def _page(project_id: str, canvas_id: str, lang: str = "en", tab: str = "map") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.query_params["project"] = project_id
    at.query_params["canvas"] = canvas_id
    at.run()
    at.switch_page("pages/testing.py").run()
    if tab != "map":
        at.session_state["testing.tab"] = translate(lang, f"experiments.tab.{tab}")
        at.run()
    return at


def _texts(at: AppTest) -> str:
    return " ".join(
        [m.value for m in at.markdown]
        + [c.value for c in at.caption]
        + [e.value for e in at.error]
        + [w.value for w in at.warning]
        + [i.value for i in at.info]
    )


def test_proposal_fills_the_card_and_a_card_without_metric_cannot_start(app_env) -> None:
    project, canvas, pain, _mild = _setup()
    at = _page(project.id, canvas.id)
    assert not at.exception
    assert "ranked 5 of 5 in Pains" in _texts(at)
    at.button(key=f"testing.propose.{pain.id}").click().run()
    assert at.session_state[notes_key(canvas.id)] == [pain.id]
    at.text_area(key="testing.card_hypothesis").input("We believe that students distrust search results")
    at.number_input(key="testing.card_threshold").set_value(30)
    next(b for b in at.button if b.label == translate("en", "experiments.card.create")).click().run()
    assert not at.exception
    (card,) = _store().test_cards.list_for_project(project.id)
    assert card.item_ids == [pain.id] and card.metric == "" and card.threshold == 30

    board = _page(project.id, canvas.id, tab="board")
    board.button(key=f"testing.start.{card.id}").click().run()
    assert "Write the metric first" in _texts(board)
    assert _store().test_cards.get(card.id).status == "planned"


def test_map_actions_place_reset_and_ignore_foreign_ids(app_env) -> None:
    _project, canvas, pain, mild = _setup()
    store = _store()
    testing = svc.load_testing(store, WORKSPACE, canvas.id)
    items, grid = testing.items, layout(testing.assumptions_map())
    corner = {"quadrant": "test_first", "col": grid.cols - 1, "row": 0, "cols": grid.cols, "rows": grid.rows}
    place = {"op": "place", "item_id": mild.id, "version": None, "slot": corner}
    assert apply_map_action(store, WORKSPACE, canvas, items, grid, place)["key"] == "experiments.map.moved"
    (placement,) = store.placements.for_canvas(canvas.id)
    assert placement.item_id == mild.id
    assert (placement.importance, placement.evidence) == slot_centre(
        Slot("test_first", grid.cols - 1, 0), grid.cols, grid.rows
    )
    moved = svc.load_testing(store, WORKSPACE, canvas.id).assumptions_map()
    assert moved.proposals[0].point.item.id == mild.id
    assert layout(moved).slots[mild.id] == Slot("test_first", grid.cols - 1, 0)  # it sits where it was dropped
    stale = apply_map_action(store, WORKSPACE, canvas, items, grid, place)
    assert stale["kind"] == "error"
    for slot in (
        {**corner, "col": grid.cols},  # outside the grid
        {**corner, "cols": grid.cols + 1},  # a grid not drawn now
        {**corner, "quadrant": "elsewhere"},
        {**corner, "row": "0"},
        "test_first",
    ):
        assert (
            apply_map_action(
                store, WORKSPACE, canvas, items, grid, {**place, "version": placement.version, "slot": slot}
            )
            == {}
        )
    assert store.placements.get(placement.id).version == placement.version
    foreign = apply_map_action(store, WORKSPACE, canvas, items, grid, {**place, "item_id": "someone-elses-note"})
    assert foreign == {} and len(store.placements.for_canvas(canvas.id)) == 1
    apply_map_action(store, WORKSPACE, canvas, items, grid, {"op": "reset", "item_id": mild.id})
    assert store.placements.for_canvas(canvas.id) == []
    select = {"op": "select", "item_id": pain.id}
    assert apply_map_action(store, WORKSPACE, canvas, items, grid, select)["kind"] == "select"


def test_deleting_a_note_a_card_uses_asks_first_and_the_card_keeps_its_text(app_env) -> None:
    project, canvas, pain, _mild = _setup()
    store = _store()
    card = svc.create_card(store, WORKSPACE, canvas.id, experiment="survey", threshold=5, item_ids=[pain.id])
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.query_params["project"] = project.id
    at.query_params["canvas"] = canvas.id
    at.run()
    at.switch_page("pages/canvas.py")
    at.session_state["canvas.tabs"] = "Edit, rank, move"
    at.run()
    at.selectbox(key=EDIT_KEY).select(pain.id).run()
    at.text_area(key=f"canvas.edit_text.{pain.id}").input("Sources are hard to trust at all")
    at.button(key="canvas.edit_save").click().run()
    at.button(key="canvas.edit_delete").click().run()
    assert "1 test card tests this note" in _texts(at)
    assert store.items.get(pain.id).deleted_at is None  # nothing deleted yet
    at.button(key="canvas.in_use_delete").click().run()
    assert store.items.get(pain.id, include_deleted=True).deleted_at is not None
    cards = svc.load_project_cards(store, WORKSPACE, project.id)
    assert cards.note_gone(pain.id) and cards.text_of(cards.cards[0], pain.id) == "Sources are hard to trust at all"
    assert cards.cards[0].id == card.id


def test_the_facilitator_runs_a_vote_on_what_to_test(app_env) -> None:
    from workshop import facilitation, joining
    from workshop import notes as workshop_notes

    project, canvas, pain, _mild = _setup()
    store = _store()
    opened = joining.open_workshop(store, WORKSPACE, canvas.id, facilitator_name="Dewi")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.query_params["f"] = opened.facilitator_token
    at.run()
    at.switch_page("pages/workshop.py").run()
    assert not at.exception
    assert "Sources are hard to trust" in _texts(at)  # the map's test-first note is the candidate
    at.button(key="testing.workshop_vote").click().run()
    assert store.workshops.get(opened.workshop.id).voting_open
    joined = joining.join(store, opened.workshop.join_code, "Ani", client="10.1.1.1")
    workshop_notes.vote(store, joined.token, pain.id)
    facilitation.close_voting(store, opened.facilitator_token)
    at.run()
    at.button(key="testing.workshop_cards").click().run()
    (card,) = store.test_cards.list_for_project(project.id)
    assert card.item_ids == [pain.id] and card.status == "planned"


def test_a_new_card_empties_the_form_says_where_it_went_and_opens_there(app_env) -> None:
    project, canvas, pain, _mild = _setup()
    at = _page(project.id, canvas.id, lang="id")
    at.button(key=f"testing.propose.{pain.id}").click().run()
    at.text_area(key="testing.card_hypothesis").input("Kami percaya bahwa mahasiswa ragu pada sumber")
    at.text_input(key="testing.card_metric").input("mahasiswa yang memakai daftar sumber, dalam %")
    at.number_input(key="testing.card_threshold").set_value(30)
    at.selectbox(key="testing.card_cost").select("high")
    create = translate("id", "experiments.card.create")
    next(b for b in at.button if b.label == create).click().run()
    assert not at.exception
    assert len(_store().test_cards.list_for_project(project.id)) == 1
    where = translate(
        "id",
        "experiments.card.created_where",
        status=translate("id", "experiments.status.planned"),
        board=translate("id", "experiments.tab.board"),
    )
    assert where in [s.value for s in at.success]
    # Every field is back to its start: a second click makes no duplicate, it asks for notes.
    assert at.session_state[notes_key(canvas.id)] == []
    assert at.text_input(key="testing.card_metric").value == ""
    assert at.number_input(key="testing.card_threshold").value is None
    assert at.selectbox(key="testing.card_cost").value == COSTS[1]  # the form's default
    next(b for b in at.button if b.label == create).click().run()
    assert len(_store().test_cards.list_for_project(project.id)) == 1
    assert translate("id", "experiments.card.pick_notes") in [w.value for w in at.warning]

    at.button(key="testing.open_created").click().run()
    assert not at.exception
    assert at.session_state["testing.tab"] == translate("id", "experiments.tab.board")
    texts = _texts(at)
    assert translate("id", "experiments.card.just_created") in texts
    code = note_codes(svc.load_testing(_store(), WORKSPACE, canvas.id).items, "id")[pain.id]
    assert f"**{code}** Sources are hard to trust" in texts  # the board's code names the note on the card


def test_searching_the_testing_board_finds_a_card_by_the_code_of_its_note(app_env) -> None:
    project, canvas, pain, mild = _setup()
    store = _store()
    svc.create_card(store, WORKSPACE, canvas.id, experiment="survey", threshold=5, item_ids=[pain.id])
    svc.create_card(store, WORKSPACE, canvas.id, experiment="survey", threshold=5, item_ids=[mild.id])
    codes = note_codes(store.items.for_canvas(store.canvases.get(canvas.id)), "id")
    at = _page(project.id, canvas.id, lang="id", tab="board")
    assert translate("id", "experiments.board.count", shown=2, total=2) in _texts(at)
    at.text_input(key="testing.filter_text").input(codes[pain.id].lower()).run()
    assert translate("id", "experiments.board.count", shown=1, total=2) in _texts(at)
    assert "Sources are hard to trust" in _texts(at) and "Quiet corner" not in _texts(at)
    at.text_input(key="testing.filter_text").input(codes[mild.id]).run()
    assert translate("id", "experiments.board.count", shown=1, total=2) in _texts(at)
    assert "Quiet corner" in _texts(at) and "Sources are hard to trust" not in _texts(at)
