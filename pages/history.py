"""Version history: the project's timeline, its snapshots, and comparing / restoring a canvas."""

import streamlit as st

from ui.common.i18n import t
from ui.common.shell import ensure_app_shell
from ui.common.state import require_project
from ui.history import authors
from ui.history.compare import compare_section
from ui.history.snapshots import snapshots_section
from ui.history.timeline import timeline_section

ensure_app_shell()

project = require_project()
with st.container(horizontal=True, vertical_alignment="center"):
    st.title(t("history.title"), width="content")
    authors.name_popover()
st.caption(t("history.caption"))

# Only the open tab runs (on_change="rerun"): the timeline doesn't pay for the comparison.
timeline_tab, compare_tab, snapshots_tab = st.tabs(
    [t("history.tab.timeline"), t("history.tab.compare"), t("history.tab.snapshots")],
    key="history.tabs",
    on_change="rerun",
)
if timeline_tab.open:
    with timeline_tab:
        timeline_section(project)
if compare_tab.open:
    with compare_tab:
        compare_section(project)
if snapshots_tab.open:
    with snapshots_tab:
        snapshots_section(project)
