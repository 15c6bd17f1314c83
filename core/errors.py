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


class Conflict(NilaiError):
    """The database refused a write that clashes with what is stored: a duplicate of a
    unique value, or a reference to a row that is gone. Storage raises it in place of the
    driver's IntegrityError, so no domain module needs to know the database."""

    key = "error.conflict"


class RejectedValue(NilaiError):
    """The database refused a value (say, too long or out of range for its column)."""

    key = "error.rejected_value"


class RateLimited(NilaiError):
    """Too many actions in a short while (core/limits.py): nothing was done this time; the
    message says how long to wait. Params: seconds and minutes (rounded up)."""

    key = "limits.generic"
