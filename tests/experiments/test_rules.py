"""Pure rules: the criterion, the evidence a closed test leaves, the assumptions map order."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from canvas.fit import analyse_fit
from canvas.models import CanvasItem, Link
from experiments import assumptions_map as amap
from experiments.library import LIBRARY
from experiments.models import LearningDraft, Placement, TestCard, TestCardDraft, evidence_after, meets
from i18n import catalog


def note(item_id: str, area: str = "pains", rank: int = 3, evidence: str = "assumption", **extra) -> CanvasItem:
    return CanvasItem(
        id=item_id,
        project_id="p",
        canvas_id="c",
        area=area,
        text=f"note {item_id}",
        rank=rank,
        evidence=evidence,
        position=float(len(item_id)),
        **extra,
    )


@pytest.mark.parametrize(
    ("measured", "comparison", "threshold", "expected"),
    [
        (30, "at_least", 30, True),
        (29.9, "at_least", 30, False),
        (30, "more_than", 30, False),
        (31, "more_than", 30, True),
        (10, "at_most", 10, True),
        (10.5, "at_most", 10, False),
        (9, "less_than", 10, True),
        (10, "less_than", 10, False),
        (0.25, "equal", 0.25, True),
        (0.26, "equal", 0.25, False),
    ],
)
def test_a_result_meets_the_criterion_or_not(measured, comparison, threshold, expected) -> None:
    assert meets(measured, comparison, threshold) is expected


def test_a_criterion_is_a_number_and_a_comparison() -> None:
    base = {"experiment": "interview", "item_ids": ["a"]}
    with pytest.raises(ValidationError):
        TestCardDraft.model_validate({**base, "threshold": "banyak", "comparison": "at_least"})
    with pytest.raises(ValidationError):
        TestCardDraft.model_validate({**base, "threshold": 5, "comparison": "roughly"})
    with pytest.raises(ValidationError):
        TestCardDraft.model_validate({**base, "threshold": float("nan")})
    assert TestCardDraft.model_validate(base).threshold is None  # planned before the number is agreed
    with pytest.raises(ValidationError):
        LearningDraft.model_validate({"measured": "tiga", "decision": "persevere"})
    ok = TestCardDraft.model_validate({**base, "threshold": "12.5", "comparison": "less_than", "item_ids": ["a", "a"]})
    assert ok.threshold == 12.5 and ok.item_ids == ["a"]


def test_a_card_without_hypothesis_or_metric_names_what_is_missing() -> None:
    card = TestCard(id="t", project_id="p", canvas_id="c", experiment="survey", hypothesis="  ", metric="")
    assert card.missing_to_start() == ["hypothesis", "metric", "threshold"]
    card = card.model_copy(update={"hypothesis": "Kami percaya bahwa ...", "metric": "% yang mendaftar"})
    assert card.missing_to_start() == ["threshold"] and card.criterion() == "≥ ?"
    card = card.model_copy(update={"threshold": 30.0})
    assert card.missing_to_start() == [] and card.criterion() == "≥ 30"


@pytest.mark.parametrize(
    ("before", "passed", "strength", "after"),
    [
        ("assumption", True, "strong", "validated"),
        ("assumption", True, "medium", "validated"),
        ("assumption", True, "weak", "observed"),
        ("validated", True, "weak", "validated"),
        ("refuted", True, "weak", "observed"),
        ("validated", False, "weak", "refuted"),
        ("assumption", False, "strong", "refuted"),
    ],
)
def test_evidence_after_a_closed_test(before, passed, strength, after) -> None:
    assert evidence_after(before, passed=passed, strength=strength) == after


def test_the_library_has_a_dozen_types_described_in_both_languages() -> None:
    assert len(LIBRARY) >= 12
    assert len({e.key for e in LIBRARY}) == len(LIBRARY)
    for language in ("id", "en"):
        texts = catalog(language)
        for experiment in LIBRARY:
            assert texts.get(experiment.name_key) and texts.get(experiment.description_key), experiment.key
    assert {"interview", "survey", "landing_page", "fake_door", "pre_order", "concierge", "ab_test"} <= {
        e.key for e in LIBRARY
    }


def test_map_axes_follow_rank_and_evidence_with_data_points() -> None:
    assert amap.derived_importance(5) == pytest.approx(0.9)
    assert amap.derived_importance(1) == pytest.approx(0.1)
    assert amap.derived_importance(3) == pytest.approx(0.5)
    assert amap.derived_evidence("assumption", 0) < amap.derived_evidence("assumption", 2) < amap.HALF
    assert amap.derived_evidence("observed", 0) < amap.HALF < amap.derived_evidence("observed", 2)
    assert amap.derived_evidence("validated", 9) == pytest.approx(0.95)  # data points are capped


def test_top_right_quadrant_and_proposal_order() -> None:
    items = [
        note("mild", rank=2),  # unimportant, no evidence: later
        note("top", rank=5),  # important, no evidence
        note("top_linked", rank=5),  # same, but the value map relies on it: first among equals
        note("four", rank=4),
        note("four_sourced", rank=4, evidence_source="wawancara 3 mahasiswa"),  # one data point
        note("known", rank=5, evidence="validated"),  # important, evidence: safe
        note("dragged", rank=1),  # the team dragged it to the top right
        note("tested", rank=5),  # has a running test: not proposed again
        note("rel", area="relievers", rank=3),
    ]
    links = [Link(id="l", project_id="p", canvas_id="c", source_id="rel", target_id="top_linked")]
    placements = [Placement(id="x", project_id="p", canvas_id="c", item_id="dragged", importance=0.97, evidence=0.02)]
    cards = [
        TestCard(id="t", project_id="p", canvas_id="c", experiment="survey", status="running", item_ids=["tested"])
    ]
    result = amap.build_map(items, links, placements, cards, limit=10)
    quadrant = {point.item.id: point.quadrant for point in result.points}
    assert quadrant["mild"] == amap.LATER and quadrant["known"] == amap.SAFE
    assert quadrant["top"] == quadrant["dragged"] == quadrant["tested"] == amap.TEST_FIRST
    order = [proposal.point.item.id for proposal in result.proposals]
    assert order == ["dragged", "top_linked", "top", "four", "four_sourced"]
    reasons = {p.point.item.id: [r.key for r in p.reasons] for p in result.proposals}
    assert reasons["dragged"][0] == "experiments.reason.placed_important"
    assert reasons["top_linked"] == [
        "experiments.reason.ranked",
        "experiments.reason.no_data",
        "experiments.reason.relied_on",
    ]
    assert reasons["four_sourced"][1] == "experiments.reason.assumption_with_data"
    assert amap.build_map(items, links, placements, cards, limit=2).proposals[1].point.item.id == "top_linked"


def test_closed_tests_move_a_note_out_of_the_test_first_quadrant() -> None:
    item = note("n", rank=5, evidence="observed")
    open_map = amap.build_map([item], [])
    assert open_map.point("n").quadrant == amap.TEST_FIRST
    done = [
        TestCard(id=f"t{i}", project_id="p", canvas_id="c", experiment="survey", status="done", item_ids=["n"])
        for i in range(2)
    ]
    assert amap.build_map([item], [], cards=done).point("n").quadrant == amap.SAFE


def test_validated_coverage_is_shown_apart_from_assumed() -> None:
    pain_a = note("a", rank=5)
    pain_b = note("b", rank=5, evidence="validated")
    gain = note("g", area="gains", rank=5, evidence="refuted")
    rel_a, rel_b = note("ra", area="relievers"), note("rb", area="relievers")
    links = [
        Link(id="1", project_id="p", canvas_id="c", source_id="ra", target_id="a"),
        Link(id="2", project_id="p", canvas_id="c", source_id="rb", target_id="b"),
    ]
    report = analyse_fit([pain_a, pain_b, gain, rel_a, rel_b], links)
    assert report.overall == pytest.approx(66.7)
    assert report.validated_coverage == pytest.approx(33.3)
    assert report.assumed_coverage == pytest.approx(33.3)
    assert report.coverage_by_evidence["refuted"] == 0
    assert report.evidence["refuted"] == 1


def test_the_board_filters_by_status_canvas_result_and_text() -> None:
    from experiments.board import columns
    from experiments.service import ProjectCards

    def card(card_id, status, canvas="c", passed=None, hypothesis=""):
        return TestCard(
            id=card_id,
            project_id="p",
            canvas_id=canvas,
            experiment="survey",
            status=status,
            passed=passed,
            hypothesis=hypothesis,
            item_ids=["n"],
            item_texts={"n": "Antrean panjang"},
        )

    cards = ProjectCards(
        (
            card("a", "planned"),
            card("b", "running", canvas="d"),
            card("c", "done", passed=True),
            card("e", "done", passed=False, hypothesis="Pasien mau bayar"),
        ),
        {"c": "Klinik", "d": "Apotek"},
        {},
    )
    ids = lambda board: {status: [c.id for c in found] for status, found in board.items()}  # noqa: E731
    assert ids(columns(cards)) == {"planned": ["a"], "running": ["b"], "done": ["c", "e"]}
    assert ids(columns(cards, statuses=["done"], result="failed")) == {"done": ["e"]}
    assert ids(columns(cards, canvas_id="d")) == {"planned": [], "running": ["b"], "done": []}
    assert ids(columns(cards, text="BAYAR")) == {"planned": [], "running": [], "done": ["e"]}
    assert ids(columns(cards, text="antrean"))["planned"] == ["a"]  # a note's text is searched too
    # A note's code finds the cards testing it on that canvas: the whole code, any case.
    codes = {"c": {"n": "K10"}, "d": {"n": "K1"}}
    assert ids(columns(cards, text="k1", codes=codes)) == {"planned": [], "running": ["b"], "done": []}
    assert ids(columns(cards, text="K10", codes=codes)) == {"planned": ["a"], "running": [], "done": ["c", "e"]}
