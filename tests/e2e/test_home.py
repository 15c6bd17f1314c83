"""Home in a real browser against a real `streamlit run`: create, reload, language, restart, kill -9."""

from __future__ import annotations

import random
import threading
import time
from pathlib import Path

import sqlalchemy as sa
from playwright.sync_api import Browser, Page, expect

from deploy.harness import AppServer
from i18n import translate
from tests.e2e.conftest import wait_for_app

CARD = '[class*="st-key-home-card-"]'


def _open(page: Page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)


def _create(page: Page, name: str, lang: str = "en", timeout: float = 20_000) -> None:
    """Create a project through the form; return once the page shows its card."""
    field = page.get_by_role("textbox", name=translate(lang, "field.name"), exact=True)
    if not field.is_visible():  # the popover stays open after a create; open it otherwise
        page.get_by_role("button", name=translate(lang, "home.new_project")).click()
    field.fill(name)
    page.get_by_role("button", name=translate(lang, "home.create")).click()
    expect(page.locator(CARD).filter(has_text=name).first).to_be_visible(timeout=timeout)


def _heading(page: Page) -> str:
    return page.locator("h1").first.inner_text().strip()


def test_create_reload_switch_language_restart(page: Page, app_server: AppServer) -> None:
    _open(page, f"{app_server.url}/?lang=en")
    expect(page.locator(CARD).filter(has_text="Sample: Sapa Campus Library")).to_be_visible()

    _create(page, "Warung Digital Bu Sari")
    assert "project=" in page.url

    page.reload()
    wait_for_app(page)
    expect(page.locator(CARD).filter(has_text="Warung Digital Bu Sari")).to_be_visible()

    page.get_by_role("radio", name="ID", exact=True).click()
    wait_for_app(page)
    expect(page.locator("h1").first).to_have_text(translate("id", "home.title"))
    expect(page.get_by_role("button", name=translate("id", "home.new_project"))).to_be_visible()
    assert "lang=id" in page.url

    page.reload()
    wait_for_app(page)
    expect(page.locator("h1").first).to_have_text(translate("id", "home.title"))

    app_server.restart()
    _open(page, page.url)
    expect(page.locator(CARD).filter(has_text="Warung Digital Bu Sari")).to_be_visible()
    expect(page.locator("h1").first).to_have_text(translate("id", "home.title"))


def test_first_visit_follows_the_browser_language(browser: Browser, app_server: AppServer) -> None:
    for locale, lang in (("id-ID", "id"), ("en-US", "en")):
        context = browser.new_context(locale=locale)
        try:
            page = context.new_page()
            _open(page, app_server.url)
            expect(page.locator("h1").first).to_have_text(translate(lang, "home.title"))
            assert f"lang={lang}" in page.url
        finally:
            context.close()


def test_kill_9_loses_no_confirmed_write(page: Page, tmp_path: Path) -> None:
    """Create projects one after another; kill the server while a write is in flight; every
    project the UI had confirmed is there after a restart."""
    server = AppServer(data_dir=tmp_path / "data").start()
    confirmed: list[str] = []
    try:
        _open(page, f"{server.url}/?lang=en")
        took: list[float] = []
        for index in range(3):  # warm up, and learn how long one create takes on this machine
            started = time.monotonic()
            _create(page, f"Sebelum {index}")
            took.append(time.monotonic() - started)
            confirmed.append(f"Sebelum {index}")
        one_write = sum(took) / len(took)
        wait = max(15_000, 5_000 * one_write)
        killer: threading.Timer | None = None
        for index in range(200):
            name = f"Proyek {index:03d}"
            try:
                _create(page, name, timeout=wait)
            except Exception:  # noqa: BLE001 - the server died under this write; it was never confirmed
                break
            confirmed.append(name)
            if killer is None and index == 2:
                # Arm the kill so it lands somewhere inside one of the next writes.
                killer = threading.Timer(random.uniform(0.1, 1.5) * one_write, server.kill)
                killer.start()
        assert killer is not None
        killer.join()
        assert server.process is None, "the killer should have fired"

        server.start()
        engine = sa.create_engine(f"sqlite:///{server.data_dir / 'nilai.db'}")
        with engine.connect() as conn:
            stored = set(conn.execute(sa.text("SELECT name FROM projects WHERE deleted_at IS NULL")).scalars())
        engine.dispose()
        assert len(confirmed) >= 6
        assert [name for name in confirmed if name not in stored] == []

        _open(page, f"{server.url}/?lang=en")
        page.get_by_placeholder(translate("en", "home.search_placeholder")).fill(confirmed[-1])
        page.keyboard.press("Enter")
        wait_for_app(page)
        expect(page.locator(CARD).filter(has_text=confirmed[-1])).to_be_visible()
    finally:
        server.stop()
