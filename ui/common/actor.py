"""Which actor this browser session is, for the project on screen. The domain decides what
that actor may reach (projects.access); this module only gathers what the session can
prove: the workspace (this computer, or the key) and its class links."""

from __future__ import annotations

import streamlit as st

from core.actors import Actor, Need, UserActor, WorkspaceActor
from core.errors import Forbidden, NotFound
from core.models import Project
from projects import access
from ui.common import class_links
from ui.common.author_name import with_author_name
from ui.common.run import once_per_run
from ui.common.store import get_store
from ui.common.workspace_access import workspace_actor


def workspace() -> WorkspaceActor | UserActor | None:
    """Who opens Home: the workspace, or on a team server the signed-in user."""
    return workspace_actor()


def require_workspace() -> WorkspaceActor | UserActor:
    """The workspace actor, for what only the workspace may do (create, list or import
    projects and classes); anyone else gets the workspace's refusal."""
    actor = workspace()
    if actor is None:
        raise Forbidden("workspace.error.private")
    return actor


def actor_for(project_id: str, need: Need = "edit") -> Actor:
    """The session's actor whose scope holds the project; raises the domain's refusal."""
    return scope_for(project_id, need)[0]


def scope_for(project_id: str, need: Need = "edit") -> tuple[Actor, Project]:
    """The session's actor and the project it reaches with `need`, once per page run. An
    actor that may edit may read."""
    if need == "read":
        try:
            return once_per_run(("scope", project_id, "edit"), lambda: _scope(project_id, "edit"))
        except (Forbidden, NotFound):
            pass
    return once_per_run(("scope", project_id, need), lambda: _scope(project_id, need))


def _scope(project_id: str, need: Need) -> tuple[Actor, Project]:
    actor, project = access.session_scope(
        get_store(),
        project_id,
        workspace=workspace(),
        group_tokens=tuple(t for t in (class_links.group_token(),) if t),
        lecturer_tokens=tuple(t for t in (class_links.lecturer_token(),) if t),
        need=need,
    )
    return with_author_name(actor), project


def current_actor() -> Actor:
    """The actor for the project on screen (pages call require_project first)."""
    project_id = st.session_state.get("ui.project_id")
    if not project_id:
        raise RuntimeError("current_actor() needs a project on screen")
    # The actor that reaches it at least to read: what it may change is the domain's call,
    # action by action (a team viewer reads and exports, and every edit is refused).
    return scope_for(project_id, "read")[0]
