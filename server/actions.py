"""POST /api/live/action: the live board's writes, beside the feed on the app's own server.

A note, a dot, a dot taken back or a delete is one domain call (workshop/live_actions.py)
made with the writer's own credential (`Authorization: Bearer ...`, as for the feed), with
the same limits and scope checks as the page's, and exactly once by the browser's nonce.
No Streamlit script runs for it: before this, each write was a page run of its writer's
session, and under load those queued behind each other.

The guard: a browser sends Origin with a POST and it must be this server's own; the body
must be JSON (a cross-site form can't send that without a CORS preflight, which this
server never grants) and small; the credential travels in a header a browser never adds
by itself, so a forged page can't write in someone's name.

Answers: 200 with `confirmed` (the new revision: the writer's board asks the feed for it)
or `refused` (a catalog key and its message in the participant's language); 403 for a
forged, foreign or projector credential (nothing done, nothing told); 400 for a body that
is not an action; 503 when the database is away (the browser retries with the same nonce).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from core.errors import InvalidInput, NilaiError
from core.routes import ACTION_PATH
from server.feed import NO_STORE, bearer_credential

if TYPE_CHECKING:  # storage pulls in SQLAlchemy: the warm start imports it off the main thread
    from server.feed import LiveFeed
    from storage.store import Store

# Writes run on threads of their own: in the shared pool they queued behind hundreds of
# long-poll answers a busy room wakes at once, and a note took seconds to be confirmed.
WRITE_THREADS = 4
MAX_BODY_BYTES = 4096  # workshop.live_actions.MAX_BODY_BYTES, without importing the domain at start


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if origin is None:  # not a browser's cross-site request (browsers send Origin with a POST)
        return True
    return urlsplit(origin).netloc.lower() == request.headers.get("host", "").lower()


def _answer(status: int, body: dict) -> JSONResponse:
    return JSONResponse(body, status_code=status, headers=NO_STORE)


async def _body(request: Request) -> bytes | None:
    """The body, or None past MAX_BODY_BYTES (counted as it arrives: nothing big is buffered)."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY_BYTES):
        return None
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            return None
    return body


def action_routes(store_provider: Callable[[], Store], live: LiveFeed) -> list[Route]:
    writers = ThreadPoolExecutor(max_workers=WRITE_THREADS, thread_name_prefix="nilai-live-write")

    def perform(credential: str, raw: bytes) -> tuple[int, dict, str | None, int | None]:
        from workshop import live_actions

        store = store_provider()
        try:
            action = live_actions.parse(raw)
        except InvalidInput:
            return 400, {"status": "refused", "key": "workshop.live.bad_action"}, None, None
        outcome = live_actions.perform(store, credential, action)
        if outcome.status == "refused" and outcome.key == "workshop.error.bad_link":
            return 403, outcome.as_json(None), None, None
        revision = store.workshops.project_revision(outcome.workshop_id) if outcome.workshop_id else None
        return 200, outcome.as_json(revision), outcome.workshop_id, revision

    async def live_action(request: Request) -> Response:
        if not _same_origin(request):
            return _answer(403, {"status": "refused", "key": "forbidden"})
        if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
            return _answer(415, {"status": "refused", "key": "workshop.live.bad_action"})
        credential = bearer_credential(request)
        if not credential or len(credential) > 200:
            return _answer(403, {"status": "refused", "key": "workshop.error.bad_link"})
        raw = await _body(request)
        if raw is None:
            return _answer(413, {"status": "refused", "key": "workshop.live.bad_action"})
        try:
            loop = asyncio.get_running_loop()
            status, body, workshop_id, revision = await loop.run_in_executor(writers, perform, credential, raw)
        except NilaiError:  # the database away or busy: nothing was stored, or the nonce says so next time
            return _answer(503, {"status": "unavailable"})
        except Exception:
            logging.getLogger("nilai").warning("live action failed", exc_info=True)
            return _answer(503, {"status": "unavailable"})
        if workshop_id is not None:
            live.changed(workshop_id, revision)
        return _answer(status, body)

    return [Route(ACTION_PATH, live_action, methods=["POST"])]
