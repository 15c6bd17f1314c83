"""GET /api/live/canvas: a project's revision, for the canvas pages open on it.

The canvas board (ui/canvas/board) follows it instead of a Streamlit fragment that ran
every few seconds in every open canvas session; when the revision passes the one the page
drew, the board asks its page for one run. The browser names itself with the pass its page
issued (`Authorization: Bearer ...`, projects/live_pass.py) and says which revision it
holds (`since`). The answer is `{"revision": n}` once the revision passes `since`;
with `wait=1` the request is held up to WAIT_SECONDS (a long poll: 304 when nothing
changed), else answered at once. The same machinery as the workshop feed (server/feed.py):
one watcher per project per process reads the revision every PROJECT_WATCH_SECONDS while
anyone waits, whatever the number of pages open on it, and a stop answers every long poll.

A forged, expired or foreign pass, or one whose actor may no longer read the project, gets
403 and nothing else (judged again at most every VIEWER_TTL seconds per pass); none gets 401.
What it costs: per open page, one request per WAIT_SECONDS while nothing changes and one
per change; per watched project, one indexed query per PROJECT_WATCH_SECONDS.
"""

from __future__ import annotations

import logging

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from core.errors import Forbidden, NilaiError, NotFound
from core.routes import CANVAS_FEED_PATH
from server.feed import NO_STORE, WAIT_SECONDS, LiveFeed, bearer_credential, int_param, refused

MAX_CREDENTIAL = 600  # projects.live_pass.MAX_LENGTH, without importing the domain at start


def canvas_feed_routes(live: LiveFeed) -> list[Route]:
    projects = live.projects

    async def canvas_feed(request: Request) -> Response:
        credential = bearer_credential(request)
        since = int_param(request, "since")
        wait = request.query_params.get("wait") == "1"
        if not credential:
            return refused(401, "unauthorized")
        if len(credential) > MAX_CREDENTIAL:
            return refused(403, "forbidden")
        try:
            opened = projects.known_pass(credential)
            if opened is None:
                opened = await run_in_threadpool(projects.open_pass, credential)
            watch = projects.watch(opened.project_id)
            if wait and since is not None:
                revision = await live.wait_past(watch, since, WAIT_SECONDS)
            else:
                revision = await run_in_threadpool(live.read, watch)
        except (Forbidden, NotFound):
            return refused(403, "forbidden")
        except NilaiError:
            return refused(503, "unavailable")
        except Exception:  # the database went away mid-query: the browser retries
            logging.getLogger("nilai").warning("canvas feed failed", exc_info=True)
            return refused(503, "unavailable")
        if revision is None:  # trashed (or mid-import) since the pass was judged: nothing to follow
            return refused(403, "forbidden")
        etag = f'"{revision}"'
        if (since is not None and since >= revision) or request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers={**NO_STORE, "ETag": etag})
        return JSONResponse({"revision": revision}, headers={**NO_STORE, "ETag": etag})

    return [Route(CANVAS_FEED_PATH, canvas_feed, methods=["GET"])]
