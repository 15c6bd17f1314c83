"""The self-check rubric, computed by hand on small canvases."""

from __future__ import annotations

from itertools import count

import pytest

from canvas.models import CanvasItem, Link
from classroom.rubric import CRITERIA, assess
from competitors.models import Competitor, Factor

_ids = count(1)


def item(area: str, rank: int = 3, evidence: str = "assumption", text: str | None = None) -> CanvasItem:
    n = next(_ids)
    return CanvasItem(
        id=f"i{n}",
        project_id="p",
        canvas_id="c",
        area=area,
        text=text or f"{area} note {n}",
        rank=rank,
        evidence=evidence,
    )


def link(source: CanvasItem, target: CanvasItem, strength: str = "full") -> Link:
    return Link(
        id=f"l{next(_ids)}", project_id="p", canvas_id="c", source_id=source.id, target_id=target.id, strength=strength
    )


def offering(kind: str) -> Competitor:
    return Competitor(id=f"o{next(_ids)}", project_id="p", canvas_id="c", name=f"{kind}{next(_ids)}", kind=kind)


def factor() -> Factor:
    return Factor(id=f"f{next(_ids)}", project_id="p", canvas_id="c", name=f"factor{next(_ids)}")


def test_an_empty_canvas_scores_zero_everywhere_and_says_why() -> None:
    rubric = assess([], [])
    assert [c.name for c in rubric.criteria] == list(CRITERIA)
    assert rubric.percent == 0
    assert all(c.status == "missing" for c in rubric.criteria)
    keys = {g.key for g in rubric.gaps}
    assert {
        "rubric.gap.too_few",
        "rubric.gap.nothing_to_rank",
        "rubric.gap.no_top_items",
        "rubric.gap.no_our_offer",
        "rubric.gap.few_rivals",
        "rubric.gap.few_factors",
    } <= keys


def test_completeness_counts_each_area_in_proportion_to_its_minimum() -> None:
    # Minimums: jobs/pains/gains 3, products 1, relievers 2, creators 2.
    items = [item("jobs"), item("jobs"), item("jobs"), item("pains"), item("products"), item("relievers")]
    criterion = assess(items, []).criterion("completeness")
    expected = (1 + 1 / 3 + 0 + 1 + 1 / 2 + 0) / 6
    assert criterion.score == pytest.approx(expected)
    short = {(g.params["area"], g.params["count"]) for g in criterion.gaps}
    assert short == {("pains", 1), ("gains", 0), ("relievers", 1), ("creators", 0)}


def test_ranking_needs_two_distinct_ranks_and_a_top_item_per_area() -> None:
    items = [
        item("jobs", 3),
        item("jobs", 3),  # all default: not ranked
        item("pains", 5),
        item("pains", 2),  # ranked
        item("gains", 3),
        item("gains", 2),
    ]  # distinct but no top item: not ranked
    criterion = assess(items, []).criterion("ranking")
    assert criterion.score == pytest.approx(1 / 3)
    assert {g.params["area"] for g in criterion.gaps} == {"jobs", "gains"}


def test_top_pains_and_gains_addressed_counts_partial_links_as_half() -> None:
    pain_a, pain_b, gain = item("pains", 5), item("pains", 4), item("gains", 4)
    low_pain = item("pains", 2)  # not top: does not count either way
    reliever, creator = item("relievers"), item("creators")
    links = [link(reliever, pain_a, "full"), link(creator, gain, "partial"), link(reliever, low_pain)]
    criterion = assess([pain_a, pain_b, gain, low_pain, reliever, creator], links).criterion("top_addressed")
    assert criterion.score == pytest.approx((1 + 0 + 0.5) / 3)
    assert [(g.key, g.item_ids) for g in criterion.gaps] == [
        ("fit.gap.top_pain_open", (pain_b.id,)),
        ("rubric.gap.top_partial", (gain.id,)),
    ]


