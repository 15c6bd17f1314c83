"""Flood limits, kept in the database (core/limits.py, storage/limits.py): note writes and
votes per participant, joins and code guesses per client address. Nothing here lives in
a session, so a reconnect, a new tab or another app process counts on from the same
number. On SQLite and PostgreSQL."""

from __future__ import annotations

import threading

import pytest

from core import limits
from core.errors import Forbidden, NotFound, RateLimited
from core.limits import CODE_GUESSES, JOINS, NOTE_WRITES, VOTES, Limit, client_subject
from storage import tables
from tests.rooms import open_room
from tests.windows import wait_for_fresh_window
from workshop import facilitation, joining
from workshop import notes as workshop_notes


@pytest.fixture
def room(store):
    made = open_room(store, step="pains")
    return store, made.canvas, made.opened


def _notes(store, canvas) -> list[str]:
    return [item.text for item in store.items.for_canvas(canvas)]


def test_a_participant_over_the_note_limit_is_refused_and_keeps_every_saved_note(room):
    store, canvas, opened = room
    ani = joining.join(store, opened.workshop.join_code, "Ani", client="10.0.0.1")
    wait_for_fresh_window(NOTE_WRITES, 10)
    for n in range(NOTE_WRITES.allowed):
        workshop_notes.add_note(store, ani.token, f"note {n}")
    with pytest.raises(RateLimited) as limited:
        workshop_notes.add_note(store, ani.token, "one too many")
    assert limited.value.key == "limits.notes"
    assert 1 <= limited.value.params["seconds"] <= 2 * NOTE_WRITES.window_seconds  # the previous window weighs in
    assert sorted(_notes(store, canvas)) == sorted(f"note {n}" for n in range(NOTE_WRITES.allowed))
    # Edits count too: a flood of edits refreshes every board in the room as much.
    note = store.items.for_canvas(canvas)[0]
    with pytest.raises(RateLimited):
        workshop_notes.edit_note(store, ani.token, note.id, note.version, "changed")
    # The limit is Ani's, not the room's; the facilitator is not limited.
    budi = joining.join(store, opened.workshop.join_code, "Budi", client="10.0.0.2")
    workshop_notes.add_note(store, budi.token, "Budi's note")
    for n in range(NOTE_WRITES.allowed + 5):
        workshop_notes.add_note(store, opened.facilitator_token, f"facilitator {n}")


def test_the_note_limit_is_kept_per_participant_not_per_session(room):
    """What a reconnect brings to the server is the same token, nothing of the old
    session: the count is found again from the token."""
    store, _, opened = room
    ani = joining.join(store, opened.workshop.join_code, "Ani", client="10.0.0.1")
    participant_id = ani.access.participant.id
    wait_for_fresh_window(NOTE_WRITES, 10)
    for n in range(NOTE_WRITES.allowed):
        workshop_notes.add_note(store, ani.token, f"note {n}")
    assert store.limits.count(NOTE_WRITES, participant_id) == NOTE_WRITES.allowed
    again = joining.participant_access(store, ani.token)  # the reconnect resolves the same participant
    assert again.participant.id == participant_id
    with pytest.raises(RateLimited):
        workshop_notes.add_note(store, ani.token, "after the reconnect")


