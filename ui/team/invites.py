"""Invite links (`/?invite=<token>`): a signed-in user who opens one joins its project.

Someone not yet signed in keeps the link in the address bar: signing in brings them back
to it (server/sign_in.py), and then it is used. Once used, it leaves the URL."""

from __future__ import annotations

import contextlib

import streamlit as st

from core.errors import NilaiError
from projects import audit
from projects import members as member_service
from ui.common import feedback, sign_in
from ui.common.errors import show_error
from ui.common.i18n import t
from ui.common.state import PROJECT_KEY, get_store, select_project
from ui.team.members import role_label

INVITE_PARAM = "invite"


def sync_invite_link() -> None:
    token = (st.query_params.get(INVITE_PARAM) or "").strip()
    if not token or not sign_in.enabled():
        return
    user = sign_in.signed_in_user()
    if user is None:
        st.info(t("team.invite.sign_in_first"), icon=":material/login:")
        return
    del st.query_params[INVITE_PARAM]
    store = get_store()
    try:
        member = member_service.accept_invite(store, user, token)
    except NilaiError as error:
        show_error(error)
        return
    project = store.projects.get(member.project_id)
    select_project(project.id)
    feedback.flash("team.invite.joined", role=role_label(member.role), project=project.name)


NOTED_KEY = "team.sign_in_noted"


def note_project_opened() -> None:
    """The audit log's "signed in" event: once per session and project, for a signed-in user."""
    user = sign_in.signed_in_user()
    project_id = st.session_state.get(PROJECT_KEY)
    if user is None or not project_id:
        return
    noted: set[str] = st.session_state.setdefault(NOTED_KEY, set())
    if project_id in noted:
        return
    noted.add(project_id)
    with contextlib.suppress(NilaiError):  # not theirs (or gone): nothing to record
        audit.note_sign_in(get_store(), user, project_id)
