"""Who may reach what: the one place where access to project content is decided.

Every domain call that touches project content asks here first, with the actor and the
target's id. The chain runs note -> canvas -> project: a note must be on the canvas, the
canvas in the project, the project inside the actor's scope, and the actor's role must
allow the need ("read" or "edit"). A refusal says the same whether the target is outside
the scope or doesn't exist, so it leaks nothing from outside.

Scopes:

* WorkspaceActor: every live project that is not a class group's.
* UserActor (team server, signed in): the projects they are a member of; the role decides
  the need: viewer "read", editor "read" and "edit", owner also "manage" (members, the
  audit log, the trash). A project they are not a member of is NotFound, exactly like
  one that doesn't exist.
* FacilitatorActor / ParticipantActor: the one canvas of their open workshop (what they may
  do with each note is the workshop's own rule, in workshop.notes).
* GroupActor: its own project (edit); a peer group's project (read) once the lecturer
  shares them after the deadline.
* LecturerActor: the projects of the class's groups (read).

A project in the trash is out of everyone's scope (the workspace restores it through
`trashed_project`); its workshops were ended when it went there.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from typing import Any

from canvas.models import Canvas, CanvasItem, Link, is_on_canvas
from core import authorship
from core.actors import (
    Actor,
    FacilitatorActor,
    GroupActor,
    LecturerActor,
    Need,
    ParticipantActor,
    UserActor,
    WorkspaceActor,
)
from core.errors import Forbidden, NotFound
from core.models import Project
from core.settings import Settings
from personas.models import Persona
from projects import class_links, workspace_passes
from storage.store import Store

OUT_OF_SCOPE = "error.not_found"
# What each project role allows (team server).
ROLE_ALLOWS: dict[str, frozenset[str]] = {
    "viewer": frozenset({"read"}),
    "editor": frozenset({"read", "edit"}),
    "owner": frozenset({"read", "edit", "manage"}),
}


# -- the workspace -----------------------------------------------------------------------


def key_matches(settings: Settings, key: str | None) -> bool:
    expected = settings.workspace_key
    return bool(expected and key and hmac.compare_digest(key.encode(), expected.encode()))


def workspace_actor(
    settings: Settings, *, local: bool, key: str | None, workspace_pass: str | None = None
) -> WorkspaceActor | None:
    """The workspace actor for a request from this computer's own browser (when trusted),
    with the right key, or with a valid workspace pass (the cookie a device gets once it
    proved the key); None for anyone else.

    With sign-in on (a team server), people sign in instead: this computer's browser is
    not trusted (behind a proxy every request comes from this computer), and the key only
    opens the workspace while NILAI_SIGN_IN_ALLOW_WORKSPACE_KEY is on, to move a key-based
    server over to members."""
    if settings.sign_in_enabled:
        if not settings.sign_in_allow_workspace_key:
            return None
    elif settings.trust_local and local:
        return WorkspaceActor("local")
    if key_matches(settings, key) or workspace_passes.is_valid(settings, workspace_pass, "session"):
        return WorkspaceActor("key")
    return None


def user_actor(settings: Settings, *, is_logged_in: bool, email: object, name: object) -> UserActor | None:
    """The signed-in user, from what the identity provider reported (Streamlit's signed
    sign-in cookie); None when sign-in is off, nobody is signed in, or no e-mail came."""
    if not settings.sign_in_enabled or not is_logged_in or not isinstance(email, str):
        return None
    address = email.strip().lower()
    if not address or "@" not in address or len(address) > 320:
        return None
    shown = name.strip()[:200] if isinstance(name, str) and name.strip() else address
    return UserActor(email=address, name=shown)


def workspace_only(actor: Actor) -> WorkspaceActor | UserActor:
    """Creating, listing and importing projects (and classes) belong to the workspace, and
    on a team server to signed-in users, who see and trash only their own projects."""
    if not isinstance(actor, WorkspaceActor | UserActor):
        raise Forbidden("workspace.error.private")
    authorship.stamp(actor)  # who the history names for a project it creates
    return actor


def role_in(store: Store, actor: Actor, project_id: str) -> str | None:
    """A signed-in user's role in the project (None for a non-member or another actor)."""
    if not isinstance(actor, UserActor):
        return None
    return store.members.role_of(project_id, actor.email)


# -- projects ----------------------------------------------------------------------------


def project_scope(store: Store, actor: Actor, project_id: str, need: Need = "read") -> Project:
    """The project, if it lies in the actor's scope and the role allows `need`."""
    if isinstance(actor, FacilitatorActor | ParticipantActor):
        # A workshop reaches one canvas, never the rest of its project: see canvas_scope.
        raise NotFound(OUT_OF_SCOPE)
    project, group_id, class_id = _live_project(store, project_id)
    _decide(store, actor, project, group_id, class_id, need)
    if need == "edit":
        authorship.stamp(actor)  # who the history names for the write that follows
    return project


