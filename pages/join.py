"""Join a workshop with a code and a display name, then take part: notes, votes, live board."""

import streamlit as st

from ui.common.i18n import current_language
from ui.common.shell import ensure_app_shell
from ui.common.state import get_store
from ui.workshop import customers, join, live

ensure_app_shell()

store = get_store()
lang = current_language()
token = live.participant_token()

if not token:
    join.join_form(store)
    st.stop()

access = join.participant_access_or_stop(store, token)
workshop = access.workshop
# The room as of this revision, read once per revision for everyone in this process.
snap = live.participant_snapshot(token, store.projects.revision(workshop.project_id))
view = snap.view

join.header(view.canvas.name, access.participant.display_name)
customers.you_are_customer(access)
# The note box and the vote buttons are the board's own: their writes go to the action
# endpoint, so a note costs no run of this page (nor of anyone else's).
if workshop.locked:
    join.locked_notice()
if workshop.voting_open:
    join.voting_help(workshop)
live.live_board(
    token,
    "participant",
    snap,
    workshop.version,
    rerun_on_notes=False,
    compose_areas=join.note_areas(access),
    note_limit=join.NOTE_LIMIT,
    follow_own_notes=join.managing_notes(),
)
join.my_notes(store, lang, token, workshop, view)
join.leave_button()
