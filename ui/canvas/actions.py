"""What happens when someone acts on the board, and the notices that follow (errors,
someone else's newer version, Undo). The domain parses and applies the action
(canvas.actions); this module only shows what came of it. Session state keeps ids, texts
the domain returned and the user's own unsaved text, so a refused edit loses nothing."""

from __future__ import annotations

from typing import Any

import streamlit as st

from canvas import service
from canvas.actions import apply_board_action, parse_board_action
from canvas.models import Canvas
from core.errors import NilaiError, StaleVersion
from ui.canvas.board import last_action
from ui.common.actor import current_actor
from ui.common.errors import message_for
from ui.common.i18n import t
from ui.common.state import get_store
from ui.common.text import md_escape, shorten

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
        applied = apply_board_action(get_store(), current_actor(), canvas.id, action)
    except StaleVersion as error:
        stale_notice(error, attempt)
    except NilaiError as error:
        set_notice("error", message=message_for(error), attempt=attempt)
    else:
        if applied.deleted_item_id:
            set_notice("undo_item", canvas_id=canvas.id, item_id=applied.deleted_item_id, text=applied.deleted_text)
        elif applied.removed_link_id:
            set_notice("undo_link", canvas_id=canvas.id, link_id=applied.removed_link_id)
        else:
            clear_notice()


def on_board_action(canvas: Canvas) -> None:
    action = last_action(BOARD_KEY)
    if action:
        run_action(canvas, action)


def notices() -> None:
    """The latest notice, with what the user needs next (Undo, the other version, their text)."""
    notice = st.session_state.get(NOTICE_KEY)
    if not notice:
        return
    kind = notice["kind"]
    with st.container(border=True, key="canvas-notice"):
        if kind == "undo_item":
            with st.container(horizontal=True, vertical_alignment="center"):
                st.markdown(t("canvas.deleted_note", text=md_escape(shorten(notice.get("text") or "", 80))))
                if st.button(t("common.undo"), key="canvas.undo_item", icon=":material/undo:"):
                    _undo(service.restore_item, notice["canvas_id"], notice["item_id"])
                _close_button()
        elif kind == "undo_link":
            with st.container(horizontal=True, vertical_alignment="center"):
                st.markdown(t("canvas.link_removed"))
                if st.button(t("common.undo"), key="canvas.undo_link", icon=":material/undo:"):
                    _undo(service.restore_link, notice["canvas_id"], notice["link_id"])
                _close_button()
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


def _undo(restore: Any, canvas_id: str, target_id: str) -> None:
    """Undo through the actor-scoped service: it restores only what is on this canvas."""
    try:
        restore(get_store(), current_actor(), canvas_id, target_id)
        clear_notice()
    except NilaiError as error:
        set_notice("error", message=message_for(error))
    st.rerun()


def _close_button() -> None:
    if st.button(t("common.close"), key="canvas.notice_close", type="tertiary"):
        clear_notice()
        st.rerun()