def _decide(
    store: Store, actor: Actor, project: Project, group_id: str | None, class_id: str | None, need: Need
) -> None:
    """The role rule, for a project that is a class group's (group_id) or the workspace's."""
    if isinstance(actor, WorkspaceActor):
        if group_id is not None:
            raise Forbidden("classroom.error.not_your_project")
        return
    if isinstance(actor, UserActor):
        role = store.members.role_of(project.id, actor.email) if group_id is None else None
        if role is None:  # not theirs: the same answer as for a project that doesn't exist
            raise NotFound("error.project_not_found")
        if need not in ROLE_ALLOWS.get(role, frozenset()):
            raise Forbidden("team.error.role_" + need)
        return
    if group_id is None:
        raise Forbidden("workspace.error.private")
    if isinstance(actor, GroupActor):
        if group_id == actor.group_id and need != "manage":
            return
        if need == "read" and class_id == actor.class_id and class_links.peers_may_read(store, actor.class_id):
            return
        raise Forbidden("classroom.error.not_your_project")
    if isinstance(actor, LecturerActor) and class_id == actor.class_id:
        if need == "read":
            return
        raise Forbidden("classroom.error.read_only_here")
    raise Forbidden("classroom.error.not_your_project")


def may(store: Store, actor: Actor | None, project_id: str, need: Need = "read") -> bool:
    """True when `project_scope` would let the actor in (for showing or hiding a control)."""
    if actor is None:
        return False
    try:
        project_scope(store, actor, project_id, need)
    except (Forbidden, NotFound):
        return False
    return True


def trashed_project(store: Store, actor: Actor, project_id: str) -> Project:
    """A project in the trash, for the workspace (or, on a team server, its owner) to
    restore or purge."""
    if not isinstance(actor, WorkspaceActor | UserActor):
        raise NotFound(OUT_OF_SCOPE)
    project = _named(store.projects.get, project_id, include_deleted=True)
    if project.deleted_at is None or store.class_groups.for_project(project.id) is not None:
        raise NotFound(OUT_OF_SCOPE)
    if isinstance(actor, UserActor) and role_in(store, actor, project.id) != "owner":
        raise NotFound(OUT_OF_SCOPE)
    return project


def _live_project(store: Store, project_id: str) -> tuple[Project, str | None, str | None]:
    try:
        return store.projects.with_class_group(project_id)
    except NotFound:
        raise NotFound("error.project_not_found") from None


def actor_for_project(
    store: Store,
    project_id: str,
    *,
    workspace: WorkspaceActor | UserActor | None,
    group_tokens: tuple[str, ...] = (),
    lecturer_tokens: tuple[str, ...] = (),
    need: Need = "edit",
) -> Actor:
    """Of the actors this browser session can prove (the workspace, its group and lecturer
    links), the one whose scope holds the project with `need`. Raises the refusal of the
    most fitting actor when none does."""
    return session_scope(
        store,
        project_id,
        workspace=workspace,
        group_tokens=group_tokens,
        lecturer_tokens=lecturer_tokens,
        need=need,
    )[0]


def session_scope(
    store: Store,
    project_id: str,
    *,
    workspace: WorkspaceActor | UserActor | None,
    group_tokens: tuple[str, ...] = (),
    lecturer_tokens: tuple[str, ...] = (),
    need: Need = "edit",
) -> tuple[Actor, Project]:
    """`actor_for_project`, with the project it let the actor into (one read of it)."""
    candidates: list[Actor] = [a for a in (workspace,) if a is not None]
    candidates += [a for a in (class_links.group_actor(store, t) for t in group_tokens if t) if a is not None]
    candidates += [a for a in (class_links.lecturer_actor(store, t) for t in lecturer_tokens if t) if a is not None]
    refusal: Exception | None = None
    for actor in candidates:
        try:
            project = project_scope(store, actor, project_id, need)
        except (Forbidden, NotFound) as error:
            # A class link that doesn't reach the project says why, over the workspace's answer.
            if refusal is None or isinstance(actor, GroupActor | LecturerActor):
                refusal = error
            continue
        return actor, project
    if refusal is None:  # nothing this session can prove: a stranger to the workspace
        _live_project(store, project_id)
        refusal = Forbidden("workspace.error.private")
    raise refusal


# -- canvases, notes and links -----------------------------------------------------------


def _named(get: Callable[..., Any], row_id: str, **options: Any) -> Any:
    """A row named by a (possibly forged) id; a missing one is out of scope, like any other."""
    try:
        return get(row_id, **options)
    except NotFound:
        raise NotFound(OUT_OF_SCOPE) from None


