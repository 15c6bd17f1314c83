"""Class links in this session: the group and lecturer tokens a browser holds.

The tokens live in session state and in the URL (`?group=` for a group, `?lecturer=`
for a lecturer), so a reload or a bookmarked link keeps working. Only their hashes are
stored in the database.
"""

from __future__ import annotations

from ui.common import sign_in, url_tokens

GROUP_KEY = "class.group_token"
LECTURER_KEY = "class.lecturer_token"


def group_token() -> str | None:
    return url_tokens.synced("group", GROUP_KEY)


def lecturer_token() -> str | None:
    """The lecturer link's token; on a team server only for someone signed in."""
    token = url_tokens.synced("lecturer", LECTURER_KEY)
    return None if token and sign_in.missing() else token


def remember(kind: str, token: str) -> None:
    url_tokens.remember(kind, GROUP_KEY if kind == "group" else LECTURER_KEY, token)


def forget(kind: str) -> None:
    url_tokens.forget(kind, GROUP_KEY if kind == "group" else LECTURER_KEY)


def sync_tokens() -> None:
    """Every run: take class tokens from a link into the session, and keep them in the URL
    (st.navigation drops query parameters when the page changes)."""
    group_token()
    lecturer_token()
