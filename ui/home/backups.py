"""Home's Backups section (issue 28): the last backup, the daily schedule, "Back up now"
and a download of the newest file. For the laptop workspace (SQLite) and the people it is
open to; a team server on PostgreSQL is backed up by its operator."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from core.actors import WorkspaceActor
from core.settings import get_settings
from i18n.format import file_size, format_datetime
from operate.backups import BackupFile, back_up_now, latest_backup
from ui.common.actor import workspace
from ui.common.errors import guard
from ui.common.i18n import current_language, t
from ui.common.text import md_escape
from ui.common.timezone import user_zone

NOW_KEY = "home.backup.now"
DOWNLOAD_KEY = "home.backup.download"


def _when(moment: datetime) -> str:
    """ "today 03.00" / "7 Dec 2026 03.00", in the user's time zone (the app's clock format)."""
    zone = user_zone()
    local = moment.astimezone(zone)
    if local.date() == datetime.now(zone).date():
        return t("backup.when.today", time=local.strftime("%H.%M"))
    return format_datetime(current_language(), local)


def _last_line(latest: BackupFile | None) -> str:
    if latest is None:
        return t("backup.last.none")
    return t("backup.last", when=_when(latest.made_at), size=file_size(current_language(), latest.size_bytes))


def backup_section() -> None:
    actor = workspace()
    if not isinstance(actor, WorkspaceActor):  # a signed-in team member: the operator's job
        return
    settings = get_settings()
    with st.expander(t("backup.section.title"), icon=":material/backup:"):
        if not settings.is_sqlite:
            st.markdown(t("backup.team_server"))
            return
        st.markdown(t("backup.section.help"))  # not a caption: its command must stay legible
        if settings.backup_daily_at:
            folder = md_escape(str(settings.backup_folder))
            # The schedule runs on the server's clock, which may not be the browser's zone.
            zone = datetime.now().astimezone().tzname() or ""
            schedule = t(
                "backup.schedule.on", time=settings.backup_daily_at, zone=zone, keep=settings.backup_keep, folder=folder
            )
            st.caption(schedule)
        else:
            st.caption(t("backup.schedule.off"))
        if st.button(t("backup.now"), key=NOW_KEY, icon=":material/backup:"):
            with guard():
                info = back_up_now(actor, settings)
                st.success(t("backup.now.done", path=md_escape(str(info.path))), icon=":material/check_circle:")
        latest = latest_backup(settings.backup_folder)
        st.markdown(_last_line(latest))
        if latest is not None:
            st.download_button(
                t("backup.download"),
                data=latest.path.read_bytes,  # read when clicked, not on every run
                file_name=latest.path.name,
                mime="application/vnd.sqlite3",
                key=DOWNLOAD_KEY,
                icon=":material/download:",
                on_click="ignore",
            )
