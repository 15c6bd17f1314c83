"""Running Nilai as a process, one way for the tests, the benchmarks and deploy/team.py:
start `streamlit run serve.py` on a free loopback port and wait until it answers its
health check, stop it, and make (then drop) a database of its own to run against.

Standard library only at import time (dev.py runs deploy/team.py before anything is
installed); the database helpers import SQLAlchemy when they are called.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HEALTH_PATH = "/_stcore/health"
# The server's own database settings, which a process started for a test or a benchmark
# must not inherit from the shell (it gets its data directory or database explicitly).
INHERITED_DATABASE_VARIABLES = ("DATABASE_URL", "NILAI_DATABASE_URL")


def free_port(address: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((address, 0))
        return sock.getsockname()[1]


def streamlit_command(port: int, *extra_args: str, python: str = sys.executable) -> list[str]:
    """`streamlit run serve.py` headless on loopback; `extra_args` come last, so they win."""
    return [
        python,
        "-m",
        "streamlit",
        "run",
        "serve.py",
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
        *extra_args,
    ]


def healthy(url: str, timeout: float = 2) -> bool:
    try:
        with urllib.request.urlopen(url + HEALTH_PATH, timeout=timeout) as response:
            return response.status == 200
    except OSError:
        return False


def wait_healthy(
    url: str, process: subprocess.Popen, what: str, log: Path | None, timeout: float, poll_seconds: float = 0.25
) -> None:
    """Return once `url` answers its health check; raise when the process ends first or
    `timeout` seconds pass (the message names the log to read)."""
    where = f"; see {log}" if log else ""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited early (code {process.returncode}){where}")
        if healthy(url, timeout=min(2.0, max(timeout, 0.1))):
            return
        time.sleep(poll_seconds)
    raise RuntimeError(f"{what} did not become healthy within {timeout:.0f} s{where}")


def stop_process(process: subprocess.Popen | None, grace_seconds: float = 15) -> None:
    """SIGTERM, then SIGKILL if it is still there after `grace_seconds`."""
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=grace_seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@dataclass
class AppServer:
    """One `streamlit run serve.py` process (the app plus its live endpoint) with its own data directory."""

    data_dir: Path
    env_extra: dict[str, str] = field(default_factory=dict)
    extra_args: list[str] = field(default_factory=list)  # `streamlit run` options; the last one given wins
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None
    log_path: Path | None = None
    poll_seconds: float = 0.2  # how often start() asks whether it is up (a benchmark asks more often)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60) -> AppServer:
        env = {key: value for key, value in os.environ.items() if key not in INHERITED_DATABASE_VARIABLES}
        env.update({"NILAI_DATA_DIR": str(self.data_dir), **self.env_extra})
        self.log_path = self.data_dir.parent / f"streamlit-{self.port}.log"
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                streamlit_command(self.port, *self.extra_args),
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        wait_healthy(self.url, self.process, "streamlit", self.log_path, timeout, self.poll_seconds)
        return self

    def stop(self) -> None:
        stop_process(self.process)
        self.process = None

    def kill(self) -> None:
        """kill -9: no chance to flush anything."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()
        self.process = None

    def restart(self) -> AppServer:
        self.stop()
        return self.start()


# -- a database of its own -------------------------------------------------------------------


@contextmanager
def fresh_database(admin_url: str, prefix: str = "nilai_test") -> Iterator[str]:
    """A new, empty PostgreSQL database next to `admin_url`'s, as a URL; dropped afterwards
    (its connections ended first)."""
    import sqlalchemy as sa

    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = sa.make_url(admin_url).set(drivername="postgresql+psycopg")
    engine = sa.create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield admin.set(database=name).set(drivername="postgresql").render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.exec_driver_sql(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                f"WHERE datname = '{name}' AND pid <> pg_backend_pid()"
            )
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
        engine.dispose()


def create_schema(url: str) -> tuple[Any, str]:
    """A fresh PostgreSQL schema in `url`'s database and an engine whose search path is it:
    many tests share one database, each in a schema of its own (drop_schema removes it)."""
    import sqlalchemy as sa

    schema = f"t_{uuid.uuid4().hex[:12]}"
    address = sa.make_url(url).set(drivername="postgresql+psycopg")
    admin = sa.create_engine(address)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    admin.dispose()
    return sa.create_engine(address, connect_args={"options": f"-c search_path={schema}"}), schema


def drop_schema(url: str, schema: str) -> None:
    import sqlalchemy as sa

    admin = sa.create_engine(sa.make_url(url).set(drivername="postgresql+psycopg"))
    with admin.begin() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    admin.dispose()
