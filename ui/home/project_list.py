"""The project list on Home: cards, search, paging, the trash, and undo."""

from __future__ import annotations

import math

import streamlit as st

from core.errors import Forbidden, NotFound
from core.models import NAME_MAX, ProjectDraft, ProjectSummary, text_limit
from core.settings import get_settings
from i18n import LANGUAGE_NAMES, LANGUAGES, plural
from i18n.format import format_date, relative_time
from projects import service as project_service
from projects.access import project_scope
from ui.common import feedback
from ui.common.actor import require_workspace
from ui.common.errors import guard
from ui.common.i18n import current_language, t
from ui.common.popover import close_popover, closing_popover
from ui.common.state import current_project_id, get_store, select_project
from ui.common.text import md_escape, shorten

# The domain's limits: each box shows its limit and counts towards it while typing.
NAME_LIMIT = text_limit(ProjectDraft, "name")
LONG_LIMIT = text_limit(ProjectDraft, "description")

PAGE_SIZE = 12
COLUMNS = 3
UNDO_SCOPE = "home"
MANAGE_KEY = "home.manage_project"
PAGE_KEY = "home.page"
SEARCH_KEY = "home.search"
NEW_POPOVER_KEY = "home.new_popover"
NEXT_STEP_KEY = "home.next_step"


def new_project_form() -> None:
    with closing_popover(t("home.new_project"), NEW_POPOVER_KEY, icon=":material/add:", type="primary"):
        with st.form("home.new_project_form", clear_on_submit=True, border=False):
            name = st.text_input(t("field.name"), max_chars=NAME_LIMIT, key="home.new_name")
            description = st.text_area(
                t("field.description"), key="home.new_description", height=80, max_chars=LONG_LIMIT
            )
            language = st.selectbox(
                t("field.language"),
                LANGUAGES,
                index=LANGUAGES.index(current_language()),
                format_func=LANGUAGE_NAMES.__getitem__,
                key="home.new_language",
            )
            if st.form_submit_button(t("home.create"), type="primary"):
                with guard():
                    project = project_service.create_project(
                        get_store(), require_workspace(), name, description, language
                    )
                    select_project(project.id)  # opened at once; Home then suggests the next step
                    feedback.flash("home.created", name=project.name)
                    st.session_state[NEXT_STEP_KEY] = project.id
                    close_popover(NEW_POPOVER_KEY)
                    st.rerun()


def undo_banner() -> None:
    feedback.undo_banner(
        UNDO_SCOPE, lambda deleted: project_service.restore_project(get_store(), require_workspace(), deleted.id)
    )


def _close_manager() -> None:
    st.session_state.pop(MANAGE_KEY, None)


def _open_manager(project_id: str) -> None:
    st.session_state[MANAGE_KEY] = project_id


def manage_dialog() -> None:
    """Rename, duplicate or delete the project whose ⋯ button was pressed.

    One dialog for the page instead of a menu per card: the cards stay light (Home reruns
    fast with hundreds of projects), and the dialog is kept open by a UI flag, so its
    buttons work whether Streamlit reruns the dialog alone or the whole page.
    """
    project_id = st.session_state.get(MANAGE_KEY)
    if not project_id:
        return
    store = get_store()
    try:
        project = project_scope(store, require_workspace(), project_id, "edit")
    except (NotFound, Forbidden):
        _close_manager()
        return

    @st.dialog(t("home.manage_title"), on_dismiss=_close_manager)
    def _dialog() -> None:
        st.markdown(f"**{md_escape(shorten(project.name, 120))}**")
        with st.form(f"home.rename.{project.id}", border=False):
            new_name = st.text_input(
                t("home.rename_label"), value=project.name, key=f"home.rename_input.{project.id}", max_chars=NAME_LIMIT
            )
            if st.form_submit_button(t("home.rename"), icon=":material/edit:"):
                with guard():
                    project_service.rename_project(store, require_workspace(), project.id, project.version, new_name)
                    _close_manager()
                    st.rerun()
        if st.button(t("home.duplicate"), key=f"home.duplicate.{project.id}", icon=":material/content_copy:"):
            with guard():
                copy_name = shorten(t("home.copy_name", name=project.name), NAME_MAX)
                copy = project_service.duplicate_project(store, require_workspace(), project.id, copy_name)
                _close_manager()
                feedback.flash("home.duplicated", name=copy.name)
                st.rerun()
        st.divider()
        confirmed = st.checkbox(t("home.confirm_delete"), key=f"home.confirm_delete.{project.id}")
        if st.button(
            t("home.delete"), key=f"home.delete.{project.id}", icon=":material/delete:", disabled=not confirmed
        ):
            with guard():
                project_service.trash_project(store, require_workspace(), project.id)
                feedback.offer_undo(
                    UNDO_SCOPE, feedback.Deleted("project", project.id), "home.moved_to_trash", name=project.name
                )
                if current_project_id() == project.id:
                    select_project(None)
                _close_manager()
                st.rerun()

    _dialog()


