"""What happens when someone acts on the board, and the notices that follow (errors,
someone else's newer version, Undo). The domain parses and applies the action
(canvas.actions); this module only shows what came of it. Session state keeps ids, texts
the domain returned and the user's own unsaved text, so a refused edit loses nothing."""

from __future__ import annotations

from typing import Any

import streamlit as st

from canvas.actions import DeleteNote, apply_board_action, parse_board_action
from canvas.models import Canvas, NoteOwner
from canvas.notes import delete_note
from core.errors import NilaiError, StaleVersion
from core.routes import CANVAS_FEED_PATH
from experiments import service as experiments
from projects import live_pass
from ui.canvas.manager import UNDO_SCOPE, restore_deleted
from ui.common import feedback
from ui.common.actor import current_actor
from ui.common.component_actions import last_action
from ui.common.errors import message_for
from ui.common.i18n import t
from ui.common.state import get_store
from ui.common.text import shorten

BOARD_KEY = "canvas.board"
NOTICE_KEY = "canvas.notice"
# The id of the note or link last deleted ON the board: its Undo shows in the board's own
# bar (pinned to the window, so a keyboard delete deep in the circle still sees it); a
# delete from the forms below keeps the page's banner above the board.
BOARD_UNDO_KEY = "canvas.undo_on_board"
BOARD_UNDO_KINDS = ("item", "link")


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
            st.session_state[BOARD_UNDO_KEY] = applied.deleted_item_id
        elif applied.removed_link_id:
            offer_link_undo(canvas.id, applied.removed_link_id)
            st.session_state[BOARD_UNDO_KEY] = applied.removed_link_id


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
    """The user confirmed: the note goes (with Undo) and the cards keep its text, in one
    domain call."""
    store, actor = get_store(), current_actor()
    try:
        deleted = delete_note(store, actor, NoteOwner.of_canvas(canvas.id), notice["item_id"], notice.get("version"))
    except StaleVersion as error:
        stale_notice(error, None)
    except NilaiError as error:
        set_notice("error", message=message_for(error))
    else:
        clear_notice()
        offer_note_undo(canvas.id, deleted.id, deleted.text)


def on_board_action(canvas: Canvas) -> None:
    action = last_action(BOARD_KEY)
    if not action:
        return
    if action.get("op") == "refresh":
        return  # someone else changed the project (the board follows its feed): the run that follows is the point
    if action.get("op") == "undo":
        undo_on_board()
    elif action.get("op") == "undo_close":
        feedback.clear_undo()
    else:
        run_action(canvas, action)


def _board_undo() -> feedback.Deleted | None:
    deleted = feedback.pending_undo(UNDO_SCOPE)
    if deleted is None or deleted.kind not in BOARD_UNDO_KINDS:
        return None
    return deleted if st.session_state.get(BOARD_UNDO_KEY) == deleted.id else None


def undo_on_board() -> None:
    """The board's Undo button (or Ctrl+Z on the board): the domain restores it, in scope."""
    deleted = _board_undo()
    if deleted is None:
        return
    try:
        restore_deleted(deleted)
    except NilaiError as error:
        set_notice("error", message=message_for(error))
    else:
        feedback.clear_undo()
        feedback.flash("common.restored")


def board_undo_offer() -> dict[str, str] | None:
    """What the board's Undo bar says, for the delete just made on the board (or None).
    Plain text: the board sets it with textContent, so no Markdown escaping here."""
    deleted = _board_undo()
    if deleted is None:
        return None
    pending = st.session_state[feedback.UNDO_KEY]
    params = {
        name: shorten(value, feedback.PARAM_MAX) if isinstance(value, str) else value
        for name, value in pending["params"].items()
    }
    message = t(pending["key"], **params)
    return {"id": deleted.id, "message": message, "undo": t("common.undo"), "close": t("common.close")}


def board_notice() -> str | None:
    """The notice above the board (a refusal, someone else's newer version), for the board to
    say in its status line too: screen readers hear it, and it is seen deep in the board."""
    notice = st.session_state.get(NOTICE_KEY)
    if not notice:
        return None
    if notice["kind"] == "stale":
        return t(notice.get("key") or "error.stale_version")
    if notice["kind"] == "in_use":
        return t("experiments.note_in_use", count=notice["count"])
    return notice.get("message") or t("error.generic")


def board_payload(
    payload: dict[str, Any], *, read_only: bool = False, live: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The cached board payload plus this session's own part: its pending Undo and notice,
    whether it may change anything (a viewer's board offers no controls), and what it
    follows the project's changes with (`live_follow`)."""
    return {**payload, "undo": board_undo_offer(), "notice": board_notice(), "read_only": read_only, "live": live}


def live_follow(project_id: str, revision: int) -> dict[str, Any]:
    """What the board follows the project's revision with (server/canvas_feed.py): the pass
    issued to this session's actor, and the revision the page drew. When someone else moves
    it, the board asks for one run of the page (op "refresh"); nothing runs meanwhile."""
    credential = live_pass.issue(get_store(), current_actor(), project_id)
    return {"url": CANVAS_FEED_PATH, "credential": credential, "revision": revision}


def notices(canvas: Canvas | None = None) -> None:
    """Above the board: Undo for a note or link just deleted from the forms (the page's one
    Undo banner; one deleted on the board gets the board's own Undo bar, a deleted canvas is
    offered above the canvas bar), then the latest notice with what the user needs next
    (the other version, their text)."""
    if _board_undo() is None:  # the board shows its own Undo for what was deleted on it
        feedback.undo_banner(UNDO_SCOPE, restore_deleted, kinds=BOARD_UNDO_KINDS)
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
