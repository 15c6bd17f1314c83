"""Competitors: offerings, factors and scores for a canvas; the strategy canvas, the ERRC
grid and the "relevant and unique" table."""

import streamlit as st

from ui.common.actor import current_actor
from ui.common.i18n import t
from ui.common.shell import ensure_app_shell
from ui.common.state import require_project
from ui.competitors import analysis as competitor_analysis
from ui.competitors import scores as competitor_scores
from ui.competitors import setup as competitor_setup
from ui.export import buttons as export_buttons
from ui.team import read_only

ensure_app_shell()

project = require_project()
read_only.stop_unless_editor(project, t("competitors.title"))  # a viewer reads the project instead
actor = current_actor()
st.title(t("competitors.title"))
st.caption(t("competitors.intro"))

canvas = competitor_setup.canvas_or_none(project.id)
if canvas is None:
    st.stop()
export_buttons.export_popover(
    project.id, project.name, key="competitors.export", canvas_id=canvas.id, canvas_name=canvas.name
)

data = competitor_setup.comparison(canvas.id)
if data.ours is None:  # no comparison on this canvas yet: start one only when asked
    competitor_setup.start_comparison(canvas)
    st.stop()
competitor_setup.undo_banner()

# Only the open tab is built: each tab reruns the page when chosen, so a rerun costs one
# tab's widgets, not all five.
setup, scores, chart, errc, relevance = st.tabs(
    [
        t("competitors.tab.setup"),
        t("competitors.tab.scores"),
        t("competitors.tab.chart"),
        t("competitors.tab.errc"),
        t("competitors.tab.relevance"),
    ],
    key="competitors.tab",
    on_change="rerun",
)
if setup.open:
    with setup:
        left, right = st.columns(2, gap="large")
        with left:
            competitor_setup.offerings_section(data)
        with right:
            competitor_setup.factors_section(data)
if scores.open:
    with scores:
        competitor_scores.scores_table(data)
        competitor_scores.csv_section(data)
if chart.open:
    with chart:
        competitor_analysis.strategy_chart(data)
if errc.open:
    with errc:
        competitor_analysis.errc_grid(data)
if relevance.open:
    with relevance:
        competitor_analysis.relevance_table(data)
