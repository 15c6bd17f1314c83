"""Requests arriving at once, for the tests of rules the database must hold under races."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


def all_at_once(count: int, action: Callable[[int], Any]) -> list[Any]:
    """Run `action(i)` in `count` threads released together; each result or exception."""
    start = threading.Barrier(count)
    results: list[Any] = [None] * count

    def run(index: int) -> None:
        start.wait()
        try:
            results[index] = action(index)
        except Exception as error:  # noqa: BLE001  (collected; the test asserts on each)
            results[index] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results
