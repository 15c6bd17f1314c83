"""Warm start: while the browser is still loading Streamlit's JavaScript, import what the
first page needs and open the store (create, migrate, seed). The first script run then
finds all of it done instead of doing it while the user waits.

It can't race the first request: `HoldUntilWarm` keeps every websocket (where sessions
and their script runs start) and every /api request waiting until the warm-up thread has
finished. Static files and the health check are served at once, so the browser loads
Streamlit's JavaScript in the meantime. (Before, a page reconnecting in the first second
after a restart imported the same modules as the warm-up thread at the same moment and
could meet one half-initialised.)
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import importlib
import logging
import threading

GC_YOUNG_THRESHOLD = 20_000  # Python's default is 700 allocations

# What app.py and Home import, heaviest first; the other pages load on first visit.
FIRST_PAGE_MODULES = (
    "storage",
    "core.settings",
    "ui.common.shell",
    "ui.common.class_links",
    "ui.workshop.live",
    "ui.home.project_list",
)


def settle_navigation_mode() -> None:
    """Nilai always builds its pages with st.navigation. Until one script run has called it,
    Streamlit takes the pages/ folder for an old-style multipage app and runs a page file
    alone, without app.py (raw page names in the sidebar, "Choose a project first"). Sessions
    start only after the warm start, so settling the mode here leaves no first run to race."""
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False


def warm_up() -> None:
    settle_navigation_mode()
    try:
        for name in FIRST_PAGE_MODULES:
            importlib.import_module(name)
        from ui.common.state import get_store

        get_store()  # cached per process: the first session reuses this store
    except Exception:
        # The first page opens the store again and explains the problem to the user.
        logging.getLogger("nilai").info("warm start skipped", exc_info=True)
    finally:
        # Everything loaded so far lives as long as the process: keep it out of the
        # garbage collector's full passes, which otherwise stall every session (~0.3 s
        # each on a busy workshop server) to walk through it again and again.
        gc.freeze()
        # Collect young objects less often: each script run leaves short-lived garbage,
        # and at the default threshold the collector runs hundreds of times a second.
        gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])


# A warm-up stuck on an unreachable database gives up long before this; the cap only
# keeps a browser from waiting forever if something unforeseen hangs.
MAX_HOLD_SECONDS = 60


class WarmStart:
    """The warm-up thread of one server, and the moment it is done."""

    def __init__(self) -> None:
        self._ready: asyncio.Event | None = None

    def begin(self) -> threading.Thread:
        """Start warming up; call on the server's event loop (the app's lifespan)."""
        loop = asyncio.get_running_loop()
        ready = self._ready = asyncio.Event()

        def run() -> None:
            try:
                warm_up()
            finally:
                with contextlib.suppress(RuntimeError):  # the server stopped meanwhile
                    loop.call_soon_threadsafe(ready.set)

        thread = threading.Thread(target=run, name="nilai-warm-up", daemon=True)
        thread.start()
        return thread

    async def wait(self) -> None:
        if self._ready is None or self._ready.is_set():
            return
        try:
            await asyncio.wait_for(self._ready.wait(), MAX_HOLD_SECONDS)
        except TimeoutError:
            logging.getLogger("nilai").warning("warm start still running after %s s", MAX_HOLD_SECONDS)


class HoldUntilWarm:
    """ASGI middleware: sessions (websockets) and /api requests start after the warm-up."""

    def __init__(self, app, warm_start: WarmStart) -> None:
        self.app = app
        self.warm_start = warm_start

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "websocket" or (scope["type"] == "http" and "/api/" in scope["path"]):
            await self.warm_start.wait()
        await self.app(scope, receive, send)
