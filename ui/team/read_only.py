"""What a project's viewer sees on a page made for changing it: the project as it is, read
only, instead of controls whose every use the domain would refuse."""

from __future__ import annotations

import streamlit as st

from classroom import service as classes
from core.models import Project
from projects import access
from ui.classroom import view as project_views
from ui.common.actor import current_actor
from ui.common.i18n import t
from ui.common.state import current_canvas_id, get_store


def may_edit(project: Project) -> bool:
    """Whether this session's actor may change the project (for showing a control)."""
    return access.may(get_store(), current_actor(), project.id, "edit")


def is_viewer(project: Project) -> bool:
    """True for someone who may read the project but not change it; they are told so."""
    if access.may(get_store(), current_actor(), project.id, "edit"):
        return False
    _say_read_only()
    return True


def stop_unless_editor(project: Project, title: str) -> None:
    """Carry on for someone who may edit the project; show a viewer the page's `title` and
    the project, read only, with the way to export it and to get more, then stop the page."""
    store = get_store()
    actor = current_actor()
    if access.may(store, actor, project.id, "edit"):
        return
    st.title(title)
    _say_read_only()
    st.page_link("pages/export.py", label=t("nav.export"), icon=":material/ios_share:")
    project_views.project_view(classes.project_view(store, actor, project.id), current_canvas_id(), key="viewer")
    st.stop()


def _say_read_only() -> None:
    st.info(t("team.viewer.read_only"), icon=":material/visibility:")
