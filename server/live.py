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

from starlette.routing import Route

from server.actions import action_routes
from server.canvas_feed import canvas_feed_routes
from server.feed import LiveFeed, feed_routes

if TYPE_CHECKING:  # importing storage pulls in SQLAlchemy: the warm start does that off the main thread
    from storage.store import Store


def live_routes(store_provider: Callable[[], Store], live: LiveFeed | None = None) -> list[Route]:
    """The endpoints, reading through `store_provider` (the process's one store)."""
    live = live or LiveFeed(store_provider)
    return [*feed_routes(store_provider, live), *action_routes(store_provider, live), *canvas_feed_routes(live)]


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
