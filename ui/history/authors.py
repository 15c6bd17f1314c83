"""Who wrote each note: the name a person gives for this browser session (workspace user
or class group member), and the board's "show authors" toggle."""

from __future__ import annotations

import streamlit as st

from ui.common.author_name import NAME_KEY, NAME_MAX, session_author_name
from ui.common.i18n import t

SHOW_KEY = "canvas.show_authors"
INPUT_KEY = "ui.author_name.input"


def _keep_name() -> None:
    # The widget's own key is dropped on pages that don't draw it; the name must outlive those.
    st.session_state[NAME_KEY] = st.session_state.get(INPUT_KEY, "")


def name_popover() -> None:
    """ "Your name on notes": typed once per browser session."""
    current = session_author_name()
    st.session_state[INPUT_KEY] = st.session_state.get(NAME_KEY, "")
    with st.popover(current or t("history.author.your_name"), icon=":material/badge:"):
        st.text_input(
            t("history.author.your_name"),
            key=INPUT_KEY,
            max_chars=NAME_MAX,
            placeholder=t("history.author.placeholder"),
            help=t("history.author.help"),
            on_change=_keep_name,
        )


def board_controls(*, writes: bool = True) -> None:
    """The canvas page's toggle for author chips, and the name this session writes under
    (when it `writes`: a viewer writes nothing)."""
    st.toggle(t("history.board.show_authors"), value=True, key=SHOW_KEY)
    if writes:
        name_popover()


def author_view(payload: dict) -> dict:
    """The board payload as the toggle wants it: with authors, or without their chips (a
    copy: the cached payload is shared by every session on this revision)."""
    if st.session_state.get(SHOW_KEY, True):
        return payload
    items = [{**item, "author_label": ""} for item in payload["items"]]
    return {**payload, "items": items, "rev": f"{payload['rev']}:no-authors"}
