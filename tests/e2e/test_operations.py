"""Operations on a real server (issue 28): Home's Backups section in the browser (with
axe), and /metrics and /api/ready as an operator's tools reach them."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from deploy.harness import AppServer
from i18n import translate
from tests.e2e.conftest import wait_for_app
from tests.e2e.test_axe import WIDTHS, axe_problems


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    app = AppServer(
        data_dir=tmp_path_factory.mktemp("operate") / "data",
        env_extra={"NILAI_METRICS_ENABLED": "true", "NILAI_BACKUP_DAILY_AT": "03:00"},
    ).start()
    yield app
    app.stop()


def _get(url: str, **headers: str) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("language", ["id", "en"])
def test_back_up_now_from_home_in_the_browser(browser: Browser, server: AppServer, language: str, width: str) -> None:
    w, h = WIDTHS[width]
    context = browser.new_context(locale="id-ID" if language == "id" else "en-US", viewport={"width": w, "height": h})
    try:
        page = context.new_page()
        page.goto(f"{server.url}/?lang={language}")
        wait_for_app(page, timeout=90_000)
        page.get_by_text(translate(language, "backup.section.title"), exact=True).click()
        page.get_by_role("button", name=translate(language, "backup.now")).click()
        # The click's own run says it is done; only then is the new "last backup" line there.
        page.locator('[data-testid="stAlertContentSuccess"]').first.wait_for(timeout=60_000)
        page.get_by_text(translate(language, "backup.when.today", time="")).first.wait_for()
        expect(page.get_by_role("button", name=translate(language, "backup.download"))).to_be_visible()
        assert list((server.data_dir / "backups").glob("nilai-backup-*.sqlite"))
        problems = axe_problems(page, language)
        assert not problems, "\n".join(problems)
    finally:
        context.close()


def test_the_operators_endpoints(browser: Browser, server: AppServer) -> None:
    page = browser.new_page()
    page.goto(f"{server.url}/?lang=en")
    wait_for_app(page, timeout=90_000)
    page.close()

    status, body = _get(f"{server.url}/api/ready")
    assert status == 200 and '"ready":true' in body
    status, text = _get(f"{server.url}/metrics")
    assert status == 200
    assert 'nilai_script_runs_total{outcome="ok",page="home"}' in text or (
        'nilai_script_runs_total{page="home",outcome="ok"}' in text
    )
    assert 'nilai_http_requests_total{route="ready",status="200"}' in text
    assert "nilai_sessions_opened_total" in text and "process_resident_memory_bytes" in text
    # Through a proxy, even from this machine, only the token opens it (none is set here).
    status, _ = _get(f"{server.url}/metrics", **{"X-Forwarded-For": "203.0.113.9"})
    assert status == 401
