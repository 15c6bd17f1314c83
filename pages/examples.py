"""Worked examples: look through one read-only, or copy it as a new project."""

import streamlit as st

from ui.classroom import examples
from ui.classroom import view as class_view
from ui.common.actor import workspace
from ui.common.errors import guard
from ui.common.i18n import current_language, t
from ui.common.shell import ensure_app_shell
from ui.common.state import select_project
from ui.common.text import md_escape

ensure_app_shell()


PREVIEW_KEY = "examples.preview"

st.title(t("examples.title"))
st.caption(t("examples.caption"))
language = current_language()
can_copy = workspace() is not None

copied = st.session_state.pop("examples.copied", None)
if copied:
    st.success(t("examples.copied", name=md_escape(copied)), icon=":material/content_copy:")
    st.page_link("pages/guided.py", label=t("examples.open_guided"), icon=":material/school:")


def _copy(slug: str, name: str) -> None:
    with guard():
        project = examples.copy(slug, language, name)
        select_project(project.id)
        st.session_state["examples.copied"] = project.name


def _toggle_preview(slug: str) -> None:
    st.session_state[PREVIEW_KEY] = None if st.session_state.get(PREVIEW_KEY) == slug else slug


preview = st.session_state.get(PREVIEW_KEY)
for slug, doc in examples.documents(language):
    with st.container(border=True):
        st.header(md_escape(doc["project"]["name"]))
        st.markdown(md_escape(doc["project"].get("description", "")))
        st.caption(examples.contents_line(language, doc))
        with st.container(horizontal=True):
            st.button(
                t("examples.hide") if preview == slug else t("examples.view"),
                key=f"examples.view.{slug}",
                icon=":material/visibility:",
                on_click=_toggle_preview,
                args=(slug,),
            )
            name = t("examples.copy_name", name=doc["project"]["name"])[:120]
            st.button(
                t("examples.copy"),
                key=f"examples.copy.{slug}",
                icon=":material/content_copy:",
                type="primary",
                on_click=_copy,
                args=(slug, name),
                disabled=not can_copy,  # a copy lands in the workspace: its owner's
            )
        if preview == slug:
            st.info(t("examples.read_only_note"), icon=":material/lock:")
            class_view.project_view(examples.preview(doc), None, key=f"examples.{slug}")
