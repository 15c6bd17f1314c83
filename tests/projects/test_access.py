"""projects.access: the one place that decides who reaches which project, canvas, note and link."""

from __future__ import annotations

from datetime import timedelta

import pytest

from classroom import service as cls
from core.actors import FacilitatorActor, GroupActor, LecturerActor, ParticipantActor, WorkspaceActor
from core.errors import Forbidden, NotFound
from core.models import utcnow
from core.settings import Settings
from projects import access, class_links
from projects.service import create_project
from storage.store import Store
from tests.actors import WORKSPACE


def _note(store: Store, project_id: str, canvas_id: str | None, text: str, *, persona_id: str | None = None):
    values = {"area": "pains", "text": text, "canvas_id": canvas_id, "persona_id": persona_id}
    return store.items.insert(project_id, values)


def _class_with_two_groups(store: Store):
    created = cls.create_class(store, WORKSPACE, "Pemasaran", template="blank")
    one = cls.join_class(store, created.classroom.join_code, "Satu", client="test")
    two = cls.join_class(store, created.classroom.join_code, "Dua", client="test")
    return created, one, two


def test_the_workspace_reaches_its_projects_but_not_the_class_space(store: Store) -> None:
    project = create_project(store, WORKSPACE, "Kedai")
    _, one, _ = _class_with_two_groups(store)
    assert access.project_scope(store, WORKSPACE, project.id, "edit").id == project.id
    with pytest.raises(Forbidden):
        access.project_scope(store, WORKSPACE, one.group.project_id, "read")


def test_a_group_edits_its_own_project_only(store: Store) -> None:
    workspace_project = create_project(store, WORKSPACE, "Rahasia")
    _, one, two = _class_with_two_groups(store)
    group = class_links.group_actor(store, one.token)
    assert isinstance(group, GroupActor) and group.project_id == one.group.project_id
    assert access.project_scope(store, group, one.group.project_id, "edit").id == one.group.project_id
    for other in (two.group.project_id, workspace_project.id):
        with pytest.raises(Forbidden):
            access.project_scope(store, group, other, "read")


def test_peers_read_each_other_only_after_a_shared_deadline(store: Store) -> None:
    created, one, two = _class_with_two_groups(store)
    group = class_links.group_actor(store, one.token)
    cls.update_settings(
        store, created.lecturer_token, deadline=utcnow() - timedelta(hours=1), share_after_deadline=True
    )
    assert access.project_scope(store, group, two.group.project_id, "read").id == two.group.project_id
    with pytest.raises(Forbidden):
        access.project_scope(store, group, two.group.project_id, "edit")
    cls.update_settings(
        store, created.lecturer_token, deadline=utcnow() + timedelta(hours=1), share_after_deadline=True
    )
    with pytest.raises(Forbidden):
        access.project_scope(store, group, two.group.project_id, "read")


def test_a_lecturer_reads_the_class_projects_and_edits_none(store: Store) -> None:
    created, one, _ = _class_with_two_groups(store)
    other_class = cls.create_class(store, WORKSPACE, "Lain", template="blank")
    lecturer = class_links.lecturer_actor(store, created.lecturer_token)
    assert isinstance(lecturer, LecturerActor)
    assert access.project_scope(store, lecturer, one.group.project_id, "read")
    with pytest.raises(Forbidden):
        access.project_scope(store, lecturer, one.group.project_id, "edit")
    stranger = class_links.lecturer_actor(store, other_class.lecturer_token)
    with pytest.raises(Forbidden):
        access.project_scope(store, stranger, one.group.project_id, "read")
    assert class_links.lecturer_actor(store, "not-a-token") is None
    assert class_links.group_actor(store, None) is None


def test_a_workshop_reaches_its_canvas_and_nothing_else_of_the_project(store: Store) -> None:
    project = create_project(store, WORKSPACE, "Lokakarya")
    board = store.canvases.insert(project.id, {"name": "Papan"})
    other = store.canvases.insert(project.id, {"name": "Lain"})
    for kind in (FacilitatorActor, ParticipantActor):
        actor = kind("w1", project.id, board.id, "p1", "Ani")
        assert access.canvas_scope(store, actor, board.id, "edit").id == board.id
        with pytest.raises(NotFound):
            access.canvas_scope(store, actor, other.id, "read")
        with pytest.raises(NotFound):
            access.project_scope(store, actor, project.id, "read")


