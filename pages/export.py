"""Export and import: the PDF with chosen sections and paper, the other formats, and JSON import."""

import streamlit as st

from ui.common.i18n import t
from ui.common.shell import ensure_app_shell
from ui.common.state import current_project
from ui.common.workspace_access import workspace_open
from ui.export import page as export_page

ensure_app_shell()

st.title(t("export.title"))
st.caption(t("export.caption"))

project = current_project()
export_tab, import_tab = st.tabs([t("export.tab.export"), t("export.tab.import")], key="export.tab")
with export_tab:
    if project is None:
        st.info(t("export.no_project"), icon=":material/folder_open:")
        st.page_link("pages/home.py", label=t("nav.home"), icon=":material/arrow_back:")
    else:
        export_page.export_section(project)
with import_tab:
    if workspace_open():
        export_page.import_section()
    else:
        st.info(t("workspace.error.private"), icon=":material/lock:")  # an import becomes a workspace project
