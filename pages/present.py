"""The projector view: the board large, the step and timer, the join code and QR; no
editing chrome. Opened from the console with the join code, never the facilitator link,
so nothing on the wall grants rights beyond joining."""

import streamlit as st

from ui.common.i18n import current_language
from ui.common.shell import ensure_app_shell
from ui.common.state import get_store
from ui.common.text import md_escape
from ui.workshop import live, projector

ensure_app_shell()

store = get_store()
lang = current_language()
code = st.query_params.get("code", "")
if not code:  # opened from the sidebar: choose one of the project's open workshops
    projector.picker()
    st.stop()
workshop = projector.wall_workshop(code)
if workshop is None:
    st.stop()

# Hide the app's own chrome on the wall; this stylesheet carries no user text.
st.html(
    "<style>[data-testid=stSidebar],[data-testid=stSidebarCollapsedControl],header,"
    ".st-key-ui-topbar{display:none !important}"
    ".block-container{padding:.25rem 1.5rem .25rem;max-width:100% !important}"
    ".nw-code-big{font-size:min(5.5rem,14.5cqi)}</style>"
)
snap = live.projector_snapshot(workshop.id, store.projects.revision(workshop.project_id))
top_left, top_right = st.columns([1, 1], vertical_alignment="center")  # room for a big code
with top_left:
    st.title(md_escape(snap.view.canvas.name))
with top_right:
    live.join_panel(lang, workshop.join_code, qr_width=130, big=True)
live.live_board(
    projector.wall_credential(workshop), "projector", snap, workshop.version, rerun_on_notes=False, big=True
)
projector.back_from_wall()
