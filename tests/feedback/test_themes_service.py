"""Themes into the canvas: accept as a pain with its evidence, dismiss, merge, actions."""

from __future__ import annotations

import pytest

from canvas import canvases
from core.errors import Conflict, InvalidInput, NotFound, StaleVersion
from feedback import service as feedback
from projects import service as projects
from storage.store import Store
from tests.actors import WORKSPACE

SURVEY = "\n".join(
    ["skor;komentar"]
    + [f"{n % 4};Antrean peminjaman lama sekali ({n})" for n in range(12)]
    + [f"{n % 3};Wifi sering putus di lantai {n}" for n in range(4)]
    + ["5;Parkir motor penuh", "6;parkir sempit", "2;Toilet kotor", "1;toilet bau"]
    + [f"10;Pustakawan ramah dan membantu ({n})" for n in range(3)]
    + ["9;Ruang diskusi nyaman", "10;ruang diskusi bisa dipesan online"]
).encode()


@pytest.fixture
def library(store: Store) -> tuple[str, str]:
    project = projects.create_project(store, WORKSPACE, "Library")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Students")
    preview = feedback.read_file(store, WORKSPACE, project.id, SURVEY)
    feedback.import_responses(store, WORKSPACE, project.id, preview)
    return project.id, canvas.id


def test_detractor_themes_are_pains_and_promoter_themes_gains(store: Store, library: tuple[str, str]) -> None:
    project_id, _ = library
    board = feedback.theme_board(store, WORKSPACE, project_id)
    # Each theme by a word that placed its comments (words shared by all its comments tie for the key).
    pains = {word: s for s in board.of_kind("pain") for word in s.theme.terms}
    gains = {word: s for s in board.of_kind("gain") for word in s.theme.terms}
    assert pains["antrean"].count == 12 and pains["antrean"].evidence == "validated"
    assert pains["antrean"].theme.label == "antrean peminjaman"
    assert pains["Wi-Fi"].count == 4 and pains["Wi-Fi"].evidence == "observed"
    assert pains["parkir"].count == 2 and pains["toilet"].count == 2
    assert gains["pustakawan"].count == 3 and gains["diskusi"].count == 2
    assert gains["pustakawan"].theme.label == "pustakawan ramah dan membantu"


def test_an_accepted_theme_is_a_pain_with_its_evidence(store: Store, library: tuple[str, str]) -> None:
    project_id, canvas_id = library
    item = feedback.accept_theme(
        store, WORKSPACE, project_id, "pain", "antre", canvas_id, "Queues at the loan desk", language="en"
    )
    assert item.area == "pains" and item.text == "Queues at the loan desk"
    assert item.evidence == "validated"
    assert "12" in item.evidence_source and "customer" in item.evidence_source.lower()
    assert item.evidence_note.count("“") == 3 and "Antrean peminjaman lama sekali" in item.evidence_note
    board = feedback.theme_board(store, WORKSPACE, project_id)
    assert "antre" not in {s.key for s in board.of_kind("pain")}
    assert [d.item_id for d in board.decided] == [item.id]
    with pytest.raises((StaleVersion, Conflict)):  # decided already: nothing twice
        feedback.accept_theme(store, WORKSPACE, project_id, "pain", "antre", canvas_id, "Again", language="en")
    assert len([i for i in canvases.load_board(store, WORKSPACE, canvas_id).items if i.area == "pains"]) == 1


def _key_with(store: Store, project_id: str, word: str) -> str:
    board = feedback.theme_board(store, WORKSPACE, project_id)
    return next(s.key for s in board.of_kind("pain") if word in s.theme.terms)


def test_merge_then_dismiss_and_bring_back(store: Store, library: tuple[str, str]) -> None:
    project_id, _ = library
    wifi = _key_with(store, project_id, "Wi-Fi")
    feedback.merge_theme(store, WORKSPACE, project_id, "pain", "toilet", "parkir")
    merged = {s.key: s for s in feedback.theme_board(store, WORKSPACE, project_id).of_kind("pain")}
    assert "toilet" not in merged and merged["parkir"].count == 4 and merged["parkir"].merged_keys == ("toilet",)
    with pytest.raises(InvalidInput):
        feedback.merge_theme(store, WORKSPACE, project_id, "pain", wifi, wifi)
    dismissed = feedback.dismiss_theme(store, WORKSPACE, project_id, "pain", wifi)
    assert wifi not in {s.key for s in feedback.theme_board(store, WORKSPACE, project_id).of_kind("pain")}
    feedback.undo_decision(store, WORKSPACE, project_id, dismissed.id)
    assert wifi in {s.key for s in feedback.theme_board(store, WORKSPACE, project_id).of_kind("pain")}
    with pytest.raises(NotFound):
        feedback.dismiss_theme(store, WORKSPACE, project_id, "pain", "no-such-theme")


def test_improvement_actions_have_an_owner_and_a_status(store: Store, library: tuple[str, str]) -> None:
    project_id, _ = library
    action = feedback.add_action(store, WORKSPACE, project_id, "antre", "Open a second loan desk", "service")
    moved = feedback.update_action(store, WORKSPACE, project_id, action.id, action.version, status="in_progress")
    assert (moved.owner, moved.status) == ("service", "in_progress")
    with pytest.raises(InvalidInput):
        feedback.update_action(store, WORKSPACE, project_id, action.id, moved.version, owner="the janitor")
    with pytest.raises(StaleVersion):
        feedback.update_action(store, WORKSPACE, project_id, action.id, action.version, status="done")
    other = projects.create_project(store, WORKSPACE, "Other")
    with pytest.raises(NotFound):  # an action is reached through its own project only
        feedback.update_action(store, WORKSPACE, other.id, action.id, moved.version, status="done")
    assert [a.title for a in feedback.actions(store, WORKSPACE, project_id)] == ["Open a second loan desk"]
