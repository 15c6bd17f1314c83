"""Message catalogs for English and Bahasa Indonesia, and the lookup that reads them.

Catalogs live in `locales/<lang>/<area>.json`, one flat key space across areas, so each
feature owns its own file. No Streamlit here: exports and the CLI translate too.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, get_args

from babel import Locale

Language = Literal["id", "en"]
LANGUAGES: tuple[str, ...] = get_args(Language)
LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}
FALLBACK: Language = "en"
LOCALES_DIR = Path(__file__).parent / "locales"


@cache
def catalog(language: str) -> MappingProxyType[str, str]:
    merged: dict[str, str] = {}
    for path in sorted((LOCALES_DIR / language).glob("*.json")):
        entries = json.loads(path.read_text(encoding="utf-8"))
        clash = merged.keys() & entries.keys()
        if clash:
            raise ValueError(f"{path.name} repeats keys {sorted(clash)}")
        merged.update(entries)
    return MappingProxyType(merged)


def normalize_language(value: str | None, default: Language = "id") -> Language:
    """'id-ID', 'in', 'en-US' -> our codes; anything else -> the default."""
    if not value:
        return default
    code = value.replace("_", "-").split("-")[0].lower()
    if code == "in":  # old ISO code for Indonesian, still sent by some browsers
        code = "id"
    return code if code in LANGUAGES else default  # type: ignore[return-value]


@cache
def locale(language: str) -> Locale:
    """Babel's CLDR data for one of our languages (plural rules here; i18n.format formats)."""
    return Locale.parse(language if language in LANGUAGES else FALLBACK)


def plural_form(language: str, count: int) -> str:
    """The CLDR plural category of a count: English has `one` and `other`, Indonesian only `other`."""
    return locale(language).plural_form(count)


def translate(language: str, key: str, /, **params: Any) -> str:
    count = params.get("count")
    if type(count) is int:  # a message with a count reads right in the singular too ("1 note")
        form = f"{key}.{plural_form(language, count)}"
        if form in catalog(language) or form in catalog(FALLBACK):
            key = form
    text = catalog(language).get(key) or catalog(FALLBACK).get(key) or key
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def plural(language: str, key: str, count: int, /, **params: Any) -> str:
    """`key.<CLDR plural form>`: `key.one` or `key.other` in English, always `key.other` in Indonesian."""
    return translate(language, f"{key}.{plural_form(language, count)}", count=count, **params)


def has_key(key: str) -> bool:
    return key in catalog(FALLBACK)
