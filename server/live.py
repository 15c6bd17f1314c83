"""The live-update endpoints beside Streamlit: the board feed every live board follows
(server/feed.py), the board's writes (server/actions.py) and the project revision the
canvas pages follow (server/canvas_feed.py), each opened only with the viewer's own
credential. They share one LiveFeed, so a write wakes the room's long polls in this
process at once, and a stop answers every long poll of either kind.

There is deliberately no endpoint keyed by a workshop or project id alone: knowing an id
(from a log, a shared screen) must not be enough to watch a room or a project, not even
its revision counter.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable
from typing import TYPE_CHECKING

from starlette.exceptions import HTTPException
from starlette.responses import PlainTextResponse
from starlette.routing import Route, Router

from core.routes import LIVE_PREFIX
from server.actions import action_routes
from server.canvas_feed import canvas_feed_routes
from server.feed import LiveFeed, feed_routes

if TYPE_CHECKING:  # importing storage pulls in SQLAlchemy: the warm start does that off the main thread
    from storage.store import Store


def live_routes(store_provider: Callable[[], Store], live: LiveFeed | None = None) -> list[Route]:
    """The endpoints, reading through `store_provider` (the process's one store)."""
    live = live or LiveFeed(store_provider)
    return [*feed_routes(store_provider, live), *action_routes(store_provider, live), *canvas_feed_routes(live)]


class LiveRoutesFirst:
    """ASGI middleware: the live endpoints answered here, ahead of the rest of the stack.

    A busy room makes hundreds of feed answers a second. Behind this one they passed
    Streamlit's own middleware (path security, a cookie session they never use, error
    pages, and gzip, which compressed the one shared board again for every browser that
    accepts it) and ours for uploads and sign-in. What must hold for them runs ahead of
    this one: the Host check (HostGuard) and the warm start (HoldUntilWarm). The endpoints
    refuse bad requests themselves; Starlette's own 404 and 405 are answered here."""

    def __init__(self, app, routes: Callable[[], list[Route]]) -> None:
        self.app = app
        self.router = Router(routes=routes())

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope["path"].startswith(LIVE_PREFIX):
            try:
                await self.router(scope, receive, send)
            except HTTPException as refusal:  # Starlette's 404 and 405, meant for the error middleware skipped here
                await PlainTextResponse(refusal.detail, refusal.status_code, refusal.headers)(scope, receive, send)
        else:
            await self.app(scope, receive, send)


def end_long_polls_when_stopping(live: LiveFeed) -> None:
    """On SIGTERM or SIGINT, answer every waiting long poll at once, then let the server's own
    handler stop it. Without this a stop (a restart, a deploy, a failover) waits up to
    WAIT_SECONDS for the polls that are open. Call it from the running server's lifespan,
    after uvicorn has put its handlers in place; off the main thread it does nothing."""
    loop = asyncio.get_running_loop()
    for stop_signal in (signal.SIGTERM, signal.SIGINT):
        previous = signal.getsignal(stop_signal)

        def stop(signum, frame, previous=previous) -> None:
            loop.call_soon_threadsafe(live.close)
            if callable(previous):
                previous(signum, frame)

        try:
            signal.signal(stop_signal, stop)
        except ValueError:  # not the main thread: nothing to chain to
            return
