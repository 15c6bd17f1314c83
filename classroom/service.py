"""Classes: a lecturer creates one, groups join with a code, each group gets a project.

Who may do what rests on two secrets, as in workshops:

* the lecturer token (256 bits, only its SHA-256 stored) opens the class's management
  and its gallery;
* each group's token (same strength) opens that group's own project for editing.

A project that belongs to a class group opens for editing only with that group's
token. The lecturer sees it read-only in the gallery. Other groups see it read-only
only when the lecturer allowed sharing and the deadline has passed. Everyone else is
refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from classroom.models import ClassDraft, ClassGroup, Classroom, GroupDraft, shares_with_peers
from classroom.view import CardSummary, ProjectView, card_summary, load_view, load_views
from core import limits
from core.actors import Actor
from core.errors import Forbidden, InvalidInput, NotFound
from core.models import utcnow, validate
from core.tokens import hash_token, new_join_code, new_token, normalize_code
from examples import example_document, example_slugs
from projects.access import may, project_scope, workspace_only
from storage.snapshot import dump_project, load_project
from storage.store import Store

JOIN_CODE_ATTEMPTS = 20


@dataclass(frozen=True)
class CreatedClass:
    classroom: Classroom
    lecturer_token: str  # shown once; only its hash is stored


@dataclass(frozen=True)
class JoinedGroup:
    classroom: Classroom
    group: ClassGroup
    token: str  # the group's key to its own project


def _check_template(store: Store, actor: Actor, template: str) -> None:
    if template == "blank":
        return
    kind, _, ref = template.partition(":")
    if kind == "example" and ref in example_slugs():
        return
    if kind == "project" and may(store, actor, ref, "read"):
        return
    raise InvalidInput([("template", "classroom.error.bad_template", {})])


def create_class(
    store: Store,
    actor: Actor,
    name: str,
    *,
    language: str = "id",
    template: str = "blank",
    deadline: datetime | None = None,
    share_after_deadline: bool = False,
) -> CreatedClass:
    """A new class, for the workspace: its lecturer link is shown once."""
    workspace_only(actor)
    draft = validate(
        ClassDraft,
        {
            "name": name,
            "language": language,
            "template": template,
            "deadline": deadline,
            "share_after_deadline": share_after_deadline,
        },
    )
    _check_template(store, actor, draft.template)
    token = new_token()
    # 31^8 codes: a clash is rare; the unique index catches the one we might still miss.
    for _ in range(JOIN_CODE_ATTEMPTS):
        code = new_join_code()
        if store.classes.by_code(code) is None:
            break
    with store.db.transaction() as conn:
        classroom = store.classes.insert_in(
            conn, "", {**draft.model_dump(), "join_code": code, "lecturer_token_hash": hash_token(token)}
        )
    return CreatedClass(classroom=classroom, lecturer_token=token)


def lecturer_access(store: Store, token: str | None) -> Classroom:
    """The class this lecturer token manages; refused for a wrong or deleted one."""
    classroom = store.classes.by_lecturer_hash(hash_token(token)) if token else None
    if classroom is None:
        raise Forbidden("classroom.error.bad_lecturer_link")
    return classroom


def group_access(store: Store, token: str | None) -> tuple[Classroom, ClassGroup]:
    group = store.class_groups.by_token_hash(hash_token(token)) if token else None
    if group is None:
        raise Forbidden("classroom.error.bad_group_link")
    classroom = store.classes.get(group.class_id, include_deleted=True)
    return classroom, group


def _starting_snapshot(store: Store, classroom: Classroom) -> dict | None:
    kind, _, ref = classroom.template.partition(":")
    if kind == "example":
        return example_document(ref, classroom.language)
    if kind == "project":
        with store.db.reading() as conn:
            snapshot = dump_project(conn, ref)
        return snapshot if snapshot.get("project") else None
    return None


def join_class(store: Store, code: str, group_name: str, *, client: str) -> JoinedGroup:
    """A group joins with the class code and its name; it gets its own project. `client`
    is the limiter's subject for the device (limits.client_subject of its address): its
    wrong codes (shared with workshop codes) and its joins are limited on the server."""
    name = validate(GroupDraft, {"name": group_name}).name
    guess = store.limits.take(limits.CODE_GUESSES, client)
    normalized = normalize_code(code)
    classroom = store.classes.by_code(normalized) if normalized else None
    if classroom is None:
        raise NotFound("classroom.error.bad_code")
    store.limits.give_back(guess)
    if classroom.status != "open":
        raise Forbidden("classroom.error.closed", name=classroom.name)
    taken = {g.name.casefold() for g in store.class_groups.for_class(classroom.id)}
    if name.casefold() in taken:
        raise InvalidInput([("name", "classroom.error.group_taken", {"name": name})])
    store.limits.take(limits.JOINS, client)  # each join copies a whole project
    token = new_token()
    snapshot = _starting_snapshot(store, classroom)
    project_name = f"{classroom.name} · {name}"[:120]
    if snapshot is None:
        snapshot = {"project": {"name": project_name}}
    # Students work in guided mode from the start; the switch stays theirs.
    snapshot = {**snapshot, "project": {**snapshot["project"], "guided": True, "language": classroom.language}}
    with store.db.transaction() as conn:
        project_id = load_project(conn, snapshot, name=project_name)
        group = store.class_groups.insert_in(
            conn, project_id, {"class_id": classroom.id, "name": name, "token_hash": hash_token(token)}
        )
    return JoinedGroup(classroom=classroom, group=group, token=token)


def set_status(store: Store, lecturer_token: str, status: Literal["open", "closed"]) -> Classroom:
    classroom = lecturer_access(store, lecturer_token)
    values = {"status": status, "closed_at": utcnow() if status == "closed" else None}
    return store.classes.update(classroom.id, classroom.version, values)


def update_settings(
    store: Store, lecturer_token: str, *, deadline: datetime | None, share_after_deadline: bool
) -> Classroom:
    classroom = lecturer_access(store, lecturer_token)
    draft = validate(
        ClassDraft,
        {"name": classroom.name, "deadline": deadline, "share_after_deadline": share_after_deadline},
    )
    return store.classes.update(
        classroom.id,
        classroom.version,
        {"deadline": draft.deadline, "share_after_deadline": draft.share_after_deadline},
    )


def delete_class(store: Store, lecturer_token: str) -> Classroom:
    """Soft delete: the gallery goes, the groups' projects stay theirs; undo brings it back."""
    classroom = lecturer_access(store, lecturer_token)
    return store.classes.soft_delete(classroom.id, classroom.version)


