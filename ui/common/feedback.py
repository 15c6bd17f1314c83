"""What the user hears back after an action: a flash message that outlives the rerun the
action triggers, and the one Undo banner every page uses after a delete.

Both keep only catalog keys, parameters and ids in session state. User text in the
parameters is escaped here, once, because toasts and banners render Markdown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import streamlit as st

from ui.common.errors import guard
from ui.common.i18n import t
from ui.common.text import md_escape, shorten

FLASH_KEY = "common.flash"
UNDO_KEY = "common.undo"
PARAM_MAX = 80

FlashKind = Literal["success", "info"]


def say(key: str, **params: Any) -> str:
    """A catalog message with user text in its parameters made safe for Markdown."""
    safe = {
        name: md_escape(shorten(value, PARAM_MAX)) if isinstance(value, str) else value
        for name, value in params.items()
    }
    return t(key, **safe)


def flash(key: str, *, kind: FlashKind = "success", **params: Any) -> None:
    """Show `key` after the next rerun (a toast shown now would vanish with the rerun)."""
    st.session_state[FLASH_KEY] = {"key": key, "kind": kind, "params": params}


def show_flash() -> None:
    """The shell calls this on every run: the pending flash, once."""
    pending = st.session_state.pop(FLASH_KEY, None)
    if not pending:
        return
    text = say(pending["key"], **pending["params"])
    if pending["kind"] == "success":
        st.toast(text, icon=":material/check:")
    else:
        st.info(text, icon=":material/info:")


@dataclass(frozen=True)
class Deleted:
    """What an Undo restores: the kind of thing, its id, and its parent's id where the
    domain needs it to find the thing in scope (a note's canvas or persona)."""

    kind: str
    id: str
    parent_id: str | None = None


def offer_undo(scope: str, deleted: Deleted, key: str, **params: Any) -> None:
    """After a delete: offer Undo on the page `scope` until the user undoes or closes it.
    One pending Undo per session: a newer delete replaces the offer."""
    st.session_state[UNDO_KEY] = {
        "scope": scope,
        "deleted": (deleted.kind, deleted.id, deleted.parent_id),
        "key": key,
        "params": params,
    }


def pending_undo(scope: str) -> Deleted | None:
    pending = st.session_state.get(UNDO_KEY)
    if not pending or pending.get("scope") != scope:
        return None
    return Deleted(*pending["deleted"])


def clear_undo() -> None:
    st.session_state.pop(UNDO_KEY, None)


def undo_banner(
    scope: str,
    restore: Callable[[Deleted], object],
    *,
    restored_key: str = "common.restored",
    kinds: tuple[str, ...] | None = None,
) -> None:
    """The pending Undo of this page, if any (of one of `kinds`, where the page shows
    different deletions in different places). `restore(deleted)` calls the domain, which
    checks the actor's scope as for any other write."""
    deleted = pending_undo(scope)
    if deleted is None or (kinds is not None and deleted.kind not in kinds):
        return
    pending = st.session_state[UNDO_KEY]
    with st.container(border=True, horizontal=True, vertical_alignment="center", key=f"undo-{scope}"):
        st.markdown(say(pending["key"], **pending["params"]))
        if st.button(t("common.undo"), key=f"{scope}.undo", icon=":material/undo:"):
            with guard():
                restore(deleted)
                clear_undo()
                flash(restored_key)
                st.rerun()
        if st.button(t("common.close"), key=f"{scope}.undo_close", type="tertiary"):
            clear_undo()
            st.rerun()
