"""Project lifecycle: create, rename, duplicate, trash and restore."""

from __future__ import annotations

from core.models import Project, ProjectDraft, validate
from storage.snapshot import dump_project, load_project
from storage.store import Store


def create_project(store: Store, name: str, description: str = "", language: str = "id") -> Project:
    draft = validate(ProjectDraft, {"name": name, "description": description, "language": language})
    return store.projects.create(draft.name, draft.description, draft.language)


def rename_project(store: Store, project_id: str, expected_version: int, name: str) -> Project:
    current = store.projects.get(project_id)
    draft = validate(ProjectDraft, {"name": name, "description": current.description, "language": current.language})
    return store.projects.update(project_id, expected_version, {"name": draft.name})


def update_project(store: Store, project_id: str, expected_version: int, **changes: object) -> Project:
    current = store.projects.get(project_id)
    merged = {"name": current.name, "description": current.description, "language": current.language}
    merged.update({k: v for k, v in changes.items() if k in merged})
    draft = validate(ProjectDraft, merged)
    values = draft.model_dump()
    if "guided" in changes:
        values["guided"] = bool(changes["guided"])
    return store.projects.update(project_id, expected_version, values)


def duplicate_project(store: Store, project_id: str, new_name: str) -> Project:
    """A full, independent copy: canvases, items, links, personas, competitors."""
    current = store.projects.get(project_id)
    draft = validate(ProjectDraft, {"name": new_name, "description": current.description, "language": current.language})
    with store.db.transaction() as conn:
        snapshot = dump_project(conn, project_id)
        new_id = load_project(conn, snapshot, name=draft.name)
    return store.projects.get(new_id)


def trash_project(store: Store, project_id: str) -> Project:
    return store.projects.soft_delete(project_id)


def restore_project(store: Store, project_id: str) -> Project:
    return store.projects.restore(project_id)
