"""The feed's per-viewer part (workshop.feed.own_part) answers as `view_of` does: its quick
path (the viewer's own notes and dots only) against the whole view, in each state of a room."""

from __future__ import annotations

from canvas import canvases
from tests.actors import WORKSPACE
from workshop import facilitation, feed, joining
from workshop import notes as workshop_notes
from workshop.room import room_state


def _same(room, who) -> None:
    quick, whole = feed.own_part(room, who), feed.own_part_by_view(room, who)
    board_ids = set(room.board_for(who.viewer == "facilitator").place)
    assert set(quick["mine"]) == set(whole["mine"])
    assert quick["my_votes"] == whole["my_votes"]
    assert quick["votes_left"] == whole["votes_left"]
    assert quick["hidden_count"] == whole["hidden_count"]
    off_board = {note[0] for note in whole["own_notes"]} - board_ids
    assert {note[0] for note in quick["own_notes"]} - board_ids == off_board


def test_own_part_matches_view_of_through_a_rooms_states(store):
    project = store.projects.create("Kopi")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Pekerja")
    opened = joining.open_workshop(store, WORKSPACE, canvas.id, facilitator_name="Dewi")
    facilitation.set_step(store, opened.facilitator_token, "pains")
    tokens = [joining.join(store, opened.workshop.join_code, name, client="t").token for name in ("Ani", "Budi")]
    facilitator = opened.facilitator_token
    who = [feed.viewer_for(feed.participant_of(store, token)) for token in (*tokens, facilitator)]

    def check() -> None:
        room = room_state(store, opened.workshop.id)
        for viewer in who:
            _same(room, viewer)

    check()
    ani_note = workshop_notes.add_note(store, tokens[0], "Antre lama")
    workshop_notes.add_note(store, tokens[1], "Parkir penuh")
    workshop_notes.add_note(store, facilitator, "Dari fasilitator")
    check()
    facilitation.open_voting(store, facilitator, 3)
    workshop_notes.vote(store, tokens[1], ani_note.id)
    workshop_notes.vote(store, tokens[1], ani_note.id)
    workshop_notes.vote(store, tokens[0], ani_note.id)
    check()
    facilitation.close_voting(store, facilitator)
    check()
    facilitation.set_private(store, facilitator, True)
    workshop_notes.add_note(store, tokens[0], "Rahasia Ani")
    workshop_notes.add_note(store, facilitator, "Rahasia fasilitator")
    check()  # Ani has a private note off the shared board: the whole view answers for her
    facilitation.reveal(store, facilitator)
    check()
    workshop_notes.delete_note(store, tokens[0], ani_note.id)
    check()
