"""What happens when someone acts on the board, and the notices that follow (errors,
someone else's newer version, Undo). The domain parses and applies the action
(canvas.actions); this module only shows what came of it. Session state keeps ids, texts
the domain returned and the user's own unsaved text, so a refused edit loses nothing."""

from __future__ import annotations

from typing import Any

import streamlit as st

from canvas.actions import DeleteNote, apply_board_action, parse_board_action
from canvas.models import Canvas
from canvas.service import delete_item
from core.errors import NilaiError, StaleVersion
from experiments import service as experiments
from ui.canvas.board import last_action
from ui.canvas.manager import UNDO_SCOPE, restore_deleted
from ui.common import feedback
from ui.common.actor import current_actor
from ui.common.errors import message_for
from ui.common.i18n import t
from ui.common.state import get_store
from ui.common.text import shorten

BOARD_KEY = "canvas.board"
NOTICE_KEY = "canvas.notice"


def set_notice(kind: str, **fields: Any) -> None:
    st.session_state[NOTICE_KEY] = {"kind": kind, **fields}


def clear_notice() -> None:
    st.session_state.pop(NOTICE_KEY, None)


def stale_notice(error: StaleVersion, attempt: str | None) -> None:
    """Someone else got there first. The text shown is the one the domain's error carries:
    the note was already found on this canvas, in this actor's scope."""
    set_notice("stale", key=error.key, current=getattr(error.current, "text", None), attempt=attempt)


def run_action(canvas: Canvas, raw: Any) -> None:
    """Apply one board action; turn every domain error into a notice."""
    attempt = raw.get("text") if isinstance(raw, dict) and isinstance(raw.get("text"), str) else None
    try:
        action = parse_board_action(raw)
        if isinstance(action, DeleteNote) and ask_before_deleting(canvas, action.id, action.version):
            return
        applied = apply_board_action(get_store(), current_actor(), canvas.id, action)
    except StaleVersion as error:
        stale_notice(error, attempt)
    except NilaiError as error:
        set_notice("error", message=message_for(error), attempt=attempt)
    else:
        clear_notice()
        if applied.deleted_item_id:
            offer_note_undo(canvas.id, applied.deleted_item_id, applied.deleted_text or "")
        elif applied.removed_link_id:
            offer_link_undo(canvas.id, applied.removed_link_id)


def offer_note_undo(canvas_id: str, item_id: str, text: str) -> None:
    feedback.offer_undo(UNDO_SCOPE, feedback.Deleted("item", item_id, canvas_id), "canvas.deleted_note", text=text)


def offer_link_undo(canvas_id: str, link_id: str) -> None:
    feedback.offer_undo(UNDO_SCOPE, feedback.Deleted("link", link_id, canvas_id), "canvas.link_removed")


def ask_before_deleting(canvas: Canvas, item_id: str, version: int | None) -> bool:
    """A note that test cards use is deleted only once the user confirms (experiments/):
    True when the question was put instead of deleting."""
    cards = experiments.cards_using_note(get_store(), current_actor(), canvas.id, item_id)
    if not cards:
        return False
    set_notice("in_use", item_id=item_id, version=version, count=len(cards))
    return True


def _delete_in_use(canvas: Canvas, notice: dict[str, Any]) -> None:
    """The user confirmed: the cards keep the note's text, then the note goes (with Undo)."""
    store, actor = get_store(), current_actor()
    try:
        experiments.remember_note_text(store, actor, canvas.id, notice["item_id"])
        deleted = delete_item(store, actor, canvas.id, notice["item_id"], notice.get("version"))
    except StaleVersion as error:
        stale_notice(error, None)
    except NilaiError as error:
        set_notice("error", message=message_for(error))
    else:
        clear_notice()
        offer_note_undo(canvas.id, deleted.id, deleted.text)


def on_board_action(canvas: Canvas) -> None:
    action = last_action(BOARD_KEY)
    if action:
        run_action(canvas, action)


def notices(canvas: Canvas | None = None) -> None:
    """Above the board: Undo for a note or link just deleted (the page's one Undo banner;
    a deleted canvas is offered above the canvas bar), then the latest notice with what the
    user needs next (the other version, their text)."""
    feedback.undo_banner(UNDO_SCOPE, restore_deleted, kinds=("item", "link"))
    notice = st.session_state.get(NOTICE_KEY)
    if not notice:
        return
    kind = notice["kind"]
    with st.container(border=True, key="canvas-notice"):
        if kind == "in_use" and canvas is not None:
            st.warning(t("experiments.note_in_use", count=notice["count"]), icon=":material/science:")
            with st.container(horizontal=True):
                confirm = t("experiments.note_in_use.confirm")
                if st.button(confirm, key="canvas.in_use_delete", icon=":material/delete:"):
                    _delete_in_use(canvas, notice)
                    st.rerun()
                _close_button(t("experiments.note_in_use.cancel"))
        elif kind == "stale":
            st.warning(t(notice.get("key") or "error.stale_version"), icon=":material/sync_problem:")
            if notice.get("current") is not None:
                st.caption(t("canvas.stale.current"))
                st.code(notice["current"], language=None, wrap_lines=True)
            if notice.get("attempt"):
                st.caption(t("canvas.stale.yours"))
                st.code(notice["attempt"], language=None, wrap_lines=True)
            _close_button()
        else:
            st.error(notice.get("message") or t("error.generic"), icon=":material/error:")
            if notice.get("attempt"):
                st.caption(t("canvas.error.your_text"))
                st.code(shorten(notice["attempt"], 5000), language=None, wrap_lines=True)
            _close_button()


def _close_button(label: str | None = None) -> None:
    if st.button(label or t("common.close"), key="canvas.notice_close", type="tertiary"):
        clear_notice()
        st.rerun()
