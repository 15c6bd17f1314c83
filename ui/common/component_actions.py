"""Nilai's components (the canvas board, the assumptions map) report each user action as
one trigger value, `action`: a dict with an `op` and a nonce. This mounts one and hands
each action to the page's callback exactly once.

On a team server a browser whose process stopped reconnects to another, where its session
is new and Streamlit knows a component's callback only after a run of the page. An action
that arrives before that run has no callback to go to; the nonce of the last action
handled tells it apart, so it is handled here, once, and the page is drawn again.

The callback checks the same nonce: Streamlit may call it twice for one trigger (a rerun
that interrupts the run which handled it carries the same trigger value again), and one
Enter once made two identical notes 15 ms apart."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st


def mount(component: Callable[..., Any], payload: dict[str, Any], *, key: str, on_action: Callable[[], None]) -> Any:
    """The component, with `on_action` run for each action (read it with `last_action(key)`)."""
    handled_key = f"{key}.handled_nonce"

    def handle() -> None:
        nonce = _nonce(key)
        if nonce is not None and st.session_state.get(handled_key) == nonce:
            return  # this action was handled already, on this path or the other
        st.session_state[handled_key] = nonce
        on_action()

    result = component(data=payload, key=key, on_action_change=handle, height="content")
    nonce = _nonce(key)
    if nonce is not None and st.session_state.get(handled_key) != nonce:
        handle()
        st.rerun()  # draw it again, with the action's outcome
    return result


def last_action(key: str) -> dict[str, Any] | None:
    """The action the component just reported (inside the on_action callback)."""
    state = st.session_state.get(key)
    if state is None:
        return None
    value = state.get("action") if hasattr(state, "get") else None
    return value if isinstance(value, dict) else None


def _nonce(key: str) -> str | None:
    action = last_action(key)
    nonce = action.get("nonce") if action else None
    return nonce if isinstance(nonce, str) else None
