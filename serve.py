"""Nilai's server entry point: `streamlit run serve.py`.

Streamlit's app (app.py and pages/) plus what runs beside it in the same process: the
endpoint browsers poll for live workshop updates, and a warm start that sessions wait for
(server/warmup.py), so no page imports a module while the warm-up is importing it.
"""

from contextlib import asynccontextmanager

import streamlit as st
from starlette.middleware import Middleware

from server.live import live_routes
from server.warmup import HoldUntilWarm, WarmStart


def _store():
    from ui.common.state import get_store  # imported late: the warm start does it first

    return get_store()


# One per server process, like `app` below (`streamlit run` finds `app = st.App(...)` by
# reading this file, so both stay at module level).
warm_start = WarmStart()


@asynccontextmanager
async def _lifespan(_app):
    warm_start.begin()  # not awaited: static files and health checks are served at once
    yield


app = st.App(
    "app.py",
    routes=live_routes(_store),
    lifespan=_lifespan,
    middleware=[Middleware(HoldUntilWarm, warm_start=warm_start)],
)
