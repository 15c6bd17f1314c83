"""The assumptions map: a Streamlit Custom Component (v2, inline, no iframe, no build step),
built like the canvas board (ui/canvas/board). It reports each user action as one trigger
value, `action` (a dict with an `op`: place, select, reset), handled in the page's
`on_action_change` callback before the next run draws the map again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

from ui.common import component_actions

HERE = Path(__file__).parent

_component = st.components.v2.component(
    "nilai_assumptions_map",
    html='<div class="am-host"></div>',
    css=(HERE / "map.css").read_text(encoding="utf-8"),
    js=(HERE / "map.js").read_text(encoding="utf-8"),
)


def assumptions_map(payload: dict[str, Any], *, key: str, on_action: Callable[[], None]) -> Any:
    return component_actions.mount(_component, payload, key=key, on_action=on_action)
