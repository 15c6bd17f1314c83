"""The participant's side of a workshop, section by section: the join form, the locked
notice and voting help, and their own notes (edit, delete, undo). Every action is a
workshop.notes call with the participant's token; the domain decides what it may do.
Adding a note and dot voting are the live board's own (ui/workshop/live_board): they go to
the action endpoint, not through a run of this page."""

from __future__ import annotations

import streamlit as st

from canvas.models import ItemDraft
from core.errors import Forbidden
from core.models import text_limit
from ui.common import class_links
from ui.common.actor import workspace
from ui.common.client import client
from ui.common.errors import guard, message_for
from ui.common.i18n import current_language, t
from ui.common.text import md_escape
from ui.workshop import customers, live, projector
from ui.workshop.board import area_label
from workshop import joining, room
from workshop import notes as workshop_notes
from workshop.models import ParticipantDraft, Workshop

# The domain's limits: each box shows its limit and counts towards it while typing.
NAME_LIMIT = text_limit(ParticipantDraft, "display_name")
NOTE_LIMIT = text_limit(ItemDraft, "text")

RENAMED_KEY = "join.renamed"
DELETED_KEY = "join.deleted"
MANAGE_KEY = "join.manage"  # the "edit or delete my notes" toggle


def join_form(store) -> None:
    """A code (prefilled from the link) and a display name."""
    st.title(t("workshop.join.title"))
    st.caption(t("workshop.join.intro"))
    with st.form("join.form", border=True):
        code = st.text_input(
            t("workshop.join.code"), value=st.query_params.get("code", ""), max_chars=16, key="join.code"
        )
        name = st.text_input(
            t("workshop.join.name"), max_chars=NAME_LIMIT, key="join.name", help=t("workshop.join.name_help")
        )
        as_customer = customers.role_choice()
        submitted = st.form_submit_button(t("workshop.join.submit"), type="primary", use_container_width=True)
    if workspace() is None and not class_links.has_class_link():
        projector.back_to_start()  # no sidebar on this device: the landing page is the way back
    if submitted:
        with guard():
            joined = joining.join(store, code, name, client=client(), as_customer=as_customer)
            live.remember_participant(joined.token)
            if joined.renamed:
                st.session_state[RENAMED_KEY] = joined.access.participant.display_name
            st.rerun()


def participant_access_or_stop(store, token: str) -> joining.Access:
    """The participant's workshop, or why not (ended, bad link) and a way to join another."""
    try:
        return joining.participant_access(store, token)
    except Forbidden as error:
        st.warning(message_for(error), icon=":material/event_busy:")
        if st.button(t("workshop.join.another"), key="join.another"):
            live.forget_participant()
            st.rerun()
        st.stop()


def header(canvas_name: str, display_name: str) -> None:
    st.title(md_escape(canvas_name))  # the page's one h1: the canvas the room works on
    st.caption(t("workshop.join.you_are", name=md_escape(display_name)))
    renamed = st.session_state.pop(RENAMED_KEY, None)
    if renamed:
        st.info(t("workshop.join.renamed", name=md_escape(renamed)), icon=":material/badge:")


def locked_notice() -> None:
    st.info(t("workshop.join.locked"), icon=":material/lock:")


def voting_help(workshop: Workshop) -> None:
    """What dot voting means here; the +1 / −1 buttons are on the live board's notes."""
    st.markdown(f"**{t('workshop.vote.title')}**")
    st.caption(t("workshop.vote.help", budget=workshop.vote_budget))
    if workshop.current_area:  # votes cover this step's area only: say so
        st.caption(t("paths.vote.participant_step", area=area_label(current_language(), workshop.current_area)))


def managing_notes() -> bool:
    """The participant has their notes open to edit or delete: the board then runs the page
    again after a note of theirs is added (pages/join.py), so the list is never behind."""
    return bool(st.session_state.get(MANAGE_KEY))


def my_notes(store, lang: str, token: str, workshop: Workshop, view: room.WorkshopView) -> None:
    """The participant's own notes: edit, delete, and undo the last delete. Closed, it shows
    no list (and no count) that a note added from the board would leave behind."""
    mine = [note for note in view.notes if note.mine]
    if not st.toggle(t("workshop.join.manage_notes"), key=MANAGE_KEY):
        return
    with st.container(border=True, key="join.my_notes"):
        st.markdown(f"**{t('workshop.join.my_notes', count=len(mine))}**")
        deleted = st.session_state.get(DELETED_KEY)
        if deleted:
            with st.container(horizontal=True):
                st.caption(t("workshop.join.deleted"))
                if st.button(t("common.undo"), key="join.undo"):
                    with guard():
                        workshop_notes.restore_note(store, token, deleted)
                        st.session_state.pop(DELETED_KEY, None)
                        st.rerun()
        if not mine:
            st.caption(t("workshop.join.no_notes"))
        for note in mine:
            _my_note(store, lang, token, workshop, note)


def _my_note(store, lang: str, token: str, workshop: Workshop, note: room.BoardNote) -> None:
    with st.container(border=True, key=f"join.mine.{note.id}"):
        new_text = st.text_area(
            area_label(lang, note.area),
            value=note.text,
            key=f"join.edit.{note.id}.{note.version}",
            height=68,
            max_chars=NOTE_LIMIT,
            disabled=workshop.locked,
        )
        with st.container(horizontal=True):
            if st.button(t("common.save"), key=f"join.save.{note.id}", disabled=workshop.locked):
                with guard():
                    workshop_notes.edit_note(store, token, note.id, note.version, new_text)
                    st.rerun()
            if st.button(t("common.delete"), key=f"join.delete.{note.id}", disabled=workshop.locked):
                with guard():
                    workshop_notes.delete_note(store, token, note.id, note.version)
                    st.session_state[DELETED_KEY] = note.id
                    st.rerun()


def leave_button() -> None:
    if st.button(t("workshop.join.leave"), key="join.leave", type="tertiary"):
        live.forget_participant()
        st.rerun()


def note_areas(access: joining.Access) -> list[str]:
    """The areas this participant may write a note in now."""
    return list(workshop_notes.areas_for(access))
