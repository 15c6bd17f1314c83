"""The live-update endpoints beside Streamlit: the board feed every live board follows
(server/feed.py), opened only with the viewer's own credential.

There is deliberately no endpoint keyed by a workshop id alone: knowing an id (from a log,
a shared screen) must not be enough to watch a room, not even its revision counter.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from starlette.routing import Route

from server.feed import feed_routes

if TYPE_CHECKING:  # importing storage pulls in SQLAlchemy: the warm start does that off the main thread
    from storage.store import Store


def live_routes(store_provider: Callable[[], Store]) -> list[Route]:
    """The endpoints, reading through `store_provider` (the process's one store)."""
    return feed_routes(store_provider)
