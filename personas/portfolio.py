"""The customer portfolio: which segments to serve, and which to leave out on purpose.

Buttle's CRM value chain starts here: weigh each segment's market attractiveness against
the company's capability to serve it, then decide. Choosing means excluding, so the
summary puts the excluded segments and their reasons next to the chosen ones.

`bubble_chart` builds the Plotly figure without Streamlit, so the page and the exports
draw the same chart; every label comes in through `tr` (a translate function).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import plotly.graph_objects as go

from core.text import plotly_text
from i18n.format import format_number
from personas.models import Decision, Segment

DECISIONS: tuple[Decision, ...] = ("target", "consider", "exclude")
DECISION_COLORS = {"target": "#1b7f5a", "consider": "#d08a0b", "exclude": "#8c8c8c"}
DECISION_SYMBOLS = {"target": "circle", "consider": "diamond", "exclude": "x"}
MIN_BUBBLE_PX, MAX_BUBBLE_PX = 14, 56


@dataclass(frozen=True)
class PortfolioSummary:
    by_decision: dict[str, list[Segment]]
    total_size: int
    target_size: int

    @property
    def excluded(self) -> list[Segment]:
        return self.by_decision["exclude"]

    @property
    def targeted(self) -> list[Segment]:
        return self.by_decision["target"]

    @property
    def target_share(self) -> float:
        """Share of the listed market (by size) the company chose to target, 0..1."""
        return self.target_size / self.total_size if self.total_size else 0.0

    @property
    def excluded_without_reason(self) -> list[Segment]:
        return [segment for segment in self.excluded if not segment.decision_reason.strip()]


def summarize(segments: list[Segment]) -> PortfolioSummary:
    by_decision: dict[str, list[Segment]] = {decision: [] for decision in DECISIONS}
    for segment in segments:
        by_decision[segment.decision].append(segment)
    for group in by_decision.values():
        group.sort(key=lambda s: (-(s.attractiveness + s.capability), s.name.casefold()))
    total = sum(segment.size for segment in segments)
    target = sum(segment.size for segment in by_decision["target"])
    return PortfolioSummary(by_decision, total, target)


def bubble_px(size: int, largest: int) -> float:
    """Area-proportional bubble diameter, so a segment twice as big looks twice as big."""
    if largest <= 0 or size <= 0:
        return MIN_BUBBLE_PX
    return MIN_BUBBLE_PX + (MAX_BUBBLE_PX - MIN_BUBBLE_PX) * math.sqrt(size / largest)


def _spread(segments: list[Segment]) -> dict[str, tuple[float, float]]:
    """Segments with the same scores would hide each other: fan them out a little."""
    groups: dict[tuple[int, int], list[Segment]] = {}
    for segment in segments:
        groups.setdefault((segment.capability, segment.attractiveness), []).append(segment)
    placed: dict[str, tuple[float, float]] = {}
    for (x, y), group in groups.items():
        if len(group) == 1:
            placed[group[0].id] = (float(x), float(y))
            continue
        for index, segment in enumerate(group):
            angle = 2 * math.pi * index / len(group)
            placed[segment.id] = (x + 0.18 * math.cos(angle), y + 0.18 * math.sin(angle))
    return placed


def bubble_chart(segments: list[Segment], tr: Callable[..., str], *, language: str, height: int = 460) -> go.Figure:
    """Attractiveness (y) against capability (x); bubble area = size, colour = decision."""
    largest = max((segment.size for segment in segments), default=0)
    placed = _spread(segments)
    figure = go.Figure()
    for decision in DECISIONS:
        group = [segment for segment in segments if segment.decision == decision]
        if not group:
            continue
        figure.add_trace(
            go.Scatter(
                x=[placed[s.id][0] for s in group],
                y=[placed[s.id][1] for s in group],
                mode="markers+text",
                name=tr(f"portfolio.decision.{decision}"),
                text=[_label(s.name) for s in group],
                # Beside the bubble, not above it: stacked segments would cover each other's names.
                textposition=["middle left" if placed[s.id][0] >= 3.5 else "middle right" for s in group],
                textfont={"size": 12, "color": "#222"},
                customdata=[
                    [
                        _label(s.name, 80),
                        format_number(language, s.size),
                        s.attractiveness,
                        s.capability,
                    ]
                    for s in group
                ],
                hovertemplate=(
                    "<b>%{customdata[0]}</b><br>"
                    + tr("portfolio.field.size")
                    + ": %{customdata[1]}<br>"
                    + tr("portfolio.field.attractiveness")
                    + ": %{customdata[2]}/5<br>"
                    + tr("portfolio.field.capability")
                    + ": %{customdata[3]}/5<extra></extra>"
                ),
                marker={
                    "size": [bubble_px(s.size, largest) for s in group],
                    "color": DECISION_COLORS[decision],
                    "opacity": 0.55 if decision == "exclude" else 0.8,
                    "line": {"width": 1.5, "color": "#ffffff"},
                    "symbol": "circle",
                },
                cliponaxis=False,
            )
        )
    axis = {
        "range": [0.4, 5.6],
        "tickvals": [1, 2, 3, 4, 5],
        "zeroline": False,
        "gridcolor": "#ececec",
        "fixedrange": True,
    }
    figure.update_layout(
        height=height,
        margin={"l": 60, "r": 30, "t": 48, "b": 60},
        plot_bgcolor="#ffffff",
        paper_bgcolor="rgba(0,0,0,0)",
        font={"family": "Source Sans Pro, sans-serif", "size": 13, "color": "#262730"},
        xaxis={**axis, "title": {"text": tr("portfolio.chart.x")}},
        yaxis={**axis, "range": [0.4, 5.75], "title": {"text": tr("portfolio.chart.y")}},
        legend={"title": {"text": tr("portfolio.field.decision")}, "orientation": "h", "y": -0.18, "x": 0},
        showlegend=True,
    )
    # The upper-right quadrant is where targets belong; shade it and say so.
    figure.add_shape(
        type="rect", x0=3, x1=5.6, y0=3, y1=5.75, fillcolor="#1b7f5a", opacity=0.06, line={"width": 0}, layer="below"
    )
    figure.add_annotation(
        xref="x",
        yref="paper",
        x=5.6,
        y=1.0,
        yshift=10,
        xanchor="right",
        yanchor="bottom",
        showarrow=False,
        text="▨ " + tr("portfolio.chart.sweet_spot"),
        font={"size": 11, "color": "#1b7f5a"},
    )
    figure.add_annotation(
        x=0.45,
        y=0.45,
        xanchor="left",
        yanchor="bottom",
        showarrow=False,
        text=tr("portfolio.chart.size_note"),
        font={"size": 11, "color": "#777"},
    )
    return figure


def _label(name: str, limit: int = 28) -> str:
    """Plotly renders text labels as (limited) HTML: escape, and keep them short."""
    short = name if len(name) <= limit else name[: limit - 1].rstrip() + "…"
    return plotly_text(short)
