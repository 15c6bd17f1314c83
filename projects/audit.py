"""The per-project audit log: who signed in to a project, changed a role, exported,
trashed, restored or imported it. Owners read it (team server); the workspace too."""

from __future__ import annotations

from core.actors import Actor, FacilitatorActor, GroupActor, LecturerActor, ParticipantActor, UserActor
from projects.access import project_scope
from projects.team_models import AuditEvent
from storage.repository import Connection
from storage.store import Store

ACTIONS = (
    "signed_in",
    "member_added",
    "role_changed",
    "member_removed",
    "invite_created",
    "invite_revoked",
    "invite_used",
    "exported",
    "trashed",
    "restored",
    "imported",
)


def who(actor: Actor) -> tuple[str, str]:
    """(e-mail, name) an event records for the actor: a signed-in user's own; a label for
    the others, who have no account."""
    if isinstance(actor, UserActor):
        return actor.email, actor.name
    if isinstance(actor, FacilitatorActor | ParticipantActor):
        return "", actor.display_name
    if isinstance(actor, GroupActor):
        return "", actor.group_name
    if isinstance(actor, LecturerActor):
        return "", "lecturer"
    return "", f"workspace ({actor.label})" if actor.label else "workspace"


def record(
    store: Store, actor: Actor, project_id: str, action: str, detail: str = "", *, conn: Connection | None = None
) -> None:
    """Append one event (inside `conn` when the change it records runs in one)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    email, name = who(actor)
    if conn is not None:
        store.audit.append_in(conn, project_id, action, email=email, name=name, detail=detail)
    else:
        store.audit.append(project_id, action, email=email, name=name, detail=detail)


def events(store: Store, actor: Actor, project_id: str, *, limit: int = 200) -> list[AuditEvent]:
    """The project's log, newest first: for its owners (and the workspace)."""
    project_scope(store, actor, project_id, "manage")
    return store.audit.for_project(project_id, limit=limit)


def note_sign_in(store: Store, actor: Actor, project_id: str) -> None:
    """A signed-in user opened the project in a new session (the UI calls this once per
    session and project)."""
    if isinstance(actor, UserActor):
        project_scope(store, actor, project_id, "read")
        record(store, actor, project_id, "signed_in")
