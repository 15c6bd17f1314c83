"""Sign-in on a team server: who is signed in (Streamlit's st.user, from the signed cookie
that its OIDC callback set), the sign-in button, and the name and sign-out in the top bar.
With sign-in off (the laptop default) every function here is a no-op."""

from __future__ import annotations

import streamlit as st

from core.actors import UserActor
from core.settings import get_settings
from projects import access
from projects import members as member_service
from ui.common.i18n import t
from ui.common.run import once_per_run
from ui.common.store import get_store

NAME_KEPT_KEY = "team.name_kept"


def enabled() -> bool:
    return get_settings().sign_in_enabled


def signed_in_user() -> UserActor | None:
    """The signed-in user, worked out once per page run; None with sign-in off."""
    return once_per_run("signed_in_user", _prove_user)


def _prove_user() -> UserActor | None:
    settings = get_settings()
    if not settings.sign_in_enabled:
        return None
    user = st.user
    return access.user_actor(
        settings, is_logged_in=bool(user.get("is_logged_in")), email=user.get("email"), name=user.get("name")
    )


def missing() -> bool:
    """Sign-in is on and nobody is signed in: facilitators and lecturers must sign in first."""
    return enabled() and signed_in_user() is None


def sign_in_button(*, key: str = "team.sign_in") -> None:
    if st.button(t("team.sign_in"), key=key, type="primary", icon=":material/login:"):
        st.login()


def user_menu() -> None:
    """In the top bar: the signed-in user's name and the way out (or the way in)."""
    if not enabled():
        return
    user = signed_in_user()
    if user is None:
        return
    if not st.session_state.get(NAME_KEPT_KEY):
        st.session_state[NAME_KEPT_KEY] = True
        member_service.remember_name(get_store(), user)
    with st.popover(user.name, icon=":material/account_circle:", key="team-user-menu"):
        st.caption(user.email)
        if st.button(t("team.sign_out"), key="team.sign_out", icon=":material/logout:"):
            st.session_state.pop(NAME_KEPT_KEY, None)
            st.logout()


def sign_in_landing() -> None:
    """Home for someone not signed in on a team server."""
    st.title(t("team.landing.title"))
    st.write(t("team.landing.body"))
    sign_in_button(key="team.landing.sign_in")
    with st.container(horizontal=True):
        st.page_link("pages/join.py", label=t("workspace.private.join_workshop"), icon=":material/group_add:")
        st.page_link("pages/classroom.py", label=t("workspace.private.join_class"), icon=":material/co_present:")
