"""Nilai's figures in Prometheus' text format (prometheus_client), for /metrics.

One `Metrics` per server process, with its own registry: requests and their latency,
script runs and their duration per page, notes written, limit refusals, database errors
(all counted as they happen), and at each scrape the live rooms and their participants,
the connection pool and the process's memory and CPU (prometheus_client's process
collector). Labels are route groups and page names, never user text or ids, so the
number of series stays small.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from prometheus_client import CollectorRegistry, Counter, Histogram, ProcessCollector, generate_latest
from prometheus_client.core import GaugeMetricFamily, InfoMetricFamily
from prometheus_client.registry import Collector

from core.release import nilai_version

if TYPE_CHECKING:
    from storage.store import Store

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
# Request latency: live polls take milliseconds, a PDF export seconds.
REQUEST_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
SCRIPT_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16)


def route_group(path: str) -> str:
    """A request path as a small fixed set of names (no ids in labels)."""
    if path == "/_stcore/health":
        return "health"
    if path == "/_stcore/stream":
        return "session"
    if path.startswith("/_stcore/upload_file"):
        return "upload"
    if path.startswith("/api/live/"):
        return "live"
    if path in {"/api/ready", "/metrics"}:
        return path.rsplit("/", 1)[1]
    if path.startswith("/api/"):
        return "api"
    if path.startswith(("/static/", "/_stcore/", "/app/static/", "/favicon")):
        return "static"
    return "page"


class _LiveCollector(Collector):
    """Read at each scrape: the open rooms and who is in them, the connection pool."""

    def __init__(self, store_provider: Callable[[], Store], database_errors: Callable[[str], None]) -> None:
        self.store_provider = store_provider
        self.database_errors = database_errors

    def collect(self) -> Iterator[GaugeMetricFamily]:
        from storage.observe import live_figures

        up = GaugeMetricFamily("nilai_database_up", "1 when the database answered this scrape")
        try:
            figures = live_figures(self.store_provider().db)
        except Exception:  # noqa: BLE001 - a scrape reports a database that is down, it doesn't fail
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        yield GaugeMetricFamily("nilai_live_rooms", "Workshops open now", value=figures.open_rooms)
        yield GaugeMetricFamily(
            "nilai_live_participants", "People who joined the open workshops", value=figures.participants_in_open_rooms
        )
        yield GaugeMetricFamily("nilai_db_pool_size", "Connections the pool keeps", value=figures.pool_size)
        yield GaugeMetricFamily("nilai_db_pool_checked_out", "Connections in use now", value=figures.pool_checked_out)


class _BuildCollector(Collector):
    def collect(self) -> Iterator[InfoMetricFamily]:
        yield InfoMetricFamily("nilai_build", "Which Nilai is running", value={"version": nilai_version()})


class Metrics:
    """The figures of one server process. Also the storage observer (storage/observer.py)."""

    def __init__(self, store_provider: Callable[[], Store]) -> None:
        # No auto_describe: it would run the live collector (and open the store) at registration.
        registry = self.registry = CollectorRegistry(auto_describe=False)
        self.requests = Counter("nilai_http_requests", "HTTP requests answered", ["route", "status"], registry=registry)
        self.request_seconds = Histogram(
            "nilai_http_request_duration_seconds",
            "Time to answer an HTTP request",
            ["route"],
            buckets=REQUEST_BUCKETS,
            registry=registry,
        )
        self.sessions = Counter("nilai_sessions_opened", "Browser sessions (websockets) opened", registry=registry)
        self.script_runs = Counter("nilai_script_runs", "Page script runs", ["page", "outcome"], registry=registry)
        self.script_seconds = Histogram(
            "nilai_script_run_duration_seconds",
            "Time of one page script run",
            ["page"],
            buckets=SCRIPT_BUCKETS,
            registry=registry,
        )
        self.notes = Counter("nilai_notes_written", "Notes written (rows added to canvases)", registry=registry)
        self.refusals = Counter(
            "nilai_limit_refusals", "Actions refused by a flood limit", ["limit"], registry=registry
        )
        self.db_errors = Counter("nilai_database_errors", "Database errors", ["kind"], registry=registry)
        ProcessCollector(registry=registry)  # process_resident_memory_bytes, CPU seconds, open fds
        registry.register(_LiveCollector(store_provider, self.database_error))
        registry.register(_BuildCollector())

    # --- storage's observer
    def notes_written(self, count: int) -> None:
        self.notes.inc(count)

    def database_error(self, kind: str) -> None:
        self.db_errors.labels(kind).inc()

    def limit_refused(self, bucket: str) -> None:
        self.refusals.labels(bucket).inc()

    # --- the server and the pages
    def request_done(self, path: str, status: int, seconds: float) -> None:
        group = route_group(path)
        self.requests.labels(group, str(status)).inc()
        self.request_seconds.labels(group).observe(seconds)

    def script_run(self, page: str, seconds: float, outcome: str) -> None:
        self.script_runs.labels(page, outcome).inc()
        self.script_seconds.labels(page).observe(seconds)

    def render(self) -> bytes:
        return generate_latest(self.registry)
