"""The competitor service against a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from competitors import comparison as competitor_comparison
from competitors import errc as competitor_errc
from competitors import factors as competitor_factors
from competitors import offerings as competitor_offerings
from competitors import scores as competitor_scores
from core.errors import InvalidInput, NilaiError, StaleVersion
from projects.service import create_project, duplicate_project
from storage.store import Store
from tests.actors import WORKSPACE


@pytest.fixture
def canvas_id(store: Store) -> str:
    project = create_project(store, WORKSPACE, "Kopi", language="en")
    canvas = store.canvases.insert(project.id, {"name": "Office workers"})
    return canvas.id


def _item(store: Store, canvas_id: str, area: str, text: str, rank: int = 3) -> str:
    canvas = store.canvases.get(canvas_id)
    return store.items.insert(canvas.project_id, {"canvas_id": canvas_id, "area": area, "text": text, "rank": rank}).id


def problem_keys(error: InvalidInput) -> list[str]:
    return [key for _field, key, _params in error.problems]


def test_our_offer_is_made_once(store: Store, canvas_id: str) -> None:
    first = competitor_offerings.ensure_our_offer(store, WORKSPACE, canvas_id, "Our offer")
    again = competitor_offerings.ensure_our_offer(store, WORKSPACE, canvas_id, "Penawaran kami")
    assert first.id == again.id and first.kind == "ours"
    with pytest.raises(NilaiError) as caught:
        competitor_offerings.delete_competitor(store, WORKSPACE, first.id)
    assert caught.value.key == "competitors.error.ours_required"


def test_competitors_and_duplicate_names(store: Store, canvas_id: str) -> None:
    competitor_offerings.ensure_our_offer(store, WORKSPACE, canvas_id, "Our offer")
    rival = competitor_offerings.add_competitor(
        store, WORKSPACE, canvas_id, "Kopi Kenangan", "chain", "cheap iced coffee"
    )
    competitor_offerings.add_competitor(store, WORKSPACE, canvas_id, "Instant coffee at home", kind="substitute")
    with pytest.raises(InvalidInput) as caught:
        competitor_offerings.add_competitor(store, WORKSPACE, canvas_id, "  kopi   KENANGAN ")
    assert problem_keys(caught.value) == ["competitors.error.duplicate_offering"]
    with pytest.raises(InvalidInput):
        competitor_offerings.add_competitor(store, WORKSPACE, canvas_id, "Sneaky", kind="ours")
    renamed = competitor_offerings.update_competitor(
        store, WORKSPACE, rival.id, rival.version, name="Kopi Kenangan Mantan"
    )
    with pytest.raises(StaleVersion):
        competitor_offerings.update_competitor(store, WORKSPACE, rival.id, rival.version, offering="stale")
    data = competitor_comparison.load_comparison(store, WORKSPACE, canvas_id)
    assert [o.name for o in data.offerings] == ["Our offer", "Kopi Kenangan Mantan", "Instant coffee at home"]
    competitor_offerings.delete_competitor(store, WORKSPACE, renamed.id, renamed.version)
    assert len(competitor_comparison.load_comparison(store, WORKSPACE, canvas_id).offerings) == 2
    competitor_offerings.restore_competitor(store, WORKSPACE, renamed.id)
    assert len(competitor_comparison.load_comparison(store, WORKSPACE, canvas_id).offerings) == 3


def test_factor_suggestions_carry_rank_and_duplicates_are_refused(store: Store, canvas_id: str) -> None:
    top = _item(store, canvas_id, "pains", "Queues at lunch", 5)
    _item(store, canvas_id, "gains", "Good beans", 4)
    _item(store, canvas_id, "relievers", "Pre-order app", 5)  # value map: never a factor suggestion
    data = competitor_comparison.load_comparison(store, WORKSPACE, canvas_id)
    suggested = data.factor_suggestions()
    assert [i.text for i in suggested] == ["Queues at lunch", "Good beans"]
    factor = competitor_factors.add_factor_from_item(store, WORKSPACE, canvas_id, suggested[0].id)
    assert (factor.name, factor.importance, factor.source_item_id) == ("Queues at lunch", 5, top)
    assert [
        i.text for i in competitor_comparison.load_comparison(store, WORKSPACE, canvas_id).factor_suggestions()
    ] == ["Good beans"]
    with pytest.raises(InvalidInput) as caught:
        competitor_factors.add_factor(store, WORKSPACE, canvas_id, "queues   at LUNCH")
    assert problem_keys(caught.value) == ["competitors.error.duplicate_factor"]
    with pytest.raises(InvalidInput):
        competitor_factors.add_factor(store, WORKSPACE, canvas_id, "Price", importance=9)
    price = competitor_factors.add_factor(store, WORKSPACE, canvas_id, "Price", importance=2)
    with pytest.raises(InvalidInput):
        competitor_factors.update_factor(store, WORKSPACE, price.id, price.version, name="Queues at lunch")
    competitor_factors.update_factor(store, WORKSPACE, price.id, price.version, name="Low price", importance=3)
    assert [f.name for f in competitor_comparison.load_comparison(store, WORKSPACE, canvas_id).factors] == [
        "Queues at lunch",
        "Low price",
    ]


def test_scores_per_cell_with_versions(store: Store, canvas_id: str) -> None:
    ours = competitor_offerings.ensure_our_offer(store, WORKSPACE, canvas_id, "Our offer")
    rival = competitor_offerings.add_competitor(store, WORKSPACE, canvas_id, "Rival")
    factor = competitor_factors.add_factor(store, WORKSPACE, canvas_id, "Speed", 4)
    first = competitor_scores.set_score(store, WORKSPACE, factor.id, ours.id, 7, None)
    assert first is not None and first.value == 7
    # A second person who also saw the empty cell does not overwrite the first.
    with pytest.raises(StaleVersion) as caught:
        competitor_scores.set_score(store, WORKSPACE, factor.id, ours.id, 3, None)
    assert caught.value.current.value == 7
    second = competitor_scores.set_score(store, WORKSPACE, factor.id, ours.id, 8, first.version)
    with pytest.raises(StaleVersion):
        competitor_scores.set_score(store, WORKSPACE, factor.id, ours.id, 2, first.version)
    with pytest.raises(InvalidInput):
        competitor_scores.set_score(store, WORKSPACE, factor.id, rival.id, 11, None)
    # Clearing and filling again reuses the cell.
    assert competitor_scores.set_score(store, WORKSPACE, factor.id, ours.id, None, second.version) is None
    assert competitor_comparison.load_comparison(store, WORKSPACE, canvas_id).scores == {}
    again = competitor_scores.set_score(store, WORKSPACE, factor.id, ours.id, 4, None)
    assert again is not None and again.value == 4
    competitor_scores.set_score(store, WORKSPACE, factor.id, rival.id, 9, None)
    assert competitor_comparison.load_comparison(store, WORKSPACE, canvas_id).scores == {
        (factor.id, ours.id): 4,
        (factor.id, rival.id): 9,
    }


def test_deleting_a_scored_factor_can_be_undone(store: Store, canvas_id: str) -> None:
    ours = competitor_offerings.ensure_our_offer(store, WORKSPACE, canvas_id, "Our offer")
    factor = competitor_factors.add_factor(store, WORKSPACE, canvas_id, "Speed", 4)
    competitor_scores.set_score(store, WORKSPACE, factor.id, ours.id, 7, None)
    deleted, scored = competitor_factors.delete_factor(store, WORKSPACE, factor.id, factor.version)
    assert scored == 1 and deleted.deleted_at is not None
    assert competitor_comparison.load_comparison(store, WORKSPACE, canvas_id).factors == ()
    competitor_factors.add_factor(store, WORKSPACE, canvas_id, "speed")
    with pytest.raises(InvalidInput):  # restoring would make a duplicate name
        competitor_factors.restore_factor(store, WORKSPACE, factor.id)
    data = competitor_comparison.load_comparison(store, WORKSPACE, canvas_id)
    competitor_factors.delete_factor(store, WORKSPACE, data.factors[0].id)
    competitor_factors.restore_factor(store, WORKSPACE, factor.id)
    assert competitor_comparison.load_comparison(store, WORKSPACE, canvas_id).scores == {(factor.id, ours.id): 7}


def _scored_canvas(store: Store, canvas_id: str):
    ours = competitor_offerings.ensure_our_offer(store, WORKSPACE, canvas_id, "Our offer")
    rival = competitor_offerings.add_competitor(store, WORKSPACE, canvas_id, "Rival")
    speed = competitor_factors.add_factor(store, WORKSPACE, canvas_id, "Speed", 5)
    price = competitor_factors.add_factor(store, WORKSPACE, canvas_id, "Price", 2)
    competitor_scores.set_score(store, WORKSPACE, speed.id, ours.id, 3, None)
    competitor_scores.set_score(store, WORKSPACE, speed.id, rival.id, 8, None)
    competitor_scores.set_score(store, WORKSPACE, price.id, ours.id, 9, None)
    return ours, rival, speed, price


def test_csv_round_trip(store: Store, canvas_id: str) -> None:
    _scored_canvas(store, canvas_id)
    data = competitor_comparison.load_comparison(store, WORKSPACE, canvas_id)
    exported = competitor_scores.scores_csv(data)
    assert exported.splitlines()[0] == "factor,importance,offering,kind,score"
    assert "Speed,5,Rival,competitor,8" in exported
    assert "Price,2,Rival,competitor," in exported
    assert competitor_scores.import_scores_csv(store, WORKSPACE, canvas_id, exported.encode()) == 0
    changed = exported.replace("Speed,5,Rival,competitor,8", "Speed,5,Rival,competitor,6").replace(
        "Price,2,Rival,competitor,", "Price,2,Rival,competitor,1"
    )
    assert competitor_scores.import_scores_csv(store, WORKSPACE, canvas_id, changed) == 2
    after = competitor_comparison.load_comparison(store, WORKSPACE, canvas_id)
    assert sorted(after.scores.values()) == [1, 3, 6, 9]


def test_the_scores_csv_never_runs_a_name_as_a_formula_and_still_reads_back(store: Store, canvas_id: str) -> None:
    ours = competitor_offerings.ensure_our_offer(store, WORKSPACE, canvas_id, "Our offer")
    rival = competitor_offerings.add_competitor(store, WORKSPACE, canvas_id, "@SUM(1+1)")
    factor = competitor_factors.add_factor(store, WORKSPACE, canvas_id, "=cmd|' /C calc'!A0", 4)
    competitor_scores.set_score(store, WORKSPACE, factor.id, rival.id, 7, None)
    exported = competitor_scores.scores_csv(competitor_comparison.load_comparison(store, WORKSPACE, canvas_id))
    rows = exported.splitlines()[1:]
    assert all(row.startswith("'=cmd") for row in rows)
    assert "'@SUM(1+1)" in exported
    changed = exported.replace("competitor,7", "competitor,2")
    assert competitor_scores.import_scores_csv(store, WORKSPACE, canvas_id, changed.encode()) == 1
    assert competitor_comparison.load_comparison(store, WORKSPACE, canvas_id).scores[(factor.id, rival.id)] == 2
    assert (factor.id, ours.id) not in competitor_comparison.load_comparison(store, WORKSPACE, canvas_id).scores


def test_csv_semicolons_bom_and_any_column_order(store: Store, canvas_id: str) -> None:
    ours, _rival, speed, _price = _scored_canvas(store, canvas_id)
    text = "\ufeffScore;Offering;Factor\n10;our OFFER;speed\n"
    assert competitor_scores.import_scores_csv(store, WORKSPACE, canvas_id, text.encode("utf-8")) == 1
    assert competitor_comparison.load_comparison(store, WORKSPACE, canvas_id).scores[(speed.id, ours.id)] == 10


def test_csv_lists_every_problem_and_changes_nothing(store: Store, canvas_id: str) -> None:
    _scored_canvas(store, canvas_id)
    before = competitor_comparison.load_comparison(store, WORKSPACE, canvas_id).scores
    bad = (
        "factor,offering,score\n"
        "Speed,Our offer,1\n"  # valid, but must not be applied
        "Speed,Rival,high\n"
        "Price,Rival,11\n"
        "Price,Nobody,4\n"
        "Comfort,Rival,4\n"
        "Speed,Our offer,2\n"
        "Price,Our offer,7.5\n"
    )
    with pytest.raises(InvalidInput) as caught:
        competitor_scores.import_scores_csv(store, WORKSPACE, canvas_id, bad)
    problems = caught.value.problems
    assert [(key, params.get("row")) for _f, key, params in problems] == [
        ("competitors.csv.not_a_number", 3),
        ("competitors.csv.out_of_range", 4),
        ("competitors.csv.unknown_offering", 5),
        ("competitors.csv.unknown_factor", 6),
        ("competitors.csv.duplicate", 7),
        ("competitors.csv.not_a_number", 8),
    ]
    assert competitor_comparison.load_comparison(store, WORKSPACE, canvas_id).scores == before
    with pytest.raises(InvalidInput) as caught:
        competitor_scores.import_scores_csv(store, WORKSPACE, canvas_id, "name,value\nSpeed,3\n")
    assert caught.value.problems[0][2] == {"columns": "factor, offering, score"}
    with pytest.raises(InvalidInput) as caught:
        competitor_scores.import_scores_csv(store, WORKSPACE, canvas_id, b"")
    assert problem_keys(caught.value) == ["competitors.csv.empty"]


def test_errc_moves_accept_edit_dismiss_own(store: Store, canvas_id: str) -> None:
    _ours, rival, _speed, price = _scored_canvas(store, canvas_id)
    competitor_scores.set_score(store, WORKSPACE, price.id, rival.id, 4, None)  # we (9) out-invest on a minor factor
    data = competitor_comparison.load_comparison(store, WORKSPACE, canvas_id)
    suggestions = data.open_suggestions()
    assert [s.action for s in suggestions] == ["reduce", "raise"]
    reduce_, raise_ = suggestions
    accepted = competitor_errc.accept_suggestion(
        store, WORKSPACE, canvas_id, raise_.key, "Raise speed: two baristas at lunch", "why"
    )
    assert accepted.status == "accepted" and (accepted.suggestion_key, accepted.factor_id) == (
        "raise",
        raise_.factor_id,
    )
    with pytest.raises(StaleVersion):  # decided already (e.g. by a colleague)
        competitor_errc.dismiss_suggestion(store, WORKSPACE, canvas_id, raise_.key, "x", "y")
    dismissed = competitor_errc.dismiss_suggestion(
        store, WORKSPACE, canvas_id, reduce_.key, "Reduce price focus", "why"
    )
    own = competitor_errc.add_own_move(store, WORKSPACE, canvas_id, "create", "Loyalty stamps in the app")
    with pytest.raises(InvalidInput):
        competitor_errc.add_own_move(store, WORKSPACE, canvas_id, "multiply", "x")
    with pytest.raises(InvalidInput):
        competitor_errc.add_own_move(store, WORKSPACE, canvas_id, "raise", "   ")
    data = competitor_comparison.load_comparison(store, WORKSPACE, canvas_id)
    assert data.open_suggestions() == []
    assert {m.status for m in data.moves} == {"accepted", "dismissed", "own"}
    edited = competitor_errc.update_move(store, WORKSPACE, own.id, own.version, "raise", "Stamps, then free cup")
    with pytest.raises(StaleVersion):
        competitor_errc.update_move(store, WORKSPACE, own.id, own.version, "raise", "late")
    assert (edited.action, edited.text) == ("raise", "Stamps, then free cup")
    # Un-dismissing brings the suggestion back.
    competitor_errc.delete_move(store, WORKSPACE, dismissed.id, dismissed.version)
    assert [s.key for s in competitor_comparison.load_comparison(store, WORKSPACE, canvas_id).open_suggestions()] == [
        reduce_.key
    ]


def test_comparison_survives_project_duplication(store: Store, canvas_id: str) -> None:
    _scored_canvas(store, canvas_id)
    data = competitor_comparison.load_comparison(store, WORKSPACE, canvas_id)
    competitor_errc.accept_suggestion(store, WORKSPACE, canvas_id, data.open_suggestions()[0].key, "keep", "")
    copy = duplicate_project(store, WORKSPACE, data.canvas.project_id, "Copy")
    (copied_canvas,) = store.canvases.list_for_project(copy.id)
    copied = competitor_comparison.load_comparison(store, WORKSPACE, copied_canvas.id)
    assert sorted(copied.scores.values()) == sorted(data.scores.values())
    assert [m.text for m in copied.moves] == ["keep"]
    # The decision follows the copied factor: the accepted suggestion does not come back.
    assert copied.open_suggestions() == []
