"""Rules that must hold when many requests arrive at once: the vote budget and unique
display names, held by the database (a row lock, a unique index), not by a read that a
parallel request can slip past. The subject is PostgreSQL, where writers really overlap;
on SQLite they queue on BEGIN IMMEDIATE."""

from __future__ import annotations

import pytest

from core.errors import Forbidden
from tests.concurrency import all_at_once
from tests.rooms import open_room
from workshop import facilitation, joining
from workshop import notes as workshop_notes
from workshop import room as workshop_room

pytestmark = [pytest.mark.postgres, pytest.mark.parametrize("engine", ["postgres"], indirect=True)]


@pytest.fixture
def room(store):
    opened = open_room(store, "Balapan").opened
    store.db.engine.pool.dispose()
    return store, opened


def test_twenty_parallel_votes_with_a_budget_of_three_store_exactly_three(room):
    store, opened = room
    ani = joining.join(store, opened.workshop.join_code, "Ani", client="test")
    note = workshop_notes.add_note(store, ani.token, "Antre panjang", "pains")
    facilitation.open_voting(store, opened.facilitator_token, 3)

    results = all_at_once(20, lambda _: workshop_notes.vote(store, ani.token, note.id))

    assert store.votes.totals(opened.workshop.id) == {note.id: 3}
    assert sorted(r for r in results if isinstance(r, int)) == [0, 1, 2]
    refused = [r for r in results if not isinstance(r, int)]
    assert len(refused) == 17
    assert all(isinstance(r, Forbidden) and r.key == "workshop.error.budget" for r in refused), refused


def test_ten_parallel_joins_with_one_name_all_get_distinct_names(room):
    store, opened = room

    results = all_at_once(10, lambda n: joining.join(store, opened.workshop.join_code, "Ani", client=f"phone-{n}"))

    assert not [r for r in results if isinstance(r, Exception)], results
    names = [r.access.participant.display_name for r in results]
    assert len({name.casefold() for name in names}) == 10
    assert sorted(names) == sorted(["Ani", *(f"Ani ({n})" for n in range(2, 11))])
    stored = [p.display_name for p in store.participants.for_workshop(opened.workshop.id) if p.role == "participant"]
    assert sorted(stored) == sorted(names)


def test_parallel_notes_each_move_the_revision_once_and_none_is_missed(room):
    """The revision bump goes with the commit (storage/revisions.py): twenty notes at once
    move the project's revision by exactly twenty, and a reader that saw revision R finds
    every note committed up to R."""
    store, opened = room
    facilitation.set_step(store, opened.facilitator_token, "pains")
    people = [joining.join(store, opened.workshop.join_code, f"P{i}", client=f"race-{i}").token for i in range(20)]
    start = store.projects.revision(opened.workshop.project_id)
    seen: list[tuple[int, int]] = []

    def add(index: int):
        note = workshop_notes.add_note(store, people[index], f"Catatan {index}")
        state = workshop_room.room_state(store, opened.workshop.id)
        seen.append((state.revision, len(state.items)))
        return note

    results = all_at_once(20, add)
    assert not [r for r in results if isinstance(r, Exception)]
    assert store.projects.revision(opened.workshop.project_id) == start + 20
    # Reading R (before the notes) shows at least every note whose bump made R.
    assert all(count >= revision - start for revision, count in seen), seen
