"""projects.live_pass: the canvas feed's credential, on SQLite and PostgreSQL: it opens only
for the actor and project it names, while that actor may still read the project."""

from __future__ import annotations

import time

import pytest

from classroom import service as cls
from core.actors import UserActor, WorkspaceActor
from core.errors import Forbidden, NotFound
from projects import class_links, live_pass, members
from projects import service as projects
from projects.service import trash_project
from storage.store import Store
from tests.actors import WORKSPACE

ANA = UserActor("ana@example.org", "Ana Owner")
CITRA = UserActor("citra@example.org", "Citra Viewer")


def test_a_pass_opens_for_its_actor_and_project(store: Store) -> None:
    project = projects.create_project(store, WORKSPACE, "Kedai")
    credential = live_pass.issue(store, WorkspaceActor("local"), project.id)
    opened = live_pass.open_pass(store, credential)
    assert opened.project_id == project.id and opened.actor == WorkspaceActor("local")
    assert opened.expires > time.time() + live_pass.LIFETIME_SECONDS - 1
    # Within one step the page hands out the same pass on every run (the board's data stays put).
    assert live_pass.issue(store, WorkspaceActor("local"), project.id) == credential
    assert project.id in credential and "key" not in credential.lower()


def test_a_forged_or_altered_pass_is_refused(store: Store) -> None:
    project = projects.create_project(store, WORKSPACE, "Kedai")
    other = projects.create_project(store, WORKSPACE, "Lain")
    credential = live_pass.issue(store, WORKSPACE, project.id)
    prefix, project_id, claim, expires, signature = credential.split(".")
    forged = [
        "",
        "x" * 700,
        "cf1.nothing",
        credential[:-1] + ("0" if credential[-1] != "0" else "1"),  # the signature, altered
        ".".join([prefix, other.id, claim, expires, signature]),  # another project, same signature
        ".".join([prefix, project_id, claim, str(int(expires) + 3600), signature]),  # a later expiry
        ".".join([prefix, project_id, live_pass._encode("u:someone@example.org"), expires, signature]),
        ".".join([prefix, project_id, claim, expires, "0" * 64]),
    ]
    for value in forged:
        with pytest.raises(Forbidden):
            live_pass.open_pass(store, value)


def test_a_pass_for_one_project_never_opens_another(store: Store) -> None:
    project = projects.create_project(store, WORKSPACE, "Kedai")
    other = projects.create_project(store, WORKSPACE, "Lain")
    assert live_pass.open_pass(store, live_pass.issue(store, WORKSPACE, other.id)).project_id == other.id
    assert live_pass.open_pass(store, live_pass.issue(store, WORKSPACE, project.id)).project_id == project.id


def test_an_expired_pass_is_refused(store: Store) -> None:
    project = projects.create_project(store, WORKSPACE, "Kedai")
    long_ago = time.time() - 2 * live_pass.LIFETIME_SECONDS - live_pass.STEP_SECONDS
    credential = live_pass.issue(store, WORKSPACE, project.id, now=long_ago)
    with pytest.raises(Forbidden):
        live_pass.open_pass(store, credential)
    assert live_pass.open_pass(store, credential, now=long_ago + 60).project_id == project.id


def test_a_removed_member_and_a_trashed_project_open_nothing(store: Store) -> None:
    project = projects.create_project(store, ANA, "Kopi")
    citra = members.add_member(store, ANA, project.id, CITRA.email, "viewer")
    credential = live_pass.issue(store, CITRA, project.id)
    assert live_pass.open_pass(store, credential).actor == UserActor(CITRA.email, CITRA.email)
    members.remove_member(store, ANA, project.id, citra.id)
    with pytest.raises(Forbidden):
        live_pass.open_pass(store, credential)
    ana_pass = live_pass.issue(store, ANA, project.id)
    trash_project(store, ANA, project.id)
    with pytest.raises(Forbidden):
        live_pass.open_pass(store, ana_pass)


def test_only_an_actor_who_may_read_gets_a_pass(store: Store) -> None:
    project = projects.create_project(store, ANA, "Kopi")
    with pytest.raises(NotFound):
        live_pass.issue(store, CITRA, project.id)


def test_a_group_pass_follows_its_own_project_and_the_signature_binds_the_link(store: Store) -> None:
    created = cls.create_class(store, WORKSPACE, "Pemasaran", template="blank")
    one = cls.join_class(store, created.classroom.join_code, "Satu", client="test")
    group = class_links.group_actor(store, one.token)
    assert group is not None
    credential = live_pass.issue(store, group, one.group.project_id)
    assert live_pass.open_pass(store, credential).actor.group_id == one.group.id  # type: ignore[union-attr]
    lecturer = class_links.lecturer_actor(store, created.lecturer_token)
    assert lecturer is not None
    assert live_pass.open_pass(store, live_pass.issue(store, lecturer, one.group.project_id)).project_id == (
        one.group.project_id
    )
    # The workspace may not read a class project, so it gets no pass for one.
    with pytest.raises(Forbidden):
        live_pass.issue(store, WORKSPACE, one.group.project_id)
    # A pass whose group link was reissued since (another link's hash, signed by the server): refused.
    prefix, project_id, _, expires, _ = credential.split(".")
    stale_claim = live_pass._encode(f"g:{one.group.id}:{'0' * live_pass.LINK_HASH_CHARS}")
    body = ".".join([prefix, project_id, stale_claim, expires])
    with pytest.raises(Forbidden):
        live_pass.open_pass(store, f"{body}.{live_pass._signature(store, body)}")
