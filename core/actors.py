"""Who is acting. Every domain call that reads or writes project content takes one.

An actor is built only by the domain, from something the server can check: the
workspace's own browser or key (projects.access.workspace_actor), a facilitator's or
participant's secret token (workshop.joining), a class group's or lecturer's token
(classroom.service). Ids inside an actor come from the database, never from a browser.
What each actor may reach is decided in one place, projects.access.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# What a call needs: to look at the project's content, to change it, or to manage the
# project itself (its members, its audit log, the trash): a team-server owner's part.
Need = Literal["read", "edit", "manage"]


@dataclass(frozen=True, slots=True)
class WorkspaceActor:
    """Someone the workspace is open to: the browser on the computer that runs Nilai, or a
    holder of the workspace key. Reaches every project outside the class space."""

    label: str = ""
    # The person's name as they typed it for this browser session (ui/common/author_name.py):
    # a label on the notes they write and in the history, never a credential.
    name: str = ""


@dataclass(frozen=True, slots=True)
class UserActor:
    """Someone signed in with the organisation's identity provider (team server). Reaches
    the projects they are a member of, with their role there (projects.access). `email` is
    what the identity provider reports, in lower case; `name` is for people to read."""

    email: str
    name: str


@dataclass(frozen=True, slots=True)
class FacilitatorActor:
    """The person running one workshop, from their private link."""

    workshop_id: str
    project_id: str
    canvas_id: str
    participant_id: str
    display_name: str


@dataclass(frozen=True, slots=True)
class ParticipantActor:
    """Someone who joined one workshop with its code: their own notes on its canvas only."""

    workshop_id: str
    project_id: str
    canvas_id: str
    participant_id: str
    display_name: str


@dataclass(frozen=True, slots=True)
class GroupActor:
    """A student group, from its group link: edits its own project, reads peers' when the
    lecturer shares them after the deadline."""

    group_id: str
    class_id: str
    project_id: str
    group_name: str
    # Which member of the group is typing (their name for this browser session): a label
    # on the notes they write and in the history, never a credential.
    member: str = ""


@dataclass(frozen=True, slots=True)
class LecturerActor:
    """A class's lecturer, from the lecturer link: reads every group's project."""

    class_id: str


Actor = WorkspaceActor | UserActor | FacilitatorActor | ParticipantActor | GroupActor | LecturerActor
WorkshopActor = FacilitatorActor | ParticipantActor


def author_name(actor: Actor) -> str | None:
    """The name a note written by this actor carries, if any."""
    if isinstance(actor, FacilitatorActor | ParticipantActor):
        return actor.display_name
    if isinstance(actor, UserActor):
        return actor.name or actor.email
    if isinstance(actor, GroupActor):
        return actor.member or actor.group_name
    if isinstance(actor, WorkspaceActor):
        return actor.name or None
    return None
