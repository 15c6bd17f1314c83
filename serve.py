"""Nilai's server entry point: `streamlit run serve.py`.

Streamlit's app (app.py and pages/) plus what runs beside it in the same process: the
endpoint browsers poll for live workshop updates, and a warm start.
"""

from contextlib import asynccontextmanager

import streamlit as st

from server.live import live_routes
from server.warmup import start_warm_up


def _store():
    from ui.common.state import get_store  # imported late: the warm start does it off the main thread

    return get_store()


@asynccontextmanager
async def _lifespan(_app):
    start_warm_up()  # not awaited: the server starts serving at once
    yield


app = st.App("app.py", routes=live_routes(_store), lifespan=_lifespan)
