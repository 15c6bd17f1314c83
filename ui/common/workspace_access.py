"""Who may open the workspace (Home and every ordinary project).

The browser on the computer that runs Nilai may, unless NILAI_TRUST_LOCAL is off (for
example behind a reverse proxy on the same machine). "This computer" means the session's
websocket comes from a loopback address (127.0.0.0/8, ::1, ::ffff:127.0.0.1); an unknown
address (AppTest, Streamlit's agent API) counts as another device. Any other device needs
the workspace key (NILAI_WORKSPACE_KEY), typed on the landing page or from a `?key=` link.
A key is kept in this session's server-side state only, never in the URL, and the browser
gets a workspace pass cookie (projects/workspace_passes.py) so that a reload stays open.
Without either, a device reaches only what its own tokens open: its workshop, its class
group's project.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from core.actors import UserActor, WorkspaceActor
from core.errors import RateLimited
from core.limits import KEY_GUESSES
from core.settings import get_settings
from projects import access, workspace_passes
from ui.common import sign_in
from ui.common.client import client, is_loopback, session_peer_address
from ui.common.errors import show_error
from ui.common.i18n import t
from ui.common.run import once_per_run
from ui.common.store import get_store

KEY_STATE = "workspace.key"  # the accepted key, in server-side session state only
KEY_LIMITED_STATE = "workspace.key_limited"
TICKET_STATE = "workspace.pass_ticket"
WORKSPACE_PASS_URL = "/api/workspace-pass"  # server/workspace_pass.py

# Posts each ticket once; the answer sets the HttpOnly cookie (a script can't set cookies).
_pass_component = st.components.v2.component(
    "nilai_workspace_pass", html="", js=Path(__file__).with_name("workspace_pass.js").read_text(encoding="utf-8")
)


def key_matches(key: str | None) -> bool:
    return access.key_matches(get_settings(), key)


def guess_key(key: str) -> bool:
    """One try of the workspace key from this device (typed or from a `?key=` link),
    counted on the server by client address; a right one is given back, so only wrong
    ones add up. RateLimited once too many were wrong, even for the right key."""
    store = get_store()
    guess = store.limits.take(KEY_GUESSES, client())
    if not key_matches(key):
        return False
    store.limits.give_back(guess)
    return True


def _open_with_key(key: str) -> None:
    st.session_state[KEY_STATE] = key
    st.session_state[TICKET_STATE] = workspace_passes.issue(get_settings(), "ticket")


def sync_key_link() -> None:
    """Every run (app.py): a `?key=` link is a guess like a typed key; it leaves the
    address bar at once, and a right one opens the workspace for this session and, through
    the workspace pass, for reloads. Then a pending pass is handed to the browser."""
    key = (st.query_params.get("key") or "").strip()
    if key:
        del st.query_params["key"]
        try:
            if guess_key(key):
                _open_with_key(key)
                st.rerun()  # this run chose the landing page's navigation: start again, opened
            else:
                st.error(t("workspace.private.wrong_key"), icon=":material/key_off:")
        except RateLimited as error:
            st.session_state[KEY_LIMITED_STATE] = error
    _hand_over_pass()


def _hand_over_pass() -> None:
    """Mount the component that trades the ticket for the cookie, while the ticket is valid."""
    ticket = st.session_state.get(TICKET_STATE)
    if not ticket:
        return
    if not workspace_passes.is_valid(get_settings(), ticket, "ticket"):
        st.session_state.pop(TICKET_STATE, None)
        return
    _pass_component(data={"ticket": ticket, "url": WORKSPACE_PASS_URL}, key="workspace.pass", height=0)


def is_local_client() -> bool:
    """This computer's own browser; an unknown address is another device (fails closed)."""
    return is_loopback(session_peer_address())


def workspace_actor() -> WorkspaceActor | UserActor | None:
    """Who opens Home and the projects: the workspace actor, when this session is this
    computer's browser, had the key accepted, or brought a workspace pass cookie; on a team
    server, the signed-in user (the key only while migrating). Once per page run."""
    return once_per_run("workspace", _prove_workspace)


def _prove_workspace() -> WorkspaceActor | UserActor | None:
    workspace = access.workspace_actor(
        get_settings(),
        local=is_local_client(),
        key=st.session_state.get(KEY_STATE),
        workspace_pass=st.context.cookies.get(workspace_passes.COOKIE_NAME),
    )
    return workspace if workspace is not None else sign_in.signed_in_user()


def workspace_open() -> bool:
    return workspace_actor() is not None


def private_landing() -> None:
    """Home for another device that has proven nothing: what it can open here, and how.
    One message per way in, none contradicting another (no key form when there is no key).
    On a team server: the sign-in, and the key form only while migrating."""
    settings = get_settings()
    if settings.sign_in_enabled:
        sign_in.sign_in_landing()
        if not settings.sign_in_allow_workspace_key:
            return
        _key_form()
        return
    st.title(t("workspace.private.title"))
    st.write(t("landing.intro"))
    with st.container(border=True):
        st.header(t("landing.workshop.title"))
        st.write(t("landing.workshop.how"))
        st.page_link("pages/join.py", label=t("workspace.private.join_workshop"), icon=":material/group_add:")
    with st.container(border=True):
        st.header(t("landing.class.title"))
        st.write(t("landing.class.how"))
        st.page_link("pages/classroom.py", label=t("workspace.private.join_class"), icon=":material/co_present:")
    with st.container(border=True):
        st.header(t("landing.workspace.title"))
        if not get_settings().workspace_key:
            st.write(t("workspace.private.no_key"))
            return
        st.write(t("landing.workspace.with_key"))
        _key_form()


def _key_form() -> None:
    if not get_settings().workspace_key:
        return
    limited = st.session_state.pop(KEY_LIMITED_STATE, None)
    if limited is not None:  # a ?key= link came while this device was limited
        show_error(limited)
    with st.form("workspace.key_form", border=False):
        key = st.text_input(t("workspace.private.key"), type="password", help=t("workspace.private.key_help"))
        submitted = st.form_submit_button(t("workspace.private.open"), type="primary", icon=":material/lock_open:")
    if not submitted:
        return
    try:
        accepted = guess_key(key.strip())
    except RateLimited as error:
        show_error(error)
        return
    if accepted:
        _open_with_key(key.strip())
        st.rerun()
    st.error(t("workspace.private.wrong_key"), icon=":material/key_off:")
