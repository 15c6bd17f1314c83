"""The facilitator's console: open a workshop on a canvas, show the code and QR, run the
session (step, timer, private mode, lock, voting, merge), and end it."""

import streamlit as st

from canvas import service as canvas_service
from canvas.models import Area
from core.errors import Forbidden
from ui.common.errors import guard, message_for
from ui.common.i18n import current_language, t
from ui.common.shell import ensure_app_shell
from ui.common.state import get_store, require_project, select_project
from ui.common.text import md_escape, shorten
from ui.workshop import live
from ui.workshop.board import area_label
from workshop import service as ws

ensure_app_shell()

store = get_store()
lang = current_language()
token = live.facilitator_token()


def _open_form() -> None:
    project = require_project()
    st.title(t("workshop.console.title"))
    st.caption(t("workshop.console.intro"))
    canvases = canvas_service.list_canvases(store, project.id)
    if not canvases:
        st.info(t("workshop.console.no_canvas"), icon=":material/dashboard:")
        st.stop()
    with st.form("workshop.open", border=True):
        canvas_id = st.selectbox(
            t("workshop.console.canvas"),
            options=[c.id for c in canvases],
            format_func=lambda cid: next(c.name for c in canvases if c.id == cid),
            key="workshop.canvas",
        )
        name = st.text_input(t("workshop.console.your_name"), value=t("workshop.console.default_name"), max_chars=200)
        budget = st.number_input(t("workshop.console.budget"), min_value=1, max_value=ws.VOTE_BUDGET_MAX, value=3)
        opened = st.form_submit_button(t("workshop.console.open"), type="primary")
    if opened:
        with guard():
            result = ws.open_workshop(store, project.id, canvas_id, facilitator_name=name, vote_budget=int(budget))
            live.remember_facilitator(result.facilitator_token)
            st.rerun()
    past = store.workshops.for_project(project.id)
    if past:
        st.subheader(t("workshop.console.past"))
        for item in past:
            status = t(f"workshop.status.{item.status}")
            when = item.created_at.strftime("%Y-%m-%d %H:%M") if item.created_at else ""
            with st.container(horizontal=True, vertical_alignment="center", key=f"workshop.past.{item.id}"):
                canvas_name = next((c.name for c in canvases if c.id == item.canvas_id), "")
                st.markdown(f"{when} · **{md_escape(canvas_name)}** · {status}")
                if item.status == "open" and st.button(
                    t("workshop.console.resume"),
                    key=f"workshop.resume.{item.id}",
                    help=t("workshop.console.resume_help"),
                ):
                    with guard():
                        resumed = ws.reissue_facilitator_link(store, project.id, item.id)
                        live.remember_facilitator(resumed.facilitator_token)
                        st.rerun()
        st.caption(t("workshop.console.past_help"))


if not token:
    _open_form()
    st.stop()

try:
    access = ws.facilitator_access(store, token)
except Forbidden as error:
    st.warning(message_for(error), icon=":material/link_off:")
    if st.button(t("workshop.console.new"), key="workshop.forget"):
        live.forget_facilitator()
        st.rerun()
    st.stop()

workshop = access.workshop
if st.session_state.get("ui.project_id") != workshop.project_id:
    select_project(workshop.project_id)
snap = live.facilitator_snapshot(token, store.projects.revision(workshop.project_id), lang)
view = snap.view

with st.container(horizontal=True, vertical_alignment="center"):
    st.title(t("workshop.console.running", canvas=md_escape(view.canvas.name)))
    if st.button(t("workshop.console.new"), key="workshop.new", type="tertiary"):
        live.forget_facilitator()
        st.rerun()

if workshop.status == "ended":
    st.success(t("workshop.console.ended"), icon=":material/flag:")
