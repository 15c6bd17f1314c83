"""The Canvas page's read side: one revision query per run, everything else cached by it.

Every write bumps the project's revision, so (canvas id, revision) names one exact state
of the board. The board, its fit report, its hints and the component payload are built
once per state and shared by every session of the process (they are read-only).

The scope is checked where the board is read (canvas.canvases.load_board, with the actor
of the session that filled the cache entry), and the entry is keyed by the project too:
a session reaches an entry only for the project require_project() let it open.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from canvas.canvases import Board, list_canvases, load_board
from canvas.fit import FitReport, analyse_fit
from canvas.hints import Hint, find_hints
from canvas.models import Canvas
from core.actors import Actor
from core.errors import NotFound
from feedback import service as feedback_service
from personas import service as persona_service
from personas.models import Persona, Segment
from ui.canvas.board.payload import build_payload, item_codes
from ui.common.state import get_store


@dataclass(frozen=True)
class Bundle:
    board: Board
    report: FitReport
    hints: list[Hint]
    payload: dict
    codes: dict[str, str]
    revision: int
    voices: feedback_service.ProfileVoices | None = None  # what came from customers (issue 17)


@st.cache_resource(max_entries=64, show_spinner=False)
def _bundle(project_id: str, canvas_id: str, revision: int, lang: str, sort_by_rank: bool, _actor: Actor) -> Bundle:
    store = get_store()
    board = load_board(store, _actor, canvas_id, with_votes=True)
    if board.canvas.project_id != project_id:
        raise NotFound("error.not_found")
    report = analyse_fit(board.items, board.links)
    hints = find_hints(board.items, board.links)
    voices = feedback_service.profile_voices(store, _actor, canvas_id, board.items)
    tags = {item.id: voice for item in board.items if (voice := voices.voice(item.id))}
    payload = build_payload(
        board, report, lang, sort_by_rank=sort_by_rank, revision=revision, votes=board.votes, voices=tags
    )
    return Bundle(board, report, hints, payload, item_codes(board.items, lang), revision, voices)


def bundle(actor: Actor, project_id: str, canvas_id: str, revision: int, lang: str, sort_by_rank: bool) -> Bundle:
    """The board of a canvas of the project on screen, for this session's actor."""
    return _bundle(project_id, canvas_id, revision, lang, sort_by_rank, actor)


@dataclass(frozen=True)
class ProjectLists:
    canvases: list[Canvas]
    segments: list[Segment]
    personas: list[Persona]


@st.cache_resource(max_entries=64, show_spinner=False)
def _lists(project_id: str, revision: int, actor: Actor) -> ProjectLists:
    store = get_store()
    return ProjectLists(
        canvases=list_canvases(store, actor, project_id),
        segments=persona_service.list_segments(store, actor, project_id),
        personas=persona_service.list_personas(store, actor, project_id),
    )


def project_lists(actor: Actor, project_id: str) -> ProjectLists:
    """The project's canvases, segments and personas as this actor may see them, read once
    per project revision (the actor is part of the cache key)."""
    return _lists(project_id, get_store().projects.revision(project_id), actor)
