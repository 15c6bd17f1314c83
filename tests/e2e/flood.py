"""An upload flood as an attacker sends it: 19 MB files PUT straight to Streamlit's upload
endpoint for a session id read off the page's websocket (tests/e2e/test_upload_flood.py
and bench/upload_flood.py)."""

from __future__ import annotations

import http.client
import uuid
from pathlib import Path

from playwright.sync_api import Page

from deploy.harness import AppServer

MB = 1024 * 1024
FILE_MB = 19
BOUNDARY = "nilai-flood"


def rss_mb(pid: int) -> float:
    """The process's resident memory now."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"no VmRSS for {pid}")


def put_file(server: AppServer, session_id: str, cookie: str, xsrf: str) -> int:
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


def watch_session_id(page: Page) -> list[str]:
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


def credentials(page: Page) -> tuple[str, str]:
    cookies = page.context.cookies()
    xsrf = next(cookie["value"] for cookie in cookies if cookie["name"] == "_streamlit_xsrf")
    return "; ".join(f"{cookie['name']}={cookie['value']}" for cookie in cookies), xsrf
