"""POST /api/workspace-pass: turn a one-minute ticket into the workspace cookie.

A Streamlit script can't set a cookie, and the workspace key must never be kept in the
URL. So once a session proved the key (typed, or a `?key=` link), the page posts the
ticket it was given here (see projects/workspace_passes.py) and gets an HttpOnly,
SameSite=Strict cookie with a session pass; the next websocket sends it along and
ui/common/workspace_access.py reads it. No key is checked here, so there is nothing to
guess: a ticket is signed with a secret derived from the key.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from core.settings import Settings
from projects import workspace_passes

WORKSPACE_PASS_PATH = "/api/workspace-pass"
NO_STORE = {"Cache-Control": "no-store"}


def _same_origin(request: Request) -> bool:
    """A browser sends Origin with a POST; it must be this server's own."""
    origin = request.headers.get("origin")
    if origin is None:
        return True
    return urlsplit(origin).netloc.lower() == request.headers.get("host", "").lower()


def workspace_pass_routes(settings_provider: Callable[[], Settings]) -> list[Route]:
    async def redeem(request: Request) -> Response:
        if not _same_origin(request):
            return PlainTextResponse("Cross-origin request refused.\n", status_code=403, headers=NO_STORE)
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > workspace_passes.MAX_PASS_LENGTH:
                return PlainTextResponse("Not a ticket.\n", status_code=400, headers=NO_STORE)
        settings = settings_provider()
        session_pass = workspace_passes.redeem_ticket(settings, body.decode("ascii", "replace").strip())
        if session_pass is None:
            return PlainTextResponse("Ticket refused.\n", status_code=403, headers=NO_STORE)
        response = Response(status_code=204, headers=NO_STORE)
        response.set_cookie(
            workspace_passes.COOKIE_NAME,
            session_pass,
            max_age=workspace_passes.SESSION_SECONDS,
            path="/",
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
        )
        return response

    return [Route(WORKSPACE_PASS_PATH, redeem, methods=["POST"])]
