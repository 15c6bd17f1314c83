"""The facilitator's console: open a workshop on a canvas, show the code and QR, run the
session (step, timer, private mode, lock, voting, merge), and end it."""

import streamlit as st

from ui.common.i18n import current_language, t
from ui.common.shell import ensure_app_shell
from ui.common.state import get_store, require_project, select_project
from ui.experiments import workshop_step as testing_step
from ui.team import read_only
from ui.workshop import console, customers, live

ensure_app_shell()

store = get_store()
lang = current_language()
token = live.facilitator_token()

if not token:
    project = require_project()
    read_only.stop_unless_editor(project, t("workshop.console.title"))  # opening one changes the canvas
    console.open_form(store, project)
    st.stop()

access = console.facilitator_access_or_stop(store, token)
workshop = access.workshop
if st.session_state.get("ui.project_id") != workshop.project_id:
    select_project(workshop.project_id)
snap = live.facilitator_snapshot(token, store.projects.revision(workshop.project_id))

console.header(snap.view.canvas.name)
if workshop.status == "ended":
    st.success(t("workshop.console.ended"), icon=":material/flag:")
else:
    console.links(lang, token, workshop)
    console.controls(store, lang, token, workshop)
    customers.facilitator_controls(store, lang, token, workshop, snap.view)
    console.merge(store, lang, token, snap.view)
    testing_step.section(store, token, access, snap.view)  # vote on which assumptions to test (experiments/)
    console.end_section(store, token)

st.header(t("workshop.console.board"))
if workshop.status == "ended":
    st.html(snap.board_html(lang))
else:
    live.live_board(token, "facilitator", snap, workshop.version, rerun_on_notes=True)
