"""User text is data: keep Markdown from reading meaning into it."""

from __future__ import annotations

import re

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$&])")


def md_escape(text: str) -> str:
    """Escape every character Markdown (and Streamlit's extensions) would act on."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
