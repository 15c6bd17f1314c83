"""The strategy canvas as a Plotly figure. No Streamlit here: it takes the plain
StrategyCanvas data (canvas/comparison.py) and already-translated labels, so an export
can build the same figure.

User text (factor and offering names) goes through core.text.plotly_text, once: Plotly
reads a subset of HTML in labels, and a name like "<b>" must show as typed.
"""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from competitors.analysis import StrategyCanvas
from core.text import plotly_lines, plotly_text

OURS_COLOR = "#2f6f5e"
# Colour-blind-safe (Okabe–Ito), with a dash pattern each so the lines stay apart in greyscale print.
RIVAL_COLORS = ("#d55e00", "#0072b2", "#cc79a7", "#e69f00", "#56b4e9", "#009e73", "#7f7f7f", "#f0e442", "#000000")
RIVAL_DASHES = ("dash", "dot", "dashdot", "longdash", "longdashdot", "5px,2px,1px,2px")
RIVAL_SYMBOLS = ("square", "diamond", "triangle-up", "triangle-down", "x", "star", "hexagon", "pentagon", "cross")
LABEL_WIDTH = 16
# Each factor's slot needs about this much width for its wrapped label to sit level; a
# narrower chart gets the compact figure (numbered factors) instead of labels run together.
SLOT_PX = 105
AXIS_PX = 80


@dataclass(frozen=True)
class ChartLabels:
    title: str
    x_axis: str
    y_axis: str
    importance: str  # e.g. "Importance {importance}/5", already translated
    ours_suffix: str  # e.g. "{name} (ours)", already translated


def wrap_label(text: str, width: int = LABEL_WIDTH) -> str:
    """A long factor name over at most four lines, so the x axis stays readable."""
    return plotly_lines(text, width, max_lines=4)


def compact_below_px(factor_count: int) -> int:
    """The chart width under which the factor labels no longer fit level side by side."""
    return max(480, AXIS_PX + SLOT_PX * factor_count)


def figure_spec(
    data: StrategyCanvas, labels: ChartLabels, *, height: int = 480, titled: bool = True, compact: bool = False
) -> dict:
    """The chart as a plain Plotly figure dict (data + layout).

    `titled=False` leaves the title to the page (Markdown wraps; a Plotly title is cut at the
    right edge). `compact` is the phone figure: factors numbered 1, 2, … on the x axis (the
    page lists the numbers' names below), one offering per legend row, narrow margins."""
    # Category positions are indexes so that two factors wrapping to the same text stay apart.
    x = list(range(len(data.factors)))
    ticks = [str(i + 1) for i in x] if compact else [wrap_label(f.name) for f in data.factors]
    hover_names = [plotly_text(f.name) for f in data.factors]
    importance = [labels.importance.format(importance=f.importance) for f in data.factors]
    traces: list[dict] = []
    rival_index = 0
    for curve in data.curves:
        ours = curve.kind == "ours"
        name = plotly_text(curve.name)
        if ours:
            style = {"color": OURS_COLOR, "width": 4}
            marker = {"size": 11, "symbol": "circle", "color": OURS_COLOR}
            name = labels.ours_suffix.format(name=name)
        else:
            color = RIVAL_COLORS[rival_index % len(RIVAL_COLORS)]
            style = {"color": color, "width": 2.5, "dash": RIVAL_DASHES[rival_index % len(RIVAL_DASHES)]}
            marker = {"size": 9, "symbol": RIVAL_SYMBOLS[rival_index % len(RIVAL_SYMBOLS)], "color": color}
            rival_index += 1
        traces.append(
            {
                "type": "scatter",
                "x": x,
                "y": list(curve.scores),
                "name": name,
                "mode": "lines+markers",
                "line": style,
                "marker": marker,
                "connectgaps": False,
                "customdata": [list(pair) for pair in zip(hover_names, importance, strict=True)],
                "hovertemplate": "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>" + name + ": %{y}<extra></extra>",
            }
        )
    grid = "#e4e7eb"
    # Title, then the legend (about three offerings a row), then the plot: never overlapping.
    legend_rows = len(data.curves) if compact else max(1, -(-len(data.curves) // 3))
    title_px = 50 if titled else 0
    top = title_px + 10 + 26 * legend_rows
    total_height = height + 26 * (legend_rows - 1) - (60 if compact else 0) - (50 - title_px)
    x_title = plotly_lines(labels.x_axis, 34) if compact else plotly_text(labels.x_axis)
    layout: dict = {
        "title": {
            "text": plotly_text(labels.title),
            "x": 0.01,
            "xanchor": "left",
            "xref": "container",
            "y": 1 - 14 / total_height,
            "yref": "container",
            "yanchor": "top",
            "font": {"size": 18},
        },
        "height": total_height,
        "margin": {"l": 48 if compact else 60, "r": 8 if compact else 20, "t": top, "b": 40 if compact else 110},
        "font": {"family": "Source Sans Pro, Arial, sans-serif", "size": 14, "color": "#1f2933"},
        "legend": {
            "orientation": "h",
            "xanchor": "left",
            "x": 0,
            "yref": "container",
            "yanchor": "top",
            "y": 1 - title_px / total_height,
            "font": {"size": 13},
        },
        "hovermode": "closest",
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "xaxis": {
            "title": {"text": x_title, "standoff": 12 if compact else 20},
            "tickmode": "array",
            "tickvals": x,
            "ticktext": ticks,
            # Always level: turned, wrapped labels print over each other; a chart too narrow
            # for level labels is drawn compact instead (see compact_below_px).
            "tickangle": 0,
            "showgrid": True,
            "gridcolor": grid,
            "range": [-0.4, max(len(x) - 0.6, 0.6)],
            "automargin": True,
        },
        "yaxis": {
            "title": {"text": plotly_text(labels.y_axis)},
            "range": [-0.5, 10.5],
            "tickvals": list(range(0, 11, 2)),
            "showgrid": True,
            "gridcolor": grid,
            "zeroline": False,
        },
    }
    if not titled:
        del layout["title"]
    return {"data": traces, "layout": layout}


def build_figure(
    data: StrategyCanvas, labels: ChartLabels, *, height: int = 480, titled: bool = True, compact: bool = False
) -> go.Figure:
    """A Plotly Figure of figure_spec. Built without Plotly's per-property validation,
    which costs ~80 ms per rerun at 9 offerings × 20 factors; the spec is fixed by the
    code above and covered by tests, so there is nothing for validation to catch."""
    spec = figure_spec(data, labels, height=height, titled=titled, compact=compact)
    return go.Figure(spec, skip_invalid=False, _validate=False)
