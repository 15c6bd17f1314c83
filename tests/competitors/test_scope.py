"""The comparison of a canvas is reached only inside the actor's scope: a competitor,
factor, score cell, ERRC move or canvas of another project is NotFound (as if it didn't
exist) and stays as it was; whatever one call names stays on one canvas; a lecturer reads
but never writes."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from classroom import service as classes
from competitors import comparison as competitor_comparison
from competitors import errc as competitor_errc
from competitors import factors as competitor_factors
from competitors import offerings as competitor_offerings
from competitors import scores as competitor_scores
from competitors.models import Competitor, ErrcMove, Factor
from core.actors import GroupActor, LecturerActor
from core.errors import Forbidden, NotFound
from projects import class_links
from projects import service as projects
from storage.store import Store
from tests.actors import WORKSPACE


@dataclass
class Side:
    """One canvas with a comparison on it: our offer and a rival, one scored factor, a move."""

    project_id: str
    canvas_id: str
    note_id: str  # a pain on the canvas
    ours: Competitor
    rival: Competitor
    factor: Factor
    move: ErrcMove


def _side(store: Store, actor, project_id: str) -> Side:
    canvas = store.canvases.insert(project_id, {"name": "Office workers"})
    note = store.items.insert(project_id, {"canvas_id": canvas.id, "area": "pains", "text": "Queues", "rank": 5})
    ours = competitor_offerings.ensure_our_offer(store, actor, canvas.id, "Our offer")
    rival = competitor_offerings.add_competitor(store, actor, canvas.id, "Rival")
    factor = competitor_factors.add_factor_from_item(store, actor, canvas.id, note.id)
    competitor_scores.set_score(store, actor, factor.id, ours.id, 3, None)
    competitor_scores.set_score(store, actor, factor.id, rival.id, 8, None)
    move = competitor_errc.add_own_move(store, actor, canvas.id, "create", "Pre-order app")
    return Side(project_id, canvas.id, note.id, ours, rival, factor, move)


@dataclass
class World:
    group: GroupActor
    lecturer: LecturerActor
    own: Side  # the group's canvas
    private: Side  # a workspace canvas


@pytest.fixture
def world(store: Store) -> World:
    created = classes.create_class(store, WORKSPACE, "Pemasaran B", language="id")
    joined = classes.join_class(store, created.classroom.join_code, "Tim 1", client="test")
    group = class_links.group_actor(store, joined.token)
    lecturer = class_links.lecturer_actor(store, created.lecturer_token)
    assert group is not None and lecturer is not None
    project = projects.create_project(store, WORKSPACE, "Kopi", language="en")
    return World(group, lecturer, _side(store, group, joined.group.project_id), _side(store, WORKSPACE, project.id))


def _snapshot(store: Store, side: Side) -> tuple:
    """Everything stored for one side's comparison, to show nothing changed."""
    canvas_id = side.canvas_id
    factors = store.factors.for_canvas(canvas_id)
    return (
        store.competitors.for_canvas(canvas_id),
        factors,
        store.scores.for_factors([f.id for f in factors]),
        store.errc_moves.for_canvas(canvas_id),
    )


def test_competitors_of_another_project_are_not_found(store: Store, world: World) -> None:
    theirs, before = world.private, _snapshot(store, world.private)
    for call in (
        lambda: competitor_offerings.update_competitor(
            store, world.group, theirs.rival.id, theirs.rival.version, name="Taken"
        ),
        lambda: competitor_offerings.delete_competitor(store, world.group, theirs.rival.id, theirs.rival.version),
        lambda: competitor_offerings.restore_competitor(store, world.group, theirs.rival.id),
        lambda: competitor_offerings.add_competitor(store, world.group, theirs.canvas_id, "Intruder"),
        lambda: competitor_offerings.ensure_our_offer(store, world.group, theirs.canvas_id, "Ours"),
    ):
        with pytest.raises(NotFound):
            call()
    assert _snapshot(store, theirs) == before


def test_factors_of_another_project_are_not_found(store: Store, world: World) -> None:
    own, theirs, before = world.own, world.private, _snapshot(store, world.private)
    for call in (
        lambda: competitor_factors.update_factor(
            store, world.group, theirs.factor.id, theirs.factor.version, name="Taken"
        ),
        lambda: competitor_factors.delete_factor(store, world.group, theirs.factor.id, theirs.factor.version),
        lambda: competitor_factors.restore_factor(store, world.group, theirs.factor.id),
        lambda: competitor_factors.add_factor(store, world.group, theirs.canvas_id, "Intruder"),
        # a factor on our own canvas that stands for a note on someone else's
        lambda: competitor_factors.add_factor(
            store, world.group, own.canvas_id, "Their queues", source_item_id=theirs.note_id
        ),
        lambda: competitor_factors.add_factor_from_item(store, world.group, own.canvas_id, theirs.note_id),
    ):
        with pytest.raises(NotFound):
            call()
    assert _snapshot(store, theirs) == before
    assert [f.id for f in store.factors.for_canvas(own.canvas_id)] == [own.factor.id]


