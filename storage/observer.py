"""The interface through which storage reports to whoever watches it (operate/metrics.py
through storage/observe.py); by default nobody does."""

from __future__ import annotations

from typing import Protocol


class Observer(Protocol):
    def notes_written(self, count: int) -> None: ...

    def database_error(self, kind: str) -> None: ...

    def limit_refused(self, bucket: str) -> None: ...


class NoObserver:
    """The default: nothing is counted (metrics are off)."""

    def notes_written(self, count: int) -> None:
        pass

    def database_error(self, kind: str) -> None:
        pass

    def limit_refused(self, bucket: str) -> None:
        pass
