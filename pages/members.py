"""Members: who may open the project and with which role, invite links, the audit log."""

import streamlit as st

from ui.common.actor import current_actor
from ui.common.i18n import t
from ui.common.shell import ensure_app_shell
from ui.common.sign_in import enabled as sign_in_enabled
from ui.common.state import require_project
from ui.common.text import md_escape
from ui.team import members

ensure_app_shell()

project = require_project()
actor = current_actor()

st.title(t("team.members.title"))
st.caption(t("team.members.caption", project=md_escape(project.name)))
if not sign_in_enabled():
    st.info(t("team.members.off"), icon=":material/info:")

manage = members.may_manage(actor, project)
if members.signed_in(actor) and not manage:
    st.caption(t("team.members.read_only", role=members.role_label(members.my_role(actor, project))))
if members.signed_in(actor) or sign_in_enabled():
    members.member_list(actor, project, manage)
if manage and sign_in_enabled():
    members.add_form(actor, project)
    members.invite_section(actor, project)
if manage:
    members.audit_section(actor, project)
