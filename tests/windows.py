"""Limit windows are fixed (core/limits.py): a test that counts up to a budget and then
expects a refusal must not straddle a window's end, or the count starts over midway."""

from __future__ import annotations

import time

from core.limits import Limit


def wait_for_fresh_window(limit: Limit, seconds_needed: float) -> None:
    """Sleep into the next window when the current one ends within `seconds_needed`."""
    left = limit.window_seconds - time.time() % limit.window_seconds
    if left < seconds_needed:
        time.sleep(left + 0.05)
