"""Team server: members and roles, invite links and the audit log (projects.members,
projects.access, projects.audit), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest

from canvas import canvases, notes
from canvas.models import NoteOwner
from core.actors import UserActor
from core.errors import Conflict, Forbidden, InvalidInput, NotFound
from core.models import utcnow
from core.settings import Settings
from export.bundle import collect
from export.service import export_for
from projects import access, audit, members
from projects import service as projects
from storage.store import Store
from tests.actors import WORKSPACE

ANA = UserActor("ana@example.org", "Ana Owner")
BUDI = UserActor("budi@example.org", "Budi Editor")
CITRA = UserActor("citra@example.org", "Citra Viewer")
DEWI = UserActor("dewi@example.org", "Dewi Stranger")


def _team_project(store: Store):
    project = projects.create_project(store, ANA, "Kopi Kenangan")
    members.add_member(store, ANA, project.id, "Budi@Example.org ", "editor")
    members.add_member(store, ANA, project.id, CITRA.email, "viewer")
    canvas = canvases.create_canvas(store, ANA, project.id, "Utama")
    return project, canvas


def test_the_creator_owns_the_project_and_each_role_reaches_what_it_allows(store: Store) -> None:
    project, canvas = _team_project(store)
    assert access.role_in(store, ANA, project.id) == "owner"
    assert access.role_in(store, BUDI, project.id) == "editor"  # the e-mail is matched in lower case
    for need in ("read", "edit", "manage"):
        access.project_scope(store, ANA, project.id, need)
    access.project_scope(store, BUDI, project.id, "edit")
    with pytest.raises(Forbidden):
        access.project_scope(store, BUDI, project.id, "manage")
    access.project_scope(store, CITRA, project.id, "read")
    with pytest.raises(Forbidden):
        access.project_scope(store, CITRA, project.id, "edit")
    # A viewer reads and exports, and can't add a note.
    assert collect(store, CITRA, project.id).project.id == project.id
    with pytest.raises((Forbidden, NotFound)):
        notes.add_note(store, CITRA, NoteOwner.of_canvas(canvas.id), "pains", "antre lama")
    assert notes.add_note(store, BUDI, NoteOwner.of_canvas(canvas.id), "pains", "antre lama").author == "Budi Editor"


def test_a_stranger_gets_the_same_answer_as_for_a_project_that_does_not_exist(store: Store) -> None:
    project, canvas = _team_project(store)
    with pytest.raises(NotFound) as stranger:
        access.project_scope(store, DEWI, project.id, "read")
    with pytest.raises(NotFound) as missing:
        access.project_scope(store, DEWI, "0" * 32, "read")
    assert stranger.value.key == missing.value.key
    with pytest.raises(NotFound):
        access.canvas_scope(store, DEWI, canvas.id, "read")
    with pytest.raises(NotFound):
        members.list_members(store, DEWI, project.id)


def test_the_project_list_holds_only_a_users_own_projects(store: Store) -> None:
    project, _ = _team_project(store)
    projects.create_project(store, DEWI, "Milik Dewi")
    projects.create_project(store, WORKSPACE, "Milik workspace")
    assert [s.name for s in projects.list_projects(store, BUDI)] == [project.name]
    assert projects.count_projects(store, BUDI) == 1
    assert {s.name for s in projects.list_projects(store, DEWI)} == {"Milik Dewi"}
    assert projects.count_projects(store, WORKSPACE) == 3  # the workspace key still sees all


def test_only_an_owner_trashes_and_restores_and_the_trash_lists_only_theirs(store: Store) -> None:
    project, _ = _team_project(store)
    with pytest.raises(Forbidden):
        projects.trash_project(store, BUDI, project.id)
    projects.trash_project(store, ANA, project.id)
    assert projects.list_projects(store, BUDI, deleted=True) == []
    assert [s.id for s in projects.list_projects(store, ANA, deleted=True)] == [project.id]
    with pytest.raises(NotFound):
        projects.restore_project(store, BUDI, project.id)
    projects.restore_project(store, ANA, project.id)
    actions = [e.action for e in audit.events(store, ANA, project.id)]
    assert actions[:2] == ["restored", "trashed"]


def test_an_editor_cannot_manage_members_and_a_project_keeps_an_owner(store: Store) -> None:
    project, _ = _team_project(store)
    with pytest.raises(Forbidden):
        members.add_member(store, BUDI, project.id, DEWI.email, "viewer")
    with pytest.raises(Forbidden):
        members.create_invite(store, BUDI, project.id, "owner")
    with pytest.raises(InvalidInput):
        members.add_member(store, ANA, project.id, "not an address", "viewer")
    with pytest.raises(InvalidInput):
        members.add_member(store, ANA, project.id, DEWI.email, "admin")
    owner = next(m for m in members.list_members(store, ANA, project.id) if m.role == "owner")
    with pytest.raises(Conflict):
        members.remove_member(store, ANA, project.id, owner.id)
    with pytest.raises(Conflict):
        members.add_member(store, ANA, project.id, ANA.email, "editor")
    members.add_member(store, ANA, project.id, BUDI.email, "owner")
    members.add_member(store, BUDI, project.id, ANA.email, "viewer")  # two owners: one may step down
    assert access.role_in(store, ANA, project.id) == "viewer"
    log = [(e.action, e.actor_email) for e in audit.events(store, BUDI, project.id)]
    assert ("role_changed", BUDI.email) in log and ("member_added", ANA.email) in log


def test_a_member_id_from_another_project_is_not_found(store: Store) -> None:
    project, _ = _team_project(store)
    other = projects.create_project(store, DEWI, "Lain")
    stranger_row = members.list_members(store, DEWI, other.id)[0]
    with pytest.raises(NotFound):
        members.remove_member(store, ANA, project.id, stranger_row.id)


def test_an_invite_link_makes_a_member_until_it_is_revoked_or_expires(store: Store) -> None:
    project, _ = _team_project(store)
    created = members.create_invite(store, ANA, project.id, "editor")
    assert len(created.token) >= 22  # at least 128 bits
    assert created.token not in repr(store.invites.for_project(project.id))  # only the hash is kept
    assert members.accept_invite(store, DEWI, created.token).role == "editor"
    # It never lowers a role someone already has.
    assert members.accept_invite(store, ANA, created.token).role == "owner"
    members.revoke_invite(store, ANA, project.id, created.invite.id)
    late = UserActor("eko@example.org", "Eko")
    with pytest.raises(NotFound):
        members.accept_invite(store, late, created.token)
    with pytest.raises(NotFound):
        access.project_scope(store, late, project.id, "read")
    assert members.list_invites(store, ANA, project.id) == []


def test_an_expired_invite_is_refused(store: Store) -> None:
    project, _ = _team_project(store)
    created = members.create_invite(store, ANA, project.id, "viewer")
    with store.db.transaction() as conn:
        from storage import tables  # the test reaches into the row to age it

        conn.execute(tables.project_invites.update().values(expires_at=utcnow() - timedelta(minutes=1)))
    with pytest.raises(NotFound):
        members.accept_invite(store, DEWI, created.token)


def test_the_audit_log_is_for_owners_and_records_who(store: Store) -> None:
    project, _ = _team_project(store)
    audit.note_sign_in(store, CITRA, project.id)
    export_for(store, CITRA, collect(store, CITRA, project.id), "md")  # a viewer may export; it is logged
    with pytest.raises(Forbidden):
        audit.events(store, CITRA, project.id)
    events = audit.events(store, ANA, project.id)
    assert [(e.action, e.actor_name) for e in events[:2]] == [
        ("exported", "Citra Viewer"),
        ("signed_in", "Citra Viewer"),
    ]
    assert events[0].detail == "md"
    assert [(e.action, e.actor_name) for e in events[:2]] == [
        ("exported", "Citra Viewer"),
        ("signed_in", "Citra Viewer"),
    ]
    with pytest.raises(NotFound):
        audit.note_sign_in(store, DEWI, project.id)


def test_sign_in_turns_off_local_trust_and_the_key_unless_migrating() -> None:
    key = "k" * 20
    plain = Settings(workspace_key=key, database_url=None)
    assert access.workspace_actor(plain, local=True, key=None) is not None
    team = Settings(
        workspace_key=key,
        database_url=None,
        oidc_issuer="https://idp.example.org",
        oidc_client_id="nilai",
        oidc_client_secret="s",
        oidc_cookie_secret="c" * 32,
        public_url="https://nilai.example.org",
    )
    assert team.sign_in_enabled and team.oidc_redirect_uri == "https://nilai.example.org/oauth2callback"
    assert access.workspace_actor(team, local=True, key=None) is None
    assert access.workspace_actor(team, local=False, key=key) is None
    migrating = team.model_copy(update={"sign_in_allow_workspace_key": True})
    assert access.workspace_actor(migrating, local=False, key=key) is not None
    assert access.user_actor(team, is_logged_in=True, email=" Ana@Example.org", name="Ana") == UserActor(
        "ana@example.org", "Ana"
    )
    assert access.user_actor(team, is_logged_in=True, email=None, name="Ana") is None
    assert access.user_actor(plain, is_logged_in=True, email="ana@example.org", name="Ana") is None


def test_a_half_configured_sign_in_is_named_at_start() -> None:
    assert Settings(database_url=None).sign_in_problem() is None
    half = Settings(database_url=None, oidc_issuer="https://idp.example.org", oidc_client_id="nilai")
    assert "NILAI_OIDC_CLIENT_SECRET" in (half.sign_in_problem() or "")
    no_url = Settings(
        database_url=None,
        oidc_issuer="https://idp.example.org/.well-known/openid-configuration",
        oidc_client_id="nilai",
        oidc_client_secret="s",
        oidc_cookie_secret="c" * 32,
    )
    assert "NILAI_PUBLIC_URL" in (no_url.sign_in_problem() or "")
    assert no_url.oidc_metadata_url == "https://idp.example.org/.well-known/openid-configuration"


def test_the_version_history_names_signed_in_people(store: Store) -> None:
    from history import timeline as history_timeline

    project, canvas = _team_project(store)
    notes.add_note(store, BUDI, NoteOwner.of_canvas(canvas.id), "gains", "kursi kosong")
    names = {name for _, name in history_timeline.people(store, CITRA, project.id)}
    assert {"Ana Owner", "Budi Editor"} <= names


def test_a_removed_member_does_not_come_back_through_the_old_link(store: Store) -> None:
    """#23: owner invites an editor, removes them; the same link no longer works, for them or anyone."""
    project, _ = _team_project(store)
    created = members.create_invite(store, ANA, project.id, "editor")
    joined = members.accept_invite(store, DEWI, created.token)
    assert access.role_in(store, DEWI, project.id) == "editor"
    members.remove_member(store, ANA, project.id, joined.id)
    with pytest.raises(NotFound):
        access.project_scope(store, DEWI, project.id, "read")
    with pytest.raises(NotFound):
        members.accept_invite(store, DEWI, created.token)
    with pytest.raises(NotFound):
        access.project_scope(store, DEWI, project.id, "read")
    assert members.list_invites(store, ANA, project.id) == []  # the link Dewi used is revoked
    actions = [event.action for event in audit.events(store, ANA, project.id)]
    assert actions[:2] == ["invite_revoked", "member_removed"]
    # Only a new invite brings them back.
    again = members.create_invite(store, ANA, project.id, "viewer")
    assert members.accept_invite(store, DEWI, again.token).role == "viewer"


