"""The live status strip: step, timer and mode chips, plus the browser-side revision poll.

A Custom Component (v2, inline). It shows the chips the server built, counts the timer
down in the browser, and polls the live endpoint (server/live.py); when the project's
revision moves it sends one trigger, `changed`, which reruns the fragment it sits in.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

HERE = Path(__file__).parent

_component = st.components.v2.component(
    "nilai_live_watch",
    html='<div class="nl-live"></div>',
    js=(HERE / "live_watch.js").read_text(encoding="utf-8"),
)


def live_watch(*, status_html: str, url: str, revision: int, interval_seconds: float, key: str) -> None:
    """Mount the strip. A `changed` trigger reruns the enclosing fragment: nothing to handle."""
    _component(
        data={
            "status_html": status_html,
            "url": url,
            "revision": revision,
            "interval_ms": int(interval_seconds * 1000),
        },
        key=key,
        on_changed_change=_ignore,
        height="content",
    )


def _ignore() -> None:
    """The rerun the trigger causes is the point; there is nothing else to do."""
