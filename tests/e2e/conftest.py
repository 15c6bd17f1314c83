"""Browser tests: a real `streamlit run` on a free port (deploy/harness.py starts it), driven
by Playwright in the system Chromium (Playwright can't download its own browser here)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from deploy.harness import AppServer
from tests.conftest import CHROMIUM

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
APP_READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "locale": "en-US", "viewport": {"width": 1400, "height": 900}}


@pytest.fixture
def app_server(tmp_path: Path) -> Iterator[AppServer]:
    server = AppServer(data_dir=tmp_path / "data").start()
    yield server
    server.stop()


def wait_for_app(page, timeout: float = 30_000) -> None:
    """Streamlit has finished the current run (the e2e suite's own idiom)."""
    page.wait_for_selector(APP_READY, timeout=timeout)
    page.wait_for_timeout(150)
    page.wait_for_selector(APP_READY, timeout=timeout)
