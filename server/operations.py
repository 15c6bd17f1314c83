"""What an operator's tools ask the server (issue 28), beside Streamlit's /_stcore/health:

* GET /api/ready: 200 when the database answers and every migration is applied, else 503;
  for HAProxy's health checks (deploy/haproxy.cfg.in). It says nothing else.
* GET /metrics: Prometheus' text format (operate/metrics.py). Off unless
  NILAI_METRICS_ENABLED; then it answers this computer (a loopback peer that came
  through no proxy) or a request with `Authorization: Bearer <NILAI_METRICS_TOKEN>`.
* `RequestMetrics`: the ASGI middleware that counts and times every request.
"""

from __future__ import annotations

import hmac
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from core.settings import Settings
from ui.common.client import is_loopback

if TYPE_CHECKING:
    from operate.metrics import Metrics
    from storage.store import Store

READY_PATH = "/api/ready"
METRICS_PATH = "/metrics"
NO_STORE = {"Cache-Control": "no-store"}


def ready_routes(store_provider: Callable[[], Store]) -> list[Route]:
    def ready(_request: Request) -> JSONResponse:
        # A plain def: Starlette runs it in its thread pool, so the query never blocks the loop.
        from storage.observe import pending_migrations

        try:
            store = store_provider()  # opening it migrates; a database that is down raises here
            store.ping()
            pending = pending_migrations(store.db)
        except Exception:
            logging.getLogger("nilai").warning("readiness check: database unavailable", exc_info=True)
            return JSONResponse({"ready": False, "database": "unavailable"}, status_code=503, headers=NO_STORE)
        if pending:
            body = {"ready": False, "database": "ok", "migrations": "pending"}
            return JSONResponse(body, status_code=503, headers=NO_STORE)
        return JSONResponse({"ready": True, "database": "ok", "migrations": "done"}, headers=NO_STORE)

    return [Route(READY_PATH, ready, methods=["GET", "HEAD"])]


def may_scrape(request: Request, settings: Settings) -> bool:
    """This computer (not through a proxy), or the metrics token."""
    if settings.metrics_token:
        given = request.headers.get("authorization", "")
        if hmac.compare_digest(given.encode(), f"Bearer {settings.metrics_token}".encode()):
            return True
    peer = request.client.host if request.client else None
    proxied = "x-forwarded-for" in request.headers or "forwarded" in request.headers
    return is_loopback(peer) and not proxied


def metrics_routes(metrics_provider: Callable[[], Metrics], settings_provider: Callable[[], Settings]) -> list[Route]:
    def scrape(request: Request) -> Response:
        settings = settings_provider()
        if not settings.metrics_enabled:
            return PlainTextResponse("Not found.\n", status_code=404, headers=NO_STORE)
        if not may_scrape(request, settings):
            return PlainTextResponse(
                "Metrics need a token.\n",
                status_code=401,
                headers={**NO_STORE, "WWW-Authenticate": 'Bearer realm="nilai-metrics"'},
            )
        from operate.metrics import CONTENT_TYPE

        return Response(metrics_provider().render(), media_type=CONTENT_TYPE, headers=NO_STORE)

    return [Route(METRICS_PATH, scrape, methods=["GET"])]


class RequestMetrics:
    """ASGI middleware: each HTTP request's route group, status and time; each session opened."""

    def __init__(self, app, metrics_provider: Callable[[], Metrics]) -> None:
        self.app = app
        self.metrics_provider = metrics_provider

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "websocket":
            self.metrics_provider().sessions.inc()
            await self.app(scope, receive, send)
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def noting_status(message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, noting_status)
        finally:
            self.metrics_provider().request_done(scope["path"], status, time.perf_counter() - started)
