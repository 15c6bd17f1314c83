"""The name a person gives for this browser session (workspace user or class group member):
it goes on the notes they write and into the version history. A label, never a credential."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from core.actors import Actor, GroupActor, WorkspaceActor
from core.text import clean_display_name

NAME_KEY = "ui.author_name"
NAME_MAX = 80


def session_author_name() -> str:
    return clean_display_name(str(st.session_state.get(NAME_KEY) or ""))[:NAME_MAX]


def with_author_name(actor: Actor) -> Actor:
    """The actor carrying this session's name. Workshop people already have their display name."""
    name = session_author_name()
    if not name:
        return actor
    if isinstance(actor, WorkspaceActor):
        return replace(actor, name=name)
    if isinstance(actor, GroupActor):
        return replace(actor, member=name)
    return actor
