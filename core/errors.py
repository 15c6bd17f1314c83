"""Domain errors. Each carries a catalog key and parameters so the UI can say it in
the user's language; none of them carries a traceback to the user."""

from __future__ import annotations

from typing import Any


class NilaiError(Exception):
    key = "error.generic"

    def __init__(self, key: str | None = None, **params: Any) -> None:
        self.key = key or self.key
        self.params = params
        super().__init__(f"{self.key} {params}" if params else self.key)


class InvalidInput(NilaiError):
    """Input failed validation. `problems` lists (field, catalog key, params)."""

    key = "error.invalid_input"

    def __init__(self, problems: list[tuple[str, str, dict[str, Any]]]) -> None:
        self.problems = problems
        super().__init__(self.key, count=len(problems))


class NotFound(NilaiError):
    key = "error.not_found"


class StaleVersion(NilaiError):
    """Someone else changed the row since the caller read it. `current` is the row now."""

    key = "error.stale_version"

    def __init__(self, current: Any) -> None:
        self.current = current
        super().__init__(self.key)


class Forbidden(NilaiError):
    key = "error.forbidden"


class StorageUnavailable(NilaiError):
    key = "error.storage_unavailable"
