"""Join a workshop with a code and a display name, then take part: notes, votes, live board."""

import streamlit as st

from core.errors import Forbidden
from ui.common.errors import guard, message_for
from ui.common.i18n import current_language, t
from ui.common.shell import ensure_app_shell
from ui.common.state import get_store
from ui.common.text import md_escape
from ui.workshop import live
from ui.workshop.board import area_label
from workshop import service as ws

ensure_app_shell()

store = get_store()
lang = current_language()
token = live.participant_token()


def _join_form() -> None:
    st.title(t("workshop.join.title"))
    st.caption(t("workshop.join.intro"))
    with st.form("join.form", border=True):
        code = st.text_input(
            t("workshop.join.code"), value=st.query_params.get("code", ""), max_chars=16, key="join.code"
        )
        name = st.text_input(t("workshop.join.name"), max_chars=200, key="join.name", help=t("workshop.join.name_help"))
        submitted = st.form_submit_button(t("workshop.join.submit"), type="primary", use_container_width=True)
    if submitted:
        with guard():
            joined = ws.join(store, code, name, failures=live.join_failures())
            live.remember_participant(joined.token)
            if joined.renamed:
                st.session_state["join.renamed"] = joined.access.participant.display_name
            st.rerun()


if not token:
    _join_form()
    st.stop()

try:
    access = ws.participant_access(store, token)
except Forbidden as error:
    st.warning(message_for(error), icon=":material/event_busy:")
    if st.button(t("workshop.join.another"), key="join.another"):
        live.forget_participant()
        st.rerun()
    st.stop()

workshop = access.workshop
me = access.participant
# The room as of this revision, read once per revision for everyone in this process.
revision = store.projects.revision(workshop.project_id)
view = live.participant_snapshot(token, revision, lang).view

st.subheader(md_escape(view.canvas.name))
st.caption(t("workshop.join.you_are", name=md_escape(me.display_name)))
renamed = st.session_state.pop("join.renamed", None)
if renamed:
    st.info(t("workshop.join.renamed", name=md_escape(renamed)), icon=":material/badge:")

# -- add a note ----------------------------------------------------------------------------
if workshop.locked:
    st.info(t("workshop.join.locked"), icon=":material/lock:")
else:
    with st.form("join.add", clear_on_submit=True, border=True):
        if workshop.current_area:
            area = workshop.current_area
            st.markdown(t("workshop.join.add_to", area=area_label(lang, area)))
        else:
            area = st.selectbox(
                t("workshop.join.area"),
                options=[a for a in view.by_area],
                format_func=lambda a: area_label(lang, a),
                key="join.area",
            )
        text = st.text_area(
            t("workshop.join.note"),
            key="join.note_text",
            max_chars=500,
            height=80,
            label_visibility="collapsed",
            placeholder=t("workshop.join.note_placeholder"),
        )
        added = st.form_submit_button(t("workshop.join.add"), type="primary", use_container_width=True)
    if added:
        with guard():
            ws.add_note(store, token, text, area)
            st.toast(t("workshop.join.added"), icon=":material/sticky_note_2:")

# -- the live board ----------------------------------------------------------------------------
voting_notes = None
if workshop.voting_open:
    voting_notes = live.participant_snapshot(token, revision, lang)
live.live_board(
    live.participant_snapshot,
    token,
    workshop.project_id,
    view.workshop.version,
    voting_notes.note_key if voting_notes is not None else None,
)

# -- voting ----------------------------------------------------------------------------------
if workshop.voting_open and voting_notes is not None:
    st.markdown(f"**{t('workshop.vote.title')}**")
    st.caption(t("workshop.vote.help", budget=workshop.vote_budget))
    vview = voting_notes.view
    areas = [workshop.current_area] if workshop.current_area else list(vview.by_area)
    for area in areas:
        for note in vview.by_area.get(area, []):
            with st.container(horizontal=True, vertical_alignment="center", key=f"join.vote_row.{note.id}"):
                st.markdown(f"{md_escape(note.text)}  \n:small[{'● ' * note.my_votes}]")
                if st.button(
                    "+1", key=f"join.vote.{note.id}", help=t("workshop.vote.add"), disabled=vview.votes_left <= 0
                ):
                    with guard():
                        ws.vote(store, token, note.id)
                        st.rerun()
                if note.my_votes and st.button("−1", key=f"join.unvote.{note.id}", help=t("workshop.vote.remove")):
                    with guard():
                        ws.unvote(store, token, note.id)
                        st.rerun()

# -- my notes: edit and delete only these --------------------------------------------------------------
mine = [note for note in view.notes if note.mine]
with st.expander(t("workshop.join.my_notes", count=len(mine)), expanded=False):
    deleted = st.session_state.get("join.deleted")
    if deleted:
        with st.container(horizontal=True):
            st.caption(t("workshop.join.deleted"))
            if st.button(t("common.undo"), key="join.undo"):
                with guard():
                    ws.restore_note(store, token, deleted)
                    st.session_state.pop("join.deleted", None)
                    st.rerun()
    if not mine:
        st.caption(t("workshop.join.no_notes"))
    for note in mine:
        with st.container(border=True, key=f"join.mine.{note.id}"):
            new_text = st.text_area(
                area_label(lang, note.area),
                value=note.text,
                key=f"join.edit.{note.id}.{note.version}",
                max_chars=500,
                height=68,
                disabled=workshop.locked,
            )
            with st.container(horizontal=True):
                if st.button(t("common.save"), key=f"join.save.{note.id}", disabled=workshop.locked):
                    with guard():
                        ws.edit_note(store, token, note.id, note.version, new_text)
                        st.rerun()
                if st.button(t("common.delete"), key=f"join.delete.{note.id}", disabled=workshop.locked):
                    with guard():
                        ws.delete_note(store, token, note.id, note.version)
                        st.session_state["join.deleted"] = note.id
                        st.rerun()

if st.button(t("workshop.join.leave"), key="join.leave", type="tertiary"):
    live.forget_participant()
    st.rerun()
