"""The flood limiter's counters (core/limits.py says what is limited and how much).

One row per (limit, subject, fixed window). Counting starts with one statement,
`INSERT … ON CONFLICT DO UPDATE SET count = count + 1 RETURNING count`, which also locks
the row until the transaction ends, so parallel requests, even from several app processes
on one PostgreSQL, are counted one after another and exactly the budget passes: there is
no read-then-write gap to race through.

A guess (a join code, the workspace key) is taken BEFORE it is checked and given back if
it was right, so only wrong guesses stay counted, and a burst of parallel guesses can't
all slip past a count they read at the same moment.
"""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

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


def _wait(limit: Limit, done: int, previous: int, elapsed: float) -> float:
    """Seconds until one more action fits the estimate, with `done` counted in this
    window and `previous` in the one before, `elapsed` seconds into this one."""
    width, allowed = limit.window_seconds, limit.allowed
    if done + 1 <= allowed:  # only the previous window's share is in the way
        return (1 - (allowed - done - 1) / previous) * width - elapsed if previous else 0
    # Past this window's end this window is the previous one, and must weigh in less.
    return (width - elapsed) + (1 - (allowed - 1) / done) * width


def retry_params(seconds: float) -> dict[str, int]:
    """How long to wait, for the message: whole seconds and whole minutes, rounded up."""
    wait = max(1, math.ceil(seconds))
    return {"seconds": wait, "minutes": max(1, math.ceil(wait / 60))}


class LimitRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def _upsert(self, dialect: str) -> Callable[..., Any]:
        return postgresql.insert if dialect == "postgresql" else sqlite.insert

    def take(self, limit: Limit, subject: str, *, now: float | None = None, amount: int = 1) -> Taken:
        """Count one action of `subject` against `limit` in a transaction of its own, or
        raise RateLimited (and count nothing: what was refused was not done). `amount` counts
        an action as several (an upload's megabytes)."""
        with self.db.transaction() as conn:
            return self.take_in(conn, limit, subject, now=now, amount=amount)

    def take_in(
        self, conn: sa.Connection, limit: Limit, subject: str, *, now: float | None = None, amount: int = 1
    ) -> Taken:
        """`take` inside the caller's transaction, so the action and its count commit (or
        roll back) together and a busy room pays for one write, not two. RateLimited rolls
        the caller's transaction back: nothing is counted or written.

        The rate is a sliding estimate over fixed windows: this window's count plus the
        previous window's, weighted by how much of it still lies within one window length
        of now. So a burst at the end of one window and the start of the next can't get
        twice the budget through, and the state is still one row per window."""
        now = time.time() if now is None else now
        width = limit.window_seconds
        window_start = int(now // width) * width
        key = {"bucket": limit.bucket, "subject": _hashed(subject), "window_start": window_start}
        counters = tables.rate_counters
        expires_at = window_start + 2 * width  # the next window's estimate still reads it
        insert = self._upsert(conn.dialect.name)(counters).values(**key, count=amount, expires_at=expires_at)
        count = conn.execute(
            insert.on_conflict_do_update(
                index_elements=[counters.c.bucket, counters.c.subject, counters.c.window_start],
                set_={"count": counters.c.count + amount},
            ).returning(counters.c.count)
        ).scalar_one()
        previous = (
            conn.execute(
                sa.select(counters.c.count).where(
                    counters.c.bucket == key["bucket"],
                    counters.c.subject == key["subject"],
                    counters.c.window_start == window_start - width,
                )
            ).scalar_one_or_none()
            or 0
        )
        elapsed = now - window_start
        if previous * (width - elapsed) + count * width > limit.allowed * width:
            self.db.observer.limit_refused(limit.bucket)
            raise RateLimited(limit.message_key, **retry_params(_wait(limit, count - amount, previous, elapsed)))
        if count == amount:
            conn.execute(sa.delete(counters).where(counters.c.expires_at <= int(now)))
        return Taken(limit.bucket, str(key["subject"]), window_start)

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