def test_a_link_between_the_wrong_areas_addresses_nothing() -> None:
    pain, creator = item("pains", 5), item("creators")
    assert assess([pain, creator], [link(creator, pain)]).criterion("top_addressed").score == 0


def test_evidence_is_the_share_of_top_profile_items_not_resting_on_assumptions() -> None:
    items = [
        item("jobs", 5, "validated"),
        item("pains", 4, "observed"),
        item("gains", 4),
        item("gains", 5),
        item("pains", 2),
    ]  # the rank-2 assumption does not count
    criterion = assess(items, []).criterion("evidence")
    assert criterion.score == pytest.approx(2 / 4)
    assert criterion.gaps[0].params == {"count": 2, "total": 4}
    assert criterion.status == "partial"


def test_a_refuted_top_item_is_not_counted_as_evidenced() -> None:
    """A failed test refutes a note (experiments/): it rests on nothing until reworked."""
    items = [item("jobs", 5, "validated"), item("pains", 5, "refuted")]
    assert assess(items, []).criterion("evidence").score == pytest.approx(1 / 2)


def test_competitors_needs_our_offer_two_rivals_three_factors_and_every_cell_scored() -> None:
    ours, rival, substitute = offering("ours"), offering("competitor"), offering("substitute")
    factors = [factor(), factor(), factor()]
    offerings = [ours, rival, substitute]
    all_scores = {(f.id, o.id): 5 for f in factors for o in offerings}
    full = assess([], [], offerings, factors, all_scores).criterion("competitors")
    assert full.score == 1 and full.status == "met" and not full.gaps
    missing_one = dict(all_scores)
    missing_one.pop((factors[0].id, rival.id))
    partial = assess([], [], offerings, factors, missing_one).criterion("competitors")
    assert partial.score == pytest.approx((1 + 1 + 1 + 8 / 9) / 4)
    assert partial.gaps[0].key == "rubric.gap.unscored" and partial.gaps[0].params == {"count": 1}
    lonely = assess([], [], [ours], factors[:1], {}).criterion("competitors")
    assert lonely.score == pytest.approx((1 + 0 + 1 / 3 + 0) / 4)


def test_hidden_and_merged_notes_do_not_count() -> None:
    hidden = item("pains", 5).model_copy(update={"hidden": True})
    merged = item("pains", 5).model_copy(update={"merged_into": "x"})
    assert assess([hidden, merged], []).criterion("completeness").gaps[1].params["count"] == 0


def test_the_overall_percent_is_the_mean_and_improves_when_a_gap_is_closed() -> None:
    pain, reliever = item("pains", 5, "validated"), item("relievers")
    before = assess([pain, reliever], [])
    after = assess([pain, reliever], [link(reliever, pain)])
    assert before.percent == pytest.approx(100 * sum(c.score for c in before.criteria) / 5, abs=0.1)
    assert after.percent > before.percent
    assert after.criterion("top_addressed").score == 1


def test_far_from_fit_the_rubric_carries_the_fit_gaps() -> None:
    """Regression (#12): the rubric's gaps are the fit analysis's own, so at 11 % with a
    top pain open it lists that pain and the low coverage, never an empty list."""
    profile = [item(area, rank) for area in ("jobs", "pains", "gains") for rank in (5, 3, 2)]
    value_map = [item("products"), item("relievers"), item("relievers"), item("creators"), item("creators")]
    low_gain = next(i for i in profile if i.area == "gains" and i.rank == 2)
    rubric = assess(profile + value_map, [link(value_map[3], low_gain)])
    assert rubric.fit.overall < 21 and not rubric.fit.is_fit
    keys = [g.key for g in rubric.gaps]
    assert "fit.gap.top_pain_open" in keys and "fit.gap.low_coverage" in keys
    top_pain = next(i for i in profile if i.area == "pains" and i.rank == 5)
    assert rubric.criterion("top_addressed").gaps[0].item_ids == (top_pain.id,)
    # one gap list: every fit gap is in the rubric, once
    assert all(rubric.gaps.count(gap) == 1 for gap in rubric.fit.gaps)
