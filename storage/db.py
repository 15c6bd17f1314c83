"""Engine creation: SQLite by default (WAL, busy timeout), PostgreSQL when configured."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, OperationalError

from core.errors import Conflict, RejectedValue, StorageUnavailable

SQLITE_BUSY_TIMEOUT_MS = 10_000
SQLITE_POOL_SIZE = 16


class DataDirNotWritable(StorageUnavailable):
    key = "error.data_dir_not_writable"


def _prepare_sqlite_file(url: sa.URL) -> None:
    """Create the folder and make sure we can write there, with a message that says what to do."""
    if not url.database or url.database == ":memory:":
        return
    path = Path(url.database).expanduser()
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        raise DataDirNotWritable(path=str(folder)) from None
    writable = os.access(folder, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))
    if not writable:
        raise DataDirNotWritable(path=str(folder))


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL: a commit the UI confirmed survives even a power cut, not just a killed process.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


READ_ONLY_OPTION = "nilai_read_only"


def _sqlite_begin(conn) -> None:
    # Writers take the write lock up front so two of them queue on busy_timeout instead of
    # failing halfway with "database is locked" on lock upgrade. Readers don't: under WAL
    # they read a snapshot beside a writer instead of waiting for its commit.
    if conn.get_execution_options().get(READ_ONLY_OPTION):
        conn.exec_driver_sql("BEGIN")
    else:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def create_engine(url: str) -> sa.Engine:
    parsed = sa.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        _prepare_sqlite_file(parsed)
        engine = sa.create_engine(
            parsed,
            connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
            # A room of participants runs many sessions at once: keep their connections
            # instead of opening (and setting up) a new one for each burst.
            pool_size=SQLITE_POOL_SIZE,
            max_overflow=SQLITE_POOL_SIZE,
        )
        event.listen(engine, "connect", _sqlite_pragmas)

        @event.listens_for(engine, "connect")
        def _no_pysqlite_transactions(dbapi_connection, _record) -> None:
            # pysqlite's own BEGIN handling is broken; let SQLAlchemy's begin event issue it.
            dbapi_connection.isolation_level = None

        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if parsed.drivername in {"postgresql", "postgres"}:
        parsed = parsed.set(drivername="postgresql+psycopg")
    return sa.create_engine(
        parsed,
        # No ping before each use: a page run checks out a connection for each read, and
        # the ping doubled their round trips. A connection that died with the server fails
        # once (the page says the database is unavailable, and SQLAlchemy replaces every
        # pooled connection); recycling keeps idle ones from outliving a firewall's timeout.
        pool_pre_ping=False,
        pool_recycle=1800,
        pool_size=10,
        max_overflow=10,
        connect_args={"connect_timeout": 5} if parsed.get_backend_name() == "postgresql" else {},
    )


@contextmanager
def translate_outages() -> Iterator[None]:
    """A database that is down becomes StorageUnavailable, which the UI explains and retries."""
    try:
        yield
    except OperationalError as error:
        if "locked" in str(error.orig).lower():
            raise StorageUnavailable("error.storage_busy") from None
        raise StorageUnavailable() from None
    except DBAPIError as error:
        if error.connection_invalidated:
            raise StorageUnavailable() from None
        raise


@contextmanager
def translate_refusals() -> Iterator[None]:
    """A write the database refuses becomes a domain error, so the domain never sees the driver's."""
    try:
        yield
    except IntegrityError:
        raise Conflict() from None
    except DataError:
        raise RejectedValue() from None
