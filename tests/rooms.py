"""A workshop opened on a fresh project's canvas, as most workshop and live-feed tests begin."""

from __future__ import annotations

from typing import NamedTuple

from canvas import canvases
from canvas.models import Canvas
from core.models import Project
from storage.store import Store
from tests.actors import WORKSPACE
from workshop import facilitation, joining
from workshop.joining import Opened


class Room(NamedTuple):
    project: Project
    canvas: Canvas
    opened: Opened


def open_room(store: Store, project_name: str = "Kopi Nusantara", *, step: str | None = None) -> Room:
    """A project with one canvas and an open workshop on it (Dewi facilitates), at `step` if given."""
    project = store.projects.create(project_name)
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Pekerja kantor")
    opened = joining.open_workshop(store, WORKSPACE, canvas.id, facilitator_name="Dewi")
    if step is not None:
        facilitation.set_step(store, opened.facilitator_token, step)
    return Room(project, canvas, opened)


def join(store: Store, room: Room, name: str, client: str = "test") -> str:
    """A participant's token."""
    return joining.join(store, room.opened.workshop.join_code, name, client=client).token
