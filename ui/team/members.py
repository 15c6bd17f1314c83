"""The members page: who may open the project and with which role, invite links, and the
audit log. Owners change things; other members see who else is there."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import streamlit as st

from core.actors import Actor, UserActor
from core.models import Project
from core.settings import get_settings
from i18n.format import format_date
from projects import access, audit
from projects import members as member_service
from projects.team_models import ROLES, Member
from ui.common import feedback
from ui.common.errors import guard
from ui.common.i18n import current_language, t
from ui.common.state import get_store
from ui.common.text import md_escape

CREATED_LINK_KEY = "team.created_invite"


def role_label(role: str) -> str:
    return t(f"team.role.{role}")


def invite_url(token: str) -> str:
    base = (get_settings().public_url or "").rstrip("/")
    return f"{base}/?{urlencode({'invite': token})}"


def may_manage(actor: Actor, project: Project) -> bool:
    return access.may(get_store(), actor, project.id, "manage")


def my_role(actor: Actor, project: Project) -> str:
    return access.role_in(get_store(), actor, project.id) or "viewer"


def member_list(actor: Actor, project: Project, manage: bool) -> None:
    store = get_store()
    me = actor.email if isinstance(actor, UserActor) else None
    for member in member_service.list_members(store, actor, project.id):
        with st.container(horizontal=True, vertical_alignment="center", key=f"team-member-{member.id}"):
            you = f" ({t('team.members.you')})" if member.email == me else ""
            with st.container(gap=None):
                if member.name:
                    st.markdown(f"**{md_escape(member.name)}**{you}")
                # Plain text: an address in Markdown would turn into a mailto link.
                st.text(member.email + ("" if member.name else you))
            if manage:
                _role_control(actor, project, member)
            else:
                st.caption(role_label(member.role))


def _role_control(actor: Actor, project: Project, member: Member) -> None:
    store = get_store()
    chosen = st.selectbox(
        t("team.members.role"),
        ROLES,
        index=ROLES.index(member.role),
        format_func=role_label,
        key=f"team.role.{member.id}.{member.version}",
        label_visibility="collapsed",
        width=160,
    )
    if chosen != member.role:
        with guard():
            member_service.add_member(store, actor, project.id, member.email, chosen)
            feedback.flash("team.members.added", email=member.email, role=role_label(chosen))
            st.rerun()
    if st.button(t("team.members.remove"), key=f"team.remove.{member.id}", icon=":material/person_remove:"):
        with guard():
            member_service.remove_member(store, actor, project.id, member.id)
            feedback.flash("team.members.removed", email=member.email)
            st.rerun()


def add_form(actor: Actor, project: Project) -> None:
    with st.form("team.add_form", clear_on_submit=True, border=True):
        st.markdown(f"**{t('team.members.add')}**")
        email = st.text_input(t("team.members.email"), help=t("team.members.email_help"), key="team.add_email")
        role = st.selectbox(
            t("team.members.role"),
            ROLES,
            index=1,
            format_func=role_label,
            key="team.add_role",
            help=t("team.role.help"),
        )
        if st.form_submit_button(t("team.members.add_button"), type="primary", icon=":material/person_add:"):
            with guard():
                member = member_service.add_member(get_store(), actor, project.id, email, role)
                feedback.flash("team.members.added", email=member.email, role=role_label(member.role))
                st.rerun()


def invite_section(actor: Actor, project: Project) -> None:
    store = get_store()
    st.header(t("team.invites.title"))
    st.caption(t("team.invites.caption"))
    with st.container(horizontal=True, vertical_alignment="bottom"):
        role = st.selectbox(
            t("team.members.role"), ROLES, index=2, format_func=role_label, key="team.invite_role", width=200
        )
        single_use = st.checkbox(t("team.invites.single_use"), key="team.invite_single_use")
        if st.button(t("team.invites.create"), key="team.invite_create", icon=":material/add_link:"):
            with guard():
                created = member_service.create_invite(
                    store, actor, project.id, role, days=get_settings().invite_days, single_use=single_use
                )
                # Shown once, right here: kept in this session only until the next page.
                st.session_state[CREATED_LINK_KEY] = (project.id, invite_url(created.token))
    shown = st.session_state.get(CREATED_LINK_KEY)
    if shown and shown[0] == project.id:
        st.success(t("team.invites.created"), icon=":material/link:")
        st.code(shown[1], language=None)
    invites = member_service.list_invites(store, actor, project.id)
    if not invites:
        st.caption(t("team.invites.none"))
    language = current_language()
    for invite in invites:
        with st.container(horizontal=True, vertical_alignment="center", key=f"team-invite-{invite.id}"):
            st.markdown(
                t(
                    "team.invites.line",
                    role=role_label(invite.role),
                    date=format_date(language, invite.expires_at),
                    uses=invite.uses,
                )
                + (f" · {t('team.invites.single_use_mark')}" if invite.max_uses == 1 else "")
            )
            if st.button(t("team.invites.revoke"), key=f"team.revoke.{invite.id}", icon=":material/link_off:"):
                with guard():
                    member_service.revoke_invite(store, actor, project.id, invite.id)
                    st.session_state.pop(CREATED_LINK_KEY, None)
                    feedback.flash("team.invites.revoked")
                    st.rerun()


def _readable_detail(detail: str) -> str:
    """Role names in an event's detail ("ana@example.org editor->owner"), in the user's language."""
    return re.sub(r"\b(owner|editor|viewer)\b", lambda found: role_label(found.group(1)), detail).replace("->", " → ")


def audit_section(actor: Actor, project: Project) -> None:
    st.header(t("team.audit.title"))
    st.caption(t("team.audit.caption"))
    events = audit.events(get_store(), actor, project.id)
    if not events:
        st.caption(t("team.audit.empty"))
        return
    st.dataframe(
        [
            {
                t("team.audit.when"): event.at.strftime("%Y-%m-%d %H:%M UTC"),
                t("team.audit.who"): " · ".join(part for part in (event.actor_name, event.actor_email) if part),
                t("team.audit.what"): t(f"team.audit.action.{event.action}"),
                t("team.audit.detail"): _readable_detail(event.detail),
            }
            for event in events
        ],
        hide_index=True,
        width="stretch",
    )


def signed_in(actor: Actor) -> bool:
    """A person signed in with their own account (not the workspace, a class or a room)."""
    return isinstance(actor, UserActor)
