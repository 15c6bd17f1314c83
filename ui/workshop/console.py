"""The facilitator's console, section by section: the form that opens a workshop, the
earlier workshops of the project, and, while one runs, the links, the controls (step,
timer, private mode, lock, voting, merge, code, end) and the live board. Every action is
a workshop.facilitation call with the facilitator's token; the domain decides."""

from __future__ import annotations

import streamlit as st

from canvas import canvases as canvas_canvases
from canvas.models import Area, Canvas
from core.actors import Actor
from core.errors import Forbidden
from core.models import Project, text_limit
from i18n.format import format_datetime
from ui.common.actor import actor_for
from ui.common.errors import guard, message_for
from ui.common.i18n import current_language, t
from ui.common.text import md_escape, shorten
from ui.workshop import live
from ui.workshop.board import area_label
from workshop import facilitation, joining, room
from workshop.models import VOTE_BUDGET_DEFAULT, VOTE_BUDGET_MAX, ParticipantDraft, Workshop

# The domain's limits: each box shows its limit and counts towards it while typing.
NAME_LIMIT = text_limit(ParticipantDraft, "display_name")


def _act(action, *args) -> None:
    """One facilitator action; a refusal is shown, success reruns the page."""
    with guard():
        action(*args)
        st.rerun()


# -- before a workshop runs ----------------------------------------------------------------


def open_form(store, project: Project) -> None:
    """Pick a canvas, a name and a vote budget, and open the workshop."""
    st.title(t("workshop.console.title"))
    st.caption(t("workshop.console.intro"))
    actor = actor_for(project.id, "edit")
    canvases = canvas_canvases.list_canvases(store, actor, project.id)
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
        name = st.text_input(
            t("workshop.console.your_name"), value=t("workshop.console.default_name"), max_chars=NAME_LIMIT
        )
        budget = st.number_input(
            t("workshop.console.budget"), min_value=1, max_value=VOTE_BUDGET_MAX, value=VOTE_BUDGET_DEFAULT
        )
        opened = st.form_submit_button(t("workshop.console.open"), type="primary")
    if opened:
        with guard():
            result = joining.open_workshop(store, actor, canvas_id, facilitator_name=name, vote_budget=int(budget))
            live.remember_facilitator(result.facilitator_token)
            st.rerun()
    _earlier_workshops(store, actor, project, canvases)


def _earlier_workshops(store, actor: Actor, project: Project, canvases: list[Canvas]) -> None:
    """The project's workshops; an open one can be resumed with a new private link."""
    past = joining.workshops_of_project(store, actor, project.id)
    if not past:
        return
    st.header(t("workshop.console.past"))
    for item in past:
        status = t(f"workshop.status.{item.status}")
        when = format_datetime(current_language(), item.created_at) if item.created_at else ""
        with st.container(horizontal=True, vertical_alignment="center", key=f"workshop.past.{item.id}"):
            canvas_name = next((c.name for c in canvases if c.id == item.canvas_id), "")
            st.markdown(f"{when} · **{md_escape(canvas_name)}** · {status}")
            if item.status == "open" and st.button(
                t("workshop.console.resume"), key=f"workshop.resume.{item.id}", help=t("workshop.console.resume_help")
            ):
                with guard():
                    resumed = facilitation.reissue_facilitator_link(store, actor, item.id)
                    live.remember_facilitator(resumed.facilitator_token)
                    st.rerun()
    st.caption(t("workshop.console.past_help"))


def facilitator_access_or_stop(store, token: str) -> joining.Access:
    """The facilitator's workshop, or a message and a way to start over."""
    try:
        return joining.facilitator_access(store, token)
    except Forbidden as error:
        st.warning(message_for(error), icon=":material/link_off:")
        if st.button(t("workshop.console.new"), key="workshop.forget"):
            live.forget_facilitator()
            st.rerun()
        st.stop()


# -- while it runs -------------------------------------------------------------------------


def header(canvas_name: str) -> None:
    with st.container(horizontal=True, vertical_alignment="center"):
        st.title(t("workshop.console.running", canvas=md_escape(canvas_name)))
        if st.button(t("workshop.console.new"), key="workshop.new", type="tertiary"):
            live.forget_facilitator()
            st.rerun()


def links(lang: str, token: str, workshop: Workshop) -> None:
    """The QR code and join code, the links to share and to keep, the projector."""
    left, right = st.columns([3, 2])
    with left:
        live.join_panel(lang, workshop.join_code)
    with right:
        st.markdown(f"**{t('workshop.console.links')}**")
        st.caption(t("workshop.console.join_link"))
        st.code(live.join_url(workshop.join_code, lang), language=None, wrap_lines=True)
        st.caption(t("workshop.console.facilitator_link"))
        st.code(live.facilitator_url(token, lang), language=None, wrap_lines=True)
        st.link_button(
            t("workshop.console.present"), live.present_url(workshop.join_code, lang), icon=":material/present_to_all:"
        )


