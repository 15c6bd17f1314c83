"""The server's edge, over real HTTP and a real browser (issue #13): foreign Host headers,
framing, oversize uploads, loopback by every name, and the workspace key kept out of URLs.
All traffic goes to 127.0.0.1 or ::1."""

from __future__ import annotations

import http.client
import http.server
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from deploy.harness import AppServer, free_port
from tests.conftest import ROOT
from tests.e2e.conftest import wait_for_app

KEY = "kunci-rahasia-ruang-kerja-42"
MB = 1024 * 1024
UPLOAD_LIMIT_MB = 20  # .streamlit/config.toml server.maxUploadSize
PRIVATE = "This workspace is private"


def _request(server: AppServer, path: str, host: str, method: str = "GET", headers: dict | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        conn.request(method, path, headers={"Host": host, **(headers or {})})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def _rss_kb(pid: int, field: str = "VmRSS") -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise AssertionError(f"no {field} for {pid}")


@pytest.fixture
def private_server(tmp_path: Path) -> Iterator[AppServer]:
    server = AppServer(
        data_dir=tmp_path / "data", env_extra={"NILAI_TRUST_LOCAL": "false", "NILAI_WORKSPACE_KEY": KEY}
    ).start()
    yield server
    server.stop()


def test_a_request_with_a_foreign_host_is_refused(app_server: AppServer) -> None:
    port = app_server.port
    for path in ("/", "/canvas", "/_stcore/health", "/_stcore/host-config", "/api/live/" + "0" * 32, "/favicon.png"):
        status, _, body = _request(app_server, path, f"rebound.example:{port}")
        assert status == 403, path
        assert len(body) < 100 and b"<" not in body  # a short plain refusal, not the app
    upgrade = {
        "Connection": "Upgrade",
        "Upgrade": "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
        "Origin": f"http://rebound.example:{port}",
    }
    status, _, _ = _request(app_server, "/_stcore/stream", f"rebound.example:{port}", headers=upgrade)
    assert status == 403
    # This machine's own names and addresses, with or without a port, are served.
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}", "localhost", socket.gethostname()):
        status, _, _ = _request(app_server, "/_stcore/health", host)
        assert status == 200, host


def test_the_public_url_host_is_served(tmp_path: Path) -> None:
    server = AppServer(data_dir=tmp_path / "data", env_extra={"NILAI_PUBLIC_URL": "https://nilai.kampus.example"})
    server.start()
    try:
        assert _request(server, "/_stcore/health", "nilai.kampus.example")[0] == 200
        assert _request(server, "/_stcore/health", "other.kampus.example")[0] == 403
    finally:
        server.stop()


