"""The live endpoints are answered ahead of the rest of the middleware (server/live.py):
the app behind never sees them, and sees everything else unchanged."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from core.routes import ACTION_PATH, CANVAS_FEED_PATH, FEED_PATH
from server.guard import HostGuard
from server.live import LiveRoutesFirst, live_routes
from tests.rooms import join, open_room


def _app(store, seen: list[str]) -> Starlette:
    def behind(request):
        seen.append(request.url.path)
        return PlainTextResponse("the rest of the app")

    return Starlette(
        routes=[Route("/{path:path}", behind, methods=["GET", "POST"])],
        middleware=[
            Middleware(HostGuard, allowed_names=lambda: frozenset({"testserver"})),
            Middleware(LiveRoutesFirst, routes=lambda: live_routes(lambda: store)),
        ],
    )


def test_live_paths_are_answered_here_and_never_reach_the_app_behind(store):
    made = open_room(store, step="pains")
    ani = join(store, made, "Ani")
    seen: list[str] = []
    client = TestClient(_app(store, seen))
    board = client.get(FEED_PATH, headers={"Authorization": f"Bearer {ani}"})
    assert board.status_code == 200 and board.json()["board"]["full"] is True
    assert client.get(FEED_PATH).status_code == 403  # no credential: refused here too
    assert client.get(CANVAS_FEED_PATH).status_code == 401
    assert client.post(ACTION_PATH, content=b"{}", headers={"Content-Type": "application/json"}).status_code == 403
    assert client.get("/api/live/elsewhere").status_code == 404
    wrong_method = client.get(ACTION_PATH)
    assert wrong_method.status_code == 405 and wrong_method.headers["allow"] == "POST"
    assert seen == []


def test_everything_else_goes_on_to_the_app_and_a_foreign_host_is_refused_first(store):
    seen: list[str] = []
    client = TestClient(_app(store, seen))
    assert client.get("/canvas").text == "the rest of the app"
    assert client.get("/api/livefeed").text == "the rest of the app"  # not under the prefix
    assert seen == ["/canvas", "/api/livefeed"]
    assert client.get(FEED_PATH, headers={"Host": "evil.example"}).status_code == 403
