"""The portfolio summary and the bubble chart (no database needed)."""

from __future__ import annotations

import math

from i18n import translate
from personas import portfolio
from personas.models import Segment


def _segment(name: str, decision: str, size: int = 100, a: int = 3, c: int = 3, reason: str = "") -> Segment:
    return Segment(
        id=name,
        project_id="p",
        name=name,
        decision=decision,
        size=size,
        attractiveness=a,
        capability=c,
        decision_reason=reason,
    )


def test_summary_groups_decisions_and_shows_what_is_left_out():
    segments = [
        _segment("Students", "target", 2400, 5, 4),
        _segment("Lecturers", "target", 600, 4, 3),
        _segment("Freshers", "consider", 1000),
        _segment("Alumni", "exclude", 6000, reason="licences"),
        _segment("Public", "exclude", 0),
    ]
    summary = portfolio.summarize(segments)
    assert [s.name for s in summary.targeted] == ["Students", "Lecturers"]
    assert [s.name for s in summary.excluded] == ["Alumni", "Public"]
    assert summary.total_size == 10_000 and summary.target_size == 3000
    assert math.isclose(summary.target_share, 0.3)
    assert [s.name for s in summary.excluded_without_reason] == ["Public"]


def test_empty_portfolio_has_no_share():
    assert portfolio.summarize([]).target_share == 0.0


def test_bubble_area_grows_with_size():
    small, big = portfolio.bubble_px(100, 400), portfolio.bubble_px(400, 400)
    assert big == portfolio.MAX_BUBBLE_PX
    # area (diameter squared, above the minimum) is proportional to size
    ratio = ((big - portfolio.MIN_BUBBLE_PX) / (small - portfolio.MIN_BUBBLE_PX)) ** 2
    assert math.isclose(ratio, 4.0)
    assert portfolio.bubble_px(0, 400) == portfolio.MIN_BUBBLE_PX


def test_chart_is_translated_coloured_by_decision_and_escapes_names():
    segments = [
        _segment("<b>Students</b>", "target", 2400, 5, 4),
        _segment("Alumni", "exclude", 6000, 2, 2),
    ]
    for lang in ("en", "id"):
        figure = portfolio.bubble_chart(segments, lambda key, lang=lang, **p: translate(lang, key, **p), language=lang)
        names = [trace.name for trace in figure.data]
        assert names == [translate(lang, "portfolio.decision.target"), translate(lang, "portfolio.decision.exclude")]
        assert figure.layout.xaxis.title.text == translate(lang, "portfolio.chart.x")
        assert figure.layout.yaxis.title.text == translate(lang, "portfolio.chart.y")
        target = figure.data[0]
        assert list(target.text) == ["&lt;b&gt;Students&lt;/b&gt;"]
        assert target.marker.color == portfolio.DECISION_COLORS["target"]
        assert (target.x[0], target.y[0]) == (4, 5)


def test_segments_with_equal_scores_do_not_hide_each_other():
    segments = [_segment("A", "target"), _segment("B", "consider"), _segment("C", "exclude")]
    figure = portfolio.bubble_chart(segments, lambda key, **p: translate("en", key, **p), language="en")
    points = {(round(trace.x[0], 3), round(trace.y[0], 3)) for trace in figure.data}
    assert len(points) == 3
