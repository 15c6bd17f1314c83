"""The live board in the browser: a Custom Component (v2, inline) that follows the board
feed (server/feed.py) and draws the board and the status strip itself.

The page mounts it once with the viewer's own credential and every label, translated.
On the participant's page it also holds the note box and the vote buttons: those writes go
to the action endpoint (server/actions.py), not through a run of the page.
Others' notes, votes and counts then reach the browser as deltas from the feed; no script
runs on this session for them. The component asks for a run of the page (its `changed`
trigger) only when the page's own controls must change: the facilitator changed a control
(step, lock, voting, end), the workshop ended or the link stopped working, or, where the
page lists notes (the facilitator's merge, the participant's vote buttons), the notes changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

from canvas.models import PROFILE_AREAS, VALUE_MAP_AREAS
from core.routes import ACTION_PATH, FEED_PATH
from i18n import translate
from ui.workshop.board import STYLE

HERE = Path(__file__).parent
CSS = STYLE.replace("<style>", "").replace("</style>", "") + (HERE / "live_board.css").read_text(encoding="utf-8")

_component = st.components.v2.component(
    "nilai_live_board",
    html='<div class="nw-live-host"><div class="nw-status-host"></div><div class="nw-board-host"></div></div>',
    css=CSS,
    js=(HERE / "live_board.js").read_text(encoding="utf-8"),
)


def labels(lang: str) -> dict[str, Any]:
    """Every word the board shows, in the viewer's language. Templates keep their {count},
    {area} and {budget} for the browser to fill (as text, never as HTML)."""

    def tr(key: str) -> str:
        return translate(lang, key)

    def counted(key: str) -> dict[str, str]:
        return {"one": tr(f"{key}.one"), "other": tr(f"{key}.other")}

    return {
        "panels": [
            {"css": "nw-map", "title": tr("workshop.board.value_map"), "areas": [a.value for a in VALUE_MAP_AREAS]},
            {"css": "nw-profile", "title": tr("workshop.board.profile"), "areas": [a.value for a in PROFILE_AREAS]},
        ],
        "areas": {a.value: tr(f"workshop.area.{a.value}") for a in (*VALUE_MAP_AREAS, *PROFILE_AREAS)},
        "empty_area": tr("workshop.board.empty_area"),
        "mine": tr("workshop.board.mine"),
        "hidden_note": tr("workshop.board.hidden_note"),
        "customer": tr("cocreation.tag.workshop"),
        "customer_legend": tr("workshop.board.customer_legend"),
        "votes": counted("workshop.board.votes"),
        "step": tr("workshop.status.step"),
        "time_up": tr("workshop.status.time_up"),
        "private": counted("workshop.status.private"),
        "locked": tr("workshop.status.locked"),
        "votes_left": tr("workshop.status.votes_left"),
        "voting_open": tr("workshop.status.voting_open"),
        "voting_closed": tr("workshop.status.voting_closed"),
        "participants": counted("workshop.status.participants"),
        "offline": tr("workshop.live.offline"),
        "area": tr("workshop.join.area"),
        "note": tr("workshop.join.note"),
        "note_placeholder": tr("workshop.join.note_placeholder"),
        "add": tr("workshop.join.add"),
        "add_to": tr("workshop.join.add_to").replace("**", ""),  # drawn as plain text
        "sending": tr("workshop.live.sending"),
        "retrying": tr("workshop.live.retrying"),
        "confirmed": tr("workshop.live.confirmed"),
        "refused": tr("workshop.live.refused"),
        "my_sends": tr("workshop.live.my_sends"),
        "vote_add": tr("workshop.vote.add"),
        "vote_remove": tr("workshop.vote.remove"),
        "board_label": tr("workshop.live.board_label"),
    }


def live_board(
    *,
    credential: str,
    lang: str,
    viewer: str,
    revision: int,
    workshop_version: int,
    note_versions: dict[str, int] | None,
    big: bool = False,
    compose_areas: list[str] | None = None,
    note_limit: int = 0,
    locked: bool = False,
    own_note_versions: dict[str, int] | None = None,
    key: str = "live.board",
) -> None:
    """Mount the board. `note_versions` (note id -> version, as the page drew them): given
    when a change to the notes must run the page again; None when it needn't.
    `compose_areas`: a participant's board, with the note box for these areas (and the vote
    buttons while voting is open); None for the facilitator's and the projector's.
    `own_note_versions` (the participant's own notes as the page lists them): given while
    they manage their notes, so a note of theirs added from the board runs their page once."""
    _component(
        data={
            "url": FEED_PATH,
            "credential": credential,
            "viewer": viewer,
            "revision": revision,
            "workshop_version": workshop_version,
            "note_versions": note_versions,
            "big": big,
            "labels": labels(lang),
            "lang": lang,
            "action_url": ACTION_PATH,
            "compose": compose_areas is not None,
            "areas": compose_areas or [],
            "note_limit": note_limit,
            "locked": locked,
            "own_note_versions": own_note_versions,
        },
        key=key,
        on_changed_change=_rerun_follows,
        height="content",
    )


def _rerun_follows() -> None:
    """The page run the trigger causes is the point; there is nothing else to do."""
