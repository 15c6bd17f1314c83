"""The live-update endpoints: GET /api/live/<workshop id> -> {"revision": n}, and the
board feed the browser draws the live board from (server/feed.py).

Every participant's browser polls this instead of rerunning a Streamlit fragment each
second. A poll is one small query and no script run; the page reruns its board fragment
only when the revision moved. Workshop ids are random UUIDs, so the endpoint can't be
used to find workshops, and it reveals nothing but a counter.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from core.errors import NilaiError
from server.feed import feed_routes

if TYPE_CHECKING:  # importing storage pulls in SQLAlchemy: the warm start does that off the main thread
    from storage.store import Store

LIVE_PATH = "/api/live"
WORKSHOP_ID = re.compile(r"[0-9a-f]{32}")
NO_STORE = {"Cache-Control": "no-store"}


def live_routes(store_provider: Callable[[], Store]) -> list[Route]:
    """The endpoint, reading through `store_provider` (the process's one store)."""

    def live_revision(request: Request) -> JSONResponse:
        # A plain def: Starlette runs it in its thread pool, so the query never blocks the loop.
        workshop_id = request.path_params["workshop_id"]
        if not WORKSHOP_ID.fullmatch(workshop_id):
            return JSONResponse({"error": "not_found"}, status_code=404, headers=NO_STORE)
        try:
            revision = store_provider().workshops.live_revision(workshop_id)
        except NilaiError:
            return JSONResponse({"error": "unavailable"}, status_code=503, headers=NO_STORE)
        except Exception:  # the database went away mid-query: the browser retries
            logging.getLogger("nilai").warning("live revision query failed", exc_info=True)
            return JSONResponse({"error": "unavailable"}, status_code=503, headers=NO_STORE)
        if revision is None:
            return JSONResponse({"error": "not_found"}, status_code=404, headers=NO_STORE)
        return JSONResponse({"revision": revision}, headers=NO_STORE)

    # The feed first: its path would otherwise match the revision route's pattern.
    return [*feed_routes(store_provider), Route(LIVE_PATH + "/{workshop_id}", live_revision, methods=["GET"])]


def live_url(workshop_id: str) -> str:
    """The path the browser polls (relative to the app's origin)."""
    return f"{LIVE_PATH}/{workshop_id}"
