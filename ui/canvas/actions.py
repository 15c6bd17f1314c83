"""What happens when someone acts on the board, and the notices that follow (errors,
someone else's newer version, Undo). Session state keeps ids and the user's own unsaved
text only, so a refused edit loses nothing."""

from __future__ import annotations

from typing import Any

import streamlit as st

from canvas import service
from canvas.models import Canvas
from core.errors import InvalidInput, NilaiError, NotFound, StaleVersion
from ui.canvas.board import last_action
from ui.common.errors import log, message_for
from ui.common.i18n import t
from ui.common.state import get_store
from ui.common.text import md_escape, shorten

BOARD_KEY = "canvas.board"
NOTICE_KEY = "canvas.notice"


def set_notice(kind: str, **fields: Any) -> None:
    st.session_state[NOTICE_KEY] = {"kind": kind, **fields}


def clear_notice() -> None:
    st.session_state.pop(NOTICE_KEY, None)


def run_action(canvas: Canvas, action: dict[str, Any]) -> None:
    """Apply one board action; turn every domain error into a notice."""
    store = get_store()
    op = action.get("op")
    attempt = action.get("text") if isinstance(action.get("text"), str) else None
    try:
        if op == "add":
            service.add_item(store, canvas, action.get("area", ""), action.get("text", ""))
            clear_notice()
        elif op == "edit":
            service.update_item(store, action["id"], int(action["version"]), canvas=canvas, text=action.get("text", ""))
            clear_notice()
        elif op == "update":
            service.update_item(store, action["id"], int(action["version"]), canvas=canvas, rank=action.get("rank"))
            clear_notice()
        elif op == "move":
            service.update_item(store, action["id"], int(action["version"]), canvas=canvas, area=action.get("area"))
            clear_notice()
        elif op == "delete":
            item = service.delete_item(store, action["id"], int(action["version"]))
            set_notice("undo_item", item_id=item.id)
        elif op == "link":
            service.add_link(store, canvas, action["source"], action["target"], action.get("strength", "full"))
            clear_notice()
        elif op == "unlink":
            link = service.remove_link(store, action["link_id"])
            set_notice("undo_link", link_id=link.id)
    except StaleVersion as error:
        current = error.current
        set_notice(
            "stale",
            item_id=getattr(current, "id", None),
            key=error.key,
            attempt=attempt,
        )
    except InvalidInput as error:
        set_notice("error", message=message_for(error), attempt=attempt)
    except NotFound as error:
        set_notice("error", message=message_for(error), attempt=attempt)
    except NilaiError as error:
        set_notice("error", message=message_for(error), attempt=attempt)
    except (KeyError, TypeError, ValueError):
        log.exception("malformed board action %r", op)
        set_notice("error", message=t("error.generic"), attempt=attempt)


def on_board_action(canvas: Canvas) -> None:
    action = last_action(BOARD_KEY)
    if action:
        run_action(canvas, action)


def notices() -> None:
    """The latest notice, with what the user needs next (Undo, the other version, their text)."""
    notice = st.session_state.get(NOTICE_KEY)
    if not notice:
        return
    store = get_store()
    kind = notice["kind"]
    with st.container(border=True, key="canvas-notice"):
        if kind == "undo_item":
            try:
                item = store.items.get(notice["item_id"], include_deleted=True)
            except NotFound:
                clear_notice()
                return
            with st.container(horizontal=True, vertical_alignment="center"):
                st.markdown(t("canvas.deleted_note", text=md_escape(shorten(item.text, 80))))
                if st.button(t("common.undo"), key="canvas.undo_item", icon=":material/undo:"):
                    _restore_item(item.id)
                _close_button()
        elif kind == "undo_link":
            with st.container(horizontal=True, vertical_alignment="center"):
                st.markdown(t("canvas.link_removed"))
                if st.button(t("common.undo"), key="canvas.undo_link", icon=":material/undo:"):
                    try:
                        service.restore_link(store, notice["link_id"])
                        clear_notice()
                    except NilaiError as error:
                        set_notice("error", message=message_for(error))
                    st.rerun()
                _close_button()
        elif kind == "stale":
            st.warning(t(notice.get("key") or "error.stale_version"), icon=":material/sync_problem:")
            current = _current_text(notice.get("item_id"))
            if current is not None:
                st.caption(t("canvas.stale.current"))
                st.code(current, language=None, wrap_lines=True)
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


def _current_text(item_id: str | None) -> str | None:
    if not item_id:
        return None
    try:
        return get_store().items.get(item_id, include_deleted=True).text
    except NotFound:
        return None


def _restore_item(item_id: str) -> None:
    try:
        service.restore_item(get_store(), item_id)
        clear_notice()
    except NilaiError as error:
        set_notice("error", message=message_for(error))
    st.rerun()


def _close_button() -> None:
    if st.button(t("common.close"), key="canvas.notice_close", type="tertiary"):
        clear_notice()
        st.rerun()
