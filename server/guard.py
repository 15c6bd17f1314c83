"""The server's edge: ASGI middleware every request passes before Streamlit sees it.

* `HostGuard` refuses requests (pages, websockets, static files, /api, /_stcore) whose
  Host header names a host this server doesn't answer to. A DNS-rebinding page on another
  domain that resolves to 127.0.0.1 reaches us with its own name in Host and is refused,
  so it can't read the workspace that this computer's browser is trusted with. Allowed:
  `localhost`, this machine's host names, the host of NILAI_PUBLIC_URL, and any IP
  literal (no DNS is involved in reaching an IP literal, so it can't be rebound; this also
  keeps a port-forwarded or container address working). Every HTTP response also says
  that no other origin may frame the page.
* `UploadLimit` refuses an upload to Streamlit's upload endpoint that is larger than
  `server.maxUploadSize`, from its Content-Length before reading anything, and counting
  the bytes of a body without one (chunked), so an oversize body is never buffered.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

FRAME_HEADERS = [
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", b"frame-ancestors 'self'"),
]
UPLOAD_PATH = "/_stcore/upload_file/"  # Streamlit's st.file_uploader endpoint (PUT)
# A multipart body carries a little more than its file (boundary, part headers); the
# same allowance Streamlit makes in its own streaming check.
MULTIPART_OVERHEAD_BYTES = 1024 * 1024


# One host and an optional port, nothing else: "localhost:8711, evil.example" is two hosts.
HOST_HEADER = re.compile(r"(?:[a-z0-9._-]+|\[[0-9a-f:.]+\])(?::[0-9]{1,5})?")


def host_name(host_header: str) -> str:
    """The host part of a Host header, lower case, without port, brackets or final dot;
    empty when the header is not one host (an optional port) and nothing else."""
    value = host_header.strip().lower()
    if not HOST_HEADER.fullmatch(value):
        return ""
    if value.startswith("["):  # [::1]:8501
        return value[1 : value.find("]")] if "]" in value else ""
    if value.count(":") == 1:
        value = value.split(":", 1)[0]
    return value.rstrip(".")


def is_ip_literal(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def machine_host_names() -> set[str]:
    """The names this machine calls itself, read once at start."""
    names = {"localhost"}
    for name in (socket.gethostname(), socket.getfqdn()):
        if name:
            names.add(name.lower().rstrip("."))
    return names


def allowed_host_names(public_url: str | None, machine_names: Iterable[str] | None = None) -> frozenset[str]:
    names = set(machine_host_names() if machine_names is None else machine_names)
    if public_url:
        public_host = urlsplit(public_url if "//" in public_url else f"//{public_url}").hostname
        if public_host:
            names.add(public_host.lower().rstrip("."))
    return frozenset(names)


def header(scope, name: bytes) -> str | None:
    """An ASGI request header as text (the first of that name), or None."""
    for key, value in scope.get("headers", ()):
        if key == name:
            return value.decode("latin-1")
    return None


async def plain_response(send, status: int, text: str) -> None:
    """A short plain-text answer that closes the connection, with the framing headers."""
    body = text.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
                *FRAME_HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class HostGuard:
    """Refuse foreign Host headers; forbid framing by other origins."""

    def __init__(self, app, allowed_names: Callable[[], frozenset[str]]) -> None:
        self.app = app
        self.allowed_names = allowed_names  # read at the first request, once settings are loaded
        self._names: frozenset[str] | None = None

    def host_allowed(self, host_header: str | None) -> bool:
        if not host_header:
            return False
        name = host_name(host_header)
        if not name:
            return False
        if self._names is None:
            self._names = self.allowed_names()
        return is_ip_literal(name) or name in self._names

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        if not self.host_allowed(header(scope, b"host")):
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})  # before accept: HTTP 403
            else:
                await plain_response(send, 403, "Unknown host.\n")
            return
        if scope["type"] == "websocket":
            await self.app(scope, receive, send)
            return

        async def send_with_frame_headers(message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", ())}
                extra = [header for header in FRAME_HEADERS if header[0] not in present]
                message = {**message, "headers": [*message.get("headers", ()), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_frame_headers)


class UploadTooLarge(Exception):
    """A request body went past the upload limit while it was arriving."""


class UploadLimit:
    """Refuse uploads over the limit before their body is buffered anywhere."""

    def __init__(self, app, max_upload_bytes: Callable[[], int]) -> None:
        self.app = app
        self.max_upload_bytes = max_upload_bytes

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or UPLOAD_PATH not in scope["path"]:
            await self.app(scope, receive, send)
            return
        limit = self.max_upload_bytes() + MULTIPART_OVERHEAD_BYTES
        declared = header(scope, b"content-length")
        if declared is not None:
            if not declared.strip().isdigit():
                await plain_response(send, 400, "Bad Content-Length.\n")
                return
            if int(declared) > limit:
                await plain_response(send, 413, "File too large.\n")
                return
        received = 0
        response_started = False

        async def counting_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise UploadTooLarge
            return message

        async def tracking_send(message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except UploadTooLarge:
            if not response_started:
                await plain_response(send, 413, "File too large.\n")
