"""Hints come from rules over the notes, in English and Bahasa Indonesia."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from canvas.fit import FIT_THRESHOLD, analyse_fit
from canvas.hints import duplicate_groups, find_hints, is_vague, looks_like_missing_gain
from canvas.models import CanvasItem, Link
from i18n import catalog

T0 = datetime(2026, 1, 1, tzinfo=UTC)
GAP_KEYS = tuple(
    f"fit.gap.{name}"
    for name in (
        "start_profile",
        "start_value_map",
        "top_pain_open",
        "top_gain_open",
        "low_coverage",
        "thin_profile",
        "idle",
        "top_assumptions",
    )
)


def note(
    item_id: str, area: str, text: str, rank: int = 3, evidence: str = "assumption", minute: int = 0
) -> CanvasItem:
    return CanvasItem(
        id=item_id,
        project_id="p",
        area=area,
        text=text,
        rank=rank,
        evidence=evidence,
        created_at=T0 + timedelta(minutes=minute),
    )


def keys(hints) -> list[str]:
    return [hint.key for hint in hints]


def test_vague_notes_in_both_languages() -> None:
    assert is_vague("bagus")
    assert is_vague("Lebih murah dan cepat")
    assert is_vague("better quality")
    assert is_vague("ok")
    assert not is_vague("Antre lebih dari 20 menit di kasir saat jam makan siang")
    assert not is_vague("Buses are full after 7 a.m.")


def test_pain_that_is_a_missing_gain() -> None:
    for text in (
        "No parking near the office",
        "Lack of updates on my order",
        "Tidak ada jadwal bus",
        "Kurang informasi harga",
        "tanpa struk",
    ):
        assert looks_like_missing_gain(text), text
    for text in ("Parking costs Rp 20.000 an hour", "Nota sering hilang", "Knowledge gaps"):
        assert not looks_like_missing_gain(text), text
    hints = find_hints([note("p1", "pains", "Tidak ada jadwal bus kampus yang pasti")], [])
    assert "hint.pain_is_missing_gain" in keys(hints)
    # the same phrasing in gains is fine
    assert "hint.pain_is_missing_gain" not in keys(find_hints([note("g1", "gains", "No queue at all")], []))


def test_duplicates_within_an_area_only() -> None:
    items = [
        note("a", "pains", "Antre lama di kasir"),
        note("b", "pains", "antre lama di kasir!"),
        note("c", "pains", "Antrean lama di kasir"),
        note("d", "gains", "Antre lama di kasir"),
        note("e", "pains", "Harga parkir mahal sekali"),
    ]
    groups = duplicate_groups(items)
    assert [[i.id for i in g] for g in groups] == [["a", "b", "c"]]
    hint = next(h for h in find_hints(items, []) if h.key == "hint.duplicate")
    assert hint.item_ids == ("a", "b", "c") and hint.params["count"] == 3


def test_too_few_items_and_value_map_first() -> None:
    items = [
        note("r1", "relievers", "Seat booking the night before", minute=0),
        note("p1", "pains", "Buses are full after 7 a.m.", rank=5, minute=5),
    ]
    hints = find_hints(items, [])
    first = next(h for h in hints if h.key == "hint.value_map_first")
    assert first.item_ids == ("r1",) and first.severity == "warning"
    too_few = {h.params["area"]: h.params["count"] for h in hints if h.key == "hint.too_few"}
    assert too_few == {"jobs": 0, "pains": 1, "gains": 0, "products": 0, "relievers": 1, "creators": 0}
    # profile first: no such hint
    ordered = [
        note("p1", "pains", "Buses are full after 7 a.m.", minute=0),
        note("r1", "relievers", "Seat booking", minute=5),
    ]
    assert "hint.value_map_first" not in keys(find_hints(ordered, []))


def test_top_items_without_evidence_and_unaddressed() -> None:
    items = [
        note("p1", "pains", "Buses are full after 7 a.m.", rank=5),
        note("p2", "pains", "Ride-hailing eats a third of my allowance", rank=4, evidence="observed"),
        note("g1", "gains", "Arrive ten minutes before class", rank=5),
        note("r1", "relievers", "Seat booking the night before"),
    ]
    links = [Link(id="l", project_id="p", canvas_id="c", source_id="r1", target_id="p2")]
    hints = find_hints(items, links)
    evidence = next(h for h in hints if h.key == "fit.gap.top_assumptions")
    assert set(evidence.item_ids) == {"p1", "g1"}
    unaddressed = {h.item_ids[0] for h in hints if h.key in ("fit.gap.top_pain_open", "fit.gap.top_gain_open")}
    assert unaddressed == {"p1", "g1"}
    # warnings come first
    severities = [h.severity for h in hints]
    assert severities == sorted(severities, key=lambda s: s != "warning")


def test_empty_canvas_and_every_hint_key_is_translated() -> None:
    assert keys(find_hints([], [])) == ["hint.empty"]
    for lang in ("en", "id"):
        for key in (
            "hint.empty",
            "hint.value_map_first",
            *GAP_KEYS,
            "hint.pain_is_missing_gain",
            "hint.vague",
            "hint.duplicate",
            "hint.too_few",
        ):
            assert key in catalog(lang), (lang, key)


PREFIX = {"jobs": "j", "pains": "p", "gains": "g", "products": "s", "relievers": "r", "creators": "c"}


def _worked_canvas(pain_rank: int) -> tuple[list[CanvasItem], list[Link]]:
    """Enough clear, distinct, validated notes in every area; one link, so about 11 % fit."""
    texts = {
        "jobs": [
            "Finish the thesis before the June deadline",
            "Find sources the supervisor accepts",
            "Book a quiet room for group work",
        ],
        "pains": [
            "Search results list hundreds of doubtful sources",
            "Printing costs eat the weekly food budget",
            "Wifi drops every evening in the dorm",
        ],
        "gains": [
            "Get feedback on a draft within two days",
            "Meet classmates from other faculties",
            "Borrow a laptop charger at the desk",
        ],
        "products": ["Subject librarian consultations by appointment"],
        "relievers": [
            "Topic shortlists prepared by a subject librarian",
            "Free printing quota for final-year students",
        ],
        "creators": ["Draft review clinic every Thursday afternoon", "Charger lending shelf beside the entrance"],
    }
    items = [
        note(f"{PREFIX[area]}{n}", area, text, rank=pain_rank if (area, n) == ("pains", 0) else 3, evidence="validated")
        for area, entries in texts.items()
        for n, text in enumerate(entries)
    ]
    links = [Link(id="l", project_id="p", canvas_id="c", source_id="r0", target_id="j0")]  # wrong area: ignored
    links.append(Link(id="l2", project_id="p", canvas_id="c", source_id="r1", target_id="p2"))
    return items, links


def test_a_canvas_far_from_fit_always_has_hints() -> None:
    """Regression (#12): at 11 % fit the hints panel said "no hints: looks well worked out"
    because no rule looked at coverage. The fit gaps are hints now."""
    items, links = _worked_canvas(pain_rank=3)
    report = analyse_fit(items, links)
    assert report.overall < 25 and report.verdict == "fit.verdict.far"
    hints = find_hints(items, links)
    assert hints, "a canvas far from fit must not read as mature"
    low = next(h for h in hints if h.key == "fit.gap.low_coverage")
    assert low.severity == "warning" and low.params == {
        "percent": f"{report.overall:.0f}",
        "target": f"{FIT_THRESHOLD:.0f}",
    }


def test_an_open_top_pain_comes_first_among_the_fit_hints() -> None:
    items, links = _worked_canvas(pain_rank=5)
    hints = find_hints(items, links)
    warnings = [h for h in hints if h.severity == "warning"]
    assert (warnings[0].key, warnings[0].item_ids) == ("fit.gap.top_pain_open", ("p0",))
    assert "fit.gap.low_coverage" in keys(hints)


def test_hints_are_empty_only_at_a_fit_verdict() -> None:
    items, _ = _worked_canvas(pain_rank=3)
    targets = {"r0": "p0", "r1": "p1", "c0": "g0", "c1": "g1"}
    links = [Link(id=s, project_id="p", canvas_id="c", source_id=s, target_id=t) for s, t in targets.items()]
    links.append(Link(id="s0", project_id="p", canvas_id="c", source_id="s0", target_id="j0"))
    report = analyse_fit(items, links)
    assert report.overall < FIT_THRESHOLD  # 5 of 9 equally ranked notes
    assert "fit.gap.low_coverage" in keys(find_hints(items, links))
    everything = [*links]
    everything += [
        Link(id=f"x{t}", project_id="p", canvas_id="c", source_id=s, target_id=t)
        for s, t in (("r1", "p2"), ("c1", "g2"), ("s0", "j1"), ("s0", "j2"))
    ]
    assert analyse_fit(items, everything).verdict == "fit.verdict.fit"
    assert find_hints(items, everything) == []
