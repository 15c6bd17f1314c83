"""Compare two moments of a canvas, in the canvas layout, with the fit beside it; restore
the canvas to a snapshot (undoable) or one deleted note; download the comparison as PDF."""

from __future__ import annotations

import streamlit as st

from canvas import notes
from core.models import Project, utcnow
from export.pdf.history_page import ComparisonMeta, comparison_pdf
from history import restore as history_restore
from history import snapshots as history_snapshots
from history import timeline as history_timeline
from history.diff import CanvasDiff
from history.restore import NOW, RestoreBlocked
from projects import access
from ui.canvas.data import project_lists
from ui.common import feedback
from ui.common.actor import current_actor
from ui.common.errors import guard
from ui.common.i18n import current_language, t
from ui.common.state import current_canvas_id, get_store, select_canvas
from ui.common.text import md_escape, shorten
from ui.history.diff_view import board_html, links_html
from ui.history.snapshots import FROM_KEY, TO_KEY, snapshot_label
from ui.history.timeline import local_time, user_zone

UNDO_SCOPE = "history"


def _restore_undo(deleted: feedback.Deleted) -> None:
    history_restore.undo_restore(get_store(), current_actor(), deleted.parent_id or "", deleted.id)


def compare_section(project: Project) -> None:
    actor = current_actor()
    store = get_store()
    feedback.undo_banner(UNDO_SCOPE, _restore_undo, restored_key="history.restore.undone", kinds=("restore",))
    canvases = {c.id: c for c in project_lists(actor, project.id).canvases}
    snaps = history_snapshots.snapshots(store, actor, project.id)
    if not canvases:
        st.info(t("canvas.empty_project"), icon=":material/dashboard:")
        return
    if not snaps:
        st.info(t("history.compare.need_snapshot"), icon=":material/photo_camera:")
        return
    zone = user_zone()
    by_id = {s.id: s for s in snaps}

    def moment(value: str) -> str:
        if value == NOW:
            return t("history.compare.now")
        snap = by_id[value]
        return f"{shorten(snapshot_label(snap), 50)} · {local_time(snap.created_at, zone)}"

    chosen = current_canvas_id()
    if chosen not in canvases:
        chosen = next(iter(canvases))
    if st.session_state.get(FROM_KEY) not in by_id:
        # The newest snapshot the project has moved on from (one taken just now shows nothing).
        revision = store.projects.revision(project.id)
        st.session_state[FROM_KEY] = next((s.id for s in snaps if s.revision != revision), snaps[0].id)
    if st.session_state.get(TO_KEY) not in (NOW, *by_id):
        st.session_state[TO_KEY] = NOW
    with st.container(horizontal=True, vertical_alignment="bottom"):
        canvas_id = st.selectbox(
            t("history.compare.canvas"),
            list(canvases),
            index=list(canvases).index(chosen),
            format_func=lambda c: shorten(canvases[c].name, 50),
            key="history.compare.canvas",
        )
        older = st.selectbox(t("history.compare.from"), list(by_id), format_func=moment, key=FROM_KEY)
        newer = st.selectbox(t("history.compare.to"), [NOW, *by_id], format_func=moment, key=TO_KEY)
    if canvas_id != current_canvas_id():
        select_canvas(canvas_id)
    with guard():
        diff = history_restore.compare(store, actor, canvas_id, older, newer)
        _show(project, canvases[canvas_id], diff, moment(older), moment(newer))
        _actions(project, canvases[canvas_id], diff, by_id[older], newer == NOW, moment(older), moment(newer))


