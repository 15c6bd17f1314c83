"""Nilai's entry point: page config, language, navigation. Nothing else happens here."""

import streamlit as st

from ui import shell
from ui.i18n import t

st.set_page_config(page_title="Nilai", page_icon=":material/workspaces:", layout="wide")
shell.sync_language()
shell.sync_project()

navigation = st.navigation(
    {
        t("nav.section.workspace"): [
            st.Page("pages/home.py", title=t("nav.home"), icon=":material/folder_open:", default=True),
            st.Page("pages/portfolio.py", title=t("nav.portfolio"), icon=":material/bubble_chart:"),
            st.Page("pages/personas.py", title=t("nav.personas"), icon=":material/groups:"),
        ],
    }
)
shell.top_bar()
if shell.open_store_or_explain() is not None:
    shell.run_page(navigation)
