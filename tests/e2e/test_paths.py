"""What only a browser shows (issue 14): the projector's join code on one line, the
sidebar kept on Join for the workspace's computer, no locked sidebar on another device."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from canvas import canvases
from core.settings import Settings
from deploy.harness import AppServer
from examples.seeding import open_store
from projects.service import create_project
from tests.actors import WORKSPACE
from tests.e2e.conftest import wait_for_app
from workshop import joining

SIDEBAR = '[data-testid="stSidebar"]'


def test_the_projector_code_stays_on_one_line_and_large(browser: Browser, app_server: AppServer) -> None:
    store = open_store(Settings(data_dir=app_server.data_dir, database_url=None, seed_sample=False))
    project = create_project(store, WORKSPACE, "Proyektor", "", "id")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Mahasiswa baru dengan nama kanvas yang panjang")
    code = joining.open_workshop(store, WORKSPACE, canvas.id, facilitator_name="Fasil").workshop.join_code
    store.db.engine.dispose()
    context = browser.new_context(locale="id-ID", viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto(f"{app_server.url}/?lang=id")
    wait_for_app(page)
    page.goto(f"{app_server.url}/present?lang=id&code={code}")
    wait_for_app(page)
    shown = page.locator('[data-testid="nw-code"]')
    expect(shown).to_have_text(f"{code[:4]}-{code[4:]}")
    box = shown.bounding_box()
    size = float(shown.evaluate("el => parseFloat(getComputedStyle(el).fontSize)"))
    assert size >= 48, size  # readable from the back of a room
    assert box["height"] < 1.5 * size, (box, size)  # one line, not "PRF9-" / "YVBH"
    expect(page.locator('img[data-testid="nw-qr"]')).to_have_attribute(
        "alt", f"Kode QR: membuka halaman bergabung untuk kode lokakarya {code[:4]}-{code[4:]}"
    )
    context.close()


def test_join_from_the_sidebar_keeps_the_sidebar(browser: Browser, app_server: AppServer) -> None:
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(f"{app_server.url}/?lang=en")
    wait_for_app(page)
    page.locator(SIDEBAR).get_by_role("link", name="Join a workshop").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Join a workshop")).to_be_visible()
    expect(page.locator(SIDEBAR).get_by_role("link", name="Projects")).to_be_visible()  # the way back
    page.close()


@pytest.fixture
def other_device(tmp_path: Path) -> Iterator[AppServer]:
    """A server that trusts no browser as its own computer: every browser is another device."""
    server = AppServer(data_dir=tmp_path / "data", env_extra={"NILAI_TRUST_LOCAL": "false"}).start()
    yield server
    server.stop()


def test_another_device_gets_one_landing_page_without_a_sidebar(browser: Browser, other_device: AppServer) -> None:
    context = browser.new_context(locale="id-ID", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{other_device.url}/?lang=id")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Ruang kerja ini privat")).to_be_visible()
    expect(page.locator('[data-testid="stSidebarNav"]')).to_have_count(0)  # no locked workspace pages
    expect(page.get_by_text("Pilih proyek terlebih dahulu")).to_have_count(0)
    page.get_by_role("link", name="Gabung ke lokakarya").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Ikut lokakarya")).to_be_visible()
    page.get_by_role("link", name="Kembali ke halaman awal").click()  # and back again
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Ruang kerja ini privat")).to_be_visible()
    context.close()
