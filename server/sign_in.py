"""Sign-in with the organisation's identity provider, beside Streamlit's own OIDC routes.

Streamlit's st.login reads its `[auth]` section from secrets; `auth_secrets` builds it
from Nilai's settings (NILAI_OIDC_*, NILAI_PUBLIC_URL), so nothing secret has to be
written to a file. Streamlit sends everyone to "/" after signing in; `ReturnAfterSignIn`
brings them back to the page they asked for: when the browser leaves for /auth/login it
remembers the page (from the same-origin Referer) in a short-lived HttpOnly cookie, and
turns the callback's redirect to "/" into a redirect there.
"""

from __future__ import annotations

from http.cookies import CookieError, SimpleCookie
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from core.settings import Settings
from server.guard import header

LOGIN_PATH = "/auth/login"
CALLBACK_PATH = "/oauth2callback"
RETURN_COOKIE = "nilai_return_to"
RETURN_SECONDS = 600
RETURN_MAX = 2000


def auth_secrets(settings: Settings) -> dict[str, Any] | None:
    """Streamlit's `[auth]` secrets for the configured provider, or None with sign-in off."""
    if not settings.sign_in_enabled or not settings.oidc_redirect_uri:
        return None
    return {
        "auth": {
            "redirect_uri": settings.oidc_redirect_uri,
            "cookie_secret": settings.oidc_cookie_secret,
            "client_id": settings.oidc_client_id,
            "client_secret": settings.oidc_client_secret,
            "server_metadata_url": settings.oidc_metadata_url,
        }
    }


def safe_return_path(referer: str | None, host: str | None) -> str | None:
    """The path and query of a same-origin page to come back to; None for anything else
    (another site, a sign-in route, something that could leave this server)."""
    if not referer or not host or len(referer) > RETURN_MAX:
        return None
    parts = urlsplit(referer)
    if parts.netloc.lower() != host.lower() or parts.scheme not in {"http", "https"}:
        return None
    path = parts.path or "/"
    if not path.startswith("/") or path.startswith("//") or "\\" in path:
        return None
    if path.startswith((LOGIN_PATH, "/auth/", CALLBACK_PATH)):
        return None
    return path + (f"?{parts.query}" if parts.query else "")


def _cookie(scope: dict, name: str) -> str | None:
    raw = header(scope, b"cookie")
    if not raw:
        return None
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(raw)
    except CookieError:  # a malformed Cookie header: as if there were none
        return None
    morsel = jar.get(name)
    return unquote(morsel.value) if morsel else None


def _set_cookie(value: str, max_age: int, secure: bool) -> tuple[bytes, bytes]:
    attributes = f"{RETURN_COOKIE}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax"
    return b"set-cookie", (attributes + ("; Secure" if secure else "")).encode("latin-1")


class ReturnAfterSignIn:
    """ASGI middleware: come back to the page asked for after signing in."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope.get("type") != "http" or scope.get("method") != "GET":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        secure = scope.get("scheme") == "https" or header(scope, b"x-forwarded-proto") == "https"
        if path == LOGIN_PATH:
            wanted = safe_return_path(header(scope, b"referer"), header(scope, b"host"))
            await self.app(scope, receive, self._remembering(send, wanted, secure))
        elif path == CALLBACK_PATH:
            stored = _cookie(scope, RETURN_COOKIE)
            wanted = safe_return_path(f"http://x{stored}", "x") if stored else None
            await self.app(scope, receive, self._returning(send, wanted, secure))
        else:
            await self.app(scope, receive, send)

    @staticmethod
    def _remembering(send: Any, wanted: str | None, secure: bool) -> Any:
        async def wrapped(message: dict) -> None:
            if message["type"] == "http.response.start" and wanted:
                headers = [*message.get("headers", []), _set_cookie(quote(wanted, safe=""), RETURN_SECONDS, secure)]
                message = {**message, "headers": headers}
            await send(message)

        return wrapped

    @staticmethod
    def _returning(send: Any, wanted: str | None, secure: bool) -> Any:
        async def wrapped(message: dict) -> None:
            if message["type"] == "http.response.start" and message.get("status") in {302, 303, 307}:
                headers = []
                for key, value in message.get("headers", []):
                    if key.lower() == b"location" and wanted and value in {b"/", b""}:
                        value = wanted.encode("latin-1")
                    headers.append((key, value))
                headers.append(_set_cookie("", 0, secure))
                message = {**message, "headers": headers}
            await send(message)

        return wrapped
