"""The journey chart: touchpoints in journey order, user text escaped once for Plotly."""

from __future__ import annotations

from feedback.nps import JourneyPoint, Nps
from ui.feedback.chart import JourneyLabels, journey_figure

LABELS = JourneyLabels(
    title="NPS",
    nps_axis="NPS",
    nps_name="NPS",
    count_name="Answers",
    stages={"pre_purchase": "Before", "purchase": "During", "post_purchase": "After", "": "—"},
    no_touchpoint="(none)",
    hover="{touchpoint}: NPS {nps} (n = {n})",
)


def test_labels_are_escaped_and_counts_drawn() -> None:
    points = [
        JourneyPoint("pre_purchase", "<b>Instagram</b> & ads", Nps(40, 20, 10, 10)),
        JourneyPoint("post_purchase", "", Nps(5, 5, 0, 0)),
    ]
    figure = journey_figure(points, LABELS).to_dict()
    bars, line = figure["data"]
    assert list(bars["x"]) == [40, 5]
    label = bars["y"][0]
    assert label.startswith("&lt;b&gt;Instagram&lt;/b&gt;") and "&amp;" in label and "<b>" not in label
    assert "(none)" in bars["y"][1] and "After" in bars["y"][1]
    assert list(line["x"]) == [25.0, 100.0]
    assert line["marker"]["symbol"] == ["circle", "circle-open"]  # under 30 answers: an open marker
