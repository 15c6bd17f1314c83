"""The process-wide Store, and the process's metrics (issue 28) when they are on."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from core.settings import get_settings
from examples.seeding import open_store
from storage.store import Store

if TYPE_CHECKING:  # prometheus_client is imported only by a server whose /metrics is on
    from operate.metrics import Metrics


@st.cache_resource(show_spinner=False)
def get_store() -> Store:
    """One store per process: the engine's pool is shared by every session."""
    store = open_store(get_settings())
    if get_settings().metrics_enabled:
        from storage.observe import watch

        watch(store.db, get_metrics())  # notes written, database errors, limit refusals
    return store


@st.cache_resource(show_spinner=False)
def get_metrics() -> Metrics:
    """One set of figures per server process (/metrics); the scrape reads the store lazily."""
    from operate.metrics import Metrics

    return Metrics(get_store)