def project_card(summary: ProjectSummary) -> None:
    language = current_language()
    is_current = summary.id == current_project_id()
    with st.container(border=True, height="stretch", key=f"home-card-{summary.id}"):
        st.markdown(f"**{md_escape(shorten(summary.name, 80))}**")
        if summary.description:
            st.caption(md_escape(shorten(summary.description, 140)))
        st.caption(
            " · ".join(
                (
                    plural(language, "home.canvases", summary.canvas_count),
                    plural(language, "home.personas", summary.persona_count),
                    LANGUAGE_NAMES[summary.language],
                    relative_time(language, summary.updated_at),
                )
            )
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
            st.button(
                "",
                key=f"home.manage.{summary.id}",
                icon=":material/more_horiz:",
                help=t("home.more_actions"),
                on_click=_open_manager,
                args=(summary.id,),
            )


def _go_to_page(page: int) -> None:
    st.session_state[PAGE_KEY] = page


def project_grid() -> None:
    """One page of project cards, fetched as one page from the database."""
    store, actor = get_store(), require_workspace()
    if project_service.count_projects(store, actor) == 0:
        st.info(t("home.empty"), icon=":material/lightbulb:")
        return
    query = st.text_input(
        t("home.search"),
        key=SEARCH_KEY,
        placeholder=t("home.search_placeholder"),
        label_visibility="collapsed",
        icon=":material/search:",
        on_change=_go_to_page,
        args=(1,),
    )
    total = project_service.count_projects(store, actor, query)
    if total == 0:
        st.caption(t("home.no_match"))
        return
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = max(1, min(st.session_state.get(PAGE_KEY, 1), pages))
    shown = project_service.list_projects(store, actor, search=query, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    for row_start in range(0, len(shown), COLUMNS):
        columns = st.columns(COLUMNS)
        for column, summary in zip(columns, shown[row_start : row_start + COLUMNS], strict=False):
            with column:
                project_card(summary)
    if pages > 1:
        with st.container(horizontal=True, horizontal_alignment="center", vertical_alignment="center"):
            st.button(
                "",
                icon=":material/chevron_left:",
                key="home.prev",
                disabled=page <= 1,
                help=t("home.previous_page"),
                on_click=_go_to_page,
                args=(page - 1,),
            )
            st.caption(t("home.page_of", page=page, pages=pages, total=total))
            st.button(
                "",
                icon=":material/chevron_right:",
                key="home.next",
                disabled=page >= pages,
                help=t("home.next_page"),
                on_click=_go_to_page,
                args=(page + 1,),
            )


def trash_section() -> None:
    trashed = project_service.list_projects(get_store(), require_workspace(), deleted=True)
    if not trashed:
        return
    days = get_settings().trash_retention_days
    with st.expander(t("home.trash", count=len(trashed)), icon=":material/delete:"):
        st.caption(t("home.trash_note", days=days))
        language = current_language()
        for summary in trashed:
            with st.container(horizontal=True, vertical_alignment="center", key=f"home-trash-{summary.id}"):
                deleted = summary.deleted_at  # set on every project in the trash
                when = f" · {t('home.deleted_on', date=format_date(language, deleted))}" if deleted else ""
                st.markdown(md_escape(shorten(summary.name, 80)) + when)
                if st.button(t("home.restore"), key=f"home.restore.{summary.id}", icon=":material/restore_from_trash:"):
                    with guard():
                        project_service.restore_project(get_store(), require_workspace(), summary.id)
                        st.rerun()


def _dismiss_next_step() -> None:
    st.session_state.pop(NEXT_STEP_KEY, None)


def next_step(project_id: str) -> None:
    """Right after a project was created: it is open, and this says where to go next."""
    if st.session_state.get(NEXT_STEP_KEY) != project_id:
        return
    with st.container(border=True, key="home-next-step"):
        st.markdown(f"**{t('paths.next.title')}**")
        st.write(t("paths.next.body"))
        with st.container(horizontal=True):
            st.page_link("pages/portfolio.py", label=t("paths.next.portfolio"), icon=":material/bubble_chart:")
            st.page_link("pages/personas.py", label=t("paths.next.personas"), icon=":material/groups:")
            st.page_link("pages/guided.py", label=t("paths.next.guided"), icon=":material/school:")
            st.button(
                t("paths.next.dismiss"), key="home.next_step.dismiss", type="tertiary", on_click=_dismiss_next_step
            )
