"""Testing: the assumptions map of a canvas, the notes to test first, test cards and the
project's testing board with its learning cards."""

import streamlit as st

from ui.canvas.data import project_lists
from ui.common.actor import current_actor
from ui.common.i18n import current_language, t
from ui.common.shell import ensure_app_shell
from ui.common.state import current_canvas_id, get_store, require_project, select_canvas
from ui.common.text import shorten
from ui.experiments import board as testing_board
from ui.experiments import library_view, map_view
from ui.experiments.data import map_data, project_cards
from ui.team.read_only import may_edit

ensure_app_shell()

project = require_project()
actor = current_actor()
store = get_store()
st.title(t("experiments.title"))
st.caption(t("experiments.intro"))

revision = store.projects.revision(project.id)
canvases = project_lists(actor, project.id).canvases
map_tab, board_tab, library_tab = st.tabs(
    [t("experiments.tab.map"), t("experiments.tab.board"), t("experiments.tab.library")],
    key="testing.tab",
    on_change="rerun",
)
if map_tab.open:
    with map_tab:
        if not canvases:
            st.info(t("experiments.no_canvas"), icon=":material/dashboard:")
            st.page_link("pages/canvas.py", label=t("experiments.go_canvas"), icon=":material/dashboard:")
        else:
            by_id = {c.id: c for c in canvases}
            current = current_canvas_id()
            if current not in by_id:
                current = canvases[0].id
                select_canvas(current)
            if len(canvases) > 1:
                chosen = st.selectbox(
                    t("experiments.canvas"),
                    list(by_id),
                    index=list(by_id).index(current),
                    format_func={cid: shorten(c.name, 80) for cid, c in by_id.items()}.get,
                    key="testing.canvas_pick",
                )
                if chosen != current:
                    select_canvas(chosen)
                    st.rerun()
            canvas = by_id[current]
            data = map_data(actor, project.id, canvas, revision, current_language())
            map_view.map_section(canvas, data, revision, may_edit=may_edit(project))
if board_tab.open:
    with board_tab:
        testing_board.testing_board(project, project_cards(actor, project.id, revision), may_edit=may_edit(project))
if library_tab.open:
    with library_tab:
        library_view.library()
