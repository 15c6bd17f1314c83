"""Who is writing right now, for the project's version history.

projects.access stamps the actor it lets in to change something; the storage layer reads
the stamp when it writes the history row, in the same transaction as the change. A
ContextVar (not a global) holds it: each Streamlit script run, server request and thread
sees only its own actor, and every write resolves its scope right before it writes, so
the stamp is always the one of the call that writes. An import stamps "import" itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Literal

from core.actors import (
    Actor,
    FacilitatorActor,
    GroupActor,
    LecturerActor,
    ParticipantActor,
    UserActor,
    WorkspaceActor,
)

AuthorKind = Literal["workspace", "participant", "facilitator", "group", "lecturer", "import", "system"]


@dataclass(frozen=True, slots=True)
class Author:
    kind: AuthorKind
    name: str = ""


SYSTEM = Author("system")
IMPORT = Author("import")

_writing: ContextVar[Author | None] = ContextVar("nilai_history_author", default=None)


def author_of(actor: Actor) -> Author:
    """What the history says about an actor: its kind and the name people know it by."""
    if isinstance(actor, ParticipantActor):
        return Author("participant", actor.display_name)
    if isinstance(actor, FacilitatorActor):
        return Author("facilitator", actor.display_name)
    if isinstance(actor, GroupActor):
        return Author("group", actor.member or actor.group_name)
    if isinstance(actor, LecturerActor):
        return Author("lecturer")
    if isinstance(actor, WorkspaceActor):
        return Author("workspace", actor.name)
    if isinstance(actor, UserActor):  # a team member, signed in: the name their identity provider reports
        return Author("workspace", actor.name)
    return SYSTEM


def stamp(actor: Actor) -> None:
    """The actor about to change project content (projects.access calls this)."""
    _writing.set(author_of(actor))


def current_author() -> Author:
    return _writing.get() or SYSTEM


@contextmanager
def writing_as(author: Author) -> Iterator[None]:
    """Writes in this block are by `author` (an import, a restore); the stamp before comes back after."""
    token = _writing.set(author)
    try:
        yield
    finally:
        _writing.reset(token)
