"""Class space: lecturers create a class; groups join with its code and work in their own project."""

import streamlit as st

from ui.classroom import space as class_space
from ui.common import class_links as class_access
from ui.common import feedback
from ui.common.i18n import t
from ui.common.shell import ensure_app_shell

ensure_app_shell()


st.title(t("classroom.title"))
st.caption(t("classroom.caption"))

lecturer = class_access.lecturer_token()
group = class_access.group_token()
if lecturer or feedback.pending_undo(class_space.UNDO_SCOPE):
    class_space.lecturer_panel(lecturer)
elif not (group and class_space.student_panel(group)):
    class_space.entry_tabs()
