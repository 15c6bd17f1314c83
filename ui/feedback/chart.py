"""The journey chart: NPS (with its 90 % interval) and the number of answers at each
touchpoint, before, during and after purchase. No Streamlit here; labels come translated.
User text (touchpoint names) goes through core.text.plotly_text once."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from core.text import plotly_text
from feedback.nps import JourneyPoint

NPS_COLOR = "#2f6f5e"
FEW_COLOR = "#b26b00"
COUNT_COLOR = "rgba(47, 111, 94, 0.18)"
STAGE_COLORS = {"pre_purchase": "#0072b2", "purchase": "#2f6f5e", "post_purchase": "#cc79a7", "": "#7f7f7f"}


@dataclass(frozen=True)
class JourneyLabels:
    title: str
    nps_axis: str
    nps_name: str
    count_name: str
    stages: dict[str, str]  # stage -> translated name ("" = not given)
    no_touchpoint: str
    hover: str  # "{touchpoint}: NPS {nps} (n = {n})", already translated


LABEL_WIDTH = 18


def _wrapped(text: str, width: int = LABEL_WIDTH) -> str:
    """Escape, then break a long touchpoint name over lines (at most three) so labels stay level."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    shown = "<br>".join(plotly_text(line) for line in lines[:3])
    return shown + ("…" if len(lines) > 3 else "")


def _y_label(point: JourneyPoint, labels: JourneyLabels) -> str:
    name = point.touchpoint or labels.no_touchpoint
    stage = plotly_text(labels.stages.get(point.stage, point.stage))
    return f"{_wrapped(name[:60])}<br><span style='font-size:10px;color:#7a8a86'>{stage}</span>"


def journey_figure(points: list[JourneyPoint], labels: JourneyLabels) -> go.Figure:
    """Touchpoints top to bottom in journey order (before, during, after purchase), so the
    chart reads the same on a phone: NPS with its interval along the x axis, the answers as
    pale bars from the left edge with their count written in."""
    ys = [_y_label(point, labels) for point in points]
    scores = [round(point.nps.score or 0, 1) for point in points]
    intervals = [point.nps.interval or (0.0, 0.0) for point in points]
    upper = [round(high - score, 1) for (_, high), score in zip(intervals, scores, strict=True)]
    lower = [round(score - low, 1) for (low, _), score in zip(intervals, scores, strict=True)]
    figure = go.Figure()
    figure.add_bar(
        y=ys,
        x=[point.nps.n for point in points],
        orientation="h",
        name=labels.count_name,
        marker_color=COUNT_COLOR,
        xaxis="x2",
        hoverinfo="skip",
        text=[f"n={point.nps.n}" for point in points],
        textposition="inside",
        insidetextanchor="start",
        textfont={"size": 11, "color": "#2f4f46"},
    )
    figure.add_scatter(
        y=ys,
        x=scores,
        mode="markers+lines",
        name=labels.nps_name,
        line={"color": NPS_COLOR, "width": 2},
        marker={
            "size": 11,
            "color": [STAGE_COLORS.get(point.stage, NPS_COLOR) for point in points],
            "symbol": ["circle-open" if point.nps.few else "circle" for point in points],
            "line": {"width": 2, "color": [FEW_COLOR if point.nps.few else NPS_COLOR for point in points]},
        },
        error_x={"type": "data", "symmetric": False, "array": upper, "arrayminus": lower, "color": "#8aa"},
        hovertext=[
            labels.hover.format(touchpoint=plotly_text(p.touchpoint or labels.no_touchpoint), nps=s, n=p.nps.n)
            for p, s in zip(points, scores, strict=True)
        ],
        hoverinfo="text",
    )
    figure.update_layout(
        title={"text": labels.title, "x": 0, "y": 0.995, "yanchor": "top", "font": {"size": 16}},
        height=130 + 52 * max(len(points), 3),
        margin={"l": 10, "r": 20, "t": 100, "b": 40},
        xaxis={"title": labels.nps_axis, "range": [-105, 105], "zeroline": True, "zerolinecolor": "#999"},
        # The answers: pale bars in the lower part of each row's scale (their count is written in).
        xaxis2={
            "overlaying": "x",
            "side": "top",
            "showgrid": False,
            "showticklabels": False,
            "range": [0, 2.8 * max((point.nps.n for point in points), default=1)],
        },
        yaxis={"autorange": "reversed", "automargin": True},
        legend={"orientation": "h", "y": 1.0, "x": 0, "yanchor": "bottom"},
        plot_bgcolor="white",
        bargap=0.35,
    )
    return figure
