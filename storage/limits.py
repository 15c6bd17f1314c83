"""The flood limiter's counters (core/limits.py says what is limited and how much).

One row per (limit, subject, fixed window). Counting is one statement,
`INSERT … ON CONFLICT DO UPDATE SET count = count + 1 RETURNING count`, so parallel
requests, even from several app processes on one PostgreSQL, each get their own number
and exactly `allowed` of them pass: there is no read-then-write gap to race through.

A guess (a join code, the workspace key) is taken BEFORE it is checked and given back if
it was right, so only wrong guesses stay counted, and a burst of parallel guesses can't
all slip past a count they read at the same moment.
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from core.errors import RateLimited
from core.limits import Limit
from storage import tables
from storage.repository import Database


@dataclass(frozen=True)
class Taken:
    """One counted action, so a right guess can be given back to the same window."""

    bucket: str
    subject: str
    window_start: int


def _hashed(subject: str) -> str:
    # Counters never hold addresses or participant ids in the clear.
    return hashlib.sha256(subject.encode("utf-8")).hexdigest()


def retry_params(seconds: float) -> dict[str, int]:
    """How long to wait, for the message: whole seconds and whole minutes, rounded up."""
    wait = max(1, math.ceil(seconds))
    return {"seconds": wait, "minutes": max(1, math.ceil(wait / 60))}


class LimitRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def _upsert(self, dialect: str) -> type:
        return postgresql.insert if dialect == "postgresql" else sqlite.insert

    def take(self, limit: Limit, subject: str, *, now: float | None = None) -> Taken:
        """Count one action of `subject` against `limit`; RateLimited (nothing else
        happens) once the window's budget is spent."""
        now = time.time() if now is None else now
        window_start = int(now // limit.window_seconds) * limit.window_seconds
        expires_at = window_start + limit.window_seconds
        key = {"bucket": limit.bucket, "subject": _hashed(subject), "window_start": window_start}
        counters = tables.rate_counters
        with self.db.transaction() as conn:
            insert = self._upsert(conn.dialect.name)(counters).values(**key, count=1, expires_at=expires_at)
            upsert = insert.on_conflict_do_update(
                index_elements=[counters.c.bucket, counters.c.subject, counters.c.window_start],
                set_={"count": counters.c.count + 1},
            ).returning(counters.c.count)
            count = conn.execute(upsert).scalar_one()
            if count == 1:
                # A new window for this subject: a cheap moment to drop windows that are over
                # (indexed; at most once per subject and window).
                conn.execute(sa.delete(counters).where(counters.c.expires_at <= int(now)))
        if count > limit.allowed:
            raise RateLimited(limit.message_key, **retry_params(expires_at - now))
        return Taken(limit.bucket, key["subject"], window_start)

    def give_back(self, taken: Taken) -> None:
        """Undo one counted action (a guess that was right)."""
        counters = tables.rate_counters
        with self.db.transaction() as conn:
            conn.execute(
                sa.update(counters)
                .where(
                    counters.c.bucket == taken.bucket,
                    counters.c.subject == taken.subject,
                    counters.c.window_start == taken.window_start,
                    counters.c.count > 0,
                )
                .values(count=counters.c.count - 1)
            )

    def count(self, limit: Limit, subject: str, *, now: float | None = None) -> int:
        """Actions counted in the current window (for tests and the benchmark)."""
        now = time.time() if now is None else now
        window_start = int(now // limit.window_seconds) * limit.window_seconds
        counters = tables.rate_counters
        with self.db.reading() as conn:
            found = conn.execute(
                sa.select(counters.c.count).where(
                    counters.c.bucket == limit.bucket,
                    counters.c.subject == _hashed(subject),
                    counters.c.window_start == window_start,
                )
            ).scalar_one_or_none()
        return found or 0
