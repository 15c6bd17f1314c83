"""Customer voice: import survey answers, Net Promoter by group and along the journey,
themes from customers' comments into the canvas, and improvement actions."""

import streamlit as st

from ui.common.i18n import t
from ui.common.shell import ensure_app_shell
from ui.common.state import require_project
from ui.feedback import actions as feedback_actions
from ui.feedback import dashboard as feedback_dashboard
from ui.feedback import importer as feedback_importer
from ui.feedback import themes as feedback_themes
from ui.team import read_only

ensure_app_shell()

project = require_project()
read_only.stop_unless_editor(project, t("feedback.title"))  # a viewer reads the project instead
st.title(t("feedback.title"))
st.caption(t("feedback.intro"))

# Only the open tab is built (each tab reruns the page when chosen).
if after_import := st.session_state.pop(feedback_importer.AFTER_IMPORT_KEY, None):
    st.session_state["feedback.tab"] = t(f"feedback.tab.{after_import}")
dashboard, themes, actions, upload = st.tabs(
    [t("feedback.tab.dashboard"), t("feedback.tab.themes"), t("feedback.tab.actions"), t("feedback.tab.import")],
    key="feedback.tab",
    on_change="rerun",
)
if dashboard.open:
    with dashboard:
        feedback_dashboard.show(project.id)
if themes.open:
    with themes:
        feedback_themes.show(project.id)
if actions.open:
    with actions:
        feedback_actions.show(project.id, feedback_actions.theme_board(project.id))
if upload.open:
    with upload:
        feedback_importer.show(project.id)
