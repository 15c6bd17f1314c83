"""What the browser reads about the whole document: its language, its title, its icon,
and the screen-reader labels that Streamlit's own controls carry in English.

`<html lang>` and those labels live outside anything a Streamlit element renders, so a
small inline component (v2: no iframe, it runs in the page itself) sets them. It keeps
watching, because Streamlit re-renders its controls and would put the English back. What
it can't reach (texts drawn inside a canvas, tooltips built on hover) is listed in the
README's accessibility section.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from i18n import catalog
from ui.common.i18n import current_language, t

FAVICON = Path(__file__).resolve().parent.parent / "assets" / "favicon.png"
LABEL_PREFIX = "a11y.streamlit."

# The component's JavaScript is a file of its own, so ESLint and the JS tests see it.
_component = st.components.v2.component(
    "nilai_document", html="", js=Path(__file__).with_name("document.js").read_text(encoding="utf-8")
)


@st.cache_resource(max_entries=4, show_spinner=False)
def streamlit_labels(language: str) -> dict[str, str]:
    """Streamlit's English label -> the user's language, from the a11y catalog (worked out
    once per language: every page run sends it)."""
    return {
        key.removeprefix(LABEL_PREFIX): text
        for key, text in catalog(language).items()
        if key.startswith(LABEL_PREFIX) and key not in (LABEL_PREFIX + "help_for", LABEL_PREFIX + "help")
    }


PHRASE_PREFIX = "a11y.streamlit_phrase."


@st.cache_resource(max_entries=4, show_spinner=False)
def streamlit_phrases(language: str) -> dict[str, str]:
    """Parts of Streamlit's English text with a value inside ("20MB per file") -> the user's language."""
    return {
        key.removeprefix(PHRASE_PREFIX): text
        for key, text in catalog(language).items()
        if key.startswith(PHRASE_PREFIX)
    }


def set_page(title: str | None) -> None:
    """Title the browser tab after the page (screen readers announce it on arrival)."""
    name = t("app.title")
    st.set_page_config(page_title=f"{title} · {name}" if title and title != name else name, page_icon=str(FAVICON))


def sync_document() -> None:
    language = current_language()
    _component(
        data={
            "lang": language,
            "labels": streamlit_labels(language),
            "phrases": streamlit_phrases(language),
            "help_for": t(LABEL_PREFIX + "help_for", label="{label}"),
            "help": t(LABEL_PREFIX + "help"),
        },
        key="ui.document",
        height=0,
    )