def restore_class(store: Store, lecturer_token: str, class_id: str) -> Classroom:
    """Undo a delete: only with the same lecturer token."""
    try:
        classroom = store.classes.get(class_id, include_deleted=True)
    except NotFound:
        raise Forbidden("classroom.error.bad_lecturer_link") from None
    if not lecturer_token or classroom.lecturer_token_hash != hash_token(lecturer_token):
        raise Forbidden("classroom.error.bad_lecturer_link")
    if classroom.deleted_at is None:
        return classroom
    return store.classes.restore(class_id)


def project_view(store: Store, actor: Actor, project_id: str) -> ProjectView:
    """A class project to look at (the lecturer's gallery, a peer after the deadline, the
    group's own summary), if it lies in the actor's scope."""
    project_scope(store, actor, project_id, "read")
    return load_view(store, project_id)


@dataclass(frozen=True)
class GalleryEntry:
    group: ClassGroup
    project_id: str
    revision: int | None  # None when the project is gone (purged from the trash)


def gallery(store: Store, classroom: Classroom) -> list[GalleryEntry]:
    """Every group of the class with its project's current revision, in two queries.

    The revision moves with every write to the project, so (project id, revision) names
    one exact state: a card computed for it (card_summary) can be reused until it moves."""
    groups = store.class_groups.for_class(classroom.id)
    revisions = store.projects.revisions([g.project_id for g in groups])
    return [GalleryEntry(g, g.project_id, revisions.get(g.project_id)) for g in groups]


def gallery_cards(store: Store, classroom: Classroom) -> list[tuple[GalleryEntry, CardSummary | None]]:
    """The gallery with every card computed now (no cache): for tests, exports and the CLI."""
    entries = gallery(store, classroom)
    views = load_views(store, [e.project_id for e in entries if e.revision is not None])
    return [(e, card_summary(views[e.project_id]) if e.project_id in views else None) for e in entries]


def peers(store: Store, classroom: Classroom, group: ClassGroup, now: datetime | None = None) -> list[ClassGroup]:
    """Other groups this group may look at (read-only), by the lecturer's sharing rule."""
    if not shares_with_peers(classroom, now):
        return []
    return [g for g in store.class_groups.for_class(classroom.id) if g.id != group.id]
