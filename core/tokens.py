"""Secrets and codes: tokens (256 bits from `secrets`, only their SHA-256 stored) and join
codes people read aloud. Wrong guesses are limited on the server (core/limits.py)."""

from __future__ import annotations

import hashlib
import re
import secrets

# 31 symbols without look-alikes (0/O, 1/I/L): 8 of them give about 40 bits. With 5 wrong
# guesses per address per 10 minutes (core.limits.CODE_GUESSES), guessing an open code is
# out of reach; the code is still short to read aloud.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 8
TOKEN_BYTES = 32  # 256 bits; only the hash is stored


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
