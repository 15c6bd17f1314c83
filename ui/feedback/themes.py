"""Themes into the canvas: what detractors complain about, proposed as pains; what
promoters praise, proposed as gains. Accept (as proposed or edited), merge into another
theme, or dismiss each one, as with the ERRC suggestions."""

from __future__ import annotations

import streamlit as st

from canvas import canvases as canvas_canvases
from feedback import service as feedback
from feedback.models import ThemeDecision
from feedback.service import Suggestion, ThemeBoard
from ui.common import feedback as flash
from ui.common.actor import current_actor
from ui.common.errors import guard
from ui.common.i18n import current_language, t
from ui.common.state import current_canvas_id, get_store, select_canvas
from ui.common.text import md_escape, shorten

EDIT_KEY = "feedback.theme_editing"


def proposed_text(suggestion: Suggestion) -> str:
    """The pain or gain as a note says it: the theme's own phrase ("Air panas tidak berfungsi");
    a single word gets a short frame ("Problems with price")."""
    label = suggestion.theme.label
    if " " not in label:
        label = t(f"feedback.theme.proposed.{suggestion.kind}", label=label)
    return label[:1].upper() + label[1:]


def _card_key(suggestion: Suggestion) -> str:
    return f"{suggestion.kind}.{suggestion.key}"


def _accept(project_id: str, canvas_id: str, suggestion: Suggestion, text: str) -> None:
    with guard():
        feedback.accept_theme(
            get_store(),
            current_actor(),
            project_id,
            suggestion.kind,
            suggestion.key,
            canvas_id,
            text,
            language=current_language(),
        )
        st.session_state.pop(EDIT_KEY, None)
        flash.flash(f"feedback.theme.accepted.{suggestion.kind}")
        st.rerun()


def _toggle_edit(card: str) -> None:
    st.session_state[EDIT_KEY] = None if st.session_state.get(EDIT_KEY) == card else card


def _card(project_id: str, canvas_id: str, suggestion: Suggestion, others: list[Suggestion]) -> None:
    card = _card_key(suggestion)
    dom_key = f"feedback-theme-{suggestion.kind}-{suggestion.key}"
    with st.container(border=True, key=dom_key):
        badge = t(f"feedback.evidence.{suggestion.evidence}")
        st.markdown(
            f":orange-badge[{t('feedback.theme.suggested')}] **{md_escape(suggestion.theme.label)}** "
            f"· {t('feedback.theme.count', count=suggestion.count)} :gray-badge[{badge}]"
        )
        for quote in suggestion.theme.quotes:
            st.caption(f"“{md_escape(shorten(quote, 160))}”")
        if suggestion.theme.terms:
            st.caption(t("feedback.theme.why", words=md_escape(", ".join(suggestion.theme.terms))))
        if suggestion.merged_keys:
            st.caption(t("feedback.theme.merged_in", names=md_escape(", ".join(suggestion.merged_keys))))
        text = proposed_text(suggestion)
        editing = st.session_state.get(EDIT_KEY) == card
        with st.container(horizontal=True, gap="small", vertical_alignment="center"):
            # While the text is being edited, the form's button is the one that saves.
            if not editing and st.button(
                t("feedback.theme.accept"), key=f"feedback.accept.{card}", icon=":material/check:", type="primary"
            ):
                _accept(project_id, canvas_id, suggestion, text)
            st.button(
                t("feedback.theme.stop_editing") if editing else "",
                key=f"feedback.edit.{card}",
                icon=":material/edit_off:" if editing else ":material/edit:",
                help=None if editing else t("feedback.theme.edit"),
                type="tertiary",
                on_click=_toggle_edit,
                args=(card,),
            )
            if st.button(
                "",
                key=f"feedback.dismiss.{card}",
                icon=":material/close:",
                help=t("feedback.theme.dismiss"),
                type="tertiary",
            ):
                with guard():
                    feedback.dismiss_theme(get_store(), current_actor(), project_id, suggestion.kind, suggestion.key)
                    flash.flash("feedback.theme.dismissed")
                    st.rerun()
        if editing:
            with st.form(f"feedback.edit_form.{card}", border=False):
                edited = st.text_area(t("feedback.theme.text"), value=text, key=f"feedback.edit_text.{card}", height=80)
                if st.form_submit_button(t("feedback.theme.accept"), icon=":material/check:", type="primary"):
                    _accept(project_id, canvas_id, suggestion, edited)
            if others:
                with st.form(f"feedback.merge_form.{card}", border=False):
                    into = st.selectbox(
                        t("feedback.theme.merge_into"),
                        [other.key for other in others],
                        format_func=lambda key: next(o.theme.label for o in others if o.key == key),
                        key=f"feedback.merge_into.{card}",
                    )
                    if st.form_submit_button(t("feedback.theme.merge"), icon=":material/merge:"):
                        with guard():
                            feedback.merge_theme(
                                get_store(), current_actor(), project_id, suggestion.kind, suggestion.key, into
                            )
                            st.session_state.pop(EDIT_KEY, None)
                            flash.flash("feedback.theme.merged")
                            st.rerun()


def _decided(project_id: str, decisions: list[ThemeDecision]) -> None:
    if not decisions:
        return
    with st.expander(t("feedback.theme.decided", count=len(decisions)), icon=":material/history:"):
        for decision in decisions:
            status = t(f"feedback.theme.status.{decision.status}")
            with st.container(horizontal=True, vertical_alignment="center"):
                label = md_escape(decision.text or decision.theme_key)
                st.markdown(f"**{status}** · {t(f'feedback.kind.{decision.kind}')} · {label}")
                if st.button(
                    t("feedback.theme.undo"),
                    key=f"feedback.undo.{decision.id}",
                    icon=":material/undo:",
                    help=t("feedback.theme.undo_help"),
                ):
                    with guard():
                        feedback.undo_decision(get_store(), current_actor(), project_id, decision.id)
                        st.rerun()


def _canvas_choice(project_id: str) -> str | None:
    canvases = canvas_canvases.list_canvases(get_store(), current_actor(), project_id)
    if not canvases:
        st.info(t("feedback.theme.no_canvas"), icon=":material/dashboard:")
        return None
    ids = [canvas.id for canvas in canvases]
    current = current_canvas_id()
    chosen = st.selectbox(
        t("feedback.theme.canvas"),
        ids,
        index=ids.index(current) if current in ids else 0,
        format_func=lambda cid: next(c.name for c in canvases if c.id == cid),
        key="feedback.canvas",
        width=420,
    )
    if chosen != current:
        select_canvas(chosen)
    return chosen


def show(project_id: str) -> ThemeBoard | None:
    st.caption(t("feedback.theme.help"))
    canvas_id = _canvas_choice(project_id)
    board = feedback.theme_board(get_store(), current_actor(), project_id)
    if canvas_id is None:
        return board
    if not board.open and not board.decided:
        st.info(t("feedback.theme.no_comments"), icon=":material/forum:")
        return board
    columns = st.columns(2, gap="large")
    for column, kind in zip(columns, ("pain", "gain"), strict=True):
        with column:
            st.markdown(f"#### {t(f'feedback.theme.column.{kind}')}")
            st.caption(t(f"feedback.theme.column_help.{kind}"))
            suggestions = board.of_kind(kind)
            for suggestion in suggestions:
                _card(project_id, canvas_id, suggestion, [s for s in suggestions if s.key != suggestion.key])
            if not suggestions:
                st.caption(t("feedback.theme.none"))
    _decided(project_id, board.decided)
    return board
