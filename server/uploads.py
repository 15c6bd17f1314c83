"""Uploads only where a page asks for a file, and only so many of them.

Streamlit takes a file for any live session at `PUT /_stcore/upload_file/<session>/<file>`,
whatever that session's page shows, and keeps it in memory until the session ends. So:

* A page shows a file uploader through ui/common/uploads.py, which tells its `UploadOffers`
  that this session's run showed one; when the run ends (ui/common/shell.run_page), the
  session is marked as offering uploads exactly if that run showed one.
* `UploadGate` refuses, before a byte of the body is read: a session whose current page
  offers no uploader (403), a body without a Content-Length (411: the size must be
  counted first), and a file past the limits per session and per client address (429),
  counted in the database like every other flood limit (core/limits.py).
* `release_freed_memory_promptly` makes glibc give big freed buffers back to the system:
  by default it raises its mmap threshold after the first big free, so later 19 MB
  uploads land on the heap, and the process keeps that memory after the files are gone.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import math
from collections.abc import Callable

import anyio

from core.errors import RateLimited
from core.limits import UPLOAD_FILES, UPLOAD_MEGABYTES, client_subject
from server.guard import header, plain_response
from storage.store import Store
from ui.common.uploads import UploadOffers, upload_offers

UPLOAD_PATH = "/_stcore/upload_file/"
MB = 1024 * 1024
# glibc's mallopt parameter, and the size from which a buffer gets its own mapping.
M_MMAP_THRESHOLD = -3
OWN_MAPPING_FROM_BYTES = 256 * 1024
MESSAGES_TO_SESSION_ID = 8


def upload_session_id(path: str) -> str | None:
    """The session id in an upload path, or None for any other path."""
    _, marker, rest = path.partition(UPLOAD_PATH)
    if not marker:
        return None
    session_id = rest.split("/", 1)[0]
    return session_id or None


def count_upload(store: Store, session_id: str, client_address: str | None, size_bytes: int) -> None:
    """Count one file of `size_bytes` against the session's and the address's limits, or
    raise RateLimited (counting nothing more)."""
    megabytes = max(1, math.ceil(size_bytes / MB))
    subjects = (f"session:{session_id}", f"client:{client_subject(client_address)}")
    with store.db.transaction() as conn:
        for subject in subjects:
            store.limits.take_in(conn, UPLOAD_FILES, subject)
            store.limits.take_in(conn, UPLOAD_MEGABYTES, subject, amount=megabytes)


class UploadGate:
    """Refuse uploads to sessions that show no uploader, and past the upload limits."""

    def __init__(
        self, app, store_provider: Callable[[], Store], offers: Callable[[], UploadOffers] = upload_offers
    ) -> None:
        self.app = app
        self.store_provider = store_provider
        self.offers = offers

    async def __call__(self, scope, receive, send) -> None:
        session_id = upload_session_id(scope.get("path", "")) if scope["type"] == "http" else None
        if session_id is None or scope.get("method") != "PUT":
            await self.app(scope, receive, send)
            return
        if not self.offers().offers(session_id):
            await plain_response(send, 403, "This page takes no files.\n")
            return
        declared = (header(scope, b"content-length") or "").strip()
        if not declared.isdigit():
            await plain_response(send, 411, "An upload needs a Content-Length.\n")
            return
        client = scope.get("client")
        address = client[0] if client else None
        try:
            await anyio.to_thread.run_sync(count_upload, self.store_provider(), session_id, address, int(declared))
        except RateLimited:
            await plain_response(send, 429, "Too many files from this device; wait a few minutes.\n")
            return
        except Exception:  # the database is away: refuse the file rather than take it uncounted
            logging.getLogger("nilai").warning("upload limit check failed", exc_info=True)
            await plain_response(send, 503, "Try again in a moment.\n")
            return
        await self.app(scope, receive, send)


def release_freed_memory_promptly() -> bool:
    """Give every buffer of OWN_MAPPING_FROM_BYTES or more its own mapping, returned to the
    system when freed (glibc only; elsewhere nothing changes). True when it took effect."""
    name = ctypes.util.find_library("c")
    if not name:
        return False
    try:
        libc = ctypes.CDLL(name)
        return bool(libc.mallopt(M_MMAP_THRESHOLD, OWN_MAPPING_FROM_BYTES))
    except (OSError, AttributeError):
        return False


def _new_session_id(message) -> str | None:
    """The session id in Streamlit's first message on a websocket (NewSession), if this is it."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    payload = message.get("bytes") if message.get("type") == "websocket.send" else None
    if not payload:
        return None
    try:
        forward = ForwardMsg.FromString(payload)
    except Exception:  # noqa: BLE001 - not a ForwardMsg: nothing to learn from it
        return None
    if forward.WhichOneof("type") != "new_session":
        return None
    return forward.new_session.initialize.session_id or None


def _drop_session_files(session_id: str) -> None:
    from streamlit import runtime

    if runtime.exists():
        runtime.get_instance().uploaded_file_mgr.remove_session_files(session_id)


class FreeUploadsOnDisconnect:
    """When a session's websocket closes, its uploaded files go at once. Streamlit keeps a
    closed session for server.disconnectedSessionTTL (120 s) in case it reconnects, and its
    files with it; a page that reconnects asks for its file again, which is the better trade."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "websocket":
            await self.app(scope, receive, send)
            return
        seen: list[str] = []
        looked = 0

        async def watching_send(message) -> None:
            nonlocal looked
            # NewSession is among a connection's first messages: only those are decoded.
            if not seen and looked < MESSAGES_TO_SESSION_ID:
                looked += 1
                if session_id := _new_session_id(message):
                    seen.append(session_id)
            await send(message)

        try:
            await self.app(scope, receive, watching_send)
        finally:
            for session_id in seen:
                _drop_session_files(session_id)
