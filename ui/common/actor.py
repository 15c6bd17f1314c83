"""Which actor this browser session is, for the project on screen. The domain decides what
that actor may reach (projects.access); this module only gathers what the session can
prove: the workspace (this computer, or the key) and its class links."""

from __future__ import annotations

import streamlit as st

from core.actors import Actor, Need, WorkspaceActor
from projects import access
from ui.common import class_links
from ui.common.store import get_store
from ui.common.workspace_access import workspace_actor


def workspace() -> WorkspaceActor | None:
    return workspace_actor()


RUN_KEY = "ui.run"  # counts this session's full script runs (ui.common.shell.run_page)
MEMO_KEY = "ui.actor_memo"


def new_run() -> None:
    """A full script run begins: actors are asked for again (a revoked link stops at once)."""
    st.session_state[RUN_KEY] = st.session_state.get(RUN_KEY, 0) + 1
    st.session_state.pop(MEMO_KEY, None)


def actor_for(project_id: str, need: Need = "edit") -> Actor:
    """The session's actor whose scope holds the project; raises the domain's refusal.
    Worked out once per script run and project: a page asks for it at every call."""
    memo_key = (st.session_state.get(RUN_KEY, 0), project_id, need)
    memo = st.session_state.get(MEMO_KEY)
    if memo is not None and memo[0] == memo_key:
        return memo[1]
    actor = _prove(project_id, need)
    st.session_state[MEMO_KEY] = (memo_key, actor)
    return actor


def _prove(project_id: str, need: Need) -> Actor:
    return access.actor_for_project(
        get_store(),
        project_id,
        workspace=workspace(),
        group_tokens=tuple(t for t in (class_links.group_token(),) if t),
        lecturer_tokens=tuple(t for t in (class_links.lecturer_token(),) if t),
        need=need,
    )


def current_actor() -> Actor:
    """The actor for the project on screen (pages call require_project first)."""
    project_id = st.session_state.get("ui.project_id")
    if not project_id:
        raise RuntimeError("current_actor() needs a project on screen")
    return actor_for(project_id)
