"""The comparison rules on hand-computed cases, plus properties that must hold for any data."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from canvas.models import CanvasItem, Link
from competitors.analysis import (
    classify_value_map,
    factor_order,
    normalize_name,
    open_suggestions,
    strategy_canvas,
    suggest_errc,
)
from competitors.models import Competitor, ErrcMove, Factor
from i18n import translate

P, C = "p1", "c1"


def offering(id_: str, kind: str = "competitor", position: float = 0) -> Competitor:
    return Competitor(id=id_, project_id=P, canvas_id=C, name=id_.upper(), kind=kind, position=position)


def factor(id_: str, importance: int, source: str | None = None, position: float = 0) -> Factor:
    return Factor(
        id=id_,
        project_id=P,
        canvas_id=C,
        name=f"F {id_}",
        importance=importance,
        source_item_id=source,
        position=position,
    )


def item(id_: str, area: str, rank: int = 3) -> CanvasItem:
    return CanvasItem(id=id_, project_id=P, canvas_id=C, area=area, text=f"text {id_}", rank=rank)


def link(source: str, target: str) -> Link:
    return Link(id=f"{source}-{target}", project_id=P, canvas_id=C, source_id=source, target_id=target)


OURS, A, B = offering("ours", "ours"), offering("a", position=1), offering("b", "substitute", position=2)


def test_normalize_name_ignores_case_and_spacing() -> None:
    assert normalize_name("  Fast   Wi-Fi ") == normalize_name("fast wi-fi")
    assert normalize_name("Harga") != normalize_name("Harga murah")


def test_strategy_canvas_orders_factors_by_importance_and_puts_ours_first() -> None:
    factors = [factor("low", 1, position=0), factor("top", 5, position=2), factor("mid", 3, position=1)]
    scores = {("top", "ours"): 8, ("top", "a"): 3, ("mid", "a"): 6}
    canvas = strategy_canvas(factors, [B, A, OURS], scores)
    assert [f.id for f in canvas.factors] == ["top", "mid", "low"]
    assert [c.id for c in canvas.curves] == ["ours", "a", "b"]
    assert canvas.curves[0].scores == (8, None, None)
    assert canvas.curves[1].scores == (3, 6, None)


def test_errc_hand_computed() -> None:
    # raise: importance 5, we 4, best rival A 9  -> raise
    # reduce: importance 2, we 8 > mean(3, 5)=4 -> reduce
    # eliminate: importance 1, we 6 > mean(2, 2)=2 -> eliminate
    # keep: importance 4 but we lead (9 vs 7)     -> nothing
    # middling importance 3, we trail             -> nothing
    factors = [factor("r", 5), factor("d", 2), factor("e", 1), factor("k", 4), factor("m", 3)]
    scores = {
        ("r", "ours"): 4,
        ("r", "a"): 9,
        ("r", "b"): 2,
        ("d", "ours"): 8,
        ("d", "a"): 3,
        ("d", "b"): 5,
        ("e", "ours"): 6,
        ("e", "a"): 2,
        ("e", "b"): 2,
        ("k", "ours"): 9,
        ("k", "a"): 7,
        ("m", "ours"): 1,
        ("m", "a"): 10,
    }
    got = suggest_errc(factors, [OURS, A, B], scores)
    assert [(s.action, s.factor_id) for s in got] == [("eliminate", "e"), ("reduce", "d"), ("raise", "r")]
    raise_ = got[2]
    assert raise_.key == "raise:r"
    assert raise_.params["best"] == 9 and raise_.params["rival"] == "A" and raise_.params["ours"] == 4
    assert got[1].params["average"] == 4.0


def test_errc_raises_a_factor_the_whole_industry_neglects() -> None:
    # importance 5; everyone, us included, below OFFER_THRESHOLD (5); we even lead -> raise, its own reason
    # importance 4; all low but a rival at 5 offers it   -> nothing (someone serves it)
    # importance 3; all low                               -> nothing (customers care only moderately)
    factors = [factor("n", 5), factor("s", 4), factor("m", 3)]
    scores = {
        ("n", "ours"): 3,
        ("n", "a"): 2,
        ("n", "b"): 1,
        ("s", "ours"): 4,
        ("s", "a"): 5,
        ("m", "ours"): 1,
        ("m", "a"): 2,
    }
    got = suggest_errc(factors, [OURS, A, B], scores)
    assert [(s.action, s.factor_id, s.reason_key) for s in got] == [
        ("raise", "n", "errc.reason.raise_neglected"),
        ("raise", "s", "errc.reason.raise"),  # A does better: the rival rule, as before
    ]
    neglected = got[0]
    assert (neglected.params["top"], neglected.params["threshold"], neglected.params["importance"]) == (3, 5, 5)
    for lang in ("en", "id"):
        said = translate(lang, neglected.reason_key, **neglected.params)
        assert "5/5" in said and "{" not in said and said != translate(lang, "errc.reason.raise", **neglected.params)


def test_errc_needs_our_score_and_a_rival_score() -> None:
    factors = [factor("x", 5), factor("y", 1)]
    assert suggest_errc(factors, [OURS, A], {("x", "a"): 9, ("y", "ours"): 9}) == []


def test_create_for_important_item_nobody_serves() -> None:
    pain, gain, job, minor = (
        item("pain", "pains", 5),
        item("gain", "gains", 4),
        item("job", "jobs", 5),
        item("m", "pains", 3),
    )
    reliever = item("rel", "relievers")
    factors = [factor("fg", 4, source="gain")]
    # The gain is served by A (score 6 >= 5); the job by our reliever link... (relievers link to pains)
    items = [pain, gain, job, minor, reliever]
    got = suggest_errc(factors, [OURS, A], {("fg", "a"): 6, ("fg", "ours"): 6}, items, [link("rel", "pain")])
    creates = [s for s in got if s.action == "create"]
    assert [s.source_item_id for s in creates] == ["job"]
    assert creates[0].reason_key == "errc.reason.create.jobs"
    # Below the threshold nobody offers the gain, so it becomes a create too.
    got = suggest_errc(factors, [OURS, A], {("fg", "a"): 4, ("fg", "ours"): 4}, items, [link("rel", "pain")])
    assert sorted(s.source_item_id for s in got if s.action == "create") == ["gain", "job"]


def test_open_suggestions_drop_accepted_and_dismissed() -> None:
    factors = [factor("r", 5)]
    got = suggest_errc(factors, [OURS, A], {("r", "ours"): 1, ("r", "a"): 9})
    move = ErrcMove(
        id="m",
        project_id=P,
        canvas_id=C,
        action="raise",
        text="x",
        status="dismissed",
        suggestion_key="raise",
        factor_id="r",
    )
    assert open_suggestions(got, []) == got
    assert open_suggestions(got, [move]) == []


def test_relevance_hand_computed() -> None:
    # Customer: pain p1 (5), pain p2 (4), gain g1 (3), job j1 (5, only rival A serves it).
    p1, p2, g1, j1 = item("p1", "pains", 5), item("p2", "pains", 4), item("g1", "gains", 3), item("j1", "jobs", 5)
    # Ours: r1 relieves p1 (nobody else offers p1) -> unique, weight 5
    #       r2 relieves p2 (A offers p2)            -> parity, weight 4
    #       c1 creates g1 (B offers g1 with 5)       -> parity, weight 3
    #       s1 linked to nothing                     -> irrelevant
    #       gap: j1 offered by A, not addressed      -> gap, weight 5
    r1, r2, c1, s1 = item("r1", "relievers"), item("r2", "relievers"), item("c1", "creators"), item("s1", "products")
    factors = [factor("fp1", 5, "p1"), factor("fp2", 4, "p2"), factor("fg1", 3, "g1"), factor("fj1", 5, "j1")]
    scores = {
        ("fp1", "a"): 4,
        ("fp1", "b"): 0,
        ("fp1", "ours"): 9,
        ("fp2", "a"): 7,
        ("fg1", "b"): 5,
        ("fj1", "a"): 8,
        ("fj1", "ours"): 2,
    }
    links = [link("r1", "p1"), link("r2", "p2"), link("c1", "g1")]
    report = classify_value_map([p1, p2, g1, j1, r1, r2, c1, s1], links, factors, [OURS, A, B], scores)
    got = [(r.item.id, r.relevance, r.weight) for r in report.rows]
    assert got == [
        ("r1", "unique", 5),
        ("r2", "parity", 4),
        ("c1", "parity", 3),
        ("j1", "gap", 5),
        ("s1", "irrelevant", 0),
    ]
    assert report.rows[3].rivals == ("A",)
    assert report.score == 5 - 5
    assert report.index == 0.0
    assert report.count("parity") == 2


def test_our_score_counts_as_addressing_so_no_gap() -> None:
    j1 = item("j1", "jobs", 5)
    factors = [factor("fj1", 5, "j1")]
    report = classify_value_map([j1], [], factors, [OURS, A], {("fj1", "a"): 8, ("fj1", "ours"): 6})
    assert report.rows == ()
    assert report.index is None


def test_unique_item_with_a_contested_and_an_uncontested_target() -> None:
    p1, p2 = item("p1", "pains", 2), item("p2", "pains", 5)
    r1 = item("r1", "relievers")
    factors = [factor("f2", 5, "p2")]
    report = classify_value_map(
        [p1, p2, r1], [link("r1", "p1"), link("r1", "p2")], factors, [OURS, A], {("f2", "a"): 10}
    )
    (row,) = report.rows
    # p2 is contested, p1 is not: unique, weighted by the uncontested target only.
    assert (row.relevance, row.weight, row.rivals) == ("unique", 2, ("A",))
    assert report.index == 100.0


# -- properties ---------------------------------------------------------------------------

score_value = st.integers(min_value=0, max_value=10)


@st.composite
def comparisons(draw: st.DrawFn):
    n_factors = draw(st.integers(1, 8))
    n_rivals = draw(st.integers(1, 4))
    profile = [
        item(f"i{k}", draw(st.sampled_from(["jobs", "pains", "gains"])), draw(st.integers(1, 5)))
        for k in range(draw(st.integers(0, 6)))
    ]
    factors = [
        factor(
            f"f{k}",
            draw(st.integers(1, 5)),
            source=draw(st.sampled_from([None, *[i.id for i in profile]])),
            position=draw(st.integers(0, 3)),
        )
        for k in range(n_factors)
    ]
    offerings = [OURS, *[offering(f"r{k}", position=k) for k in range(n_rivals)]]
    scores = {}
    for f in factors:
        for o in offerings:
            value = draw(st.one_of(st.none(), score_value))
            if value is not None:
                scores[(f.id, o.id)] = value
    return profile, factors, offerings, scores


@settings(max_examples=150, deadline=None)
@given(comparisons(), st.randoms(use_true_random=False))
def test_errc_stable_under_reordering(data, rnd) -> None:
    profile, factors, offerings, scores = data
    before = suggest_errc(factors, offerings, scores, profile)
    shuffled_factors, shuffled_offerings, shuffled_items = list(factors), list(offerings), list(profile)
    rnd.shuffle(shuffled_factors)
    rnd.shuffle(shuffled_offerings)
    rnd.shuffle(shuffled_items)
    assert suggest_errc(shuffled_factors, shuffled_offerings, scores, shuffled_items) == before
    assert [f.id for f in factor_order(shuffled_factors)] == [f.id for f in factor_order(factors)]


@settings(max_examples=150, deadline=None)
@given(comparisons())
def test_all_zero_competitor_produces_no_gaps(data) -> None:
    profile, factors, offerings, scores = data
    only_ours = {k: v for k, v in scores.items() if k[1] == "ours"}
    zero = offering("zero")
    zero_scores = {**only_ours, **{(f.id, "zero"): 0 for f in factors}}
    report = classify_value_map(profile, [], factors, [OURS, zero], zero_scores)
    assert report.count("gap") == 0
    # Adding an all-zero rival never creates a gap or changes any class either.
    with_zero = classify_value_map(
        profile, [], factors, [*offerings, zero], {**scores, **{(f.id, "zero"): 0 for f in factors}}
    )
    without = classify_value_map(profile, [], factors, offerings, scores)
    assert with_zero.rows == without.rows


@settings(max_examples=100, deadline=None)
@given(comparisons())
def test_index_is_bounded(data) -> None:
    profile, factors, offerings, scores = data
    values = [item(f"v{k}", "relievers") for k in range(3)]
    links = [link(v.id, p.id) for v, p in zip(values, profile, strict=False)]
    report = classify_value_map([*profile, *values], links, factors, offerings, scores)
    assert report.index is None or -100 <= report.index <= 100


def test_the_strategy_canvas_says_what_it_still_lacks() -> None:
    ours, rival = offering("o", "ours"), offering("r")
    price = factor("f", 3)
    assert strategy_canvas([], [ours], {}).missing == "factors"
    assert strategy_canvas([price], [], {}).missing == "offerings"
    assert strategy_canvas([price], [ours, rival], {}).missing == "scores"
    assert strategy_canvas([price], [ours, rival], {("f", "r"): 0}).missing is None  # a 0 is a score
