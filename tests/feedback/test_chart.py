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
    few_name="Fewer than 30 answers",
)


def test_labels_are_escaped_and_counts_drawn() -> None:
    points = [
        JourneyPoint("pre_purchase", "<b>Instagram</b> & ads", Nps(40, 20, 10, 10)),
        JourneyPoint("post_purchase", "", Nps(5, 5, 0, 0)),
    ]
    figure = journey_figure(points, LABELS).to_dict()
    bars, line = figure["data"][:2]
    assert list(bars["x"]) == [40, 5]
    label = bars["y"][0]
    assert label.startswith("&lt;b&gt;Instagram&lt;/b&gt;") and "&amp;" in label and "<b>" not in label
    assert "(none)" in bars["y"][1] and "After" in bars["y"][1]
    assert list(line["x"]) == [25.0, 100.0]
    assert line["marker"]["symbol"] == ["circle", "circle-open"]  # under 30 answers: an open marker


def test_answers_have_their_own_axis_and_the_markers_are_explained() -> None:
    points = [
        JourneyPoint("pre_purchase", "Instagram", Nps(40, 20, 10, 10)),
        JourneyPoint("purchase", "Desk", Nps(80, 20, 40, 20)),
        JourneyPoint("post_purchase", "WhatsApp", Nps(5, 5, 0, 0)),
    ]
    figure = journey_figure(points, LABELS).to_dict()
    bars, line, *legend = figure["data"]
    layout = figure["layout"]
    assert bars["xaxis"] != line["xaxis"]  # counts are not drawn on the NPS axis
    assert layout["xaxis"]["range"] == [-105, 105] and layout["xaxis"]["title"]["text"] == "NPS"
    assert layout["xaxis2"]["title"]["text"] == "Answers" and "range" not in layout["xaxis2"]
    assert [entry["name"] for entry in legend] == ["Before", "During", "After", "Fewer than 30 answers"]
    assert [entry["marker"]["color"] for entry in legend[:3]] == list(line["marker"]["color"])


def test_no_label_is_printed_twice() -> None:
    points = [
        JourneyPoint("", "", Nps(12, 4, 4, 4)),  # neither touchpoint nor stage: one "(none)"
        JourneyPoint("purchase", "During", Nps(12, 4, 4, 4)),  # named like its stage
        JourneyPoint("purchase", "Desk", Nps(12, 4, 4, 4)),
    ]
    labels = journey_figure(points, LABELS).to_dict()["data"][0]["y"]
    assert labels[0].count("(none)") == 1 and "—" not in labels[0]
    assert labels[1].count("During") == 1
    assert "Desk" in labels[2] and "During" in labels[2]
    assert len(set(labels)) == len(labels)
