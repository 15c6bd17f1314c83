"""`t()` for pages: translate in the language of the current session."""

from __future__ import annotations

from typing import Any

import streamlit as st

from core.settings import get_settings
from i18n import Language, normalize_language, translate

LANG_KEY = "ui.lang"


def current_language() -> Language:
    lang = st.session_state.get(LANG_KEY)
    if lang:
        return lang
    return normalize_language(None, get_settings().default_language)


def t(key: str, /, **params: Any) -> str:
    return translate(current_language(), key, **params)
