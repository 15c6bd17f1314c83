"""The process-wide Store."""

from __future__ import annotations

import streamlit as st

from core.settings import get_settings
from storage.store import Store, open_store


@st.cache_resource(show_spinner=False)
def get_store() -> Store:
    """One store per process: the engine's pool is shared by every session."""
    return open_store(get_settings())
