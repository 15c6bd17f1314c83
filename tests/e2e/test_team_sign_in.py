"""Team server sign-in in a real browser, against a real OpenID Connect provider that the
tests start (oidc-provider-mock): signing in and out, coming back to the page asked for,
roles (an editor can't manage members, a viewer's forged board action is refused), an
invite link used after it was revoked, and a stranger opening a project's URL."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from canvas import canvases, notes
from canvas.models import NoteOwner
from core.actors import UserActor
from core.settings import Settings
from deploy.harness import AppServer, free_port
from examples.seeding import open_store
from projects import access, members
from projects.service import create_project
from tests.e2e.conftest import wait_for_app
from tests.e2e.test_forged_board_actions import CAPTURE_BOARDS

# The board's own emit() refuses to send for a viewer: this goes past it, as a forger would.
FORGE = """([op, payload]) => window.__nilaiBoards[window.__nilaiBoards.length - 1]
  .send("action", { op, nonce: `forged-${Date.now()}`, ...payload })"""

ANA = UserActor("ana@example.org", "Ana Owner")
BUDI = UserActor("budi@example.org", "Budi Editor")
CITRA = UserActor("citra@example.org", "Citra Viewer")
DEWI = UserActor("dewi@example.org", "Dewi Stranger")
EKO = UserActor("eko@example.org", "Eko Invited")
PEOPLE = (ANA, BUDI, CITRA, DEWI, EKO)


@pytest.fixture(scope="module")
def identity_provider() -> Iterator[str]:
    """A real OIDC provider on a free port, knowing our four people by their first name."""
    from oidc_provider_mock import User, run_server_in_thread

    os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"  # plain http between processes on this machine
    users = [User(sub=p.name.split()[0].lower(), claims={"email": p.email, "name": p.name}) for p in PEOPLE]
    with run_server_in_thread(port=free_port(), user_claims=users) as server:
        yield f"http://localhost:{server.server_port}"


def team_env(issuer: str, port: int) -> dict[str, str]:
    return {
        "NILAI_OIDC_ISSUER": issuer,
        "NILAI_OIDC_CLIENT_ID": "nilai-tests",
        "NILAI_OIDC_CLIENT_SECRET": "not-a-real-secret",
        "NILAI_OIDC_COOKIE_SECRET": "c0okie-secret-for-the-tests-only-32+",
        "NILAI_PUBLIC_URL": f"http://127.0.0.1:{port}",
        "AUTHLIB_INSECURE_TRANSPORT": "1",
        "NILAI_SEED_SAMPLE": "false",
    }


@pytest.fixture(scope="module")
def team_server(identity_provider: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    port = free_port()
    data_dir = tmp_path_factory.mktemp("team") / "data"
    server = AppServer(data_dir=data_dir, port=port, env_extra=team_env(identity_provider, port)).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def project(team_server: AppServer):
    """Ana's project: Budi edits, Citra views, Dewi is nobody here."""
    store = open_store(Settings(data_dir=team_server.data_dir, database_url=None, seed_sample=False))
    created = create_project(store, ANA, "Kedai Kopi Senja", "", "en")
    members.add_member(store, ANA, created.id, BUDI.email, "editor")
    members.add_member(store, ANA, created.id, CITRA.email, "viewer")
    canvas = canvases.create_canvas(store, ANA, created.id, "Commuters")
    note = notes.add_note(store, ANA, NoteOwner.of_canvas(canvas.id), "pains", "Queue at 7 am is too long")
    store.db.engine.dispose()
    return created, canvas, note


def _store(server: AppServer):
    return open_store(Settings(data_dir=server.data_dir, database_url=None, seed_sample=False))


def sign_in_as(page: Page, person: UserActor) -> None:
    """Press Sign in, choose the person at the identity provider, land back in Nilai."""
    page.get_by_role("button", name="Sign in").first.click()
    page.wait_for_url("**/oauth2/authorize**", timeout=30_000)
    page.get_by_role("button", name=person.name.split()[0].lower(), exact=True).click()
    page.wait_for_url("http://127.0.0.1:*/**", timeout=30_000)
    wait_for_app(page)


def test_sign_in_comes_back_to_the_page_asked_for_and_sign_out_ends_it(
    page: Page, team_server: AppServer, project
) -> None:
    created, _, _ = project
    page.goto(f"{team_server.url}/members?lang=en&project={created.id}")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Sign in to Nilai")).to_be_visible()
    expect(page.get_by_text("Kedai Kopi Senja")).to_have_count(0)  # nothing before signing in

    sign_in_as(page, ANA)
    assert "/members" in page.url and f"project={created.id}" in page.url
    expect(page.get_by_role("heading", name="Members")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("budi@example.org").first).to_be_visible()
    expect(page.get_by_role("button", name="Ana Owner")).to_be_visible()  # the name in the top bar

    # The owner adds someone by e-mail; the audit log says who did it.
    page.get_by_role("textbox", name="E-mail address").fill("fajar@example.org")
    page.get_by_role("button", name="Add", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_text("fajar@example.org").first).to_be_visible()
    expect(page.get_by_text("Audit log")).to_be_visible()

    page.get_by_role("button", name="Ana Owner").click()
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name="End session").click(timeout=30_000)  # the provider's own page
    page.wait_for_url("http://127.0.0.1:*/**", timeout=30_000)
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Sign in to Nilai")).to_be_visible(timeout=30_000)
    page.goto(f"{team_server.url}/members?lang=en&project={created.id}")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Sign in to Nilai")).to_be_visible()


