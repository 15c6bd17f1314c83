"""The Testing page's read side: one revision query per run, the rest cached by it.

Every write bumps the project's revision, so (canvas id, revision) names one exact state
of a canvas's notes, placements and cards. The scope is checked where they are read
(experiments.service, with the actor that filled the entry, which is part of the key).
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from canvas.models import Canvas
from core.actors import Actor
from core.errors import NotFound
from experiments import service as svc
from experiments.assumptions_map import AssumptionsMap
from experiments.map_layout import MapLayout, layout
from ui.canvas.board.payload import item_codes
from ui.common.state import get_store


@dataclass(frozen=True)
class MapData:
    testing: svc.Testing
    amap: AssumptionsMap
    layout: MapLayout
    codes: dict[str, str]
    placement_versions: dict[str, int]


@st.cache_resource(max_entries=64, show_spinner=False)
def _map_data(project_id: str, canvas_id: str, revision: int, lang: str, actor: Actor) -> MapData:
    testing = svc.load_testing(get_store(), actor, canvas_id)
    if testing.canvas.project_id != project_id:
        raise NotFound("error.not_found")
    amap = testing.assumptions_map()
    return MapData(
        testing,
        amap,
        layout(amap),
        item_codes(list(testing.items), lang),
        {p.item_id: p.version for p in testing.placements},
    )


def map_data(actor: Actor, project_id: str, canvas: Canvas, revision: int, lang: str) -> MapData:
    return _map_data(project_id, canvas.id, revision, lang, actor)


@st.cache_resource(max_entries=64, show_spinner=False)
def _project_cards(project_id: str, revision: int, actor: Actor) -> svc.ProjectCards:
    return svc.load_project_cards(get_store(), actor, project_id)


def project_cards(actor: Actor, project_id: str, revision: int) -> svc.ProjectCards:
    return _project_cards(project_id, revision, actor)
