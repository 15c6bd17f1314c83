"""Which Nilai this is: the version in pyproject.toml, for backups and /metrics."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


@cache
def nilai_version() -> str:
    """pyproject.toml's version (one place to bump); "unknown" when it can't be read."""
    try:
        return str(tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"
