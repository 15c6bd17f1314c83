"""Canvas: the Value Proposition Canvas board with fit analysis and hints beside it."""

import streamlit as st

from ui.canvas import actions as canvas_actions
from ui.canvas import fit as canvas_fit
from ui.canvas import forms as canvas_forms
from ui.canvas import manager as canvas_manager
from ui.canvas.board import board
from ui.canvas.data import bundle
from ui.common.actor import current_actor
from ui.common.i18n import current_language, t
from ui.common.shell import ensure_app_shell
from ui.common.state import get_store, require_project
from ui.export import buttons as export_buttons
from ui.history import authors
from ui.team import read_only

ensure_app_shell()

SORT_KEY = "canvas.sort_by_rank"
TAB_KEY = "canvas.tabs"
WIDE_KEY = "canvas.wide_board"

project = require_project()
st.title(t("canvas.title"))
viewer = read_only.is_viewer(project)  # reads the board; the domain refuses any change
canvas = canvas_manager.canvas_picker(project, read_only=viewer)
if canvas is None:
    st.stop()

store = get_store()
revision = store.projects.revision(project.id)
data = bundle(
    current_actor(), project.id, canvas.id, revision, current_language(), bool(st.session_state.get(SORT_KEY, True))
)

wide = bool(st.session_state.get(WIDE_KEY, False))
if wide:  # projector / big-screen mode: the board takes the whole width, analysis below it
    board_col = st.container()
    side_col = None
else:
    board_col, side_col = st.columns([3, 1], gap="medium")
with board_col:
    with st.container(horizontal=True, vertical_alignment="center"):
        st.toggle(t("canvas.sort_by_rank"), value=True, key=SORT_KEY)
        st.toggle(t("canvas.wide_board"), key=WIDE_KEY, help=t("canvas.wide_board_help"))
        authors.board_controls(writes=not viewer)  # who wrote each note: shown or not, and this session's name
        if not viewer:
            st.caption(t("canvas.autosave"))
        export_buttons.export_popover(
            project.id, project.name, key="canvas.export", canvas_id=canvas.id, canvas_name=canvas.name
        )
    canvas_actions.notices(canvas)
    # The board follows the project's feed and asks for a run when someone else changes it.
    board(
        canvas_actions.board_payload(
            authors.author_view(data.payload),
            read_only=viewer,
            live=canvas_actions.live_follow(project.id, revision),
        ),
        key=canvas_actions.BOARD_KEY,
        on_action=lambda: canvas_actions.on_board_action(canvas),
    )
if wide:
    fit_col, hints_col = st.columns(2, gap="medium")
    with fit_col:
        canvas_fit.fit_panel(data)
    with hints_col:
        canvas_fit.hints_panel(data.hints, data.codes)
else:
    with side_col:
        canvas_fit.fit_panel(data)
        canvas_fit.hints_panel(data.hints, data.codes)

# The keyboard path: only the open tab runs (on_change="rerun"), so a big canvas doesn't pay for all four.
# A viewer gets the fit matrix only: the other three tabs change the canvas.
if viewer:
    canvas_fit.fit_matrix(data)
else:
    add_tab, edit_tab, link_tab, matrix_tab = st.tabs(
        [t("canvas.tab.add"), t("canvas.tab.edit"), t("canvas.tab.link"), t("canvas.tab.matrix")],
        key=TAB_KEY,
        on_change="rerun",
    )
    if add_tab.open:
        with add_tab:
            canvas_forms.add_form(canvas)
    if edit_tab.open:
        with edit_tab:
            canvas_forms.edit_form(canvas, data)
    if link_tab.open:
        with link_tab:
            canvas_forms.link_form(canvas, data)
    if matrix_tab.open:
        with matrix_tab:
            canvas_fit.fit_matrix(data)
