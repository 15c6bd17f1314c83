"""Nilai's entry point: page config, language, navigation. Nothing else happens here."""

import streamlit as st

from ui.common import class_links as class_access
from ui.common import document, shell, workspace_access
from ui.common.i18n import t
from ui.common.run import new_run
from ui.team import invites as team_invites
from ui.workshop import live as workshop_live

# The icon is a file the app serves itself: a material icon would be fetched from a font host.
st.set_page_config(page_title="Nilai", page_icon=str(document.FAVICON), layout="wide")
new_run()  # what the session proves (workspace, actor) is worked out afresh, once this run
shell.sync_language()
shell.sync_project()
class_access.sync_tokens()

join_page = st.Page("pages/join.py", title=t("nav.join"), icon=":material/group_add:")
present_page = st.Page("pages/present.py", title=t("nav.present"), icon=":material/present_to_all:")
refused_link = False
if workshop_live.is_participant_session():  # a participant's device: its workshop, nothing else
    gate = st.Page(lambda: st.switch_page(join_page), title=t("nav.join"), url_path="start", default=True)
    navigation = st.navigation([gate, join_page, present_page], position="hidden")
else:
    # Another device that has proven nothing (no key, no class link) gets one landing page
    # with its own links, not a sidebar of locked workspace pages.
    landing = not workspace_access.workspace_open() and not class_access.has_class_link()
    # A link that opens no class (mistyped, or its class deleted) gets that landing page too,
    # whichever page it named, with a message saying so.
    refused_link = landing and class_access.link_refused()
    navigation = st.navigation(
        {
            t("nav.section.workspace"): [
                st.Page(
                    "pages/home.py",
                    title=t("workspace.private.title") if landing else t("nav.home"),  # the tab says what it is
                    icon=":material/folder_open:",
                    default=True,
                ),
                st.Page("pages/portfolio.py", title=t("nav.portfolio"), icon=":material/bubble_chart:"),
                st.Page("pages/personas.py", title=t("nav.personas"), icon=":material/groups:"),
                st.Page("pages/canvas.py", title=t("nav.canvas"), icon=":material/dashboard:"),
                st.Page("pages/competitors.py", title=t("nav.competitors"), icon=":material/leaderboard:"),
                st.Page("pages/testing.py", title=t("nav.testing"), icon=":material/science:"),
                st.Page("pages/feedback.py", title=t("nav.feedback"), icon=":material/record_voice_over:"),
                st.Page("pages/workshop.py", title=t("nav.workshop"), icon=":material/groups_3:"),
                st.Page("pages/export.py", title=t("nav.export"), icon=":material/ios_share:"),
                st.Page("pages/history.py", title=t("nav.history"), icon=":material/history:"),
                st.Page("pages/members.py", title=t("nav.members"), icon=":material/manage_accounts:"),
            ],
            t("nav.section.workshop"): [join_page, present_page],
            t("nav.section.learn"): [
                st.Page("pages/guided.py", title=t("nav.guided"), icon=":material/school:"),
                st.Page("pages/examples.py", title=t("nav.examples"), icon=":material/menu_book:"),
                st.Page("pages/classroom.py", title=t("nav.classroom"), icon=":material/co_present:"),
            ],
        },
        position="hidden" if landing else "sidebar",
    )
document.set_page(t("workspace.private.title") if refused_link else navigation.title)  # each page its own title
shell.top_bar()
if shell.open_store_or_explain() is not None:
    workspace_access.sync_key_link()  # a ?key= link opens the workspace once, then leaves the URL
    team_invites.sync_invite_link()  # a team server's ?invite= link, once signed in
    team_invites.note_project_opened()
    shell.run_page(workspace_access.private_landing if refused_link else navigation)
