"""The live-update endpoints beside Streamlit: the board feed every live board follows
(server/feed.py) and the board's writes (server/actions.py), each opened only with the
viewer's own credential. They share one LiveFeed, so a write wakes the room's long polls
in this process at once.

There is deliberately no endpoint keyed by a workshop id alone: knowing an id (from a log,
a shared screen) must not be enough to watch a room, not even its revision counter.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from starlette.routing import Route

from server.actions import action_routes
from server.feed import LiveFeed, feed_routes

if TYPE_CHECKING:  # importing storage pulls in SQLAlchemy: the warm start does that off the main thread
    from storage.store import Store


def live_routes(store_provider: Callable[[], Store]) -> list[Route]:
    """The endpoints, reading through `store_provider` (the process's one store)."""
    live = LiveFeed(store_provider)
    return [*feed_routes(store_provider, live), *action_routes(store_provider, live)]
