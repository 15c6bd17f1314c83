"""The journey chart: NPS (with its 90 % interval) and the number of answers at each
touchpoint, before, during and after purchase. No Streamlit here; labels come translated.
User text (touchpoint names) goes through core.text.plotly_text once."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.text import plotly_lines, plotly_text
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
    few_name: str = ""  # the open marker's legend entry: "Fewer than 30 answers"


LABEL_WIDTH = 18


def _y_label(point: JourneyPoint, labels: JourneyLabels) -> str:
    """The touchpoint, then its stage in small type: said once, even when both are missing."""
    name = point.touchpoint or labels.no_touchpoint
    stage = labels.stages.get(point.stage, point.stage) if point.stage else ""
    shown = plotly_lines(name[:60], LABEL_WIDTH, max_lines=3)
    if stage and stage.casefold() != name.casefold():
        shown += f"<br><span style='font-size:10px;color:#5f6f6b'>{plotly_text(stage)}</span>"
    return shown


def _distinct(names: list[str]) -> list[str]:
    """Two rows that would read the same stay two rows (Plotly would draw them on one)."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name + "\u200b" * (seen[name] - 1))
    return out


def journey_figure(points: list[JourneyPoint], labels: JourneyLabels) -> go.Figure:
    """Touchpoints top to bottom in journey order (before, during, after purchase), so the
    chart reads the same on a phone. Left: NPS with its interval on the -100..100 axis, the
    marker coloured by stage (open: few answers), each explained in the legend. Right, on
    its own axis: the number of answers."""
    ys = _distinct([_y_label(point, labels) for point in points])
    scores = [round(point.nps.score or 0, 1) for point in points]
    intervals = [point.nps.interval or (0.0, 0.0) for point in points]
    upper = [round(high - score, 1) for (_, high), score in zip(intervals, scores, strict=True)]
    lower = [round(score - low, 1) for (low, _), score in zip(intervals, scores, strict=True)]
    figure = make_subplots(rows=1, cols=2, shared_yaxes=True, column_widths=[0.72, 0.28], horizontal_spacing=0.04)
    figure.add_bar(
        y=ys,
        x=[point.nps.n for point in points],
        orientation="h",
        name=labels.count_name,
        marker_color=COUNT_COLOR,
        hoverinfo="skip",
        showlegend=False,
        text=[str(point.nps.n) for point in points],
        textposition="auto",
        textfont={"size": 11, "color": "#2f4f46"},
        row=1,
        col=2,
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
        row=1,
        col=1,
    )
    # The legend explains the markers: one entry per stage drawn, and the open marker.
    for stage in dict.fromkeys(point.stage for point in points):
        figure.add_scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=plotly_text(labels.stages.get(stage, stage)),
            marker={"size": 11, "color": STAGE_COLORS.get(stage, NPS_COLOR)},
            row=1,
            col=1,
        )
    if any(point.nps.few for point in points):
        figure.add_scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=labels.few_name,
            marker={"size": 11, "symbol": "circle-open", "color": "#5f6f6b", "line": {"width": 2}},  # any stage
            row=1,
            col=1,
        )
    figure.update_layout(
        title={"text": labels.title, "x": 0, "y": 0.995, "yanchor": "top", "font": {"size": 16}},
        height=230 + 52 * max(len(points), 3),
        margin={"l": 10, "r": 20, "t": 90, "b": 150},
        yaxis={"autorange": "reversed", "automargin": True},
        # Under the chart, where a phone's narrow legend can take several lines.
        legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0},
        plot_bgcolor="white",
        bargap=0.35,
    )
    figure.update_xaxes(title_text=labels.nps_axis, range=[-105, 105], zeroline=True, zerolinecolor="#999", col=1)
    # On top: its ticks never run into the NPS axis's "100" on a phone.
    figure.update_xaxes(title_text=labels.count_name, rangemode="tozero", showgrid=False, side="top", nticks=4, col=2)
    return figure
