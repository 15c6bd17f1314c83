"""bench.compare: the medians of each side and new/old, for the metrics both sides report."""

from __future__ import annotations

from bench.compare import compare


def test_medians_and_ratio_for_shared_metrics_only() -> None:
    old = [{"a_ms": 10.0, "gone": 1.0}, {"a_ms": 30.0}, {"a_ms": 20.0}]
    new = [{"a_ms": 22.0, "fresh": 5.0}, {"a_ms": 21.0}, {"a_ms": 90.0}]
    assert compare(old, new) == {"a_ms": {"old": 20.0, "new": 22.0, "ratio": 1.1}}


def test_a_failed_run_on_one_side_is_left_out_of_its_median() -> None:
    old = [{"a_ms": 10.0}, {}, {"a_ms": 12.0}]
    new = [{"a_ms": 11.0}, {"a_ms": 11.0}, {}]
    assert compare(old, new)["a_ms"] == {"old": 11.0, "new": 11.0, "ratio": 1.0}
