"""/metrics and /api/ready on the app's ASGI routes, against a real database."""

from __future__ import annotations

import json
import logging
import sys

import pytest
import sqlalchemy as sa
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.testclient import TestClient

from canvas import notes
from canvas.models import NoteOwner
from core.actors import WorkspaceActor
from core.errors import RateLimited
from core.limits import Limit
from core.settings import Settings
from operate.logs import JsonLines
from operate.metrics import Metrics, route_group
from server.operations import RequestMetrics, metrics_routes, ready_routes
from storage.observe import watch
from storage.store import Store

TOKEN = "scrape-token-0123456789"
ACTOR = WorkspaceActor("test")


def app_for(store: Store, settings: Settings) -> tuple[TestClient, Metrics]:
    metrics = Metrics(lambda: store)
    watch(store.db, metrics)
    app = Starlette(
        routes=[*ready_routes(lambda: store), *metrics_routes(lambda: metrics, lambda: settings)],
        middleware=[Middleware(RequestMetrics, metrics_provider=lambda: metrics)],
    )
    return TestClient(app), metrics


def figures(text: str) -> dict[str, float]:
    values = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, value = line.rsplit(" ", 1)
            values[name] = float(value)
    return values


def test_metrics_are_off_unless_turned_on(sqlite_store: Store) -> None:
    client, _ = app_for(sqlite_store, Settings(metrics_enabled=False))
    assert client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 404


def test_metrics_need_the_token_from_another_computer(sqlite_store: Store) -> None:
    client, _ = app_for(sqlite_store, Settings(metrics_enabled=True, metrics_token=TOKEN))
    assert client.get("/metrics").status_code == 401  # TestClient's peer is not loopback
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong-token-000000000"}).status_code == 401
    answer = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/plain; version=0.0.4")


def test_metrics_count_what_happened(sqlite_store: Store) -> None:
    client, _ = app_for(sqlite_store, Settings(metrics_enabled=True, metrics_token=TOKEN))
    project = sqlite_store.projects.create("Watched", "", "en")
    canvas = sqlite_store.canvases.insert(project.id, {"name": "Board"})
    for n in range(3):
        notes.add_note(sqlite_store, ACTOR, NoteOwner.of_canvas(canvas.id), "pains", f"note {n}")
    tight = Limit(bucket="test_tight", allowed=1, window_seconds=60, message_key="limits.generic")
    sqlite_store.limits.take(tight, "someone")
    with pytest.raises(RateLimited):
        sqlite_store.limits.take(tight, "someone")
    with pytest.raises(sa.exc.OperationalError), sqlite_store.db.engine.connect() as conn:
        conn.exec_driver_sql("SELECT * FROM no_such_table")
    client.get("/api/ready")

    text = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).text
    seen = figures(text)
    assert seen["nilai_notes_written_total"] == 3
    assert seen['nilai_limit_refusals_total{limit="test_tight"}'] == 1
    assert seen['nilai_database_errors_total{kind="OperationalError"}'] == 1
    assert seen['nilai_http_requests_total{route="ready",status="200"}'] == 1
    assert seen["nilai_database_up"] == 1
    assert seen["nilai_live_rooms"] == 0
    assert seen["process_resident_memory_bytes"] > 10_000_000
    assert 'nilai_build_info{version="0.1.0"} 1.0' in text
    assert "Watched" not in text and "note 0" not in text  # no user text in labels


def test_route_groups_keep_ids_out_of_labels() -> None:
    assert route_group("/api/live/0123456789abcdef0123456789abcdef") == "live"
    assert route_group("/canvas") == "page"
    assert route_group("/_stcore/health") == "health"
    assert route_group("/static/js/index.js") == "static"


def test_ready_when_the_database_answers_and_is_migrated(sqlite_store: Store) -> None:
    client, _ = app_for(sqlite_store, Settings())
    answer = client.get("/api/ready")
    assert answer.status_code == 200 and answer.json() == {"ready": True, "database": "ok", "migrations": "done"}

    with sqlite_store.db.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM schema_migrations WHERE name = '1801_team_members_invites_audit'")
    answer = client.get("/api/ready")
    assert answer.status_code == 503 and answer.json()["migrations"] == "pending"


def test_not_ready_when_the_database_is_gone(tmp_path) -> None:
    from storage.db import create_engine

    engine = create_engine("postgresql://nobody@127.0.0.1:9/none")  # nothing listens on port 9
    client, _ = app_for(Store(engine), Settings())
    answer = client.get("/api/ready")
    assert answer.status_code == 503 and answer.json()["database"] == "unavailable"


def _record(message: str, *args: object, error: bool = False) -> logging.LogRecord:
    exc_info = None
    if error:
        try:
            raise ValueError("Ani's secret note")
        except ValueError:
            exc_info = sys.exc_info()
    return logging.LogRecord("nilai", logging.WARNING, __file__, 1, message, args, exc_info)


def test_json_log_lines_hold_no_user_text_unless_asked() -> None:
    record = _record("note refused for %s", "Ani Wijaya", error=True)
    quiet = json.loads(JsonLines(user_text=False).format(record))
    assert quiet["message"] == "note refused for %s" and quiet["level"] == "warning"
    assert quiet["error"] == "ValueError" and quiet["where"]
    assert "Ani" not in json.dumps(quiet)

    told = json.loads(JsonLines(user_text=True).format(record))
    assert told["message"] == "note refused for Ani Wijaya" and told["error_text"] == "Ani's secret note"


def test_making_the_metrics_opens_no_store() -> None:
    """The store's own start-up makes the metrics (ui/common/store.py): reading the store
    then would wait for itself."""
    opened: list[int] = []
    Metrics(lambda: opened.append(1))
    assert opened == []
