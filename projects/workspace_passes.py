"""Workspace passes: what a browser keeps instead of the workspace key.

A device that proved the key gets a pass in an HttpOnly cookie, so a reload keeps the
workspace open while the key itself never sits in a URL, a cookie or the page. A pass is
signed, not stored: `<kind>.<expires>.<nonce>.<signature>`, the signature an HMAC-SHA256
under a secret derived from NILAI_WORKSPACE_KEY. So every app process (also on a team
server) checks passes without a table, a restart keeps them, and changing the key signs
every device out. Nothing in a pass reveals the key.

Two kinds: a *ticket* lives a minute; the page hands it to POST /api/workspace-pass
(server/workspace_pass.py), which answers with the long-lived *session* pass as the
HttpOnly cookie. Script code on the page thus only ever sees the short-lived ticket.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from typing import Literal

from core.settings import Settings

COOKIE_NAME = "nilai_workspace"
TICKET_SECONDS = 60
SESSION_SECONDS = 30 * 24 * 3600
MAX_PASS_LENGTH = 200  # anything longer is not one of ours: refused unread
PassKind = Literal["ticket", "session"]


def _signing_key(settings: Settings) -> bytes | None:
    if not settings.workspace_key:
        return None
    return hmac.new(settings.workspace_key.encode(), b"nilai/workspace-pass/v1", hashlib.sha256).digest()


def _signature(key: bytes, body: str) -> str:
    return hmac.new(key, body.encode(), hashlib.sha256).hexdigest()


def issue(settings: Settings, kind: PassKind, *, now: float | None = None) -> str | None:
    """A new pass of `kind`; None when no workspace key is configured."""
    key = _signing_key(settings)
    if key is None:
        return None
    lifetime = TICKET_SECONDS if kind == "ticket" else SESSION_SECONDS
    expires = int((time.time() if now is None else now) + lifetime)
    body = f"{kind}.{expires}.{secrets.token_urlsafe(16)}"
    return f"{body}.{_signature(key, body)}"


def is_valid(settings: Settings, value: str | None, kind: PassKind, *, now: float | None = None) -> bool:
    """The pass was signed with the current key, is of `kind`, and has not expired."""
    key = _signing_key(settings)
    if key is None or not isinstance(value, str) or not value or len(value) > MAX_PASS_LENGTH:
        return False
    body, _, signature = value.rpartition(".")
    parts = body.split(".")
    if len(parts) != 3 or parts[0] != kind or not parts[1].isdigit():
        return False
    if not hmac.compare_digest(signature, _signature(key, body)):
        return False
    return int(parts[1]) > (time.time() if now is None else now)


def redeem_ticket(settings: Settings, ticket: str | None) -> str | None:
    """The session pass a valid ticket is exchanged for, or None."""
    if not is_valid(settings, ticket, "ticket"):
        return None
    return issue(settings, "session")
