"""Class tokens in this session, and the check that keeps groups out of each other's projects.

The tokens live in session state and in the URL (`?group=` for a group, `?lecturer=`
for a lecturer), so a reload or a bookmarked link keeps working. Only their hashes are
stored in the database.
"""

from __future__ import annotations

import streamlit as st

from classroom.service import project_access
from core.errors import Forbidden
from ui.common import url_tokens
from ui.common.errors import message_for
from ui.common.workspace_access import workspace_open

GROUP_KEY = "class.group_token"
LECTURER_KEY = "class.lecturer_token"


def group_token() -> str | None:
    return url_tokens.synced("group", GROUP_KEY)


def lecturer_token() -> str | None:
    return url_tokens.synced("lecturer", LECTURER_KEY)


def remember(kind: str, token: str) -> None:
    url_tokens.remember(kind, GROUP_KEY if kind == "group" else LECTURER_KEY, token)


def forget(kind: str) -> None:
    url_tokens.forget(kind, GROUP_KEY if kind == "group" else LECTURER_KEY)


def may_edit(store, project_id: str) -> bool:
    """True if this session may open the project in the editing pages; else say why."""
    try:
        mode = project_access(
            store,
            project_id,
            group_tokens=[t for t in (group_token(),) if t],
            lecturer_tokens=[t for t in (lecturer_token(),) if t],
            workspace_open=workspace_open(),
        )
    except Forbidden as error:
        st.error(message_for(error), icon=":material/lock:")
        return False
    if mode == "read":
        # Lecturers and peers read class projects in the class space, never in the editors.
        st.error(message_for(Forbidden("classroom.error.read_only_here")), icon=":material/lock:")
        return False
    return True


def sync_tokens() -> None:
    """Every run: take class tokens from a link into the session, and keep them in the URL
    (st.navigation drops query parameters when the page changes)."""
    group_token()
    lecturer_token()
