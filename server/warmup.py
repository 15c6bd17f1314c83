"""Warm start: while the browser is still loading Streamlit's JavaScript, import what the
first page needs and open the store (create, migrate, seed). The first script run then
finds all of it done instead of doing it while the user waits."""

from __future__ import annotations

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
    "ui.classroom.access",
    "ui.workshop.live",
    "ui.home.project_list",
)


def warm_up() -> None:
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


def start_warm_up() -> threading.Thread:
    thread = threading.Thread(target=warm_up, name="nilai-warm-up", daemon=True)
    thread.start()
    return thread
