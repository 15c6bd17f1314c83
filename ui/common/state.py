"""Session state holds ids and UI flags only; the data lives in the database."""

from __future__ import annotations

import streamlit as st

from core.errors import Forbidden, NotFound
from core.models import Project
from ui.common import sign_in
from ui.common.actor import scope_for
from ui.common.errors import message_for
from ui.common.store import get_store  # noqa: F401 - the pages import it from here

PROJECT_KEY = "ui.project_id"
CANVAS_KEY = "ui.canvas_id"


def current_project_id() -> str | None:
    return st.session_state.get(PROJECT_KEY)


def select_project(project_id: str | None) -> None:
    if project_id != st.session_state.get(PROJECT_KEY):
        # A canvas belongs to one project: choosing another project forgets it.
        st.session_state.pop(CANVAS_KEY, None)
        st.query_params.pop("canvas", None)
    if project_id:
        st.session_state[PROJECT_KEY] = project_id
        st.query_params["project"] = project_id
    else:
        st.session_state.pop(PROJECT_KEY, None)
        st.query_params.pop("project", None)


def current_project() -> Project | None:
    """The project in the URL, or None if there is none or it was deleted."""
    project_id = current_project_id()
    if not project_id:
        return None
    try:
        return scope_for(project_id, "edit")[1]
    except NotFound:
        select_project(None)
        return None
    except Forbidden as error:
        if error.key.startswith("team.error.role_"):
            # A team member whose role doesn't allow editing (a viewer) opens it to read.
            return _read_only(project_id)
        if error.key == "workspace.error.private" and sign_in.missing():
            # A team server: sign in first; the link (and its project) stays for afterwards.
            sign_in.sign_in_landing()
            st.stop()
        # another group's class project, or a private workspace: said so
        st.error(message_for(error), icon=":material/lock:")
        select_project(None)
        return None


def _read_only(project_id: str) -> Project | None:
    try:
        return scope_for(project_id, "read")[1]
    except (NotFound, Forbidden):
        select_project(None)
        return None


def require_project() -> Project:
    """For pages that work inside a project: the project, or a pointer back to Home."""
    project = current_project()
    if project is None:
        from ui.common.i18n import t

        st.info(t("common.no_project"), icon=":material/folder_open:")
        st.page_link("pages/home.py", label=t("nav.home"), icon=":material/arrow_back:")
        st.stop()
    return project


def current_canvas_id() -> str | None:
    """The canvas chosen on any canvas-scoped page (Canvas, Competitors, Export), kept in the URL."""
    from_url = st.query_params.get("canvas")
    if from_url:
        st.session_state[CANVAS_KEY] = from_url
    return st.session_state.get(CANVAS_KEY)


def select_canvas(canvas_id: str | None) -> None:
    if canvas_id:
        st.session_state[CANVAS_KEY] = canvas_id
        st.query_params["canvas"] = canvas_id
    else:
        st.session_state.pop(CANVAS_KEY, None)
        st.query_params.pop("canvas", None)
