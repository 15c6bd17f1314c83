"""Per page run memos. What a session proves (its workspace access, its actor) is worked
out once per page run: pages ask for it at every domain call. `new_run` starts a run
afresh, so a revoked link or key stops at the next run. Widget callbacks, which Streamlit
runs before the page, and fragment reruns use what the page's last run proved."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

RUN_KEY = "ui.run"
MEMO_KEY = "ui.run_memo"
T = TypeVar("T")


def new_run() -> None:
    """A page run begins (the shell and every page call this)."""
    st.session_state[RUN_KEY] = st.session_state.get(RUN_KEY, 0) + 1
    st.session_state.pop(MEMO_KEY, None)


def once_per_run(key: Any, compute: Callable[[], T]) -> T:
    """`compute()`, or what it gave earlier in this page run for the same key."""
    run = st.session_state.get(RUN_KEY, 0)
    memo = st.session_state.get(MEMO_KEY)
    if memo is None or memo[0] != run:
        memo = (run, {})
        st.session_state[MEMO_KEY] = memo
    found: dict[Any, Any] = memo[1]
    if key not in found:
        found[key] = compute()
    return found[key]
