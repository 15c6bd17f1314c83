"""A blank project's first canvas: made once, even when several sessions open it together."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from canvas import canvases
from projects.service import create_project
from storage.store import Store
from tests.actors import WORKSPACE


def test_first_canvas_is_made_once_and_only_for_a_project_without_one(store: Store) -> None:
    project = create_project(store, WORKSPACE, "Kelompok 3", language="id")
    made = canvases.first_canvas(store, WORKSPACE, project.id, "Kanvas kelompok")
    assert made is not None and made.name == "Kanvas kelompok"
    assert canvases.first_canvas(store, WORKSPACE, project.id, "Again") is None
    assert [c.name for c in canvases.list_canvases(store, WORKSPACE, project.id)] == ["Kanvas kelompok"]


def test_members_opening_a_blank_project_at_once_get_one_canvas(store: Store) -> None:
    project = create_project(store, WORKSPACE, "Kelompok 4", language="id")
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(lambda i: canvases.first_canvas(store, WORKSPACE, project.id, f"K{i}"), range(12)))
    assert sum(result is not None for result in results) == 1
    assert len(canvases.list_canvases(store, WORKSPACE, project.id)) == 1
