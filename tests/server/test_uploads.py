"""Uploads only for a session whose page shows an uploader, within limits counted in the
database (server/uploads.py), and refused before the body is read."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from core.limits import UPLOAD_FILES, UPLOAD_MEGABYTES
from server.uploads import UploadGate, upload_session_id
from storage.store import Store
from ui.common.uploads import UploadOffers

MB = 1024 * 1024
FILE_BYTES = 19 * MB


class _Offers(UploadOffers):
    def __init__(self, live: set[str]) -> None:
        super().__init__(lambda session_id: session_id in live)


async def _read_all_then_answer(scope, receive, send) -> None:
    while (await receive()).get("more_body"):
        pass
    await send({"type": "http.response.start", "status": 204, "headers": []})
    await send({"type": "http.response.body", "body": b""})


def _put(
    store: Store,
    offers: UploadOffers,
    session_id: str,
    *,
    size: int | None = FILE_BYTES,
    client: str = "192.168.1.50",
    method: str = "PUT",
) -> tuple[int, bool]:
    """The status, and whether the app behind the gate read the body."""
    gate = UploadGate(_read_all_then_answer, store_provider=lambda: store, offers=lambda: offers)
    read = False
    statuses = []

    async def receive():
        nonlocal read
        read = True
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message) -> None:
        if message["type"] == "http.response.start":
            statuses.append(message["status"])

    headers = [] if size is None else [(b"content-length", str(size).encode())]
    scope = {
        "type": "http",
        "method": method,
        "path": f"/_stcore/upload_file/{session_id}/file-1",
        "headers": headers,
        "client": (client, 50000),
    }
    with ThreadPoolExecutor(max_workers=1) as pool:  # see tests/server/test_guard.py
        pool.submit(asyncio.run, gate(scope, receive, send)).result()
    return statuses[0], read


def _offering(*session_ids: str) -> UploadOffers:
    offers = _Offers(set(session_ids))
    for session_id in session_ids:
        offers.run_started(session_id)
        offers.uploader_shown(session_id)
        offers.run_finished(session_id)
    return offers


def test_the_session_id_is_read_from_the_upload_path_only() -> None:
    assert upload_session_id("/_stcore/upload_file/abc-123/f") == "abc-123"
    assert upload_session_id("/base/_stcore/upload_file/abc/f") == "abc"
    assert upload_session_id("/_stcore/health") is None


def test_a_page_offers_uploads_exactly_while_its_last_run_showed_an_uploader() -> None:
    offers = _Offers({"s1"})
    assert not offers.offers("s1")
    offers.run_started("s1")
    offers.uploader_shown("s1")
    assert not offers.offers("s1")  # decided when the run ends
    offers.run_finished("s1")
    assert offers.offers("s1")
    offers.run_started("s1")  # the next page, still running: the last verdict holds
    assert offers.offers("s1")
    offers.run_finished("s1")  # it showed no uploader
    assert not offers.offers("s1")


def test_a_session_that_ended_offers_nothing() -> None:
    live = {"s1"}
    offers = UploadOffers(lambda session_id: session_id in live)
    offers.run_started("s1")
    offers.uploader_shown("s1")
    offers.run_finished("s1")
    live.clear()
    assert not offers.offers("s1")


def test_a_page_without_an_uploader_gets_no_file_and_its_body_is_never_read(sqlite_store: Store) -> None:
    offers = _Offers({"join-page"})
    for _ in range(20):
        assert _put(sqlite_store, offers, "join-page") == (403, False)
    assert sqlite_store.limits.count(UPLOAD_FILES, "session:join-page") == 0


def test_an_upload_without_a_length_is_refused_unread(sqlite_store: Store) -> None:
    assert _put(sqlite_store, _offering("voice"), "voice", size=None) == (411, False)


@pytest.mark.parametrize("engine", ["sqlite", "postgres"], indirect=True)
def test_a_flood_of_big_files_stops_at_the_megabyte_limit_per_session(store: Store) -> None:
    offers = _offering("voice")
    allowed = UPLOAD_MEGABYTES.allowed // 19  # 19 MB files
    results = [_put(store, offers, "voice") for _ in range(allowed + 3)]
    assert results[:allowed] == [(204, True)] * allowed
    assert results[allowed:] == [(429, False)] * 3
    assert store.limits.count(UPLOAD_MEGABYTES, "session:voice") == allowed * 19


def test_small_files_stop_at_the_file_limit_and_a_new_session_from_the_same_device_does_not_reset_it(
    sqlite_store: Store,
) -> None:
    offers = _offering("first", "second")
    first = [_put(sqlite_store, offers, "first", size=1000)[0] for _ in range(UPLOAD_FILES.allowed + 1)]
    assert first == [204] * UPLOAD_FILES.allowed + [429]
    assert _put(sqlite_store, offers, "second", size=1000)[0] == 429  # counted per address too
    assert _put(sqlite_store, offers, "second", size=1000, client="192.168.1.51")[0] == 204


def test_deleting_an_upload_and_other_paths_pass(sqlite_store: Store) -> None:
    assert _put(sqlite_store, _Offers(set()), "gone", method="DELETE") == (204, True)


def test_a_sessions_files_go_when_its_websocket_closes(monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    from server import uploads

    dropped: list[str] = []
    monkeypatch.setattr(uploads, "_drop_session_files", dropped.append)
    hello = ForwardMsg()
    hello.new_session.initialize.session_id = "session-7"

    async def streamlit_socket(scope, receive, send) -> None:
        await send({"type": "websocket.send", "bytes": b"not a message"})
        await send({"type": "websocket.send", "bytes": hello.SerializeToString()})
        assert dropped == []  # not while the socket is open

    async def send(message) -> None:
        pass

    gate = uploads.FreeUploadsOnDisconnect(streamlit_socket)
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, gate({"type": "websocket"}, None, send)).result()
    assert dropped == ["session-7"]