def test_a_page_is_refused_in_a_frame_of_another_origin(page: Page, app_server: AppServer) -> None:
    status, headers, _ = _request(app_server, "/", f"127.0.0.1:{app_server.port}")
    assert status == 200
    lowered = {name.lower(): value for name, value in headers.items()}
    assert lowered["x-frame-options"] == "DENY"
    assert "frame-ancestors 'self'" in lowered["content-security-policy"]

    # Another origin (a page on another port, served by the test itself) frames the
    # workspace. As a control, the same page framing its own origin does load.
    framing_html = (
        f'<iframe id="victim" src="{app_server.url}/?lang=en" width="900"></iframe>'
        '<iframe id="own" src="/own.html"></iframe>'
    ).encode()

    class FramingSite(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = framing_html if self.path == "/" else b"<p id='own-content'>own page</p>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    site = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FramingSite)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    try:
        page.goto(f"http://127.0.0.1:{site.server_address[1]}/")
        expect(page.frame_locator("#own").locator("#own-content")).to_be_visible()
        page.wait_for_timeout(3000)  # time enough for the app to render, were it allowed to
        expect(page.frame_locator("#victim").locator('[data-testid="stApp"]')).to_have_count(0)
    finally:
        site.shutdown()
        site.server_close()


def test_an_oversize_upload_is_refused_without_memory_growth(page: Page, app_server: AppServer) -> None:
    # A real session (the export page's import uploader) gives a valid upload URL and XSRF token.
    page.goto(f"{app_server.url}/export?lang=en")
    wait_for_app(page)
    with page.expect_request(lambda request: "/_stcore/upload_file/" in request.url) as upload_request:
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(
            files=[{"name": "tiny.json", "mimeType": "application/json", "buffer": b"{}"}]
        )
    request = upload_request.value
    path = request.url.split(str(app_server.port), 1)[1]
    headers = {name: value for name, value in request.all_headers().items() if name in {"cookie", "x-xsrftoken"}}
    wait_for_app(page)

    pid = app_server.process.pid
    rss_before, peak_before = _rss_kb(pid), _rss_kb(pid, "VmHWM")
    boundary = "nilai-edge-test"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.json"\r\n'
        "Content-Type: application/json\r\n\r\n"
    ).encode()
    size = 3 * UPLOAD_LIMIT_MB * MB  # three times the limit, well under Streamlit's default 200 MB

    def body() -> Iterator[bytes]:
        yield head
        chunk = b" " * MB
        for _ in range(size // MB):
            yield chunk
        yield f"\r\n--{boundary}--\r\n".encode()

    base = {"Host": f"127.0.0.1:{app_server.port}", "Content-Type": f"multipart/form-data; boundary={boundary}"}
    # With a Content-Length: refused before a byte of the body is read.
    conn = http.client.HTTPConnection("127.0.0.1", app_server.port, timeout=60)
    conn.putrequest("PUT", path, skip_host=True)
    for name, value in {**base, **headers, "Content-Length": str(size + 200)}.items():
        conn.putheader(name, value)
    conn.endheaders()
    assert conn.getresponse().status == 413
    conn.close()

    # Chunked, with no length to go by: cut off once the limit is passed.
    conn = http.client.HTTPConnection("127.0.0.1", app_server.port, timeout=60)
    status = None
    try:
        conn.request("PUT", path, body=body(), headers={**base, **headers}, encode_chunked=True)
        status = conn.getresponse().status
    except OSError:  # the server closed the connection mid-body
        pass
    finally:
        conn.close()
    assert status in (411, 413, None)  # 411: server/uploads.py wants a length to count first

    grown_mb = (_rss_kb(pid) - rss_before) / 1024
    peak_grown_mb = (_rss_kb(pid, "VmHWM") - peak_before) / 1024
    assert grown_mb < UPLOAD_LIMIT_MB, grown_mb
    assert peak_grown_mb < UPLOAD_LIMIT_MB, peak_grown_mb
    assert _request(app_server, "/_stcore/health", f"127.0.0.1:{app_server.port}")[0] == 200


@pytest.mark.parametrize("host", ["127.0.0.1", "[::1]", "localhost"])
def test_this_computer_opens_the_workspace_by_every_loopback_name(page: Page, tmp_path: Path, host: str) -> None:
    # Bound to "::" as Streamlit does by default: 127.0.0.1 then arrives as ::ffff:127.0.0.1.
    server = AppServer(data_dir=tmp_path / "data", extra_args=["--server.address", "::"]).start()
    try:
        page.goto(f"http://{host}:{server.port}/?lang=en")
        wait_for_app(page)
        expect(page.get_by_text("Sapa Campus Library").first).to_be_visible()
        expect(page.get_by_role("heading", name=PRIVATE)).to_have_count(0)
    finally:
        server.stop()


def test_a_typed_key_never_reaches_the_url_and_a_reload_keeps_the_workspace_open(
    page: Page, private_server: AppServer
) -> None:
    page.goto(f"{private_server.url}/?lang=en")
    wait_for_app(page)
    page.get_by_role("textbox", name="Workspace key").fill(KEY)
    page.get_by_role("button", name="Open the workspace").click()
    wait_for_app(page)
    expect(page.get_by_text("Sapa Campus Library").first).to_be_visible()
    assert KEY not in page.url and "key=" not in page.url

    # The browser holds a pass, not the key, in a cookie no script can read.
    cookies: dict = {}
    for _ in range(50):
        cookies = {cookie["name"]: cookie for cookie in page.context.cookies()}
        if "nilai_workspace" in cookies:
            break
        page.wait_for_timeout(100)
    cookie = cookies["nilai_workspace"]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert KEY not in cookie["value"]
    assert "nilai_workspace" not in page.evaluate("document.cookie")

    page.reload()
    wait_for_app(page)
    expect(page.get_by_text("Sapa Campus Library").first).to_be_visible()
    expect(page.get_by_role("heading", name=PRIVATE)).to_have_count(0)
    assert "key=" not in page.url


def test_a_key_link_works_once_and_leaves_the_address_bar(page: Page, private_server: AppServer) -> None:
    page.goto(f"{private_server.url}/?lang=en&key={KEY}")
    wait_for_app(page)
    expect(page.get_by_text("Sapa Campus Library").first).to_be_visible()
    page.wait_for_function("() => !window.location.search.includes('key=')")
    assert KEY not in page.url
    page.wait_for_timeout(1000)  # the pass cookie is set in the background
    page.reload()
    wait_for_app(page)
    expect(page.get_by_text("Sapa Campus Library").first).to_be_visible()

    # Without the pass (another browser), the workspace is private again.
    page.context.clear_cookies()
    page.goto(f"{private_server.url}/?lang=en")
    wait_for_app(page)
    expect(page.get_by_role("heading", name=PRIVATE)).to_be_visible()


def test_a_short_workspace_key_stops_the_server_with_the_variables_name(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.port", str(free_port())]
    command += ["--server.address", "127.0.0.1", "--server.headless", "true"]
    env = {name: value for name, value in os.environ.items() if name != "DATABASE_URL"}
    env.update({"NILAI_DATA_DIR": str(tmp_path / "data"), "NILAI_WORKSPACE_KEY": "too-short"})
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "NILAI_WORKSPACE_KEY" in done.stderr
    assert "16 characters" in done.stderr
