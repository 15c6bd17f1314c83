"""The edge middleware on its own (server/guard.py); tests/e2e/test_edge.py drives a real server."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from server.guard import HostGuard, UploadLimit, allowed_host_names, host_name

MB = 1024 * 1024


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("localhost:8501", "localhost"),
        ("LocalHost", "localhost"),
        ("[::1]:8501", "::1"),
        ("[::ffff:127.0.0.1]", "::ffff:127.0.0.1"),
        ("127.0.0.1", "127.0.0.1"),
        ("nilai.example.:443", "nilai.example"),
    ],
)
def test_the_host_name_is_read_without_port_or_brackets(header: str, name: str) -> None:
    assert host_name(header) == name


def test_only_this_machine_ip_literals_and_the_public_url_are_allowed() -> None:
    names = allowed_host_names("https://nilai.kampus.example:8443/base", machine_names={"localhost", "laptop"})
    guard = HostGuard(app=None, allowed_names=lambda: names)
    for host in (
        "localhost:8501",
        "laptop",
        "127.0.0.1:8501",
        "[::1]:8501",
        "192.168.1.20:8501",
        "nilai.kampus.example",
    ):
        assert guard.host_allowed(host), host
    for host in (
        None,
        "",
        "rebound.example",
        "127.0.0.1.rebound.example",
        "localhost.rebound.example",
        "kampus.example",
        "localhost:8711, evil.example",
        "localhost:8711,evil.example",
        "localhost evil.example",
        "evil.example@localhost",
        "localhost:8711/x",
    ):
        assert not guard.host_allowed(host), host


async def _read_all_then_answer(scope, receive, send) -> None:
    """Like Streamlit's upload handler: read the whole body, then answer 204."""
    while (await receive()).get("more_body"):
        pass
    await send({"type": "http.response.start", "status": 204, "headers": []})
    await send({"type": "http.response.body", "body": b""})


def _status(path: str, chunks: list[bytes], headers: list | None = None) -> tuple[int, int]:
    """The response status, and how many body bytes the app was allowed to read."""
    guard = UploadLimit(_read_all_then_answer, max_upload_bytes=lambda: 2 * MB)
    pending = list(chunks)
    given = 0
    statuses = []

    async def receive():
        nonlocal given
        if pending:
            chunk = pending.pop(0)
            given += len(chunk)
            return {"type": "http.request", "body": chunk, "more_body": True}
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message) -> None:
        if message["type"] == "http.response.start":
            statuses.append(message["status"])

    scope = {"type": "http", "path": path, "headers": headers or []}
    # Its own thread: a browser test earlier on this xdist worker may leave Playwright's
    # loop running on the main thread, where asyncio.run refuses to start.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, guard(scope, receive, send)).result()
    return statuses[0], given


def test_an_upload_over_the_limit_is_refused_by_its_length_before_reading() -> None:
    declared = [(b"content-length", str(50 * MB).encode())]
    assert _status("/_stcore/upload_file/s/f", [b"x" * MB] * 50, declared) == (413, 0)


def test_a_chunked_upload_is_cut_off_just_past_the_limit() -> None:
    status, read = _status("/_stcore/upload_file/s/f", [b"x" * MB] * 50)
    assert status == 413
    assert read <= 4 * MB  # the limit, the multipart allowance and one chunk


def test_uploads_within_the_limit_and_other_paths_pass() -> None:
    assert _status("/_stcore/upload_file/s/f", [b"x" * MB])[0] == 204
    assert _status("/api/live/abc", [b"x" * MB] * 5)[0] == 204
