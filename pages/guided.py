"""Guided mode: the CRM value chain step by step, with what each step still lacks."""

import streamlit as st

from ui.classroom import guided as ui_steps
from ui.classroom.view import rubric_panel
from ui.common.i18n import t
from ui.common.shell import ensure_app_shell
from ui.common.state import current_canvas_id, require_project, select_canvas
from ui.common.text import md_escape
from ui.team import read_only

ensure_app_shell()


project = require_project()
read_only.stop_unless_editor(project, t("guided.title"))  # a viewer reads the project instead

st.title(t("guided.title"))
st.caption(t("guided.caption", count=ui_steps.step_count()))


def _toggle_guided() -> None:
    ui_steps.set_guided(project.id, bool(st.session_state["guided.toggle"]))


st.session_state["guided.toggle"] = project.guided
st.toggle(t("guided.toggle"), key="guided.toggle", on_change=_toggle_guided, help=t("guided.toggle_help"))

view = ui_steps.project_view(project.id)
canvas = view.canvas(current_canvas_id())
if len(view.canvases) > 1:
    ids = [c.id for c in view.canvases]
    names = {c.id: c.name for c in view.canvases}
    chosen = st.selectbox(
        t("guided.canvas"), ids, index=ids.index(canvas.id), format_func=names.get, key="guided.canvas"
    )
    if chosen != canvas.id:
        select_canvas(chosen)
        canvas = view.canvas(chosen)

steps = ui_steps.steps_on(view, canvas)
ui_steps.progress(steps)
current = ui_steps.current_index()
if project.guided:
    ui_steps.stepper(steps, current)
    ui_steps.earlier_gaps(steps, current)
    with st.container(border=True):
        ui_steps.step_panel(steps[current], explain=True)
    ui_steps.prev_next(current)
else:  # off: no walk-through, only where each step stands and where its work is done
    st.info(t("paths.guided_off"), icon=":material/visibility_off:")
    ui_steps.checklist(steps)

if canvas is not None:
    with st.expander(f"{t('guided.rubric')}: {md_escape(canvas.name)}", expanded=steps[current].name == "review"):
        rubric_panel(view.rubric(canvas), hints=view.hint_count(canvas))
