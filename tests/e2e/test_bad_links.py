"""A bad link says so (issue #26): a device whose `?group=` or `?lecturer=` token opens no
class gets the landing page every other device gets, with a message, never the workspace
sidebar or "Choose a project first". A real group link still opens the group's class page.
NILAI_TRUST_LOCAL=false makes this browser on the same machine another device."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from classroom import service as classes
from core.settings import Settings
from deploy.harness import AppServer
from examples.seeding import open_store
from i18n import translate
from tests.actors import WORKSPACE
from tests.e2e.conftest import wait_for_app

BOGUS = "not-a-real-token-0123456789abcdef"


@pytest.fixture
def device_server(tmp_path: Path) -> Iterator[AppServer]:
    server = AppServer(data_dir=tmp_path / "data", env_extra={"NILAI_TRUST_LOCAL": "false"}).start()
    yield server
    server.stop()


def _assert_landing(page: Page, lang: str) -> None:
    expect(page.get_by_role("heading", name=translate(lang, "workspace.private.title"), level=1)).to_be_visible()
    expect(page.get_by_text(translate(lang, "classroom.link_refused"))).to_be_visible()
    expect(page.get_by_role("link", name=translate(lang, "workspace.private.join_class"))).to_be_visible()
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)  # no workspace sidebar
    body = page.locator("body").inner_text()
    assert translate(lang, "common.no_project") not in body
    assert BOGUS not in page.url  # the link is dropped: a reload doesn't refuse it again


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("path", ["classroom?group", "canvas?project=p1&group", "?lecturer", "history?group"])
def test_a_link_that_opens_no_class_gets_the_landing_page(
    page: Page, device_server: AppServer, lang: str, path: str
) -> None:
    page.goto(f"{device_server.url}/{path}={BOGUS}&lang={lang}")
    wait_for_app(page)
    _assert_landing(page, lang)
    assert page.title() == f"{translate(lang, 'workspace.private.title')} · Nilai"


def test_a_real_group_link_still_opens_the_class(page: Page, device_server: AppServer) -> None:
    page.goto(f"{device_server.url}/?lang=en")
    wait_for_app(page)
    store = open_store(Settings(data_dir=device_server.data_dir, database_url=None, seed_sample=False))
    created = classes.create_class(store, WORKSPACE, "Marketing 2026 B", language="en")
    joined = classes.join_class(store, created.classroom.join_code, "Group A", client="test")
    store.db.engine.dispose()
    page.goto(f"{device_server.url}/classroom?group={joined.token}&lang=en")
    wait_for_app(page)
    expect(page.get_by_text("Group A").first).to_be_visible()
    expect(page.get_by_text(translate("en", "classroom.link_refused"))).to_have_count(0)
    assert joined.token in page.url
