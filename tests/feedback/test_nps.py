"""NPS and its 90 % adjusted-Wald interval against cases worked out by hand (feedback/nps.py)."""

from __future__ import annotations

import pytest

from feedback import nps
from feedback.models import CubeCell


def test_no_answers_have_no_score_and_no_interval() -> None:
    result = nps.of_scores([])
    assert (result.n, result.score, result.interval) == (0, None, None)
    assert result.few


def test_all_promoters() -> None:
    # p = 10.75/13, d = 0.75/13, centre = 10/13 = 0.76923; variance = (11.5/13 - centre²)/13
    # = 0.0225307; margin = 1.645 * 0.150102 = 0.246919 -> 52.23 .. 101.6, clipped to 100.
    result = nps.of_scores([9, 10] * 5)
    assert result.score == 100
    low, high = result.interval
    assert low == pytest.approx(52.23, abs=0.01)
    assert high == 100


def test_all_detractors() -> None:
    result = nps.of_scores([0, 3, 6, 6, 1, 2, 4, 5, 6, 0])
    assert result.score == -100
    low, high = result.interval
    assert low == -100
    assert high == pytest.approx(-52.23, abs=0.01)


def test_one_promoter_is_no_certainty() -> None:
    # p = 1.75/4 = 0.4375, d = 0.1875, centre 0.25; variance (0.625 - 0.0625)/4 = 0.140625,
    # sd 0.375, margin 0.616875 -> -36.69 .. 86.69.
    result = nps.of_scores([10])
    assert result.score == 100
    low, high = result.interval
    assert low == pytest.approx(-36.6875, abs=1e-6)
    assert high == pytest.approx(86.6875, abs=1e-6)


def test_a_mixed_sample() -> None:
    # 5 promoters, 3 passives, 2 detractors: NPS 50 - 20 = 30.
    # p = 5.75/13, d = 2.75/13, centre 3/13 = 0.230769; variance (8.5/13 - 0.053254)/13 = 0.0461994,
    # sd 0.214940, margin 0.353577 -> -12.28 .. 58.43.
    result = nps.of_scores([9, 10, 9, 10, 9, 7, 8, 7, 6, 0])
    assert (result.promoters, result.passives, result.detractors) == (5, 3, 2)
    assert result.score == pytest.approx(30)
    low, high = result.interval
    assert low == pytest.approx(-12.28, abs=0.01)
    assert high == pytest.approx(58.43, abs=0.01)


def test_band_edges() -> None:
    result = nps.of_scores([6, 7, 8, 9])
    assert (result.detractors, result.passives, result.promoters) == (1, 2, 1)


def test_few_answers_under_thirty() -> None:
    assert nps.of_scores([9] * 29).few
    assert not nps.of_scores([9] * 30).few


def _cell(stage: str | None, touchpoint: str, score: int, count: int, month: str = "2025-01") -> CubeCell:
    return CubeCell(stage, touchpoint, "Students", "", month, score, count)


def test_groups_and_the_journey_in_stage_order() -> None:
    cells = [
        _cell("post_purchase", "Survey", 10, 4),
        _cell("pre_purchase", "Instagram", 3, 2),
        _cell("pre_purchase", "Instagram", 9, 2),
        _cell("purchase", "Counter", 6, 5, "2025-02"),
    ]
    stages = nps.by(cells, "stage")
    assert stages["post_purchase"].score == 100
    assert stages["pre_purchase"].score == 0
    assert stages["purchase"].score == -100
    assert list(nps.by(cells, "month")) == ["2025-01", "2025-02"]
    journey = nps.journey(cells)
    assert [p.stage for p in journey] == ["pre_purchase", "purchase", "post_purchase"]
    assert [p.nps.n for p in journey] == [4, 5, 4]
    assert nps.overall(cells).n == 13


def test_the_bands_are_9_to_10_7_to_8_and_0_to_6() -> None:
    from feedback.models import band, band_of_estimate

    assert [band(score) for score in range(11)] == ["detractor"] * 7 + ["passive"] * 2 + ["promoter"] * 2
    assert band_of_estimate(None) is None and band_of_estimate(8) == "passive"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(-0.4, "passive"), (-0.6, "detractor"), (29.4, "passive"), (29.6, "promoter"), (None, "passive")],
)
def test_a_result_takes_the_colour_of_the_number_shown(value: float | None, expected: str) -> None:
    assert nps.tone(value) == expected


def test_the_persona_card_and_the_pdf_agree_at_minus_0_4() -> None:
    from export.pdf.persona_page import NPS_COLOR
    from export.pdf.voice_page import MIDDLE, _tone
    from ui.personas.card import nps_chip

    result = nps.Nps(250, 99, 51, 100)  # NPS −0.4, shown as "0"
    assert result.score == pytest.approx(-0.4) and nps.signed(result.score) == "0"
    assert 'class="nl-chip passive"' in nps_chip(None, lambda key, **_: key, result)
    assert _tone(result) == MIDDLE and NPS_COLOR[nps.tone(result.score)] == MIDDLE
