"""Segments and personas are reached only inside the actor's scope: an id from another
project is NotFound (as if it didn't exist) and leaves that row alone; a lecturer reads
but never writes; a class group never touches the workspace's personas."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pytest
from PIL import Image

from canvas import notes
from canvas.models import NoteOwner
from classroom import service as classes
from core.actors import GroupActor, LecturerActor
from core.errors import Forbidden, InvalidInput, NotFound
from personas import service as ps
from personas.models import Persona, Segment
from projects import class_links
from projects import service as projects
from storage.store import Store
from tests.actors import WORKSPACE


@dataclass
class World:
    group: GroupActor
    lecturer: LecturerActor
    own_project: str  # the group's project
    segment: Segment  # in the workspace's project
    persona: Persona  # in the workspace's project, in `segment`, with a picture and a pain
    other_project: str  # a second workspace project


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def world(store: Store) -> World:
    created = classes.create_class(store, WORKSPACE, "Pemasaran B", language="id")
    joined = classes.join_class(store, created.classroom.join_code, "Tim 1", client="test")
    group = class_links.group_actor(store, joined.token)
    lecturer = class_links.lecturer_actor(store, created.lecturer_token)
    assert group is not None and lecturer is not None
    project = projects.create_project(store, WORKSPACE, "Private library", language="en")
    other = projects.create_project(store, WORKSPACE, "Other library", language="en")
    segment = ps.create_segment(store, WORKSPACE, project.id, name="Students")
    persona = ps.create_persona(store, WORKSPACE, project.id, name="Rina", segment_id=segment.id)
    persona = ps.set_avatar(store, WORKSPACE, persona.id, persona.version, _png())
    notes.add_note(store, WORKSPACE, NoteOwner.of_persona(persona.id), "pains", "No seat")
    return World(group, lecturer, joined.group.project_id, segment, persona, other.id)


def _same(store: Store, row: Segment | Persona) -> None:
    """The row is exactly as it was: nothing was written to it."""
    repository = store.segments if isinstance(row, Segment) else store.personas
    assert repository.get(row.id, include_deleted=True) == row


def test_a_segment_of_another_project_is_not_found(store: Store, world: World) -> None:
    segment = world.segment
    with pytest.raises(NotFound):
        ps.update_segment(store, world.group, segment.id, segment.version, name="Taken over")
    with pytest.raises(NotFound):
        ps.delete_segment(store, world.group, segment.id)
    with pytest.raises(NotFound):
        ps.restore_segment(store, world.group, segment.id)
    _same(store, segment)
    # a deleted one stays out of reach too, and stays in the trash
    ps.delete_segment(store, WORKSPACE, segment.id)
    trashed = store.segments.get(segment.id, include_deleted=True)
    with pytest.raises(NotFound):
        ps.restore_segment(store, world.group, segment.id)
    _same(store, trashed)


def test_a_persona_cannot_join_a_segment_of_another_project(store: Store, world: World) -> None:
    with pytest.raises(InvalidInput) as caught:
        ps.create_persona(store, world.group, world.own_project, name="Spy", segment_id=world.segment.id)
    assert caught.value.problems[0][1] == "personas.error.segment_gone"
    mine = ps.create_persona(store, world.group, world.own_project, name="Dewi")
    with pytest.raises(InvalidInput):
        ps.update_persona(store, world.group, mine.id, mine.version, segment_id=world.segment.id)
    assert store.personas.get(mine.id).segment_id is None
    assert ps.persona_counts(store, WORKSPACE, world.persona.project_id) == {world.segment.id: 1}


def test_a_persona_of_another_project_is_not_found(store: Store, world: World) -> None:
    persona = world.persona
    writes = [
        lambda: ps.update_persona(store, world.group, persona.id, persona.version, name="Taken over"),
        lambda: ps.delete_persona(store, world.group, persona.id),
        lambda: ps.restore_persona(store, world.group, persona.id),
        lambda: ps.duplicate_persona(store, world.group, persona.id, "Copy"),
        lambda: ps.create_canvas_from_persona(store, world.group, persona.id, "Canvas"),
    ]
    for write in writes:
        with pytest.raises(NotFound):
            write()
    _same(store, persona)
    assert [p.id for p in store.personas.list_for_project(persona.project_id)] == [persona.id]
    assert store.canvases.list_for_project(persona.project_id) == []
    assert store.personas.list_for_project(world.own_project) == []


def test_reading_a_persona_of_another_project_is_not_found(store: Store, world: World) -> None:
    persona = world.persona
    reads = [
        lambda: ps.entry(store, world.group, world.own_project, persona.id),
        lambda: ps.profile_items(store, world.group, persona.id),
        lambda: ps.canvases_for_persona(store, world.group, persona.id),
        lambda: ps.avatar_image(store, world.group, persona.id),
        # the workspace reaches both of its projects, but one project's page can't show
        # another project's persona
        lambda: ps.entry(store, WORKSPACE, world.other_project, persona.id),
    ]
    for read in reads:
        with pytest.raises(NotFound):
            read()


def test_an_avatar_of_another_project_is_not_found(store: Store, world: World) -> None:
    persona = world.persona
    picture = store.personas.avatar_image(persona.id)
    with pytest.raises(NotFound):
        ps.set_avatar(store, world.group, persona.id, persona.version, _png())
    with pytest.raises(NotFound):
        ps.remove_avatar(store, world.group, persona.id, persona.version)
    _same(store, persona)
    assert store.personas.avatar_image(persona.id) == picture


def test_profile_items_are_read_through_a_persona_in_scope(store: Store, world: World) -> None:
    persona = world.persona
    [pain] = ps.profile_items(store, WORKSPACE, persona.id)["pains"]
    with pytest.raises(NotFound):
        ps.profile_items(store, world.group, persona.id)
    # duplicating someone else's persona would have copied its notes into the group's project
    with pytest.raises(NotFound):
        ps.duplicate_persona(store, world.group, persona.id, "Copy")
    assert [i.id for i in store.items.for_persona(persona.id)] == [pain.id]
    assert store.items.list_for_project(world.own_project) == []


def test_a_group_cannot_touch_a_workspace_projects_personas(store: Store, world: World) -> None:
    project_id = world.persona.project_id
    for call in (
        lambda: ps.list_personas(store, world.group, project_id),
        lambda: ps.list_segments(store, world.group, project_id),
        lambda: ps.gallery(store, world.group, project_id),
        lambda: ps.persona_counts(store, world.group, project_id),
        lambda: ps.create_persona(store, world.group, project_id, name="Intruder"),
        lambda: ps.create_segment(store, world.group, project_id, name="Intruder"),
    ):
        with pytest.raises((Forbidden, NotFound)):
            call()
    assert [p.name for p in store.personas.list_for_project(project_id)] == ["Rina"]
    assert [s.name for s in store.segments.list_for_project(project_id)] == ["Students"]


def test_the_lecturer_reads_a_groups_personas_but_writes_nothing(store: Store, world: World) -> None:
    group, lecturer, project_id = world.group, world.lecturer, world.own_project
    segment = ps.create_segment(store, group, project_id, name="Mahasiswa")
    persona = ps.create_persona(store, group, project_id, name="Dewi", segment_id=segment.id)
    persona = ps.set_avatar(store, group, persona.id, persona.version, _png())

    assert [e.persona.id for e in ps.gallery(store, lecturer, project_id)] == [persona.id]
    assert ps.entry(store, lecturer, project_id, persona.id).segment == segment
    assert ps.avatar_image(store, lecturer, persona.id) is not None

    writes = [
        lambda: ps.create_segment(store, lecturer, project_id, name="Nilai"),
        lambda: ps.update_segment(store, lecturer, segment.id, segment.version, name="Nilai"),
        lambda: ps.delete_segment(store, lecturer, segment.id),
        lambda: ps.create_persona(store, lecturer, project_id, name="Nilai"),
        lambda: ps.update_persona(store, lecturer, persona.id, persona.version, quote="Nilai"),
        lambda: ps.delete_persona(store, lecturer, persona.id),
        lambda: ps.set_avatar(store, lecturer, persona.id, persona.version, _png()),
        lambda: ps.remove_avatar(store, lecturer, persona.id, persona.version),
        lambda: ps.duplicate_persona(store, lecturer, persona.id, "Copy"),
        lambda: ps.create_canvas_from_persona(store, lecturer, persona.id, "Canvas"),
    ]
    for write in writes:
        with pytest.raises(Forbidden):
            write()
    _same(store, segment)
    _same(store, persona)
    assert len(store.personas.list_for_project(project_id)) == 1
    assert store.canvases.list_for_project(project_id) == []
