"""An upload flood against a real server: 20 files of 19 MB PUT straight to Streamlit's
upload endpoint from one device, then the device's session closes.

upload_flood_rss_mb  the server's RSS growth 10 s after the session closed, the worse of two
                     floods: a keyless device (NILAI_TRUST_LOCAL=false, a workspace key it
                     doesn't know) on /join, which shows no uploader (every file refused
                     unread), and a session on the Export page, which shows one (files pass
                     until the upload limit, then are refused). Target <= 50 MB.

One run of each (each takes about half a minute of 19 MB bodies on loopback).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOD = 20
SETTLE_S = 10
HOST_RULES = "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost, EXCLUDE 127.0.0.1"


def _flood(browser, env: dict[str, str], path: str) -> tuple[float, list[int]]:
    from deploy.harness import AppServer
    from tests.e2e import flood
    from tests.e2e.conftest import APP_READY

    with tempfile.TemporaryDirectory(prefix="nilai-bench-uploads-") as folder:
        server = AppServer(data_dir=Path(folder) / "data", env_extra={"NILAI_SEED_SAMPLE": "false", **env}).start()
        try:
            context = browser.new_context()
            page = context.new_page()
            session = flood.watch_session_id(page)
            page.goto(f"{server.url}{path}")
            page.wait_for_selector(APP_READY, timeout=60_000)
            page.wait_for_timeout(1000)
            before = flood.rss_mb(server.process.pid)
            cookie, xsrf = flood.credentials(page)
            statuses = [flood.put_file(server, session[0], cookie, xsrf) for _ in range(FLOOD)]
            context.close()
            time.sleep(SETTLE_S)
            return flood.rss_mb(server.process.pid) - before, statuses
        finally:
            server.stop()


def run() -> dict[str, float]:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM
    from tests.e2e.conftest import CHROMIUM_ARGS

    keyless = {"NILAI_TRUST_LOCAL": "false", "NILAI_WORKSPACE_KEY": "a-key-nobody-here-knows-0123"}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, HOST_RULES])
        try:
            results = {
                "join page, keyless": _flood(browser, keyless, "/join?lang=en"),
                "export page, with an uploader": _flood(browser, {}, "/export?lang=en"),
            }
        finally:
            browser.close()
    for name, (grown, statuses) in results.items():
        counts = {status: statuses.count(status) for status in sorted(set(statuses))}
        print(f"# upload flood: {name}: statuses {counts}, +{grown:.1f} MB after {SETTLE_S} s", file=sys.stderr)
    return {"upload_flood_rss_mb": round(max(grown for grown, _ in results.values()), 1)}


if __name__ == "__main__":
    print(run())
