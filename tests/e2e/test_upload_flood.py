"""An upload flood against a real server (server/uploads.py): a page without an uploader
gets no file at all; a page with one gets files up to the limit, then none; and the
memory comes back once the session closes."""

from __future__ import annotations

import http.client
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from core.limits import UPLOAD_MEGABYTES
from tests.e2e.conftest import AppServer, wait_for_app

MB = 1024 * 1024
FILE_MB = 19
FLOOD = 20
BOUNDARY = "nilai-flood"
GROWTH_MAX_MB = 50
SETTLE_S = 10


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"no VmRSS for {pid}")


def _put(server: AppServer, session_id: str, cookie: str, xsrf: str) -> int:
    """One 19 MB file for `session_id`, as Streamlit's uploader sends it."""
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="survey.csv"\r\n'
        "Content-Type: text/csv\r\n\r\n"
    ).encode()
    tail = f"\r\n--{BOUNDARY}--\r\n".encode()
    size = FILE_MB * MB - 4096
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    try:
        conn.putrequest("PUT", f"/_stcore/upload_file/{session_id}/{uuid.uuid4()}", skip_host=True)
        headers = {
            "Host": f"127.0.0.1:{server.port}",
            "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
            "Content-Length": str(len(head) + size + len(tail)),
            "Cookie": cookie,
            "X-Xsrftoken": xsrf,
        }
        for name, value in headers.items():
            conn.putheader(name, value)
        conn.endheaders()
        try:
            conn.send(head)
            chunk = b"7,ok\n" * (MB // 5)
            sent = 0
            while sent < size:
                piece = chunk[: size - sent]
                conn.send(piece)
                sent += len(piece)
            conn.send(tail)
        except OSError:  # refused before the body: the server closed the connection
            pass
        return conn.getresponse().status
    finally:
        conn.close()


def _session_of(page: Page) -> list[str]:
    """Session ids Streamlit gives this page (from its NewSession message)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    found: list[str] = []

    def on_frame(payload) -> None:
        if isinstance(payload, bytes) and not found:
            try:
                message = ForwardMsg.FromString(payload)
            except Exception:  # noqa: BLE001 - another kind of frame
                return
            if message.WhichOneof("type") == "new_session":
                found.append(message.new_session.initialize.session_id)

    page.on("websocket", lambda socket: socket.on("framereceived", on_frame))
    return found


def _credentials(page: Page) -> tuple[str, str]:
    cookies = page.context.cookies()
    xsrf = next(cookie["value"] for cookie in cookies if cookie["name"] == "_streamlit_xsrf")
    return "; ".join(f"{cookie['name']}={cookie['value']}" for cookie in cookies), xsrf


@pytest.fixture
def keyless_server(tmp_path: Path) -> Iterator[AppServer]:
    """This computer's browser counts as any other device: no key, nothing trusted."""
    env = {"NILAI_TRUST_LOCAL": "false", "NILAI_WORKSPACE_KEY": "a-key-nobody-here-knows-0123"}
    server = AppServer(data_dir=tmp_path / "data", env_extra=env).start()
    yield server
    server.stop()


def test_a_keyless_device_on_the_join_page_gets_no_file_in(browser: Browser, keyless_server: AppServer) -> None:
    pid = keyless_server.process.pid
    context = browser.new_context()
    page = context.new_page()
    session = _session_of(page)
    page.goto(f"{keyless_server.url}/join?lang=en")
    wait_for_app(page)
    assert session, "no session id seen"
    before = _rss_mb(pid)
    cookie, xsrf = _credentials(page)
    statuses = [_put(keyless_server, session[0], cookie, xsrf) for _ in range(FLOOD)]
    assert statuses == [403] * FLOOD
    context.close()
    time.sleep(SETTLE_S)
    assert _rss_mb(pid) - before < GROWTH_MAX_MB


def test_an_uploader_page_takes_files_up_to_the_limit_and_the_memory_returns(
    browser: Browser, app_server: AppServer
) -> None:
    pid = app_server.process.pid
    context = browser.new_context()
    page = context.new_page()
    session = _session_of(page)
    page.goto(f"{app_server.url}/export?lang=en")  # the JSON import's uploader
    wait_for_app(page)
    page.wait_for_timeout(500)
    before = _rss_mb(pid)
    cookie, xsrf = _credentials(page)
    statuses = [_put(app_server, session[0], cookie, xsrf) for _ in range(FLOOD)]
    allowed = UPLOAD_MEGABYTES.allowed // FILE_MB
    assert statuses == [204] * allowed + [429] * (FLOOD - allowed)
    context.close()
    time.sleep(SETTLE_S)
    grown = _rss_mb(pid) - before
    assert grown < GROWTH_MAX_MB, f"{grown:.0f} MB still held {SETTLE_S} s after the session closed"
