"""Guided mode pieces: the stepper, one step's panel, and the way to the real pages."""

from __future__ import annotations

import contextlib

import streamlit as st
from streamlit.errors import StreamlitAPIException

from canvas.models import Canvas
from classroom.guided import STEPS, Step, guided_steps, progress_percent
from classroom.view import ProjectView, load_view
from experiments.service import load_testing
from projects.access import project_scope
from projects.service import update_project
from ui.classroom.view import gap_lines
from ui.common.actor import current_actor
from ui.common.errors import guard
from ui.common.i18n import t
from ui.common.state import get_store

STEP_KEY = "guided.current_step"
STATUS_ICON = {
    "done": ":material/check_circle:",
    "started": ":material/pending:",
    "todo": ":material/radio_button_unchecked:",
}
# Where the work of each step is done.
STEP_PAGES = {
    "portfolio": ("pages/portfolio.py", "nav.portfolio"),
    "persona": ("pages/personas.py", "nav.personas"),
    "profile": ("pages/canvas.py", "nav.canvas"),
    "value_map": ("pages/canvas.py", "nav.canvas"),
    "competitors": ("pages/competitors.py", "nav.competitors"),
    "review": ("pages/canvas.py", "nav.canvas"),
    "testing": ("pages/testing.py", "nav.testing"),
}


def current_index() -> int:
    from_url = st.query_params.get("step")
    if from_url in STEPS:
        st.session_state[STEP_KEY] = STEPS.index(from_url)
    return int(st.session_state.get(STEP_KEY, 0))


def go_to(index: int) -> None:
    st.session_state[STEP_KEY] = index
    st.query_params["step"] = STEPS[index]


def stepper(steps: list[Step], current: int) -> None:
    """Six buttons in a row: number, name, status icon; the current one stands out."""
    columns = st.columns(len(steps))
    for column, step in zip(columns, steps, strict=True):
        with column:
            label = f"{step.number}. {t(f'guided.short.{step.name}')}"
            st.button(
                label,
                key=f"guided.goto.{step.name}",
                icon=STATUS_ICON[step.status],
                type="primary" if step.number - 1 == current else "secondary",
                on_click=go_to,
                args=(step.number - 1,),
                width="stretch",
            )
            st.caption(t(f"guided.status.{step.status}"))


def earlier_gaps(steps: list[Step], current: int) -> None:
    open_before = [s for s in steps[:current] if s.status != "done"]
    if open_before:
        names = ", ".join(f"{s.number}. {t(f'guided.step.{s.name}')}" for s in open_before)
        st.warning(t("guided.earlier_gaps", steps=names), icon=":material/flag:")


def step_panel(step: Step, *, explain: bool) -> None:
    st.header(f"{t('guided.step_label', number=step.number)} · {t(f'guided.step.{step.name}')}")
    if explain:
        st.markdown(f"**{t('guided.concept')}**")
        st.markdown(t(f"guided.step.{step.name}.concept"))
        st.markdown(f"**{t('guided.questions')}**")
        st.markdown("\n".join(f"- {t(f'guided.step.{step.name}.q{n}')}" for n in (1, 2, 3)))
        good, weak = st.columns(2)
        with good, st.container(border=True):
            st.markdown(f":material/thumb_up: **{t('guided.good')}**")
            st.markdown(t(f"guided.step.{step.name}.good"))
        with weak, st.container(border=True):
            st.markdown(f":material/thumb_down: **{t('guided.weak')}**")
            st.markdown(t(f"guided.step.{step.name}.weak"))
    st.markdown(f"**{t('guided.missing')}**")
    if step.missing:
        st.markdown("\n".join(f"- {line}" for line in gap_lines(step.missing)))
    else:
        st.success(t("guided.nothing_missing"), icon=":material/check_circle:")
    page, label = STEP_PAGES[step.name]
    # A page missing from this installation's navigation just gets no link.
    with contextlib.suppress(StreamlitAPIException):
        st.page_link(page, label=f"{t('guided.go_work')}: {t(label)}", icon=":material/arrow_forward:")


def prev_next(current: int) -> None:
    left, right = st.columns(2)
    with left:
        if current > 0:
            st.button(
                t("guided.prev"), key="guided.prev", icon=":material/arrow_back:", on_click=go_to, args=(current - 1,)
            )
    with right:
        if current < len(STEPS) - 1:
            st.button(
                t("guided.next"),
                key="guided.next",
                icon=":material/arrow_forward:",
                on_click=go_to,
                args=(current + 1,),
            )


def checklist(steps: list[Step]) -> None:
    """Guided mode off: one line per step, its status and what it lacks, and its page."""
    for step in steps:
        with st.container(horizontal=True, vertical_alignment="center", key=f"guided-check-{step.name}"):
            st.markdown(
                f"{STATUS_ICON[step.status]} **{step.number}. {t(f'guided.step.{step.name}')}** · "
                f"{t(f'guided.status.{step.status}')}"
            )
            page, label = STEP_PAGES[step.name]
            with contextlib.suppress(StreamlitAPIException):
                st.page_link(page, label=t(label), icon=":material/arrow_forward:")


def set_guided(project_id: str, guided: bool) -> None:
    """Turn guided mode on or off for the project (an editor's choice)."""
    store, actor = get_store(), current_actor()
    with guard():
        current = project_scope(store, actor, project_id, "edit")
        update_project(store, actor, project_id, current.version, guided=guided)


def step_count() -> int:
    return len(STEPS)


def project_view(project_id: str) -> ProjectView:
    return load_view(get_store(), project_id)


def steps_on(view: ProjectView, canvas: Canvas | None) -> list[Step]:
    """Where each guided step stands on the canvas, with its test cards and map placements."""
    testing = load_testing(get_store(), current_actor(), canvas.id) if canvas else None
    return guided_steps(
        view,
        canvas.id if canvas else None,
        cards=testing.cards if testing else (),
        placements=testing.placements if testing else (),
    )


def progress(steps: list[Step]) -> None:
    percent = progress_percent(steps)
    st.progress(percent / 100, text=t("guided.progress", percent=percent))
