"""Session keys of the Personas and Portfolio pages: ids, flags, and the versions forms are based on.

An edit form must save against the version the user was looking at, not the one read in
the rerun its submit triggers; otherwise a stale edit would never be noticed. So each
form remembers the version it was opened on (`base_version`), and its widget keys carry
that version, so after a save (or a refused stale save) the form refills from the
stored row.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

SELECTED_KEY = "personas.selected"
UNDO_SCOPE = "personas"  # the Personas page's Undo (a persona, or a profile note)
PORTFOLIO_UNDO_SCOPE = "portfolio"
FILTER_KEY = "personas.filter"


def base_version(kind: str, row_id: str, current_version: int) -> int:
    key = f"personas.base.{kind}.{row_id}"
    if key not in st.session_state:
        st.session_state[key] = current_version
    return st.session_state[key]


def rebase(kind: str, row_id: str, version: int) -> None:
    st.session_state[f"personas.base.{kind}.{row_id}"] = version


def forget_base(kind: str, row_id: str) -> None:
    st.session_state.pop(f"personas.base.{kind}.{row_id}", None)


def selected_persona_id() -> str | None:
    """The persona open on the Personas page; kept in the URL so a link opens it."""
    from_url = st.query_params.get("persona")
    if from_url:
        st.session_state[SELECTED_KEY] = from_url
    elif st.session_state.get(SELECTED_KEY):
        st.query_params["persona"] = st.session_state[SELECTED_KEY]
    return st.session_state.get(SELECTED_KEY)


def select_persona(persona_id: str | None) -> None:
    if persona_id:
        st.session_state[SELECTED_KEY] = persona_id
        st.query_params["persona"] = persona_id
        forget_base("persona", persona_id)
    else:
        st.session_state.pop(SELECTED_KEY, None)
        st.query_params.pop("persona", None)


def fixed_t() -> Any:
    """`t` bound to this run's language: for format functions, which Streamlit may call
    outside the script run (where the session's language can't be read)."""
    from i18n import translate
    from ui.common.i18n import current_language

    language = current_language()

    def tr(key: str, /, **params: Any) -> str:
        return translate(language, key, **params)

    return tr
