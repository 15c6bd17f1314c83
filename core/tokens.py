"""Secrets and codes: tokens (256 bits from `secrets`, only their SHA-256 stored), join
codes people read aloud, and the per-session limit on wrong guesses."""

from __future__ import annotations

import hashlib
import re
import secrets
import time
from collections.abc import MutableSequence

from core.errors import Forbidden

# 31 symbols without look-alikes (0/O, 1/I/L): 8 of them give about 40 bits. With the join rate
# limit below, guessing an open code is out of reach; the code is still short to read aloud.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 8
TOKEN_BYTES = 32  # 256 bits; only the hash is stored

JOIN_FAILURES_ALLOWED = 5
JOIN_WINDOW_SECONDS = 600


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalize_code(raw: str) -> str:
    """What people type: lower case, spaces, a dash in the middle."""
    return re.sub(r"[^A-Z0-9]", "", (raw or "").upper())[:32]


def format_code(code: str) -> str:
    """ABCD-EFGH: easier to read from a projector."""
    return f"{code[:4]}-{code[4:]}" if len(code) == JOIN_CODE_LENGTH else code


def check_join_allowed(failures: MutableSequence[float], now: float | None = None) -> None:
    """Refuse while this session has too many wrong codes in the window."""
    now = time.time() if now is None else now
    recent = [when for when in failures if now - when < JOIN_WINDOW_SECONDS]
    failures[:] = recent
    if len(recent) >= JOIN_FAILURES_ALLOWED:
        wait = int(JOIN_WINDOW_SECONDS - (now - min(recent))) // 60 + 1
        raise Forbidden("workshop.error.rate_limited", minutes=wait)