def _show(project: Project, canvas, diff: CanvasDiff, then_label: str, now_label: str) -> None:
    st.caption(
        t(
            "history.compare.summary",
            added=len(diff.of("added")),
            removed=len(diff.of("removed")),
            changed=sum(1 for n in diff.notes if n.text_changed),
            moved=len(diff.moved),
            reranked=len(diff.reranked),
        )
    )
    if diff.unchanged:
        st.info(t("history.compare.same"), icon=":material/check:")
    board_col, side_col = st.columns([3, 1], gap="medium")
    with board_col:
        codes = diff.codes(current_language())
        st.html(board_html(diff, t, codes) + links_html(diff, t, codes))
    with side_col:
        st.markdown(f"**{t('history.fit.title')}**")
        st.metric(
            t("history.fit.overall"),
            f"{diff.fit_after.overall_percent}%",
            delta=f"{diff.fit_after.overall - diff.fit_before.overall:+.0f}",
        )
        for area in ("jobs", "pains", "gains"):
            then = diff.fit_before.coverage.get(area)
            now = diff.fit_after.coverage.get(area)
            st.caption(
                t(
                    "history.fit.row",
                    area=t(f"canvas.area.{area}"),
                    then=f"{then.percent:.0f}" if then else "0",
                    now=f"{now.percent:.0f}" if now else "0",
                )
            )
        st.markdown(f"**{t('history.fit.addressed')}**")
        if diff.newly_addressed:
            st.markdown("\n".join(f"- {_coded(n.id, n.text, codes)}" for n in diff.newly_addressed))
        else:
            st.caption(t("history.fit.none_addressed"))
        if diff.newly_open:
            st.markdown(f"**{t('history.fit.reopened')}**")
            st.markdown("\n".join(f"- {_coded(n.id, n.text, codes)}" for n in diff.newly_open))


def _coded(note_id: str, text: str, codes: dict[str, str]) -> str:
    code = codes.get(note_id, "")
    return f"**{md_escape(code)}** {md_escape(shorten(text, 80))}" if code else md_escape(shorten(text, 80))


def _actions(project: Project, canvas, diff: CanvasDiff, snap, against_now: bool, then_label: str, now_label: str):
    actor = current_actor()
    store = get_store()
    meta = ComparisonMeta(project.name, canvas.name, then_label, now_label, utcnow())
    with st.container(horizontal=True, vertical_alignment="center"):
        st.download_button(
            t("history.pdf.download"),
            data=lambda: comparison_pdf(diff, meta, current_language()),
            file_name=f"nilai-compare-{canvas.id[:8]}.pdf",
            mime="application/pdf",
            icon=":material/picture_as_pdf:",
            key="history.pdf",
            on_click="ignore",
        )
        name = snapshot_label(snap)
        if not access.may(store, actor, project.id, "edit"):
            return  # a read-only visitor (a lecturer, a peer group) compares but doesn't restore
        # What a restore brings back, and what it leaves alone, said before it runs.
        st.caption(t("history.restore.scope", name=md_escape(shorten(name, 60))))
        if st.button(
            t("history.restore.button", name=shorten(name, 40)),
            key="history.restore",
            help=t("history.restore.help"),
            icon=":material/settings_backup_restore:",
            disabled=diff.unchanged and against_now,
        ):
            _restore(canvas, snap, name)
    if against_now:
        _deleted_notes(store, actor, canvas, diff)


def _restore(canvas, snap, name: str) -> None:
    with guard():
        try:
            restored = history_restore.restore_canvas(get_store(), current_actor(), canvas.id, snap.id)
        except RestoreBlocked as blocked:
            # Say what would break: the notes (and what points at them), nothing changed.
            lines = "\n".join(f"- {md_escape(shorten(item, 120))}" for item in blocked.affected[:20])
            st.error(f"{t(blocked.key)}\n\n{lines}", icon=":material/link_off:")
            return
        feedback.offer_undo(
            UNDO_SCOPE,
            feedback.Deleted("restore", restored.undo_snapshot_id, canvas.id),
            "history.restore.undo_offer",
            name=name,
        )
        feedback.flash(
            "history.restore.done",
            name=name,
            back=restored.brought_back,
            removed=restored.removed,
            changed=restored.changed,
        )
        st.rerun()


def _deleted_notes(store, actor, canvas, diff: CanvasDiff) -> None:
    removed = diff.of("removed")
    if not removed:
        return
    st.markdown(f"**{t('history.removed.title')}**")
    for note in removed:
        with st.container(horizontal=True, vertical_alignment="center", key=f"hx-removed-{note.id}"):
            st.markdown(md_escape(shorten(note.old.text if note.old else "", 100)))
            if st.button(
                t("history.restore_note"),
                key=f"history.removed.{note.id}",
                type="tertiary",
                icon=":material/restore_from_trash:",
            ):
                with guard():
                    owner = history_timeline.deleted_note_owner(store, actor, canvas.project_id, note.id)
                    restored = notes.restore_note(store, actor, owner, note.id)
                    feedback.flash("history.note_restored", text=restored.text)
                    st.rerun()
