"""A participant's phone on the network: it reaches its workshop, never the workspace,
even by editing the URL. The server runs with NILAI_TRUST_LOCAL=false so that this
browser on the same machine stands for another device."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from canvas import canvases
from core.settings import Settings
from deploy.harness import AppServer
from examples.seeding import open_store
from projects.service import create_project
from tests.actors import WORKSPACE
from tests.e2e.conftest import wait_for_app
from workshop import joining

KEY = "kunci-rahasia-ruang-kerja-42"


@pytest.fixture
def private_server(tmp_path: Path) -> Iterator[AppServer]:
    server = AppServer(
        data_dir=tmp_path / "data", env_extra={"NILAI_TRUST_LOCAL": "false", "NILAI_WORKSPACE_KEY": KEY}
    ).start()
    yield server
    server.stop()


def test_a_participant_cannot_reach_the_workspace_by_editing_the_url(page: Page, private_server: AppServer) -> None:
    server = private_server
    page.goto(f"{server.url}/?lang=en")  # the first run also creates and seeds the database
    wait_for_app(page)
    expect(page.get_by_role("heading", name="This workspace is private")).to_be_visible()

    store = open_store(Settings(data_dir=server.data_dir, database_url=None, seed_sample=False))
    project = create_project(store, WORKSPACE, "Secret launch plan", "", "en")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Commuters")
    opened = joining.open_workshop(store, WORKSPACE, canvas.id, facilitator_name="Dewi")
    store.db.engine.dispose()

    page.goto(f"{server.url}/join?lang=en&code={opened.workshop.join_code}")
    wait_for_app(page)
    page.get_by_role("textbox", name="Your display name").fill("Ani")
    page.get_by_role("button", name="Join", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_text("You take part as Ani")).to_be_visible()

    # Editing the URL: Home, then a project link, in a fresh tab without the token.
    page.goto(f"{server.url}/?lang=en")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="This workspace is private")).to_be_visible()
    expect(page.get_by_text("Secret launch plan")).to_have_count(0)
    expect(page.get_by_text("Sapa Campus Library")).to_have_count(0)
    page.goto(f"{server.url}/canvas?lang=en&project={project.id}")
    wait_for_app(page)
    expect(page.get_by_text("This project is in a private workspace")).to_be_visible()
    expect(page.get_by_text("Commuters")).to_have_count(0)

    # A wrong key is refused; the right one opens the workspace.
    page.goto(f"{server.url}/?lang=en")
    wait_for_app(page)
    page.get_by_role("textbox", name="Workspace key").fill("guessing-the-key-0000")
    page.get_by_role("button", name="Open the workspace").click()
    wait_for_app(page)
    expect(page.get_by_text("That key does not open this workspace")).to_be_visible()
    page.get_by_role("textbox", name="Workspace key").fill(KEY)
    page.get_by_role("button", name="Open the workspace").click()
    wait_for_app(page)
    expect(page.get_by_text("Secret launch plan")).to_be_visible()
