"""Customer portfolio: which segments to serve, and which to leave out on purpose."""

import streamlit as st

from ui.common.i18n import t
from ui.common.shell import ensure_app_shell
from ui.common.state import require_project
from ui.export import buttons as export_buttons
from ui.personas import data as persona_data
from ui.personas import portfolio as portfolio_view
from ui.team import read_only

ensure_app_shell()

project = require_project()
read_only.stop_unless_editor(project, t("portfolio.title"))  # a viewer reads the project instead

with st.container(horizontal=True, vertical_alignment="bottom"):
    st.title(t("portfolio.title"))
    portfolio_view.new_segment_form(project.id)
    export_buttons.export_popover(project.id, project.name, key="portfolio.export")
st.caption(t("portfolio.intro"))
portfolio_view.undo_banner()

segments = persona_data.segments(project.id)
if not segments:
    st.info(t("portfolio.empty"), icon=":material/groups:")
else:
    counts = persona_data.persona_counts(project.id)
    chart_column, summary_column = st.columns([3, 2], gap="medium")
    with chart_column:
        portfolio_view.chart(segments)
    with summary_column:
        portfolio_view.choosing_summary(segments, counts)
    portfolio_view.segment_list(segments, counts)
