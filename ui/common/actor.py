"""Which actor this browser session is, for the project on screen. The domain decides what
that actor may reach (projects.access); this module only gathers what the session can
prove: the workspace (this computer, or the key) and its class links."""

from __future__ import annotations

import streamlit as st

from core.actors import Actor, Need, WorkspaceActor
from core.models import Project
from projects import access
from ui.common import class_links
from ui.common.store import get_store
from ui.common.workspace_access import workspace_actor


def workspace() -> WorkspaceActor | None:
    return workspace_actor()


RUN_KEY = "ui.run"  # counts this session's full script runs (ui.common.shell.run_page)
MEMO_KEY = "ui.actor_memo"


def new_run() -> None:
    """A page run begins (the shell and every page call this): actors are proven afresh, so a
    revoked link stops at once. Widget callbacks, which Streamlit runs before the page, and
    fragment reruns use the actor proven in the page's last run."""
    st.session_state[RUN_KEY] = st.session_state.get(RUN_KEY, 0) + 1
    st.session_state.pop(MEMO_KEY, None)


def actor_for(project_id: str, need: Need = "edit") -> Actor:
    """The session's actor whose scope holds the project; raises the domain's refusal."""
    return scope_for(project_id, need)[0]


def scope_for(project_id: str, need: Need = "edit") -> tuple[Actor, Project]:
    """The session's actor and the project it reaches with `need`. Worked out once per script
    run and project: a page asks at every domain call. An actor that may edit may read."""
    run = st.session_state.get(RUN_KEY, 0)
    memo = st.session_state.get(MEMO_KEY)
    if memo is not None:
        (memo_run, memo_project, memo_need), found = memo
        if memo_run == run and memo_project == project_id and need in (memo_need, "read"):
            return found
    found = access.session_scope(
        get_store(),
        project_id,
        workspace=workspace(),
        group_tokens=tuple(t for t in (class_links.group_token(),) if t),
        lecturer_tokens=tuple(t for t in (class_links.lecturer_token(),) if t),
        need=need,
    )
    st.session_state[MEMO_KEY] = ((run, project_id, need), found)
    return found


def current_actor() -> Actor:
    """The actor for the project on screen (pages call require_project first)."""
    project_id = st.session_state.get("ui.project_id")
    if not project_id:
        raise RuntimeError("current_actor() needs a project on screen")
    return actor_for(project_id)
