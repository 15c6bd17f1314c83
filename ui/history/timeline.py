"""The project's timeline: newest first, filtered by canvas, person and kind, a page at a time."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st

from canvas import notes as canvas_notes
from core.models import Project
from history import timeline as history_timeline
from i18n.format import format_datetime
from ui.canvas.data import project_lists
from ui.common.actor import current_actor
from ui.common.errors import guard
from ui.common.feedback import flash
from ui.common.i18n import current_language, t
from ui.common.state import get_store
from ui.common.text import shorten
from ui.history.sentences import sentence, who_label

DEFAULT_ZONE = "Asia/Jakarta"
CURSORS_KEY = "history.cursors"  # the `before_seq` of each page shown so far (None: the newest)
FILTER_KEYS = ("history.f.canvas", "history.f.person", "history.f.kind")
ALL = ""


def user_zone() -> ZoneInfo:
    """The browser's time zone (Streamlit reads it from the browser), Jakarta when unknown."""
    name = st.context.timezone
    try:
        return ZoneInfo(name or DEFAULT_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_ZONE)


def local_time(when: datetime, zone: ZoneInfo) -> str:
    return format_datetime(current_language(), when.astimezone(zone))


def _reset_pages() -> None:
    st.session_state[CURSORS_KEY] = [None]


def timeline_section(project: Project) -> None:
    actor = current_actor()
    store = get_store()
    lists = project_lists(actor, project.id)
    canvas_names = {c.id: c.name for c in lists.canvases}
    people = history_timeline.people(store, actor, project.id)
    with st.container(horizontal=True, vertical_alignment="bottom"):
        canvas_id = st.selectbox(
            t("history.filter.canvas"),
            [ALL, *canvas_names],
            format_func=lambda c: t("history.filter.all") if c == ALL else shorten(canvas_names[c], 50),
            key=FILTER_KEYS[0],
            on_change=_reset_pages,
        )
        person = st.selectbox(
            t("history.filter.person"),
            [ALL, *sorted({name for _kind, name in people if name}), *sorted({f"~{k}" for k, n in people if not n})],
            format_func=lambda p: (
                t("history.filter.all")
                if p == ALL
                else (who_label(p[1:], "", t) if p.startswith("~") else shorten(p, 40))
            ),
            key=FILTER_KEYS[1],
            on_change=_reset_pages,
        )
        kind = st.selectbox(
            t("history.filter.kind"),
            [ALL, *history_timeline.ENTITIES],
            format_func=lambda k: t("history.filter.all") if k == ALL else t(f"history.entity.{k}"),
            key=FILTER_KEYS[2],
            on_change=_reset_pages,
        )
    cursors = st.session_state.setdefault(CURSORS_KEY, [None])
    who = None if person == ALL else ("" if person.startswith("~") else person)
    with guard():
        page = history_timeline.timeline(
            store,
            actor,
            project.id,
            canvas_id=canvas_id or None,
            who=who,
            who_kind=person[1:] if person.startswith("~") else None,
            entity=kind or None,
            before_seq=cursors[-1],
        )
        _entries(store, actor, project, page.entries, canvas_names)
        _pager(page.next_cursor)


def _entries(
    store, actor, project: Project, entries: list[history_timeline.Entry], canvas_names: dict[str, str]
) -> None:
    zone = user_zone()
    st.caption(t("history.time_zone", zone=zone.key))
    if not entries:
        st.info(t("history.empty"), icon=":material/history:")
        return
    notes = history_timeline.note_texts(store, actor, project.id, entries)
    codes = history_timeline.note_codes_of(store, actor, project.id, entries, current_language())
    restorable = history_timeline.restorable_notes(store, actor, project.id, entries)
    for entry in entries:
        with st.container(horizontal=True, vertical_alignment="center", key=f"hx-entry-{entry.seq}"):
            st.markdown(f"`{local_time(entry.at, zone)}` {sentence(entry, t, notes, canvas_names, codes)}")
            if (
                entry.kind == "note.delete"
                and entry.target_id in restorable
                and st.button(
                    t("history.restore_note"),
                    key=f"history.restore.{entry.seq}",
                    type="tertiary",
                    icon=":material/restore_from_trash:",
                )
            ):
                _restore_note(store, actor, project, entry)


def _restore_note(store, actor, project: Project, entry: history_timeline.Entry) -> None:
    with guard():
        owner = history_timeline.deleted_note_owner(store, actor, project.id, entry.target_id or "")
        note = canvas_notes.restore_note(store, actor, owner, entry.target_id or "")
        flash("history.note_restored", text=note.text)
        st.rerun()


def _pager(next_cursor: int | None) -> None:
    cursors = st.session_state[CURSORS_KEY]
    with st.container(horizontal=True, vertical_alignment="center"):
        if st.button(
            t("history.newer"), key="history.newer", disabled=len(cursors) == 1, icon=":material/arrow_upward:"
        ):
            cursors.pop()
            st.rerun()
        st.caption(t("history.page", number=len(cursors)))
        if st.button(
            t("history.older"), key="history.older", disabled=next_cursor is None, icon=":material/arrow_downward:"
        ):
            cursors.append(next_cursor)
            st.rerun()
