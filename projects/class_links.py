"""Class links to actors: a group's token becomes a GroupActor, a lecturer's a LecturerActor,
and whether a class's groups may read each other's projects. Here, beside projects.access
that judges these actors, rather than in classroom/ above it.

Only the SHA-256 of each token is stored; a wrong, revoked or deleted one gives None.
"""

from __future__ import annotations

from datetime import datetime

from classroom.models import shares_with_peers
from core.actors import GroupActor, LecturerActor
from core.errors import NotFound
from core.tokens import hash_token
from storage.store import Store


def group_actor(store: Store, token: str | None) -> GroupActor | None:
    group = store.class_groups.by_token_hash(hash_token(token)) if token else None
    if group is None:
        return None
    return GroupActor(group_id=group.id, class_id=group.class_id, project_id=group.project_id, group_name=group.name)


def lecturer_actor(store: Store, token: str | None) -> LecturerActor | None:
    classroom = store.classes.by_lecturer_hash(hash_token(token)) if token else None
    return None if classroom is None else LecturerActor(class_id=classroom.id)


def peers_may_read(store: Store, class_id: str, now: datetime | None = None) -> bool:
    try:
        classroom = store.classes.get(class_id)
    except NotFound:
        return False
    return shares_with_peers(classroom, now)
