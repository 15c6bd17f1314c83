"""Improvement actions: each detractor theme can become an action owned by a team function,
with a status. They are listed in the PDF."""

from __future__ import annotations

import streamlit as st

from feedback import service as feedback
from feedback.models import ACTION_STATUSES, TEAM_FUNCTIONS
from feedback.service import ThemeBoard
from ui.common import feedback as flash
from ui.common.actor import current_actor
from ui.common.errors import guard
from ui.common.i18n import t
from ui.common.state import get_store
from ui.common.text import md_escape


def _theme_options(board: ThemeBoard) -> dict[str, str]:
    """Detractor themes an action can answer: open ones and accepted ones."""
    options = {s.key: s.theme.label for s in board.of_kind("pain")}
    for decision in board.decided:
        if decision.kind == "pain" and decision.status == "accepted":
            options.setdefault(decision.theme_key, decision.text or decision.theme_key)
    return options


def show(project_id: str, board: ThemeBoard) -> None:
    st.caption(t("feedback.action.help"))
    # Translated now, so a format_func never depends on when it is called.
    teams = {function: t(f"feedback.team.{function}") for function in TEAM_FUNCTIONS}
    statuses = {status: t(f"feedback.status.{status}") for status in ACTION_STATUSES}
    options = _theme_options(board)
    if options:
        with st.form("feedback.action_form", clear_on_submit=True, border=True):
            columns = st.columns([2, 3, 1.4])
            theme = columns[0].selectbox(
                t("feedback.action.theme"), list(options), format_func=options.__getitem__, key="feedback.action_theme"
            )
            title = columns[1].text_input(t("feedback.action.title"), key="feedback.action_title", max_chars=300)
            owner = columns[2].selectbox(
                t("feedback.action.owner"),
                TEAM_FUNCTIONS,
                format_func=teams.__getitem__,
                key="feedback.action_owner",
            )
            if st.form_submit_button(t("feedback.action.add"), icon=":material/add_task:"):
                with guard():
                    feedback.add_action(get_store(), current_actor(), project_id, theme, title, owner)
                    flash.flash("feedback.action.added")
                    st.rerun()
    else:
        st.caption(t("feedback.action.no_themes"))
    labels = {**options, **{d.theme_key: d.text or d.theme_key for d in board.decided}}
    for action in board.actions:
        with st.container(border=True, key=f"feedback-action-{action.id}"):
            st.markdown(f"**{md_escape(action.title)}**")
            st.caption(t("feedback.action.for_theme", theme=md_escape(labels.get(action.theme_key, action.theme_key))))
            with st.container(horizontal=True, vertical_alignment="bottom", gap="small"):
                owner = st.selectbox(
                    t("feedback.action.owner"),
                    TEAM_FUNCTIONS,
                    index=TEAM_FUNCTIONS.index(action.owner) if action.owner in TEAM_FUNCTIONS else 0,
                    format_func=teams.__getitem__,
                    key=f"feedback.owner.{action.id}",
                    width=200,
                )
                status = st.selectbox(
                    t("feedback.action.status"),
                    ACTION_STATUSES,
                    index=ACTION_STATUSES.index(action.status) if action.status in ACTION_STATUSES else 0,
                    format_func=statuses.__getitem__,
                    key=f"feedback.status.{action.id}",
                    width=200,
                )
                if (owner, status) != (action.owner, action.status):
                    with guard():
                        feedback.update_action(
                            get_store(),
                            current_actor(),
                            project_id,
                            action.id,
                            action.version,
                            owner=owner,
                            status=status,
                        )
                        st.rerun()
                if st.button(
                    "",
                    key=f"feedback.delete_action.{action.id}",
                    icon=":material/delete:",
                    help=t("feedback.action.delete"),
                    type="tertiary",
                ):
                    with guard():
                        feedback.delete_action(get_store(), current_actor(), project_id, action.id, action.version)
                        st.rerun()


def theme_board(project_id: str) -> ThemeBoard:
    """The project's themes and actions, as this session's actor may read them."""
    return feedback.theme_board(get_store(), current_actor(), project_id)
