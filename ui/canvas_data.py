"""The Canvas page's read side: one revision query per run, everything else cached by it.

Every write bumps the project's revision, so (canvas id, revision) names one exact state
of the board. The board, its fit report, its hints and the component payload are built
once per state and shared by every session of the process (they are read-only).
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from canvas.fit import FitReport, analyse_fit
from canvas.hints import Hint, find_hints
from canvas.service import Board, load_board
from ui.board.payload import build_payload, item_codes
from ui.state import get_store


@dataclass(frozen=True)
class Bundle:
    board: Board
    report: FitReport
    hints: list[Hint]
    payload: dict
    codes: dict[str, str]
    revision: int


@st.cache_resource(max_entries=64, show_spinner=False)
def _bundle(canvas_id: str, revision: int, lang: str, sort_by_rank: bool) -> Bundle:
    board = load_board(get_store(), canvas_id)
    report = analyse_fit(board.items, board.links)
    hints = find_hints(board.items, board.links)
    payload = build_payload(board, report, lang, sort_by_rank=sort_by_rank, revision=revision)
    return Bundle(board, report, hints, payload, item_codes(board.items, lang), revision)


def bundle(canvas_id: str, revision: int, lang: str, sort_by_rank: bool) -> Bundle:
    return _bundle(canvas_id, revision, lang, sort_by_rank)
