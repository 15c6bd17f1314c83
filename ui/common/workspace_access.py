"""Who may open the workspace (Home and every ordinary project).

The browser on the computer that runs Nilai may (Streamlit reports no IP address for a
loopback connection), unless NILAI_TRUST_LOCAL is off, for example behind a reverse proxy
on the same machine. Any other device needs the workspace key (NILAI_WORKSPACE_KEY),
from a `?key=` link or typed on the landing page. Without it, a device reaches only what
its own tokens open: its workshop, its class group's project.
"""

from __future__ import annotations

import time

import streamlit as st

from core.actors import WorkspaceActor
from core.errors import Forbidden
from core.settings import get_settings
from core.tokens import check_join_allowed
from projects import access
from ui.common import url_tokens
from ui.common.errors import message_for
from ui.common.i18n import t

KEY_STATE = "workspace.key"
KEY_FAILURES_STATE = "workspace.key_failures"
LOOPBACK = {"127.0.0.1", "::1"}


def key_matches(key: str | None) -> bool:
    return access.key_matches(get_settings(), key)


def is_local_client() -> bool:
    """Streamlit reports loopback as no address; AppTest and bare runs have no real one."""
    address = st.context.ip_address
    return not isinstance(address, str) or address in LOOPBACK


def workspace_actor() -> WorkspaceActor | None:
    """The workspace actor, when this session is this computer's browser or holds the key."""
    return access.workspace_actor(get_settings(), local=is_local_client(), key=url_tokens.synced("key", KEY_STATE))


def workspace_open() -> bool:
    return workspace_actor() is not None


def private_landing() -> None:
    """Home for another device without the key: where to join, and the key form."""
    st.title(t("workspace.private.title"))
    st.write(t("workspace.private.body"))
    with st.container(horizontal=True):
        st.page_link("pages/join.py", label=t("workspace.private.join_workshop"), icon=":material/group_add:")
        st.page_link("pages/classroom.py", label=t("workspace.private.join_class"), icon=":material/co_present:")
    if not get_settings().workspace_key:
        st.caption(t("workspace.private.no_key"))
        return
    with st.form("workspace.key_form", border=True):
        key = st.text_input(t("workspace.private.key"), type="password", help=t("workspace.private.key_help"))
        submitted = st.form_submit_button(t("workspace.private.open"), type="primary", icon=":material/lock_open:")
    if not submitted:
        return
    failures = st.session_state.setdefault(KEY_FAILURES_STATE, [])
    try:
        check_join_allowed(failures)  # the same per-session limit as wrong join codes
    except Forbidden as error:
        st.error(message_for(error), icon=":material/timer:")
        return
    if key_matches(key.strip()):
        url_tokens.remember("key", KEY_STATE, key.strip())
        st.rerun()
    failures.append(time.time())
    st.error(t("workspace.private.wrong_key"), icon=":material/key_off:")