def controls(store, lang: str, token: str, workshop: Workshop) -> None:
    st.header(t("workshop.console.controls"))
    steps = ["", *[a.value for a in Area]]
    chosen = st.segmented_control(
        t("workshop.console.step"),
        options=steps,
        default=workshop.current_area or "",
        format_func=lambda a: area_label(lang, a) if a else t("workshop.console.no_step"),
        key=f"workshop.step.{workshop.version}",
    )
    if chosen is not None and (chosen or None) != workshop.current_area:
        _act(facilitation.set_step, store, token, chosen or None)
    timer, visibility, voting = st.columns(3)
    with timer:
        _timer(store, token, workshop)
    with visibility:
        _visibility(store, token, workshop)
    with voting:
        _voting(store, lang, token, workshop)


def _timer(store, token: str, workshop: Workshop) -> None:
    st.markdown(f"**{t('workshop.console.timer')}**")
    minutes = st.number_input(
        t("workshop.console.minutes"), min_value=0.5, max_value=180.0, value=5.0, step=0.5, key="workshop.minutes"
    )
    with st.container(horizontal=True):
        if st.button(t("workshop.console.start_timer"), key="workshop.timer_start", icon=":material/timer:"):
            _act(facilitation.start_timer, store, token, int(minutes * 60))
        if workshop.timer_ends_at and st.button(t("workshop.console.stop_timer"), key="workshop.timer_stop"):
            _act(facilitation.stop_timer, store, token)


def _visibility(store, token: str, workshop: Workshop) -> None:
    st.markdown(f"**{t('workshop.console.visibility')}**")
    if workshop.private_mode:
        if st.button(t("workshop.console.reveal"), key="workshop.reveal", type="primary", icon=":material/visibility:"):
            _act(facilitation.reveal, store, token)
    elif st.button(t("workshop.console.private"), key="workshop.private", icon=":material/visibility_off:"):
        _act(facilitation.set_private, store, token, True)
    lock_label = t("workshop.console.unlock") if workshop.locked else t("workshop.console.lock")
    if st.button(lock_label, key="workshop.lock", icon=":material/lock:"):
        _act(facilitation.set_locked, store, token, not workshop.locked)


def _voting(store, lang: str, token: str, workshop: Workshop) -> None:
    st.markdown(f"**{t('workshop.console.voting')}**")
    # Say what a vote covers: only the current step's area, unless the step is "Free".
    free = t("workshop.console.no_step")
    if workshop.current_area:
        st.caption(t("paths.vote.scope_step", area=area_label(lang, workshop.current_area), free=free))
    else:
        st.caption(t("paths.vote.scope_all", free=free))
    if workshop.voting_open:
        if st.button(t("workshop.console.close_voting"), key="workshop.vote_close", type="primary"):
            _act(facilitation.close_voting, store, token)
        return
    budget = st.number_input(
        t("workshop.console.budget"),
        min_value=1,
        max_value=VOTE_BUDGET_MAX,
        value=workshop.vote_budget,
        key="workshop.budget",
    )
    if st.button(t("workshop.console.open_voting"), key="workshop.vote_open", icon=":material/how_to_vote:"):
        _act(facilitation.open_voting, store, token, int(budget))


def merge(store, lang: str, token: str, view: room.WorkshopView) -> None:
    """Fold a duplicate note into another (from two notes on)."""
    notes = {n.id: n for n in view.notes}
    if len(notes) < 2:
        return

    def label(note_id: str) -> str:
        note = notes[note_id]
        return f"{area_label(lang, note.area)}: {shorten(note.text, 60)}"

    with st.expander(t("workshop.console.merge")):
        st.caption(t("workshop.console.merge_help"))
        ids = list(notes)
        duplicate = st.selectbox(t("workshop.console.duplicate"), ids, format_func=label, key="workshop.dup")
        keep = st.selectbox(t("workshop.console.keep"), ids, index=1, format_func=label, key="workshop.keep")
        if st.button(t("workshop.console.merge_go"), key="workshop.merge_go"):
            _act(facilitation.merge_notes, store, token, duplicate, keep)


def end_section(store, token: str) -> None:
    """A new join code, and ending the workshop (after a confirmation)."""
    with st.expander(t("workshop.console.end_section")):
        if st.button(t("workshop.console.rotate"), key="workshop.rotate", icon=":material/key:"):
            _act(facilitation.rotate_code, store, token)
        st.caption(t("workshop.console.rotate_help"))
        sure = st.checkbox(t("workshop.console.end_confirm"), key="workshop.end_sure")
        if st.button(t("workshop.console.end"), key="workshop.end", disabled=not sure, type="primary"):
            _act(facilitation.end_workshop, store, token)