else:
    join_link = live.join_url(workshop.join_code, lang)
    left, right = st.columns([3, 2])
    with left:
        live.join_panel(lang, workshop.join_code)
    with right:
        st.markdown(f"**{t('workshop.console.links')}**")
        st.caption(t("workshop.console.join_link"))
        st.code(join_link, language=None)
        st.caption(t("workshop.console.facilitator_link"))
        st.code(live.facilitator_url(token, lang), language=None)
        st.link_button(
            t("workshop.console.present"), live.present_url(workshop.join_code, lang), icon=":material/present_to_all:"
        )

    # -- controls ----------------------------------------------------------------------------
    st.subheader(t("workshop.console.controls"))
    steps = ["", *[a.value for a in Area]]
    chosen = st.segmented_control(
        t("workshop.console.step"),
        options=steps,
        default=workshop.current_area or "",
        format_func=lambda a: area_label(lang, a) if a else t("workshop.console.no_step"),
        key=f"workshop.step.{workshop.version}",
    )
    if chosen is not None and (chosen or None) != workshop.current_area:
        with guard():
            ws.set_step(store, token, chosen or None)
            st.rerun()

    c1, c2, c3 = st.columns(3)
    with c1:
        st.markdown(f"**{t('workshop.console.timer')}**")
        minutes = st.number_input(
            t("workshop.console.minutes"), min_value=0.5, max_value=180.0, value=5.0, step=0.5, key="workshop.minutes"
        )
        with st.container(horizontal=True):
            if st.button(t("workshop.console.start_timer"), key="workshop.timer_start", icon=":material/timer:"):
                with guard():
                    ws.start_timer(store, token, int(minutes * 60))
                    st.rerun()
            if workshop.timer_ends_at and st.button(t("workshop.console.stop_timer"), key="workshop.timer_stop"):
                with guard():
                    ws.stop_timer(store, token)
                    st.rerun()
    with c2:
        st.markdown(f"**{t('workshop.console.visibility')}**")
        if workshop.private_mode:
            if st.button(
                t("workshop.console.reveal"), key="workshop.reveal", type="primary", icon=":material/visibility:"
            ):
                with guard():
                    ws.reveal(store, token)
                    st.rerun()
        elif st.button(t("workshop.console.private"), key="workshop.private", icon=":material/visibility_off:"):
            with guard():
                ws.set_private(store, token, True)
                st.rerun()
        lock_label = t("workshop.console.unlock") if workshop.locked else t("workshop.console.lock")
        if st.button(lock_label, key="workshop.lock", icon=":material/lock:"):
            with guard():
                ws.set_locked(store, token, not workshop.locked)
                st.rerun()
    with c3:
        st.markdown(f"**{t('workshop.console.voting')}**")
        if workshop.voting_open:
            if st.button(t("workshop.console.close_voting"), key="workshop.vote_close", type="primary"):
                with guard():
                    ws.close_voting(store, token)
                    st.rerun()
        else:
            budget = st.number_input(
                t("workshop.console.budget"),
                min_value=1,
                max_value=ws.VOTE_BUDGET_MAX,
                value=workshop.vote_budget,
                key="workshop.budget",
            )
            if st.button(t("workshop.console.open_voting"), key="workshop.vote_open", icon=":material/how_to_vote:"):
                with guard():
                    ws.open_voting(store, token, int(budget))
                    st.rerun()

    notes = {n.id: n for n in view.notes}
    if len(notes) >= 2:
        with st.expander(t("workshop.console.merge")):
            st.caption(t("workshop.console.merge_help"))

            def _label(nid: str) -> str:
                note = notes[nid]
                return f"{area_label(lang, note.area)}: {shorten(note.text, 60)}"

            ids = list(notes)
            duplicate = st.selectbox(t("workshop.console.duplicate"), ids, format_func=_label, key="workshop.dup")
            keep = st.selectbox(t("workshop.console.keep"), ids, index=1, format_func=_label, key="workshop.keep")
            if st.button(t("workshop.console.merge_go"), key="workshop.merge_go"):
                with guard():
                    ws.merge_notes(store, token, duplicate, keep)
                    st.rerun()

    with st.expander(t("workshop.console.end_section")):
        if st.button(t("workshop.console.rotate"), key="workshop.rotate", icon=":material/key:"):
            with guard():
                ws.rotate_code(store, token)
                st.rerun()
        st.caption(t("workshop.console.rotate_help"))
        sure = st.checkbox(t("workshop.console.end_confirm"), key="workshop.end_sure")
        if st.button(t("workshop.console.end"), key="workshop.end", disabled=not sure, type="primary"):
            with guard():
                ws.end_workshop(store, token)
                st.rerun()

st.subheader(t("workshop.console.board"))
if workshop.status == "ended":
    st.html(snap.board)
else:
    live.live_board(live.facilitator_snapshot, token, workshop.project_id, workshop.version, snap.note_key)
