"""The trash ends a project's workshops and closes them to every token and code; a restore
brings the notes back but doesn't reopen a workshop. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from canvas import canvases
from core.errors import Forbidden, NotFound
from core.models import utcnow
from projects.service import restore_project, trash_project
from storage import tables
from storage.workshops import enforce_workshop_integrity
from tests.actors import WORKSPACE
from tests.rooms import open_room
from workshop import facilitation, joining
from workshop import notes as workshop_notes
from workshop import room as workshop_room


@pytest.fixture
def room(store):
    return (store, *open_room(store, "Kedai Kopi"))


def test_the_trash_ends_the_workshop_and_a_restore_does_not_reopen_it(room):
    store, project, canvas, opened = room
    token = opened.facilitator_token
    ani = joining.join(store, opened.workshop.join_code, "Ani", client="test")
    workshop_notes.add_note(store, ani.token, "Antre di kasir", "pains")
    facilitation.set_private(store, token, True)
    workshop_notes.add_note(store, ani.token, "Harga naik", "pains")  # hidden until revealed
    facilitation.open_voting(store, token, 3)
    facilitation.start_timer(store, token, 300)

    trash_project(store, WORKSPACE, project.id)

    ended = store.workshops.get(opened.workshop.id)
    assert (ended.status, ended.voting_open, ended.votes_revealed, ended.timer_ends_at) == ("ended", False, True, None)
    assert ended.ended_at is not None
    with pytest.raises(Forbidden) as refused:
        joining.participant_access(store, ani.token)
    assert refused.value.key == "workshop.error.ended"
    with pytest.raises(Forbidden):
        workshop_notes.add_note(store, ani.token, "Masih bisa?", "pains")
    with pytest.raises(Forbidden):
        joining.facilitator_access(store, token)
    with pytest.raises(Forbidden):
        joining.join(store, opened.workshop.join_code, "Budi", client="test")
    with pytest.raises(NotFound):
        joining.projector_workshop(store, opened.workshop.join_code, client="test")
    with pytest.raises(NotFound):
        workshop_room.room_state(store, opened.workshop.id)
    assert store.workshops.live_revision(opened.workshop.id) is None

    restore_project(store, WORKSPACE, project.id)

    assert store.workshops.get(opened.workshop.id).status == "ended"
    with pytest.raises(Forbidden):
        joining.participant_access(store, ani.token)
    with pytest.raises(NotFound):
        joining.projector_workshop(store, opened.workshop.join_code, client="test")
    assert store.workshops.live_revision(opened.workshop.id) is None
    assert joining.facilitator_access(store, token).workshop.status == "ended"  # readable, not running
    board = canvases.load_board(store, WORKSPACE, canvas.id)
    assert sorted((i.text, i.author) for i in board.items) == [("Antre di kasir", "Ani"), ("Harga naik", "Ani")]


def test_the_trash_leaves_other_projects_workshops_running(room):
    store, project, _, _ = room
    other = store.projects.create("Toko Buku")
    other_canvas = canvases.create_canvas(store, WORKSPACE, other.id, "Pelajar")
    running = joining.open_workshop(store, WORKSPACE, other_canvas.id, facilitator_name="Rina")
    trash_project(store, WORKSPACE, project.id)
    assert store.workshops.get(running.workshop.id).status == "open"
    assert (
        joining.join(store, running.workshop.join_code, "Ani", client="test").access.workshop.id == running.workshop.id
    )


def test_an_older_database_gets_unique_names_and_no_open_workshop_in_the_trash(room):
    """What the 0701 migration finds in a database from before: duplicate names (the old
    race) and a workshop left open in a trashed project."""
    store, project, _, opened = room
    people = tables.participants
    with store.db.transaction() as conn:
        tables.PARTICIPANT_NAME_INDEX.drop(conn)
        for index, name in enumerate(("Ani", "ani", "Ani")):
            store.participants.insert_in(
                conn,
                project.id,
                {"workshop_id": opened.workshop.id, "display_name": name, "token_hash": f"h{index}"},
            )
        conn.execute(sa.update(tables.projects).where(tables.projects.c.id == project.id).values(deleted_at=utcnow()))

    with store.db.transaction() as conn:
        enforce_workshop_integrity(conn)

    names = sorted(p.display_name for p in store.participants.for_workshop(opened.workshop.id))
    assert names == sorted(["Dewi", "Ani", "ani (2)", "Ani (3)"])
    assert store.workshops.get(opened.workshop.id).status == "ended"
    with pytest.raises(sa.exc.IntegrityError):  # the unique index is back
        with store.db.engine.begin() as conn:
            conn.execute(
                people.insert().values(
                    id="x" * 32,
                    workshop_id=opened.workshop.id,
                    display_name="ANI",
                    token_hash="t" * 64,
                    version=1,
                    created_at=utcnow(),
                    updated_at=utcnow(),
                )
            )
