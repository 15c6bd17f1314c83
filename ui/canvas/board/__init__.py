"""The canvas board: a Streamlit Custom Component (v2, inline, no iframe, no build step).

Registered once, when this module is first imported. The component reports each user
action as one trigger value, `action` (a dict with an `op`), and the page handles it in
the `on_action_change` callback before the next run draws the board again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

HERE = Path(__file__).parent
HTML = '<div class="nb-host"></div>'

_component = st.components.v2.component(
    "nilai_board",
    html=HTML,
    css=(HERE / "board.css").read_text(encoding="utf-8"),
    js=(HERE / "board.js").read_text(encoding="utf-8"),
)


def board(payload: dict[str, Any], *, key: str, on_action: Callable[[], None]) -> Any:
    """Mount the board. `on_action` runs when the user acts; read the action with `last_action(key)`."""
    return _component(data=payload, key=key, on_action_change=on_action, height="content")


def last_action(key: str) -> dict[str, Any] | None:
    """The action the board just reported (inside the on_action callback)."""
    state = st.session_state.get(key)
    if state is None:
        return None
    value = state.get("action") if hasattr(state, "get") else None
    return value if isinstance(value, dict) else None
