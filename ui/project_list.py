"""The project list on Home: cards, search, paging, the trash, and undo."""

from __future__ import annotations

import math

import streamlit as st

from core import projects as project_service
from core.models import ProjectSummary
from core.settings import get_settings
from i18n import LANGUAGE_NAMES, LANGUAGES
from i18n.format import format_date, relative_time
from ui.errors import guard
from ui.i18n import current_language, t
from ui.state import current_project_id, get_store, select_project
from ui.text import md_escape, shorten

PAGE_SIZE = 12
COLUMNS = 3
UNDO_KEY = "home.undo_project"
PAGE_KEY = "home.page"
SEARCH_KEY = "home.search"


def new_project_form() -> None:
    with st.popover(t("home.new_project"), icon=":material/add:", type="primary"):
        with st.form("home.new_project_form", clear_on_submit=True, border=False):
            name = st.text_input(t("field.name"), max_chars=None, key="home.new_name")
            description = st.text_area(t("field.description"), key="home.new_description", height=80)
            language = st.selectbox(
                t("field.language"), LANGUAGES, index=LANGUAGES.index(current_language()),
                format_func=LANGUAGE_NAMES.get, key="home.new_language",
            )
            if st.form_submit_button(t("home.create"), type="primary"):
                with guard():
                    project = project_service.create_project(get_store(), name, description, language)
                    select_project(project.id)
                    st.toast(t("home.created", name=shorten(project.name, 60)), icon=":material/check:")
                    st.rerun()


def undo_banner() -> None:
    pending = st.session_state.get(UNDO_KEY)
    if not pending:
        return
    with st.container(border=True, horizontal=True, vertical_alignment="center"):
        st.markdown(t("home.moved_to_trash", name=md_escape(pending["name"])))
        if st.button(t("common.undo"), key="home.undo", icon=":material/undo:"):
            with guard():
                project_service.restore_project(get_store(), pending["id"])
                st.session_state.pop(UNDO_KEY, None)
                st.rerun()
        if st.button(t("common.close"), key="home.undo_dismiss", type="tertiary"):
            st.session_state.pop(UNDO_KEY, None)
            st.rerun()


def _project_actions(summary: ProjectSummary) -> None:
    store = get_store()
    with st.popover("", icon=":material/more_horiz:", help=t("home.more_actions")):
        with st.form(f"home.rename.{summary.id}", border=False):
            new_name = st.text_input(t("home.rename_label"), value=summary.name, key=f"home.rename_input.{summary.id}")
            if st.form_submit_button(t("home.rename"), icon=":material/edit:"):
                with guard():
                    project = store.projects.get(summary.id)
                    project_service.rename_project(store, summary.id, project.version, new_name)
                    st.rerun()
        if st.button(t("home.duplicate"), key=f"home.duplicate.{summary.id}", icon=":material/content_copy:"):
            with guard():
                copy_name = t("home.copy_name", name=summary.name)[:120]
                copy = project_service.duplicate_project(store, summary.id, copy_name)
                st.toast(t("home.duplicated", name=shorten(copy.name, 60)), icon=":material/check:")
                st.rerun()
        st.divider()
        confirmed = st.checkbox(t("home.confirm_delete"), key=f"home.confirm_delete.{summary.id}")
        if st.button(
            t("home.delete"), key=f"home.delete.{summary.id}", icon=":material/delete:", disabled=not confirmed
        ):
            with guard():
                project_service.trash_project(store, summary.id)
                st.session_state[UNDO_KEY] = {"id": summary.id, "name": summary.name}
                if current_project_id() == summary.id:
                    select_project(None)
                st.rerun()


def project_card(summary: ProjectSummary) -> None:
    language = current_language()
    is_current = summary.id == current_project_id()
    with st.container(border=True, key=f"home-card-{summary.id}"):
        st.markdown(f"**{md_escape(shorten(summary.name, 80))}**")
        if summary.description:
            st.caption(md_escape(shorten(summary.description, 140)))
        st.caption(
            t("home.card_meta", canvases=summary.canvas_count, personas=summary.persona_count,
              language=summary.language.upper(), when=relative_time(language, summary.updated_at))
        )
        with st.container(horizontal=True, vertical_alignment="center"):
            if st.button(
                t("home.opened") if is_current else t("common.open"),
                key=f"home.open.{summary.id}",
                type="secondary" if is_current else "primary",
                icon=":material/check:" if is_current else ":material/arrow_forward:",
            ):
                select_project(summary.id)
                st.rerun()
            _project_actions(summary)


def _matches(summary: ProjectSummary, query: str) -> bool:
    needle = query.casefold()
    return needle in summary.name.casefold() or needle in summary.description.casefold()


def project_grid() -> None:
    summaries = get_store().projects.summaries()
    if not summaries:
        st.info(t("home.empty"), icon=":material/lightbulb:")
        return
    query = st.text_input(
        t("home.search"), key=SEARCH_KEY, placeholder=t("home.search_placeholder"),
        label_visibility="collapsed", icon=":material/search:",
    )
    shown = [s for s in summaries if _matches(s, query)] if query else summaries
    if not shown:
        st.caption(t("home.no_match"))
        return
    pages = max(1, math.ceil(len(shown) / PAGE_SIZE))
    page = min(st.session_state.get(PAGE_KEY, 1), pages)
    start = (page - 1) * PAGE_SIZE
    for row_start in range(start, min(start + PAGE_SIZE, len(shown)), COLUMNS):
        columns = st.columns(COLUMNS)
        for column, summary in zip(columns, shown[row_start : row_start + COLUMNS], strict=False):
            with column:
                project_card(summary)
    if pages > 1:
        with st.container(horizontal=True, horizontal_alignment="center", vertical_alignment="center"):
            if st.button("", icon=":material/chevron_left:", key="home.prev", disabled=page <= 1):
                st.session_state[PAGE_KEY] = page - 1
                st.rerun()
            st.caption(t("home.page_of", page=page, pages=pages, total=len(shown)))
            if st.button("", icon=":material/chevron_right:", key="home.next", disabled=page >= pages):
                st.session_state[PAGE_KEY] = page + 1
                st.rerun()


def trash_section() -> None:
    trashed = get_store().projects.summaries(deleted=True)
    if not trashed:
        return
    days = get_settings().trash_retention_days
    with st.expander(t("home.trash", count=len(trashed)), icon=":material/delete:"):
        st.caption(t("home.trash_note", days=days))
        language = current_language()
        for summary in trashed:
            with st.container(horizontal=True, vertical_alignment="center", key=f"home-trash-{summary.id}"):
                st.markdown(
                    f"{md_escape(shorten(summary.name, 80))} · "
                    + t("home.deleted_on", date=format_date(language, summary.deleted_at))
                )
                if st.button(t("home.restore"), key=f"home.restore.{summary.id}", icon=":material/restore_from_trash:"):
                    with guard():
                        project_service.restore_project(get_store(), summary.id)
                        st.rerun()