def test_a_factors_source_note_must_be_on_the_same_canvas(store: Store, world: World) -> None:
    side = world.private
    other = store.canvases.insert(side.project_id, {"name": "Students"})
    elsewhere = store.items.insert(side.project_id, {"canvas_id": other.id, "area": "gains", "text": "Cheap"})
    with pytest.raises(NotFound):
        competitor_factors.add_factor_from_item(store, WORKSPACE, side.canvas_id, elsewhere.id)
    with pytest.raises(NotFound):
        competitor_factors.add_factor(store, WORKSPACE, side.canvas_id, "Cheap", source_item_id=elsewhere.id)
    assert [f.id for f in store.factors.for_canvas(side.canvas_id)] == [side.factor.id]


def test_score_cells_stay_on_one_canvas_in_scope(store: Store, world: World) -> None:
    own, theirs = world.own, world.private
    before_own, before_theirs = _snapshot(store, own), _snapshot(store, theirs)
    for call in (
        # someone else's cell
        lambda: competitor_scores.set_score(store, world.group, theirs.factor.id, theirs.rival.id, 0, None),
        # our factor against their offering, and the other way round
        lambda: competitor_scores.set_score(store, world.group, own.factor.id, theirs.rival.id, 5, None),
        lambda: competitor_scores.set_score(store, world.group, theirs.factor.id, own.rival.id, 5, None),
        # even the workspace, which reaches both projects, can't score across canvases
        lambda: competitor_scores.set_score(store, WORKSPACE, theirs.factor.id, own.rival.id, 5, None),
    ):
        with pytest.raises(NotFound):
            call()
    assert _snapshot(store, own) == before_own
    assert _snapshot(store, theirs) == before_theirs


def test_errc_moves_of_another_project_are_not_found(store: Store, world: World) -> None:
    own, theirs, before = world.own, world.private, _snapshot(store, world.private)
    [their_suggestion, *_] = competitor_comparison.load_comparison(
        store, WORKSPACE, theirs.canvas_id
    ).open_suggestions()
    for call in (
        lambda: competitor_errc.update_move(store, world.group, theirs.move.id, theirs.move.version, "raise", "Taken"),
        lambda: competitor_errc.delete_move(store, world.group, theirs.move.id, theirs.move.version),
        lambda: competitor_errc.restore_move(store, world.group, theirs.move.id),
        lambda: competitor_errc.add_own_move(store, world.group, theirs.canvas_id, "create", "Intruder"),
        lambda: competitor_errc.accept_suggestion(store, world.group, theirs.canvas_id, their_suggestion.key, "x", "y"),
        lambda: competitor_errc.dismiss_suggestion(
            store, world.group, theirs.canvas_id, their_suggestion.key, "x", "y"
        ),
        # a suggestion is named by its key and looked up on the canvas: theirs isn't on ours
        lambda: competitor_errc.accept_suggestion(store, world.group, own.canvas_id, their_suggestion.key, "x", "y"),
    ):
        with pytest.raises(NotFound):
            call()
    assert _snapshot(store, theirs) == before
    assert [m.id for m in store.errc_moves.for_canvas(own.canvas_id)] == [own.move.id]


def test_a_scores_csv_for_another_project_is_not_found(store: Store, world: World) -> None:
    theirs, before = world.private, _snapshot(store, world.private)
    with pytest.raises(NotFound):
        competitor_comparison.load_comparison(store, world.group, theirs.canvas_id)
    csv = "factor,offering,score\nQueues,Rival,0\nQueues,Our offer,10\n"
    with pytest.raises(NotFound):
        competitor_scores.import_scores_csv(store, world.group, theirs.canvas_id, csv)
    assert _snapshot(store, theirs) == before
    # the same file on the group's own canvas is fine
    assert competitor_scores.import_scores_csv(store, world.group, world.own.canvas_id, csv) == 2


def test_the_lecturer_reads_a_groups_comparison_but_writes_nothing(store: Store, world: World) -> None:
    own, lecturer = world.own, world.lecturer
    before = _snapshot(store, own)
    data = competitor_comparison.load_comparison(store, lecturer, own.canvas_id)
    assert data.scores == {(own.factor.id, own.ours.id): 3, (own.factor.id, own.rival.id): 8}
    [suggestion, *_] = data.open_suggestions()
    for call in (
        lambda: competitor_offerings.add_competitor(store, lecturer, own.canvas_id, "Nilai"),
        lambda: competitor_offerings.update_competitor(store, lecturer, own.rival.id, own.rival.version, name="Nilai"),
        lambda: competitor_offerings.delete_competitor(store, lecturer, own.rival.id, own.rival.version),
        lambda: competitor_factors.add_factor(store, lecturer, own.canvas_id, "Nilai"),
        lambda: competitor_factors.update_factor(store, lecturer, own.factor.id, own.factor.version, name="Nilai"),
        lambda: competitor_factors.delete_factor(store, lecturer, own.factor.id, own.factor.version),
        lambda: competitor_scores.set_score(store, lecturer, own.factor.id, own.ours.id, 10, None),
        lambda: competitor_scores.import_scores_csv(
            store, lecturer, own.canvas_id, "factor,offering,score\nQueues,Rival,1\n"
        ),
        lambda: competitor_errc.accept_suggestion(store, lecturer, own.canvas_id, suggestion.key, "x", "y"),
        lambda: competitor_errc.add_own_move(store, lecturer, own.canvas_id, "raise", "Nilai"),
        lambda: competitor_errc.update_move(store, lecturer, own.move.id, own.move.version, "raise", "Nilai"),
        lambda: competitor_errc.delete_move(store, lecturer, own.move.id, own.move.version),
    ):
        with pytest.raises(Forbidden):
            call()
    assert _snapshot(store, own) == before
