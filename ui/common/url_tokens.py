"""Tokens and keys that a session keeps both in session state and in the URL, so a
reload or a bookmarked link keeps working. st.navigation drops query parameters when the
page changes, so each read puts the value back."""

from __future__ import annotations

import streamlit as st


def synced(url_key: str, state_key: str) -> str | None:
    from_url = st.query_params.get(url_key)
    if from_url:
        st.session_state[state_key] = from_url
    elif st.session_state.get(state_key):
        st.query_params[url_key] = st.session_state[state_key]
    return st.session_state.get(state_key)


def remember(url_key: str, state_key: str, value: str) -> None:
    st.session_state[state_key] = value
    st.query_params[url_key] = value


def forget(url_key: str, state_key: str) -> None:
    st.session_state.pop(state_key, None)
    st.query_params.pop(url_key, None)
