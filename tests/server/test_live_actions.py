"""The live board's writes (server/actions.py, workshop/live_actions.py) over HTTP on a
real database: the same domain calls and limits as the page, exactly once by nonce, and
nothing for a forged, foreign or projector credential or a cross-site request."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from canvas import canvases
from core.routes import ACTION_PATH, FEED_PATH
from i18n import translate
from server.live import live_routes
from tests.actors import WORKSPACE
from tests.rooms import join, open_room
from workshop import facilitation, feed, joining
from workshop import notes as workshop_notes


@pytest.fixture
def room(store):
    made = open_room(store, step="pains")
    client = TestClient(Starlette(routes=live_routes(lambda: store)), base_url="http://127.0.0.1:8640")
    return store, made.canvas, made.opened, join(store, made, "Ani"), join(store, made, "Budi"), client


def _post(client, credential, headers=None, **action):
    auth = {"Authorization": f"Bearer {credential}"} if credential else {}
    return client.post(ACTION_PATH, json=action, headers={**auth, **(headers or {})})


def _texts(store, canvas):
    return sorted(item.text for item in store.items.for_canvas(canvas))


def test_a_note_through_the_endpoint_is_confirmed_with_the_revision_the_feed_then_shows(room):
    store, canvas, _, ani, budi, client = room
    answer = _post(client, ani, kind="add_note", nonce="n-0000001", text="Antre lama")
    assert answer.status_code == 200
    body = answer.json()
    assert body["status"] == "confirmed" and body["id"] and not body["repeated"]
    assert _texts(store, canvas) == ["Antre lama"]
    board = client.get(FEED_PATH, headers={"Authorization": f"Bearer {budi}"}).json()["board"]
    assert board["revision"] == body["revision"] and [note[3] for note in board["notes"]] == ["Antre lama"]


def test_the_same_nonce_twice_writes_once_and_confirms_twice(room):
    store, canvas, _, ani, _, client = room
    first = _post(client, ani, kind="add_note", nonce="retry-abc1", text="Parkir penuh").json()
    again = _post(client, ani, kind="add_note", nonce="retry-abc1", text="Parkir penuh").json()
    assert first["status"] == again["status"] == "confirmed"
    assert again["repeated"] and again["id"] == first["id"]
    assert _texts(store, canvas) == ["Parkir penuh"]
    # Another participant's identical nonce is theirs: a note of its own.
    other = _post(client, room[4], kind="add_note", nonce="retry-abc1", text="Parkir penuh").json()
    assert other["status"] == "confirmed" and not other["repeated"]
    assert len(_texts(store, canvas)) == 2


def test_a_vote_retried_after_the_budget_is_spent_counts_once(room):
    store, _, opened, ani, budi, client = room
    note = workshop_notes.add_note(store, budi, "Antre lama")
    facilitation.open_voting(store, opened.facilitator_token, 1)
    first = _post(client, ani, kind="vote", nonce="vote-00001", id=note.id).json()
    assert first["status"] == "confirmed" and first["votes_left"] == 0
    again = _post(client, ani, kind="vote", nonce="vote-00001", id=note.id).json()
    assert again["status"] == "confirmed" and again["repeated"]
    spent = _post(client, ani, kind="vote", nonce="vote-00002", id=note.id, lang="id").json()
    assert spent == {
        "status": "refused",
        "key": "workshop.error.budget",
        "message": translate("id", "workshop.error.budget", budget=1),
    }
    assert _post(client, ani, kind="unvote", nonce="vote-00003", id=note.id).json()["status"] == "confirmed"
    # The dot taken back is in the budget again.
    assert _post(client, ani, kind="vote", nonce="vote-00004", id=note.id).json()["votes_left"] == 0


def test_refusals_say_why_in_the_participants_language_and_write_nothing(room):
    store, canvas, opened, ani, budi, client = room
    hers = workshop_notes.add_note(store, ani, "Antre lama")
    not_yours = _post(client, budi, kind="delete", nonce="del-000001", id=hers.id, version=hers.version, lang="id")
    assert not_yours.status_code == 200
    assert not_yours.json()["key"] == "workshop.error.not_yours"
    assert not_yours.json()["message"] == translate("id", "workshop.error.not_yours")
    facilitation.set_locked(store, opened.facilitator_token, True)
    locked = _post(client, ani, kind="add_note", nonce="lock-00001", text="Nanti", lang="en").json()
    assert locked["status"] == "refused" and locked["message"] == translate("en", "workshop.error.locked")
    facilitation.set_locked(store, opened.facilitator_token, False)
    # Refused recorded nothing: the same nonce once the board is open again is a write.
    assert _post(client, ani, kind="add_note", nonce="lock-00001", text="Nanti").json()["status"] == "confirmed"
    deleted = _post(client, ani, kind="delete", nonce="del-000002", id=hers.id, version=hers.version).json()
    assert deleted["status"] == "confirmed"
    assert _texts(store, canvas) == ["Nanti"]


def test_forged_foreign_and_projector_credentials_write_nothing(room, store):
    _, canvas, opened, ani, _, client = room
    other = canvases.create_canvas(store, WORKSPACE, store.projects.create("Lain").id, "Lain")
    elsewhere = joining.open_workshop(store, WORKSPACE, other.id, facilitator_name="Eko")
    facilitation.set_step(store, elsewhere.facilitator_token, "pains")
    stranger = joining.join(store, elsewhere.workshop.join_code, "Sari", client="test").token
    theirs = workshop_notes.add_note(store, stranger, "Di tempat lain")
    wall = feed.projector_credential(store.workshops.live(opened.workshop.id))
    for credential in ("forged-token", wall, f"{wall[:-4]}beef", ""):
        answer = _post(client, credential, kind="add_note", nonce="forge-0001", text="Palsu")
        assert answer.status_code == 403 and answer.json()["status"] == "refused"
    # A real participant can't reach a note of another workshop: not found, nothing done.
    foreign = _post(client, ani, kind="delete", nonce="forge-0002", id=theirs.id, version=theirs.version).json()
    assert foreign["status"] == "refused"
    assert _texts(store, canvas) == [] and _texts(store, other) == ["Di tempat lain"]


def test_the_guard_refuses_cross_site_non_json_and_oversize_requests(room):
    store, canvas, _, ani, _, client = room
    auth = {"Authorization": f"Bearer {ani}"}
    action = {"kind": "add_note", "nonce": "guard-0001", "text": "x"}
    cross = client.post(ACTION_PATH, json=action, headers={**auth, "Origin": "http://evil.example"})
    assert cross.status_code == 403
    same = client.post(ACTION_PATH, json=action, headers={**auth, "Origin": "http://127.0.0.1:8640"})
    assert same.status_code == 200
    form = client.post(ACTION_PATH, content=b"kind=add_note", headers={**auth, "Content-Type": "text/plain"})
    assert form.status_code == 415
    big = client.post(
        ACTION_PATH, content=b'{"text":"' + b"x" * 5000 + b'"}', headers={**auth, "Content-Type": "application/json"}
    )
    assert big.status_code == 413
    bad = client.post(ACTION_PATH, json={"kind": "drop_table", "nonce": "guard-0002"}, headers=auth)
    assert bad.status_code == 400
    assert _texts(store, canvas) == ["x"]