def test_an_editor_cannot_manage_members(page: Page, team_server: AppServer, project) -> None:
    created, _, _ = project
    page.goto(f"{team_server.url}/members?lang=en&project={created.id}")
    wait_for_app(page)
    sign_in_as(page, BUDI)
    expect(page.get_by_text("only owners change members")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("textbox", name="E-mail address")).to_have_count(0)
    expect(page.get_by_text("Invite links")).to_have_count(0)
    expect(page.get_by_text("Audit log")).to_have_count(0)


def test_a_viewers_forged_board_action_is_refused(page: Page, team_server: AppServer, project) -> None:
    created, canvas, note = project
    page.add_init_script(CAPTURE_BOARDS)
    page.goto(f"{team_server.url}/canvas?lang=en&project={created.id}&canvas={canvas.id}")
    wait_for_app(page)
    sign_in_as(page, CITRA)
    expect(page.locator(".nb-text", has_text="Queue at 7 am is too long")).to_be_visible(timeout=30_000)
    # A viewer is told what they may do, and gets no form that would change the canvas.
    expect(page.get_by_text("You are a viewer of this project")).to_be_visible()
    expect(page.get_by_role("tab", name="Add a note")).to_have_count(0)
    # The board offers a viewer nothing to change: no add fields, no delete, no link mode.
    expect(page.locator("input.nb-add").first).to_be_hidden()
    expect(page.locator(".nb-del").first).to_be_hidden()
    expect(page.locator(".nb-link-btn")).to_be_hidden()
    assert page.evaluate("window.__nilaiBoards.length") >= 1
    # Its own emit sends nothing for a viewer; someone who edits the page's script sends anyway.
    page.evaluate(FORGE, ["edit", {"id": note.id, "version": note.version, "text": "Changed by a viewer"}])
    expect(page.get_by_test_id("stAlertContentError").get_by_text("you are a viewer")).to_be_visible(timeout=15_000)
    store = _store(team_server)
    kept = store.items.get(note.id)
    store.db.engine.dispose()
    assert (kept.text, kept.version) == (note.text, note.version)

    # Pages made for changing the project show it read-only instead.
    page.goto(f"{team_server.url}/personas?lang=en&project={created.id}")
    wait_for_app(page)
    expect(page.get_by_text("You are a viewer of this project")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("tab", name="Canvas")).to_be_visible()  # the read-only project view
    expect(page.get_by_role("button", name="New persona")).to_have_count(0)


def test_an_invite_link_used_after_it_was_revoked_is_refused(page: Page, team_server: AppServer, project) -> None:
    created, _, _ = project
    store = _store(team_server)
    invite = members.create_invite(store, ANA, created.id, "editor")
    members.revoke_invite(store, ANA, created.id, invite.invite.id)
    store.db.engine.dispose()
    page.goto(f"{team_server.url}/?lang=en&invite={invite.token}")
    wait_for_app(page)
    sign_in_as(page, DEWI)  # comes back to the invite link, which is then tried
    expect(page.get_by_text("This invite link doesn't work any more")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Kedai Kopi Senja")).to_have_count(0)
    store = _store(team_server)
    assert access.role_in(store, DEWI, created.id) is None
    store.db.engine.dispose()


def test_an_invite_link_makes_the_person_who_signs_in_a_member(page: Page, team_server: AppServer, project) -> None:
    created, _, _ = project
    store = _store(team_server)
    invite = members.create_invite(store, ANA, created.id, "viewer")
    store.db.engine.dispose()
    page.goto(f"{team_server.url}/?lang=en&invite={invite.token}")
    wait_for_app(page)
    expect(page.get_by_text("Sign in first to use this invite link.")).to_be_visible()
    sign_in_as(page, EKO)
    expect(page.get_by_text("you are now Viewer in “Kedai Kopi Senja”")).to_be_visible(timeout=30_000)
    assert "invite=" not in page.url  # used once, then gone from the address bar
    store = _store(team_server)
    assert access.role_in(store, EKO, created.id) == "viewer"
    store.db.engine.dispose()


def test_a_stranger_opening_a_project_url_sees_nothing_of_it(page: Page, team_server: AppServer, project) -> None:
    created, canvas, _ = project
    page.goto(f"{team_server.url}/canvas?lang=en&project={created.id}&canvas={canvas.id}")
    wait_for_app(page)
    sign_in_as(page, DEWI)
    expect(page.get_by_text("Choose a project on the Projects page first.")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Kedai Kopi Senja")).to_have_count(0)
    expect(page.get_by_text("Queue at 7 am is too long")).to_have_count(0)
    page.goto(f"{team_server.url}/?lang=en")
    wait_for_app(page)
    expect(page.get_by_text("Kedai Kopi Senja")).to_have_count(0)  # not on Dewi's Home either