def canvas_scope(store: Store, actor: Actor, canvas_id: str, need: Need = "read") -> Canvas:
    """The canvas, if its project lies in the actor's scope (for a workshop: its own canvas)."""
    canvas = _named(store.canvases.get, canvas_id)
    if isinstance(actor, FacilitatorActor | ParticipantActor):
        if canvas.id != actor.canvas_id or canvas.project_id != actor.project_id:
            raise NotFound(OUT_OF_SCOPE)
        _live_project(store, canvas.project_id)
        if need == "edit":
            authorship.stamp(actor)  # who the history names for the write that follows
        return canvas
    reach(store, actor, canvas.project_id, need)
    return canvas


def item_on_canvas(
    store: Store, canvas: Canvas, item_id: Any, *, conn: Any = None, include_deleted: bool = False
) -> CanvasItem:
    """The note, if it is on this canvas; otherwise NotFound, exactly as if it didn't exist."""
    return _note(store, item_id, lambda item: is_on_canvas(item, canvas), conn, include_deleted)


def _note(
    store: Store, item_id: Any, belongs: Callable[[CanvasItem], bool], conn: Any, include_deleted: bool
) -> CanvasItem:
    """The note named by a (possibly forged) id, if `belongs` says it is where the caller is."""
    if not isinstance(item_id, str) or not item_id:
        raise NotFound("error.item_not_found")
    try:
        item = store.items.get(item_id, conn=conn, include_deleted=True)
    except NotFound:
        raise NotFound("error.item_not_found") from None
    if not belongs(item) or (item.deleted_at is not None and not include_deleted):
        raise NotFound("error.item_not_found")
    return item


def link_on_canvas(
    store: Store, canvas: Canvas, link_id: Any, *, conn: Any = None, include_deleted: bool = False
) -> Link:
    """The fit link, if it belongs to this canvas; otherwise NotFound."""
    if not isinstance(link_id, str) or not link_id:
        raise NotFound("error.not_found")
    try:
        link = store.links.get(link_id, conn=conn, include_deleted=include_deleted)
    except NotFound:
        raise NotFound("error.not_found") from None
    if link.canvas_id != canvas.id or link.project_id != canvas.project_id:
        raise NotFound("error.not_found")
    return link


def in_project(row: Any, project: Project) -> Any:
    """A row read by id, if it belongs to `project`; otherwise NotFound (leaks nothing)."""
    if getattr(row, "project_id", None) != project.id:
        raise NotFound(OUT_OF_SCOPE)
    return row


def deleted_canvas_scope(store: Store, actor: Actor, canvas_id: str) -> Canvas:
    """A canvas in its project's trash, for an actor who may edit that project (to restore it)."""
    canvas = _named(store.canvases.get, canvas_id, include_deleted=True)
    if canvas.deleted_at is None:
        raise NotFound(OUT_OF_SCOPE)
    reach(store, actor, canvas.project_id, "edit")
    return canvas


def persona_scope(store: Store, actor: Actor, persona_id: str, need: Need = "read") -> Persona:
    """The persona, if its project lies in the actor's scope."""
    persona = _named(store.personas.get, persona_id)
    reach(store, actor, persona.project_id, need)
    return persona


def item_in_profile(
    store: Store, persona: Persona, item_id: Any, *, conn: Any = None, include_deleted: bool = False
) -> CanvasItem:
    """The note, if it is in this persona's customer profile; otherwise NotFound."""
    return _note(
        store,
        item_id,
        lambda item: item.persona_id == persona.id and item.project_id == persona.project_id,
        conn,
        include_deleted,
    )


def may_change_note(actor: Actor, item: CanvasItem) -> bool:
    """Within scope, who may change or delete a note: a workshop participant only the notes
    they wrote; everyone else in scope any note."""
    if isinstance(actor, ParticipantActor):
        return item.participant_id is not None and item.participant_id == actor.participant_id
    return True


def reach(store: Store, actor: Actor, project_id: str, need: Need = "read") -> Project:
    """`project_scope` for content named by id (a canvas, persona, segment, factor...): what
    the actor may not even read is NotFound, exactly as if it didn't exist; what it may read
    but not change gets the role's refusal."""
    if isinstance(actor, FacilitatorActor | ParticipantActor):
        raise NotFound(OUT_OF_SCOPE)
    try:
        project, group_id, class_id = _live_project(store, project_id)
        _decide(store, actor, project, group_id, class_id, "read")
    except (Forbidden, NotFound):
        raise NotFound(OUT_OF_SCOPE) from None
    if need != "read":
        _decide(store, actor, project, group_id, class_id, need)
        authorship.stamp(actor)  # who the history names for the write that follows
    return project


def row_scope(store: Store, actor: Actor, row: Any, need: Need = "read") -> Project:
    """The project of a row the caller named by id, by the rule of `reach`."""
    return reach(store, actor, row.project_id, need)
