"""Named snapshots: save one now, see the list, delete one."""

from __future__ import annotations

import streamlit as st

from core.models import Project, utcnow
from export.files import name_for
from export.service import download_for
from history import snapshots as history_snapshots
from history.restore import NOW
from projects import access
from ui.common.actor import current_actor
from ui.common.errors import guard
from ui.common.feedback import flash
from ui.common.i18n import t
from ui.common.state import get_store
from ui.common.text import md_escape
from ui.history.sentences import who_label
from ui.history.timeline import local_time, user_zone

FROM_KEY = "history.compare.from"
TO_KEY = "history.compare.to"
TABS_KEY = "history.tabs"


def snapshot_label(snapshot: history_snapshots.Snapshot) -> str:
    """What people call a snapshot: its name, or what took it ("Start of workshop · Utama")."""
    return t(f"history.snapshot.kind.{snapshot.kind}", name=snapshot.name)


def _compare_with_now(snapshot_id: str) -> None:
    # A callback: it may set the tabs' and the selectboxes' state before they are drawn.
    st.session_state[FROM_KEY] = snapshot_id
    st.session_state[TO_KEY] = NOW
    st.session_state[TABS_KEY] = t("history.tab.compare")


def _export_with_history(project: Project) -> None:
    """The JSON export with the history in it (the Export page leaves it out: files get big).
    The file is made on Streamlit's download thread, outside this run: what it needs is bound now."""
    store, actor, project_id = get_store(), current_actor(), project.id
    st.download_button(
        t("history.export.json"),
        data=lambda: download_for(store, actor, project_id, "json_history").data,
        file_name=name_for(project.name, "history", utcnow(), "json"),
        mime="application/json",
        icon=":material/data_object:",
        key="history.export_json",
        on_click="ignore",
        help=t("history.export.json_help"),
    )


def snapshots_section(project: Project) -> None:
    actor = current_actor()
    store = get_store()
    editable = access.may(store, actor, project.id, "edit")
    if editable:
        _snapshot_form(project)
    _export_with_history(project)
    snaps = history_snapshots.snapshots(store, actor, project.id)
    if not snaps:
        st.info(t("history.snapshot.none"), icon=":material/photo_camera:")
        return
    _snapshot_list(project, snaps, editable)


def _snapshot_form(project: Project) -> None:
    with st.form("history.snapshot_form", clear_on_submit=True, border=False):
        with st.container(horizontal=True, vertical_alignment="bottom"):
            name = st.text_input(
                t("history.snapshot.name"),
                placeholder=t("history.snapshot.placeholder"),
                max_chars=history_snapshots.SNAPSHOT_NAME_MAX,
            )
            taken = st.form_submit_button(t("history.snapshot.take"), icon=":material/photo_camera:", type="primary")
    if taken:
        with guard():
            snap = history_snapshots.take_snapshot(get_store(), current_actor(), project.id, name)
            flash("history.snapshot.taken", name=snap.name)
            st.rerun()


def _snapshot_list(project: Project, snaps: list[history_snapshots.Snapshot], editable: bool) -> None:
    store, actor = get_store(), current_actor()
    zone = user_zone()
    for snap in snaps:
        with st.container(border=True, horizontal=True, vertical_alignment="center", key=f"hx-snap-{snap.id}"):
            who = who_label("workspace", snap.who, t)
            st.markdown(
                f"**{md_escape(snapshot_label(snap))}**  \n"
                + t("history.snapshot.meta", when=local_time(snap.created_at, zone), who=md_escape(who))
            )
            st.button(
                t("history.snapshot.compare"),
                key=f"history.snap.compare.{snap.id}",
                type="tertiary",
                icon=":material/compare:",
                on_click=_compare_with_now,
                args=(snap.id,),
            )
            if editable and st.button(
                t("history.snapshot.delete"),
                key=f"history.snap.delete.{snap.id}",
                type="tertiary",
                icon=":material/delete:",
            ):
                with guard():
                    history_snapshots.delete_snapshot(store, actor, project.id, snap.id)
                    flash("history.snapshot.deleted", name=snapshot_label(snap))
                    st.rerun()
