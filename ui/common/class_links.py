"""Class links in this session: the group and lecturer tokens a browser holds.

The tokens live in session state and in the URL (`?group=` for a group, `?lecturer=`
for a lecturer), so a reload or a bookmarked link keeps working. Only their hashes are
stored in the database.
"""

from __future__ import annotations

import logging

from projects import class_links as class_actors
from ui.common import sign_in, url_tokens
from ui.common.feedback import flash
from ui.common.run import once_per_run
from ui.common.store import get_store

GROUP_KEY = "class.group_token"
LECTURER_KEY = "class.lecturer_token"


def group_token() -> str | None:
    return url_tokens.synced("group", GROUP_KEY)


def lecturer_token() -> str | None:
    """The lecturer link's token; on a team server only for someone signed in."""
    token = url_tokens.synced("lecturer", LECTURER_KEY)
    return None if token and sign_in.missing() else token


def has_class_link() -> bool:
    """This session holds a group or lecturer link that opens a class: it reaches a class's
    project pages. Any token string is no class link."""
    return once_per_run("class.links", _check_links)[0]


def link_refused() -> bool:
    """This run dropped a group or lecturer link that opens no class (and said so)."""
    return once_per_run("class.links", _check_links)[1]


def _check_links() -> tuple[bool, bool]:
    """(a link opens a class, a link was refused). A refused one leaves the session and the
    URL, so the device gets the landing page every other device gets, with a message."""
    tokens = {"group": group_token(), "lecturer": lecturer_token()}
    if not any(tokens.values()):
        return False, False
    try:
        store = get_store()
    except Exception:  # the shell explains a database that can't be opened, next in the run
        logging.getLogger("nilai").debug("class links not checked", exc_info=True)
        return True, False
    resolve = {"group": class_actors.group_actor, "lecturer": class_actors.lecturer_actor}
    opens = refused = False
    for kind, token in tokens.items():
        if not token:
            continue
        if resolve[kind](store, token) is None:
            forget(kind)
            refused = True
        else:
            opens = True
    if refused:
        flash("classroom.link_refused", kind="info")
    return opens, refused


def remember(kind: str, token: str) -> None:
    url_tokens.remember(kind, GROUP_KEY if kind == "group" else LECTURER_KEY, token)


def forget(kind: str) -> None:
    url_tokens.forget(kind, GROUP_KEY if kind == "group" else LECTURER_KEY)


def sync_tokens() -> None:
    """Every run: take class tokens from a link into the session, and keep them in the URL
    (st.navigation drops query parameters when the page changes)."""
    group_token()
    lecturer_token()
