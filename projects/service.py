"""Project lifecycle: list, create, rename, duplicate, trash and restore.

Projects are the workspace's: only a WorkspaceActor creates, lists, duplicates, trashes or
restores them. A class group edits its own project's name and guided-mode switch. On a
team server a signed-in user (UserActor) lists the projects they are a member of, owns
the ones they create, copy or duplicate, and trashes and restores the ones they own.
"""

from __future__ import annotations

from core.actors import Actor, UserActor
from core.errors import NotFound
from core.models import Project, ProjectDraft, ProjectSummary, validate
from core.text import strip_control_characters
from examples import example_document, example_slugs
from projects import audit
from projects.access import project_scope, trashed_project, workspace_only
from storage.repository import Connection
from storage.snapshot import dump_project, load_project
from storage.store import Store


def _member_filter(actor: Actor) -> str | None:
    """A signed-in user's list holds their own projects only."""
    return actor.email if isinstance(actor, UserActor) else None


def make_owner(store: Store, actor: Actor, project_id: str, conn: Connection) -> None:
    """A project a signed-in user creates (or copies, or imports) is theirs: they own it."""
    if isinstance(actor, UserActor):
        store.members.put_in(conn, project_id, actor.email, actor.name, "owner")


def list_projects(
    store: Store, actor: Actor, *, deleted: bool = False, search: str = "", offset: int = 0, limit: int | None = None
) -> list[ProjectSummary]:
    workspace_only(actor)
    search = strip_control_characters(search)  # a NUL would make PostgreSQL refuse the query
    member = _member_filter(actor)
    roles = ("owner",) if deleted and member else ()  # only owners see a project in the trash
    return store.projects.summaries(
        deleted=deleted, search=search, offset=offset, limit=limit, member=member, roles=roles
    )


def count_projects(store: Store, actor: Actor, search: str = "") -> int:
    workspace_only(actor)
    return store.projects.count_listed(strip_control_characters(search), _member_filter(actor))


def create_project(store: Store, actor: Actor, name: str, description: str = "", language: str = "id") -> Project:
    workspace_only(actor)
    draft = validate(ProjectDraft, {"name": name, "description": description, "language": language})
    with store.db.transaction() as conn:
        project = store.projects.create_in(conn, draft.name, draft.description, draft.language)
        make_owner(store, actor, project.id, conn)
    return project


def copy_example(store: Store, actor: Actor, slug: str, language: str, name: str) -> Project:
    """The workspace's own editable copy of a worked example, under the name the user sees."""
    workspace_only(actor)
    if slug not in example_slugs():
        raise NotFound("error.not_found")
    draft = validate(ProjectDraft, {"name": name, "language": language})
    with store.db.transaction() as conn:
        project_id = load_project(conn, example_document(slug, draft.language), name=draft.name)
        make_owner(store, actor, project_id, conn)
    return store.projects.get(project_id)


def rename_project(store: Store, actor: Actor, project_id: str, expected_version: int, name: str) -> Project:
    return update_project(store, actor, project_id, expected_version, name=name)


def update_project(store: Store, actor: Actor, project_id: str, expected_version: int, **changes: object) -> Project:
    current = project_scope(store, actor, project_id, "edit")
    merged: dict[str, object] = {"name": current.name, "description": current.description, "language": current.language}
    merged.update({k: v for k, v in changes.items() if k in merged})
    draft = validate(ProjectDraft, merged)
    values = {k: v for k, v in draft.model_dump().items() if k in changes}
    if "guided" in changes:
        values["guided"] = bool(changes["guided"])
    return store.projects.update(project_id, expected_version, values)


def duplicate_project(store: Store, actor: Actor, project_id: str, new_name: str) -> Project:
    """A full, independent copy: canvases, items, links, personas, competitors."""
    workspace_only(actor)
    current = project_scope(store, actor, project_id, "read")
    draft = validate(ProjectDraft, {"name": new_name, "description": current.description, "language": current.language})
    with store.db.transaction() as conn:
        snapshot = dump_project(conn, project_id)
        new_id = load_project(conn, snapshot, name=draft.name)
        make_owner(store, actor, new_id, conn)
    return store.projects.get(new_id)


def trash_project(store: Store, actor: Actor, project_id: str) -> Project:
    """To the trash, and in the same transaction its open workshops end: their codes and
    links stop working, and nobody adds notes to a project in the trash."""
    workspace_only(actor)
    project_scope(store, actor, project_id, "manage")
    with store.db.transaction() as conn:
        store.workshops.end_open_of_project_in(conn, project_id)
        audit.record(store, actor, project_id, "trashed", conn=conn)
        return store.projects.soft_delete_in(conn, project_id)


def restore_project(store: Store, actor: Actor, project_id: str) -> Project:
    """Back from the trash with all its content; a workshop the trash ended stays ended."""
    trashed_project(store, actor, project_id)
    restored = store.projects.restore(project_id)
    audit.record(store, actor, project_id, "restored")
    return restored
