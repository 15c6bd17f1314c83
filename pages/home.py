"""Home: the project list, the open project's overview, and the trash."""

import streamlit as st

from ui.common import workspace_access
from ui.common.i18n import t
from ui.common.shell import ensure_app_shell
from ui.common.state import current_project
from ui.common.text import md_escape
from ui.home import backups, project_list

ensure_app_shell()

if not workspace_access.workspace_open():
    workspace_access.private_landing()  # another device without the key: no project list
    st.stop()

with st.container(horizontal=True, vertical_alignment="bottom"):
    st.title(t("home.title"))
    project_list.new_project_form()
st.caption(t("app.tagline"))

project = current_project()
if project is not None:
    st.success(t("home.current_project", name=md_escape(project.name)), icon=":material/folder_open:")
    project_list.next_step(project.id)

project_list.undo_banner()
project_list.project_grid()
project_list.trash_section()
backups.backup_section()
project_list.manage_dialog()
