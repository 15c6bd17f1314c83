"""Workspace passes: signed with a secret derived from the key, never containing it."""

from __future__ import annotations

import time

from core.settings import Settings
from projects import workspace_passes as passes

KEY = "kunci-rahasia-ruang-kerja-42"


def _settings(key: str | None = KEY) -> Settings:
    return Settings(workspace_key=key, database_url=None)


def test_a_ticket_is_redeemed_for_a_session_pass_that_holds_no_key() -> None:
    settings = _settings()
    ticket = passes.issue(settings, "ticket")
    session = passes.redeem_ticket(settings, ticket)
    assert session and passes.is_valid(settings, session, "session")
    assert KEY not in ticket and KEY not in session
    assert not passes.is_valid(settings, ticket, "session")  # a ticket is no session pass
    assert passes.redeem_ticket(settings, session) is None  # nor the other way round


def test_forged_expired_or_foreign_passes_are_refused() -> None:
    settings = _settings()
    session = passes.issue(settings, "session")
    kind, expires, nonce, signature = session.split(".")
    longer = f"{kind}.{int(expires) + 10**6}.{nonce}.{signature}"
    assert not passes.is_valid(settings, longer, "session")
    assert not passes.is_valid(settings, session[:-1] + ("0" if session[-1] != "0" else "1"), "session")
    assert not passes.is_valid(settings, session, "session", now=time.time() + passes.SESSION_SECONDS + 1)
    assert not passes.is_valid(_settings("another-key-of-enough-length"), session, "session")  # key changed
    assert not passes.is_valid(_settings(None), session, "session")
    for junk in (None, "", "session", "x" * 500, "session.1.2", 42):
        assert not passes.is_valid(settings, junk, "session")


def test_no_key_means_no_passes() -> None:
    assert passes.issue(_settings(None), "ticket") is None