def test_votes_and_take_backs_are_limited(room):
    store, _, opened = room
    ani = joining.join(store, opened.workshop.join_code, "Ani", client="10.0.0.1")
    note = workshop_notes.add_note(store, ani.token, "A note to vote on")
    facilitation.open_voting(store, opened.facilitator_token, 3)
    wait_for_fresh_window(VOTES, 10)
    for _ in range(VOTES.allowed // 2):
        workshop_notes.vote(store, ani.token, note.id)
        workshop_notes.unvote(store, ani.token, note.id)
    with pytest.raises(RateLimited) as limited:
        workshop_notes.vote(store, ani.token, note.id)
    assert limited.value.key == "limits.votes"


def test_wrong_codes_from_one_address_are_capped_on_every_path(room):
    """Workshop join, class join and the projector's ?code= share one budget per address."""
    from classroom import service as classes

    store, _, opened = room
    phone = client_subject("192.168.1.50")
    wait_for_fresh_window(CODE_GUESSES, 10)
    with pytest.raises(Forbidden):
        joining.join(store, "ZZZZZZZZ", "Eve", client=phone)
    with pytest.raises(NotFound):
        joining.projector_workshop(store, "ZZZZZZZZ", client=phone)
    with pytest.raises(NotFound):
        classes.join_class(store, "ZZZZZZZZ", "Eve's group", client=phone)
    for _ in range(CODE_GUESSES.allowed - 3):
        with pytest.raises(NotFound):
            joining.projector_workshop(store, "ZZZZZZZZ", client=phone)
    # Now even the right code is refused, on every path, until the window is over.
    with pytest.raises(RateLimited) as limited:
        joining.join(store, opened.workshop.join_code, "Eve", client=phone)
    assert limited.value.key == "limits.codes"
    assert 1 <= limited.value.params["minutes"] <= 20
    with pytest.raises(RateLimited):
        joining.projector_workshop(store, opened.workshop.join_code, client=phone)
    # Another device is not held back by this one.
    assert joining.join(store, opened.workshop.join_code, "Rina", client=client_subject("192.168.1.51")).access


def test_right_codes_are_given_back_so_only_wrong_ones_count(room):
    store, _, opened = room
    for _ in range(3 * CODE_GUESSES.allowed):
        joining.projector_workshop(store, opened.workshop.join_code, client="10.0.0.7")
    assert store.limits.count(CODE_GUESSES, "10.0.0.7") == 0


def test_joins_from_one_address_are_limited(room):
    store, _, opened = room
    wait_for_fresh_window(JOINS, 10)
    for n in range(JOINS.allowed):
        joining.join(store, opened.workshop.join_code, f"Device {n}", client="10.0.0.3")
    with pytest.raises(RateLimited) as limited:
        joining.join(store, opened.workshop.join_code, "One more", client="10.0.0.3")
    assert limited.value.key == "limits.joins"
    participants = [p for p in store.participants.for_workshop(opened.workshop.id) if p.role == "participant"]
    assert len(participants) == JOINS.allowed


def test_the_rate_slides_across_window_edges_and_old_windows_are_pruned(store):
    burst = Limit("test", 2, 60, "limits.generic")  # windows: 1_000_020, 1_000_080, ...
    store.limits.take(burst, "someone", now=1_000_070)
    store.limits.take(burst, "someone", now=1_000_075)
    with pytest.raises(RateLimited) as limited:
        store.limits.take(burst, "someone", now=1_000_076)
    # In the next window the previous one still weighs in: half of it after 30 s.
    assert limited.value.params["seconds"] == 34
    with pytest.raises(RateLimited):  # a new window, but not twice the budget at its edge
        store.limits.take(burst, "someone", now=1_000_085)
    store.limits.take(burst, "someone", now=1_000_110)
    assert store.limits.count(burst, "someone", now=1_000_110) == 1  # refused tries aren't counted
    store.limits.take(burst, "another", now=1_000_300)  # a new row prunes rows no estimate needs
    with store.db.reading() as conn:
        rows = conn.execute(tables.rate_counters.select()).all()
    assert [row.window_start for row in rows] == [1_000_260]


def test_subjects_are_stored_hashed(store):
    store.limits.take(JOINS, "192.168.1.50")
    with store.db.reading() as conn:
        (row,) = conn.execute(tables.rate_counters.select()).all()
    assert "192.168" not in row.subject and len(row.subject) == 64


def test_client_subjects():
    assert client_subject(None) == client_subject("") == limits.UNKNOWN_CLIENT
    assert client_subject("not an address") == limits.UNKNOWN_CLIENT
    assert client_subject("192.168.1.50") == "192.168.1.50"
    assert client_subject("::ffff:192.168.1.50") == "192.168.1.50"
    # One device or home gets a whole IPv6 /64: rotating inside it is the same subject.
    assert client_subject("2001:db8:1:2::10") == client_subject("2001:db8:1:2:ffff::99") == "2001:db8:1:2::/64"
    assert client_subject("2001:db8:1:3::10") != client_subject("2001:db8:1:2::10")


@pytest.mark.postgres
@pytest.mark.parametrize("engine", ["postgres"], indirect=True)
def test_parallel_takes_let_exactly_the_budget_through(store):
    """One atomic upsert per take: 24 requests released together, exactly 5 pass."""
    burst = Limit("test", 5, 600, "limits.generic")
    wait_for_fresh_window(burst, 30)
    start = threading.Barrier(24)
    outcomes: list[str] = []

    def attempt() -> None:
        start.wait()
        try:
            store.limits.take(burst, "192.168.1.50")
        except RateLimited:
            outcomes.append("limited")
        else:
            outcomes.append("passed")

    threads = [threading.Thread(target=attempt) for _ in range(24)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert outcomes.count("passed") == 5 and outcomes.count("limited") == 19


@pytest.mark.postgres
@pytest.mark.parametrize("engine", ["postgres"], indirect=True)
def test_parallel_wrong_codes_try_exactly_the_budget(room):
    """Guesses are taken before they are checked, so a burst can't slip past the count."""
    store, _, _ = room
    wait_for_fresh_window(CODE_GUESSES, 30)
    start = threading.Barrier(16)
    outcomes: list[str] = []

    def guess(n: int) -> None:
        start.wait()
        try:
            joining.projector_workshop(store, f"WRONG{n:03d}", client="192.168.1.50")
        except NotFound:
            outcomes.append("tried")
        except RateLimited:
            outcomes.append("limited")

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert outcomes.count("tried") == CODE_GUESSES.allowed