def test_no_link_made_before_a_removal_lets_the_person_back(store: Store) -> None:
    project, _ = _team_project(store)
    team_link = members.create_invite(store, ANA, project.id, "viewer")  # shared earlier, unused by Dewi
    added = members.add_member(store, ANA, project.id, DEWI.email, "editor")
    members.remove_member(store, ANA, project.id, added.id)
    with pytest.raises(NotFound):
        members.accept_invite(store, DEWI, team_link.token)
    eko = UserActor("eko@example.org", "Eko")
    assert members.accept_invite(store, eko, team_link.token).role == "viewer"  # it still works for others


def test_links_a_removed_member_made_are_revoked(store: Store) -> None:
    project, _ = _team_project(store)
    made_by_budi = members.add_member(store, ANA, project.id, BUDI.email, "owner")
    link = members.create_invite(store, BUDI, project.id, "editor")
    members.remove_member(store, ANA, project.id, made_by_budi.id)
    with pytest.raises(NotFound):
        members.accept_invite(store, DEWI, link.token)


def test_a_single_use_link_works_once_and_a_removed_member_row_is_not_found_twice(store: Store) -> None:
    project, _ = _team_project(store)
    once = members.create_invite(store, ANA, project.id, "editor", single_use=True)
    assert once.invite.max_uses == 1
    dewi = members.accept_invite(store, DEWI, once.token)
    with pytest.raises(NotFound):
        members.accept_invite(store, UserActor("eko@example.org", "Eko"), once.token)
    members.remove_member(store, ANA, project.id, dewi.id)
    with pytest.raises(NotFound):
        members.remove_member(store, ANA, project.id, dewi.id)


def test_two_people_racing_for_a_single_use_link_get_one_membership(store: Store) -> None:
    from concurrent.futures import ThreadPoolExecutor

    project, _ = _team_project(store)
    once = members.create_invite(store, ANA, project.id, "viewer", single_use=True)
    people = [UserActor(f"p{n}@example.org", f"P{n}") for n in range(6)]

    def accept(person: UserActor) -> bool:
        try:
            members.accept_invite(store, person, once.token)
        except NotFound:
            return False
        return True

    with ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = list(pool.map(accept, people))
    assert outcomes.count(True) == 1
    joined = [m.email for m in members.list_members(store, ANA, project.id) if m.email.startswith("p")]
    assert len(joined) == 1
