"""A "create" popover that closes once its form has saved, so the next step shows
instead of an open form that invites a second, duplicate submit."""

from __future__ import annotations

from typing import Any

import streamlit as st

CLOSE_SUFFIX = ".close"


def closing_popover(label: str, key: str, **kwargs: Any):
    """st.popover that tracks its open state (on_change="rerun"), so it can be closed."""
    if st.session_state.pop(key + CLOSE_SUFFIX, False):
        st.session_state[key] = False  # before the widget exists in this run: allowed
    return st.popover(label, key=key, on_change="rerun", **kwargs)


def close_popover(key: str) -> None:
    """Call before st.rerun() after a save: the next run draws the popover closed."""
    st.session_state[key + CLOSE_SUFFIX] = True
