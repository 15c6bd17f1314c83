"""The live board feed (server/feed.py, workshop/feed.py) over HTTP on a real database:
who may open it, what each sees (view_of's rule), deltas, 304s and the long poll."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from canvas import canvases
from core.routes import FEED_PATH
from projects.service import trash_project
from server.feed import feed_routes
from server.live import live_routes
from tests.actors import WORKSPACE
from tests.rooms import join, open_room
from workshop import facilitation, feed, joining
from workshop import notes as workshop_notes

TEXT, ID, AUTHOR, HIDDEN, VOTES = 3, 0, 4, 5, 6


@pytest.fixture
def room(store):
    made = open_room(store, step="pains")
    client = TestClient(Starlette(routes=feed_routes(lambda: store)))
    return store, made.project, made.opened, join(store, made, "Ani"), join(store, made, "Budi"), client


def _get(client, credential, since=None, wait=False, headers=None):
    params = {}
    if since is not None:
        params["since"] = str(since)
    if wait:
        params["wait"] = "1"
    auth = {"Authorization": f"Bearer {credential}"} if credential is not None else {}
    return client.get(FEED_PATH, params=params, headers={**auth, **(headers or {})})


def _texts(body):
    board = body["board"]
    notes = board["notes"] if board["full"] else board["changed"]
    return {note[TEXT] for note in notes} | {note[TEXT] for note in body["me"]["own_notes"]}


def test_a_participant_sees_everyones_notes_then_304_then_only_the_delta(room):
    store, _, _, ani, budi, client = room
    mine = workshop_notes.add_note(store, ani, "Antre lama")
    workshop_notes.add_note(store, budi, "Parkir penuh")

    first = _get(client, ani)
    assert first.status_code == 200
    body = first.json()
    assert body["board"]["full"] and _texts(body) == {"Antre lama", "Parkir penuh"}
    assert body["me"]["mine"] == [mine.id]  # Ani's marks only: Budi's note isn't hers
    revision = body["board"]["revision"]
    assert first.headers["etag"] == f'"{revision}"'

    assert _get(client, ani, since=revision).status_code == 304
    assert _get(client, ani, headers={"If-None-Match": f'"{revision}"'}).status_code == 304

    added = workshop_notes.add_note(store, budi, "Kopi dingin")
    workshop_notes.delete_note(store, ani, mine.id)
    delta = _get(client, ani, since=revision).json()["board"]
    assert not delta["full"] and delta["since"] == revision
    assert [note[ID] for note in delta["changed"]] == [added.id]
    assert delta["removed"] == [mine.id]  # the trash applies

    # A browser holding a revision this process never served gets the whole board once.
    whole = _get(client, ani, since=1).json()["board"]
    assert whole["full"] and {note[TEXT] for note in whole["notes"]} == {"Parkir penuh", "Kopi dingin"}


def test_private_mode_hides_others_notes_until_the_reveal(room):
    store, _, opened, ani, budi, client = room
    facilitation.set_private(store, opened.facilitator_token, True)
    workshop_notes.add_note(store, ani, "Rahasia Ani")
    workshop_notes.add_note(store, budi, "Rahasia Budi")

    ani_view = _get(client, ani).json()
    assert _texts(ani_view) == {"Rahasia Ani"}  # her own, from her own part
    assert ani_view["me"]["hidden_count"] == 1 and ani_view["board"]["room"]["private_mode"]
    facilitator_view = _get(client, opened.facilitator_token).json()
    assert _texts(facilitator_view) == {"Rahasia Ani", "Rahasia Budi"}
    assert all(note[HIDDEN] for note in facilitator_view["board"]["notes"])

    revision = ani_view["board"]["revision"]
    facilitation.reveal(store, opened.facilitator_token)
    after = _get(client, ani, since=revision).json()
    assert _texts(after) >= {"Rahasia Budi"} and after["me"]["hidden_count"] == 0


def test_the_projector_sees_the_shared_board_without_authors(room):
    store, _, opened, ani, _, client = room
    workshop_notes.add_note(store, ani, "Antre lama")
    wall = feed.projector_credential(store.workshops.get(opened.workshop.id))
    body = _get(client, wall).json()
    assert [note[TEXT] for note in body["board"]["notes"]] == ["Antre lama"]
    assert body["board"]["notes"][0][AUTHOR] is None
    assert _get(client, ani).json()["board"]["notes"][0][AUTHOR] == "Ani"


def test_votes_are_the_voters_own_until_voting_closes(room):
    store, _, opened, ani, budi, client = room
    note = workshop_notes.add_note(store, budi, "Parkir penuh")
    facilitation.open_voting(store, opened.facilitator_token, 3)
    workshop_notes.vote(store, ani, note.id)
    ani_view, budi_view = _get(client, ani).json(), _get(client, budi).json()
    assert ani_view["me"]["my_votes"] == {note.id: 1} and ani_view["me"]["votes_left"] == 2
    assert budi_view["me"]["my_votes"] == {} and budi_view["board"]["notes"][0][VOTES] is None
    facilitation.close_voting(store, opened.facilitator_token)
    assert _get(client, budi).json()["board"]["notes"][0][VOTES] == 1


def test_forged_foreign_and_missing_credentials_get_nothing(room, store):
    _, project, opened, ani, _, client = room
    other_canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Mahasiswa")
    other = joining.open_workshop(store, WORKSPACE, other_canvas.id, facilitator_name="Eka")
    workshop = store.workshops.get(opened.workshop.id)
    wall = feed.projector_credential(workshop)
    other_wall = feed.projector_credential(store.workshops.get(other.workshop.id))
    forged = [
        None,  # no credential
        "",
        "not-a-token",
        ani[:-2] + ("AA" if not ani.endswith("AA") else "BB"),  # a participant token, altered
        f"wall.{workshop.id}.{'0' * 64}",  # the wall credential without the server's signature
        f"wall.{workshop.id}.{other_wall.rsplit('.', 1)[1]}",  # another workshop's signature
        wall + "0",
        "x" * 500,
    ]
    for credential in forged:
        response = _get(client, credential)
        assert response.status_code == 403, credential
        assert b"revision" not in response.content and b"notes" not in response.content
    # A forged wall credential learns nothing, not even whether the room moved.
    assert _get(client, forged[4], since=0, wait=True).status_code == 403
    # Bearer only: a token in the query string is not a credential.
    assert client.get(FEED_PATH, params={"token": ani}).status_code == 403


def test_a_reissued_facilitator_link_and_its_wall_stop_at_once(room, store):
    _, _, opened, _, _, client = room
    old_wall = feed.projector_credential(store.workshops.get(opened.workshop.id))
    assert _get(client, opened.facilitator_token).status_code == 200
    assert _get(client, old_wall).status_code == 200
    facilitation.reissue_facilitator_link(store, WORKSPACE, opened.workshop.id)
    assert _get(client, opened.facilitator_token).status_code == 403
    assert _get(client, old_wall).status_code == 403


def test_an_ended_or_trashed_workshop_feeds_nobody(room, store):
    _, project, opened, ani, _, client = room
    facilitation.end_workshop(store, opened.facilitator_token)
    assert _get(client, ani).status_code == 404
    trash_project(store, WORKSPACE, project.id)
    assert _get(client, opened.facilitator_token).status_code in (403, 404)


def test_a_long_poll_returns_as_soon_as_someone_writes(room):
    store, _, _, ani, budi, client = room
    revision = _get(client, ani).json()["board"]["revision"]
    writer = threading.Timer(0.5, lambda: workshop_notes.add_note(store, budi, "Baru saja"))
    started = time.monotonic()
    writer.start()
    response = _get(client, ani, since=revision, wait=True)
    waited = time.monotonic() - started
    writer.join()
    assert response.status_code == 200 and "Baru saja" in _texts(response.json())
    assert 0.4 < waited < 5


def test_knowing_a_workshop_id_opens_nothing(room):
    store, _, opened, ani, _, _ = room
    client = TestClient(Starlette(routes=live_routes(lambda: store)))
    assert client.get(f"/api/live/{opened.workshop.id}").status_code == 404
    assert client.get(FEED_PATH, params={"workshop": opened.workshop.id}).status_code == 403
    assert _get(client, ani).status_code == 200


def test_a_browser_from_another_process_gets_the_whole_board_not_a_delta(room):
    """Two processes' boards at one revision may differ (a read may hold a later note), so a
    delta is made only from this process's own board: one named by another's epoch is
    answered whole, at once."""
    store, _, _, ani, budi, client = room
    workshop_notes.add_note(store, budi, "Antre lama")
    first = _get(client, ani).json()
    assert first["epoch"]
    other = TestClient(Starlette(routes=feed_routes(lambda: store)))  # another app process
    workshop_notes.add_note(store, budi, "Parkir penuh")
    revision = first["board"]["revision"]
    here = _get(client, ani, since=revision, headers=None).json()
    assert here["board"]["full"] is False
    moved = other.get(
        FEED_PATH,
        params={"since": str(revision), "epoch": first["epoch"]},
        headers={"Authorization": f"Bearer {ani}"},
    ).json()
    assert moved["board"]["full"] is True and moved["epoch"] != first["epoch"]
    assert _texts(moved) == {"Antre lama", "Parkir penuh"}
    # Its own epoch back: deltas again, even at a revision where nothing changed a 304.
    same = other.get(
        FEED_PATH,
        params={"since": str(moved["board"]["revision"]), "epoch": moved["epoch"]},
        headers={"Authorization": f"Bearer {ani}"},
    )
    assert same.status_code == 304


def test_a_burst_of_long_polls_starts_one_watcher_not_one_each(room):
    """Polls that arrive together (a room just woken, coming back for the next change) share
    one watcher: the database is read about once per WATCH_SECONDS, however many wait."""
    from server import feed as server_feed

    store, _, opened, _, _, _ = room
    reads = []

    class CountedRoom(server_feed.RoomFeed):
        def read_revision(self, store_):
            reads.append(time.monotonic())
            return super().read_revision(store_)

    live = server_feed.LiveFeed(lambda: store)
    watched = CountedRoom(opened.workshop.id)
    revision = store.workshops.project_revision(opened.workshop.id)

    async def burst():
        return await asyncio.gather(*(live.wait_past(watched, revision, 0.6) for _ in range(40)))

    answers = asyncio.run(burst())
    assert answers == [revision] * 40  # nothing changed: each poll timed out on the revision it held
    # One watcher: its first read plus one per 0.1 s of the 0.6 s (a watcher per poll read 280 times).
    assert 2 <= len(reads) <= 1 + 0.6 / server_feed.WATCH_SECONDS + 2


def test_a_failed_first_read_fails_the_polls_waiting_on_it_and_the_next_poll_reads_again(room):
    from server import feed as server_feed

    store, _, opened, _, _, _ = room
    failures = [RuntimeError("database away")]

    class FlakyRoom(server_feed.RoomFeed):
        def read_revision(self, store_):
            if failures:
                raise failures.pop()
            return super().read_revision(store_)

    live = server_feed.LiveFeed(lambda: store)
    watched = FlakyRoom(opened.workshop.id)
    revision = store.workshops.project_revision(opened.workshop.id)

    async def twice():
        polls = (live.wait_past(watched, revision, 0.2) for _ in range(3))
        first = await asyncio.gather(*polls, return_exceptions=True)
        second = await live.wait_past(watched, revision, 0.2)
        return first, second

    first, second = asyncio.run(twice())
    assert all(isinstance(outcome, RuntimeError) for outcome in first)
    assert second == revision
