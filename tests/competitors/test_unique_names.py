"""Offering and factor names are unique on a canvas, held by the database (a unique index
on the lower-cased name of live rows), not only by a read a parallel request can slip past."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from competitors import comparison as competitor_comparison
from competitors import factors as competitor_factors
from competitors import offerings as competitor_offerings
from core.errors import Conflict, InvalidInput
from projects.service import create_project
from storage import tables
from storage.migrations import migrate, migration_log
from storage.store import Store
from tests.actors import WORKSPACE
from tests.concurrency import all_at_once


@pytest.fixture
def canvas_id(store: Store) -> str:
    project = create_project(store, WORKSPACE, "Kopi", language="en")
    return store.canvases.insert(project.id, {"name": "Office workers"}).id


def _problem_keys(error: InvalidInput) -> list[str]:
    return [key for _field, key, _params in error.problems]


def test_the_database_refuses_a_second_live_row_with_the_same_name(store: Store, canvas_id: str) -> None:
    project_id = store.canvases.get(canvas_id).project_id
    first = store.factors.insert(project_id, {"canvas_id": canvas_id, "name": "Price"})
    with pytest.raises(Conflict):
        store.factors.insert(project_id, {"canvas_id": canvas_id, "name": "PRICE"})
    store.competitors.insert(project_id, {"canvas_id": canvas_id, "name": "Kopi Kenangan"})
    with pytest.raises(Conflict):
        store.competitors.insert(project_id, {"canvas_id": canvas_id, "name": "kopi kenangan"})
    # A row in the trash does not hold its name; another canvas has names of its own.
    store.factors.soft_delete(first.id, first.version)
    store.factors.insert(project_id, {"canvas_id": canvas_id, "name": "price"})
    other = store.canvases.insert(project_id, {"name": "Students"})
    store.factors.insert(project_id, {"canvas_id": other.id, "name": "Price"})


def test_a_write_that_lost_the_race_gets_the_duplicate_message(store: Store, canvas_id: str) -> None:
    """The check read the canvas before a colleague's row was committed; the index refuses
    the write, and the user reads the same message as when the check sees it."""
    project_id = store.canvases.get(canvas_id).project_id
    reads = iter([[], None])  # the first read comes before the colleague's commit

    def rows():
        earlier = next(reads)
        return store.factors.for_canvas(canvas_id) if earlier is None else earlier

    store.factors.insert(project_id, {"canvas_id": canvas_id, "name": "Queues at lunch"})
    with pytest.raises(InvalidInput) as caught:
        competitor_comparison.write_unique_name(
            rows,
            "queues at lunch",
            competitor_factors.DUPLICATE,
            lambda: store.factors.insert(project_id, {"canvas_id": canvas_id, "name": "queues at lunch"}),
        )
    assert _problem_keys(caught.value) == ["competitors.error.duplicate_factor"]
    assert [f.name for f in store.factors.for_canvas(canvas_id)] == ["Queues at lunch"]


@pytest.mark.postgres
@pytest.mark.parametrize("engine", ["postgres"], indirect=True)
def test_twelve_people_adding_one_factor_at_once_make_one(store: Store, canvas_id: str) -> None:
    store.db.engine.pool.dispose()
    results = all_at_once(
        12, lambda i: competitor_factors.add_factor(store, WORKSPACE, canvas_id, ["Price", "price"][i % 2])
    )
    made = [result for result in results if not isinstance(result, Exception)]
    refused = [result for result in results if isinstance(result, InvalidInput)]
    assert len(made) == 1 and len(refused) == 11, results
    assert all(_problem_keys(error) == ["competitors.error.duplicate_factor"] for error in refused)
    assert len(store.factors.for_canvas(canvas_id)) == 1

    results = all_at_once(
        8, lambda i: competitor_offerings.add_competitor(store, WORKSPACE, canvas_id, ["Rival", "RIVAL"][i % 2])
    )
    assert sum(not isinstance(result, Exception) for result in results) == 1, results
    assert len(store.competitors.for_canvas(canvas_id)) == 1


def test_the_migration_keeps_older_duplicates_apart_then_holds_the_rule(store: Store, canvas_id: str) -> None:
    engine = store.db.engine
    project_id = store.canvases.get(canvas_id).project_id
    with engine.begin() as conn:  # an older database: no index, and a duplicate that slipped in
        for index in (tables.FACTOR_NAME_INDEX, tables.COMPETITOR_NAME_INDEX):
            index.drop(conn)
        conn.execute(sa.delete(migration_log).where(migration_log.c.name == "3001_unique_offering_factor_names"))
    first = store.factors.insert(project_id, {"canvas_id": canvas_id, "name": "Price"})
    second = store.factors.insert(project_id, {"canvas_id": canvas_id, "name": "price"})
    third = store.factors.insert(project_id, {"canvas_id": canvas_id, "name": "PRICE"})

    assert migrate(engine) == ["3001_unique_offering_factor_names"]

    names = {f.id: f.name for f in store.factors.for_canvas(canvas_id)}
    assert names == {first.id: "Price", second.id: "price (2)", third.id: "PRICE (3)"}
    with pytest.raises(Conflict):
        store.factors.insert(project_id, {"canvas_id": canvas_id, "name": "price (2)"})
    assert migrate(engine) == []
