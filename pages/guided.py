"""Guided mode: the CRM value chain step by step, with what each step still lacks."""

import streamlit as st

from classroom.guided import STEPS, guided_steps, progress_percent
from classroom.view import load_view
from experiments.service import load_testing
from projects.access import project_scope
from projects.service import update_project
from ui.classroom import guided as ui_steps
from ui.classroom.view import rubric_panel
from ui.common.actor import current_actor
from ui.common.errors import guard
from ui.common.i18n import t
from ui.common.shell import ensure_app_shell
from ui.common.state import current_canvas_id, get_store, require_project, select_canvas
from ui.common.text import md_escape
from ui.team import read_only

ensure_app_shell()


project = require_project()
read_only.stop_unless_editor(project, t("guided.title"))  # a viewer reads the project instead
store = get_store()

st.title(t("guided.title"))
st.caption(t("guided.caption", count=len(STEPS)))


def _toggle_guided() -> None:
    with guard():
        actor = current_actor()
        current = project_scope(store, actor, project.id, "edit")
        update_project(store, actor, project.id, current.version, guided=bool(st.session_state["guided.toggle"]))


st.session_state["guided.toggle"] = project.guided
st.toggle(t("guided.toggle"), key="guided.toggle", on_change=_toggle_guided, help=t("guided.toggle_help"))

view = load_view(store, project.id)
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

testing = load_testing(store, current_actor(), canvas.id) if canvas else None
steps = guided_steps(
    view,
    canvas.id if canvas else None,
    cards=testing.cards if testing else (),
    placements=testing.placements if testing else (),
)
st.progress(progress_percent(steps) / 100, text=t("guided.progress", percent=progress_percent(steps)))
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
