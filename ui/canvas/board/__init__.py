"""The canvas board: a Streamlit Custom Component (v2, inline, no iframe, no build step).

Registered once, when this module is first imported. The component reports each user
action as one trigger value, `action` (a dict with an `op`), and the page handles it in
the `on_action_change` callback before the next run draws the board again
(ui/common/component_actions.py: exactly once, even on a process new to the session).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

from ui.common import component_actions

HERE = Path(__file__).parent
HTML = '<div class="nb-host"></div>'

_component = st.components.v2.component(
    "nilai_board",
    html=HTML,
    css=(HERE / "board.css").read_text(encoding="utf-8"),
    js=(HERE / "board.js").read_text(encoding="utf-8"),
)


def board(payload: dict[str, Any], *, key: str, on_action: Callable[[], None]) -> Any:
    """Mount the board. `on_action` runs once for each user action; read it with `last_action(key)`."""
    return component_actions.mount(_component, payload, key=key, on_action=on_action)