def test_a_note_is_on_a_canvas_only_if_the_canvas_owns_it_or_its_persona_does(store: Store) -> None:
    project = create_project(store, WORKSPACE, "Satu")
    elsewhere = create_project(store, WORKSPACE, "Dua")
    persona = store.personas.insert(
        project.id,
        {"name": "Rina", "goals": [], "frustrations": [], "channels": [], "touchpoints": [], "roles": []},
    )
    canvas = store.canvases.insert(project.id, {"name": "Kanvas", "persona_id": persona.id})
    sibling = store.canvases.insert(project.id, {"name": "Saudara"})
    foreign_canvas = store.canvases.insert(elsewhere.id, {"name": "Asing"})
    own = _note(store, project.id, canvas.id, "milik kanvas")
    profile = _note(store, project.id, None, "milik persona", persona_id=persona.id)
    on_sibling = _note(store, project.id, sibling.id, "di kanvas lain")
    foreign = _note(store, elsewhere.id, foreign_canvas.id, "proyek lain")
    assert access.item_on_canvas(store, canvas, own.id).id == own.id
    assert access.item_on_canvas(store, canvas, profile.id).id == profile.id
    for refused in (on_sibling.id, foreign.id, "0" * 32, "", None, 42):
        with pytest.raises(NotFound) as error:
            access.item_on_canvas(store, canvas, refused)
        assert error.value.key == "error.item_not_found"  # the same answer as for a note that never existed


def test_a_link_belongs_to_its_own_canvas_only(store: Store) -> None:
    project = create_project(store, WORKSPACE, "Tautan")
    canvas = store.canvases.insert(project.id, {"name": "A"})
    other = store.canvases.insert(project.id, {"name": "B"})
    pain = _note(store, project.id, other.id, "antre lama")
    reliever = store.items.insert(project.id, {"area": "relievers", "text": "pesan daring", "canvas_id": other.id})
    link = store.links.insert(project.id, {"canvas_id": other.id, "source_id": reliever.id, "target_id": pain.id})
    assert access.link_on_canvas(store, other, link.id).id == link.id
    with pytest.raises(NotFound):
        access.link_on_canvas(store, canvas, link.id)


def test_a_project_in_the_trash_is_out_of_every_scope(store: Store) -> None:
    project = create_project(store, WORKSPACE, "Lama")
    canvas = store.canvases.insert(project.id, {"name": "K"})
    store.projects.soft_delete(project.id)
    with pytest.raises(NotFound):
        access.project_scope(store, WORKSPACE, project.id, "read")
    with pytest.raises(NotFound):
        access.canvas_scope(store, ParticipantActor("w", project.id, canvas.id, "p", "Ani"), canvas.id, "edit")
    assert access.trashed_project(store, WORKSPACE, project.id).id == project.id
    with pytest.raises(NotFound):
        access.trashed_project(store, GroupActor("g", "c", project.id, "G"), project.id)


def test_the_session_acts_as_whichever_of_its_actors_reaches_the_project(store: Store) -> None:
    created, one, _ = _class_with_two_groups(store)
    workspace_project = create_project(store, WORKSPACE, "Biasa")
    actor = access.actor_for_project(
        store, one.group.project_id, workspace=WORKSPACE, group_tokens=(one.token,), need="edit"
    )
    assert isinstance(actor, GroupActor)
    assert access.actor_for_project(store, workspace_project.id, workspace=WORKSPACE) == WORKSPACE
    with pytest.raises(Forbidden) as refused:
        access.actor_for_project(store, one.group.project_id, workspace=None, lecturer_tokens=(created.lecturer_token,))
    assert refused.value.key == "classroom.error.read_only_here"
    with pytest.raises(Forbidden):
        access.actor_for_project(store, workspace_project.id, workspace=None, group_tokens=(one.token,))


def test_the_workspace_opens_for_this_computer_or_the_key(tmp_path) -> None:
    settings = Settings(data_dir=tmp_path, workspace_key="k" * 24)
    assert access.workspace_actor(settings, local=True, key=None) == WorkspaceActor("local")
    assert access.workspace_actor(settings, local=False, key="k" * 24) == WorkspaceActor("key")
    assert access.workspace_actor(settings, local=False, key="k" * 23) is None
    assert access.workspace_actor(settings, local=False, key=None) is None
    untrusting = Settings(data_dir=tmp_path, trust_local=False)
    assert access.workspace_actor(untrusting, local=True, key=None) is None
