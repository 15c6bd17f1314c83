"""Fit analysis on hand-computed canvases, and the properties that must always hold."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from canvas.fit import FIT_THRESHOLD, analyse_fit, meets_fit_threshold
from canvas.models import LINK_TARGET, CanvasItem, Link


def note(item_id: str, area: str, rank: int = 3, evidence: str = "assumption", text: str | None = None) -> CanvasItem:
    return CanvasItem(
        id=item_id, project_id="p", area=area, text=text or f"note {item_id}", rank=rank, evidence=evidence
    )


def link(source: str, target: str, strength: str = "full") -> Link:
    return Link(
        id=f"{source}-{target}", project_id="p", canvas_id="c", source_id=source, target_id=target, strength=strength
    )


def test_hand_computed_coverage() -> None:
    # pains: P1 rank 5 (full), P2 rank 3 (partial), P3 rank 2 (none) -> (5*1 + 3*0.5) / 10 = 65 %
    # gains: G1 rank 4 (none), G2 rank 4 (full)                       -> 4 / 8 = 50 %
    # jobs:  J1 rank 5 (partial)                                       -> 2.5 / 5 = 50 %
    # overall: (6.5 + 4 + 2.5) / (10 + 8 + 5) = 13 / 23 = 56.5 %
    items = [
        note("P1", "pains", 5, "validated"),
        note("P2", "pains", 3),
        note("P3", "pains", 2),
        note("G1", "gains", 4),
        note("G2", "gains", 4, "observed"),
        note("J1", "jobs", 5),
        note("R1", "relievers"),
        note("R2", "relievers"),
        note("C1", "creators"),
        note("C2", "creators"),
        note("S1", "products"),
    ]
    links = [link("R1", "P1"), link("R2", "P2", "partial"), link("C1", "G2"), link("S1", "J1", "partial")]
    report = analyse_fit(items, links)
    assert report.coverage["pains"].percent == 65.0
    assert report.coverage["gains"].percent == 50.0
    assert report.coverage["jobs"].percent == 50.0
    assert report.overall == 56.5
    assert report.coverage["pains"].addressed == 2 and report.coverage["pains"].total == 3
    assert [i.id for i in report.unaddressed_top] == ["G1"]  # rank >= 4 and nothing links to it
    assert [i.id for i in report.idle] == ["C2"]
    assert report.evidence == {"assumption": 9, "observed": 1, "validated": 1, "refuted": 0}
    assert report.top_assumptions == 2  # G1 and J1 (P1 validated, G2 observed)
    assert report.verdict == "fit.verdict.close"
    keys = [reason.key for reason in report.reasons]
    assert "fit.reason.top_unaddressed" in keys and "fit.reason.idle" in keys


def test_strongest_link_counts_once() -> None:
    items = [note("P1", "pains", 4), note("R1", "relievers"), note("R2", "relievers")]
    report = analyse_fit(items, [link("R1", "P1", "partial"), link("R2", "P1", "full")])
    assert report.coverage["pains"].percent == 100.0
    assert report.degree["P1"] == 1.0


def test_disallowed_and_dangling_links_are_ignored() -> None:
    items = [note("P1", "pains", 4), note("G1", "gains", 4), note("R1", "relievers")]
    report = analyse_fit(items, [link("R1", "G1"), link("R1", "gone"), link("P1", "R1")])
    assert report.overall == 0.0
    assert [i.id for i in report.idle] == ["R1"]


def test_verdicts() -> None:
    assert analyse_fit([], []).verdict == "fit.verdict.empty"
    assert analyse_fit([note("R1", "relievers")], []).verdict == "fit.verdict.no_profile"
    assert analyse_fit([note("P1", "pains")], []).verdict == "fit.verdict.no_value_map"
    far = analyse_fit([note("P1", "pains", 5), note("R1", "relievers")], [])
    assert far.verdict == "fit.verdict.far"
    assumed = [note("P1", "pains", 5), note("G1", "gains", 5), note("R1", "relievers"), note("C1", "creators")]
    paper = analyse_fit(assumed, [link("R1", "P1"), link("C1", "G1")])
    assert paper.verdict == "fit.verdict.fit_on_paper"
    evidenced = [note("P1", "pains", 5, "validated"), note("G1", "gains", 5, "observed"), *assumed[2:]]
    assert analyse_fit(evidenced, [link("R1", "P1"), link("C1", "G1")]).verdict == "fit.verdict.fit"


AREAS = ("jobs", "pains", "gains", "products", "relievers", "creators")


@st.composite
def canvases(draw):
    count = draw(st.integers(min_value=0, max_value=30))
    items = [
        note(
            f"i{n}",
            draw(st.sampled_from(AREAS)),
            draw(st.integers(1, 5)),
            draw(st.sampled_from(["assumption", "observed", "validated"])),
        )
        for n in range(count)
    ]
    possible = [(s.id, t.id) for s in items for t in items if LINK_TARGET.get(s.area) == t.area]
    chosen = draw(st.lists(st.sampled_from(possible), unique=True, max_size=20)) if possible else []
    links = [link(s, t, draw(st.sampled_from(["full", "partial"]))) for s, t in chosen]
    return items, links, possible


@settings(max_examples=150, deadline=None)
@given(canvases())
def test_coverage_stays_within_0_and_100(data) -> None:
    items, links, _ = data
    report = analyse_fit(items, links)
    assert 0.0 <= report.overall <= 100.0
    for coverage in report.coverage.values():
        assert 0.0 <= coverage.percent <= 100.0
        assert 0 <= coverage.addressed <= coverage.total


@settings(max_examples=150, deadline=None)
@given(canvases(), st.data())
def test_adding_a_link_never_lowers_coverage(data, draw) -> None:
    items, links, possible = data
    if not possible:
        return
    source, target = draw.draw(st.sampled_from(possible))
    strength = draw.draw(st.sampled_from(["full", "partial"]))
    before = analyse_fit(items, links)
    after = analyse_fit(items, [*links, link(source, target, strength)])
    assert after.overall >= before.overall
    for area, coverage in before.coverage.items():
        assert after.coverage[area].percent >= coverage.percent


def test_a_profile_without_gains_cannot_claim_fit() -> None:
    items = [note("P1", "pains", 5, "validated"), note("R1", "relievers")]
    report = analyse_fit(items, [link("R1", "P1")])
    assert report.overall == 100.0
    assert report.verdict == "fit.verdict.close"
    assert "fit.gap.thin_profile" in [reason.key for reason in report.reasons]
    assert [gap.key for gap in report.gaps] == ["fit.gap.thin_profile"]


def _coverage_canvas(addressed_weight: int, *, open_top_pain: bool = False) -> tuple[list[CanvasItem], list[Link]]:
    """Pains and gains worth 20 in all (ranks 5+5 and 5+5); a full link to a rank-1 or
    rank-5 note per unit of `addressed_weight` (in steps of 5 plus 1s, at most 20)."""
    items = [
        note("P1", "pains", 5, "validated"),
        note("P2", "pains", 5, "validated"),
        note("G1", "gains", 5, "validated"),
        note("G2", "gains", 5, "validated"),
        note("R1", "relievers"),
        note("R2", "relievers"),
        note("C1", "creators"),
        note("C2", "creators"),
    ]
    order = ["G1", "G2", "P2", "P1"] if open_top_pain else ["P1", "P2", "G1", "G2"]
    sources = {"P1": "R1", "P2": "R2", "G1": "C1", "G2": "C2"}
    links = [link(sources[target], target) for target in order[: addressed_weight // 5]]
    return items, links


@pytest.mark.parametrize(
    ("addressed", "open_top_pain", "verdict", "first_gap"),
    [
        (0, False, "fit.verdict.far", "fit.gap.top_pain_open"),
        (5, False, "fit.verdict.far", "fit.gap.top_pain_open"),  # 25 %
        (10, False, "fit.verdict.close", "fit.gap.top_gain_open"),  # 50 %
        (15, False, "fit.verdict.close", "fit.gap.top_gain_open"),  # 75 %, a top gain still open
        (15, True, "fit.verdict.close", "fit.gap.top_pain_open"),  # 75 %, a top pain still open
        (20, False, "fit.verdict.fit", None),  # 100 %, everything addressed, on evidence
    ],
)
def test_verdict_table_across_coverage(
    addressed: int, open_top_pain: bool, verdict: str, first_gap: str | None
) -> None:
    items, links = _coverage_canvas(addressed, open_top_pain=open_top_pain)
    report = analyse_fit(items, links)
    assert report.overall == addressed * 5
    assert report.verdict == verdict
    assert (report.gaps[0].key if report.gaps else None) == first_gap
    low = [gap for gap in report.gaps if gap.key == "fit.gap.low_coverage"]
    assert bool(low) == (not meets_fit_threshold(report.overall))
    assert report.is_fit == (verdict == "fit.verdict.fit")


def test_gaps_come_in_order_top_first_then_coverage_thin_idle_assumptions() -> None:
    items = [
        note("P1", "pains", 4),
        note("P2", "pains", 5),
        note("J1", "jobs", 1),
        note("R1", "relievers"),
        note("C1", "creators"),
    ]
    report = analyse_fit(items, [])
    assert [(gap.key, gap.item_ids) for gap in report.gaps] == [
        ("fit.gap.top_pain_open", ("P2",)),
        ("fit.gap.top_pain_open", ("P1",)),
        ("fit.gap.low_coverage", ()),
        ("fit.gap.thin_profile", ()),
        ("fit.gap.idle", ("R1", "C1")),
        ("fit.gap.top_assumptions", ("P2", "P1")),
    ]
    assert report.gaps[2].params == {"percent": "0", "target": "70"}


def test_no_profile_or_no_value_map_is_the_first_gap() -> None:
    assert [g.key for g in analyse_fit([], []).gaps] == ["fit.gap.start_profile"]
    assert [g.key for g in analyse_fit([note("R1", "relievers")], []).gaps] == ["fit.gap.start_profile"]
    keys = [g.key for g in analyse_fit([note("P1", "pains", 5, "validated"), note("G1", "gains", 2)], []).gaps]
    assert keys == ["fit.gap.start_value_map", "fit.gap.top_pain_open"]


@settings(max_examples=200, deadline=None)
@given(canvases())
def test_no_gaps_only_at_a_fit_verdict(data) -> None:
    """The rule every surface relies on: an empty gap list means the verdict is fit, so
    nothing can say "no gaps" or "mature" while a top pain or gain is open or coverage is
    below the threshold."""
    items, links, _ = data
    report = analyse_fit(items, links)
    open_top = [i for i in report.unaddressed_top if i.area in ("pains", "gains")]
    if open_top or not meets_fit_threshold(report.overall):
        assert report.gaps and not report.is_fit and report.verdict != "fit.verdict.fit"
    if not report.gaps:
        assert report.verdict == "fit.verdict.fit"


def _hundred_notes(full: int, partial: int = 0) -> tuple[list[CanvasItem], list[Link]]:
    """50 pains and 50 gains of rank 1 (none is top): `full` of them fully addressed and
    `partial` partly, so the overall coverage is full + partial / 2 percent."""
    profile = [note(f"P{i}", "pains", 1) for i in range(50)] + [note(f"G{i}", "gains", 1) for i in range(50)]
    items, links = list(profile), []
    for index, target in enumerate(profile[: full + partial]):
        area = "relievers" if target.area == "pains" else "creators"
        source = note(f"V{index}", area)
        items.append(source)
        links.append(link(source.id, target.id, "full" if index < full else "partial"))
    return items, links


@pytest.mark.parametrize(
    ("full", "partial", "shown", "fit"),
    [(69, 0, 69, False), (69, 1, 70, True), (70, 0, 70, True), (71, 0, 71, True), (68, 2, 69, False)],
)
def test_the_fit_threshold_judges_the_percent_people_see(full, partial, shown, fit) -> None:
    from canvas.fit import LOW_COVERAGE, whole_percent

    report = analyse_fit(*_hundred_notes(full, partial))
    assert report.overall_percent == shown == whole_percent(report.overall)
    assert report.verdict_params["overall"] == str(shown)
    low = report.gaps_of(LOW_COVERAGE)
    assert bool(low) is (not fit)
    assert report.is_fit is fit and (report.verdict == "fit.verdict.fit") is fit
    if low:  # the gap's figure is the verdict's, and below the target it names
        assert int(low[0].params["percent"]) == shown < int(low[0].params["target"]) == FIT_THRESHOLD
        assert report.verdict == "fit.verdict.close"
