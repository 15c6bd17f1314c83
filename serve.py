"""Nilai's server entry point: `streamlit run serve.py`.

Streamlit's app (app.py and pages/) plus what runs beside it in the same process: the
live board feed browsers follow (server/feed.py), and a warm start that sessions wait for
(server/warmup.py), so no page imports a module while the warm-up is importing it.
The live endpoints are answered by a middleware ahead of the rest (server/live.py).
At the edge (server/guard.py, server/uploads.py), requests with a foreign Host header,
uploads to a page without an uploader or past the upload limits, and oversize uploads are
refused before anything else sees them.
"""

import sys
from contextlib import asynccontextmanager

import streamlit as st
from pydantic import ValidationError
from starlette.middleware import Middleware
from streamlit import config

from core.settings import get_settings, settings_problems
from operate import logs
from operate.backups import DailyBackups
from server.feed import LiveFeed
from server.guard import HostGuard, UploadLimit, allowed_host_names
from server.lean_imports import install as install_lean_imports
from server.live import LiveRoutesFirst, end_long_polls_when_stopping, live_routes
from server.operations import RequestMetrics, metrics_routes, ready_routes
from server.sign_in import ReturnAfterSignIn, auth_secrets
from server.uploads import FreeUploadsOnDisconnect, UploadGate, release_freed_memory_promptly
from server.warmup import HoldUntilWarm, WarmStart
from server.workspace_pass import workspace_pass_routes

# Settings are checked before the server starts: a bad value (say, a workspace key that
# is too short) stops it with one line naming the variable, instead of every page later
# saying that the database can't be opened.
try:
    get_settings()
except ValidationError as error:
    for problem in settings_problems(error):
        print(f"[nilai] {problem}", file=sys.stderr, flush=True)
    sys.exit(2)
if (sign_in_problem := get_settings().sign_in_problem()) is not None:
    print(f"[nilai] {sign_in_problem}", file=sys.stderr, flush=True)
    sys.exit(2)


def _store():
    from ui.common.state import get_store  # imported late: the warm start does it first

    return get_store()


install_lean_imports()  # the canvas page needn't import pandas (server/lean_imports.py)
release_freed_memory_promptly()  # uploads' memory goes back to the system (server/uploads.py)

# One per server process, like `app` below (`streamlit run` finds `app = st.App(...)` by
# reading this file, so both stay at module level).
warm_start = WarmStart()
live_feed = LiveFeed(_store)


@asynccontextmanager
async def _lifespan(_app):
    warm_start.begin()  # not awaited: static files and health checks are served at once
    end_long_polls_when_stopping(live_feed)
    daily_backups.start()
    yield
    daily_backups.stop()


def _metrics():
    from ui.common.store import get_metrics

    return get_metrics()


logs.configure(get_settings())  # NILAI_LOG_FORMAT=json: JSON lines (operate/logs.py)
daily_backups = DailyBackups(get_settings())  # NILAI_BACKUP_DAILY_AT: one backup a day (SQLite)


def _max_upload_bytes() -> int:
    return int(config.get_option("server.maxUploadSize")) * 1024 * 1024  # the option is in MB


app = st.App(
    "app.py",
    routes=[
        *workspace_pass_routes(get_settings),
        *ready_routes(_store),
        *metrics_routes(_metrics, get_settings),
    ],
    lifespan=_lifespan,
    # With sign-in configured, Streamlit's st.login reads its [auth] section from here.
    secrets=auth_secrets(get_settings()),
    middleware=[
        # Counting every request (even refused ones) costs nothing while /metrics is off.
        *([Middleware(RequestMetrics, metrics_provider=_metrics)] if get_settings().metrics_enabled else []),
        Middleware(HostGuard, allowed_names=lambda: allowed_host_names(get_settings().public_url)),
        Middleware(HoldUntilWarm, warm_start=warm_start),
        # The live board's feed and writes, answered here: a busy room makes hundreds a second.
        Middleware(LiveRoutesFirst, routes=lambda: live_routes(_store, live_feed)),
        Middleware(UploadLimit, max_upload_bytes=_max_upload_bytes),
        Middleware(UploadGate, store_provider=_store),
        Middleware(FreeUploadsOnDisconnect),
        Middleware(ReturnAfterSignIn),
    ],
)
