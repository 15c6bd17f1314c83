"""Roles, joining, private mode, voting and merging, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from canvas import canvases
from core.errors import Forbidden, InvalidInput, NotFound
from core.tokens import JOIN_CODE_ALPHABET, hash_token
from tests.actors import WORKSPACE
from tests.rooms import open_room
from workshop import facilitation, joining
from workshop import notes as workshop_notes
from workshop import room as workshop_room


@pytest.fixture
def room(store):
    return (store, *open_room(store))


def _join(store, workshop, name):
    return joining.join(store, workshop.join_code, name, client="test")


def test_codes_and_tokens_are_unguessable_and_only_hashes_are_stored(room):
    store, _, _, opened = room
    workshop = opened.workshop
    assert len(workshop.join_code) == 8 and set(workshop.join_code) <= set(JOIN_CODE_ALPHABET)
    assert len(opened.facilitator_token) >= 40  # 256 bits, url-safe base64
    assert workshop.facilitator_token_hash == hash_token(opened.facilitator_token)
    assert opened.facilitator_token not in workshop.model_dump_json()
    joined = _join(store, workshop, "Ani")
    assert joined.access.participant.token_hash == hash_token(joined.token)
    assert joined.token not in joined.access.participant.model_dump_json()


def test_join_accepts_typed_variants_of_the_code(room):
    store, _, _, opened = room
    code = opened.workshop.join_code
    typed = f" {code[:4].lower()}-{code[4:]} "
    joined = joining.join(store, typed, "Budi", client="test")
    assert joined.access.workshop.id == opened.workshop.id


def test_bad_names_are_refused_and_same_names_kept_apart(room):
    store, _, _, opened = room
    with pytest.raises(InvalidInput):
        _join(store, opened.workshop, "   ")
    with pytest.raises(InvalidInput):
        _join(store, opened.workshop, "x" * 200)
    first = _join(store, opened.workshop, "Ani")
    second = _join(store, opened.workshop, "ani")
    assert first.access.participant.display_name == "Ani"
    assert second.access.participant.display_name == "ani (2)"
    assert second.renamed and not first.renamed
    assert first.access.participant.id != second.access.participant.id


def test_participant_cannot_act_as_facilitator_or_touch_others_notes(room):
    store, _, _, opened = room
    ani = _join(store, opened.workshop, "Ani")
    budi = _join(store, opened.workshop, "Budi")
    note = workshop_notes.add_note(store, ani.token, "Antre lama", "pains")
    assert note.author == "Ani" and note.participant_id == ani.access.participant.id
    with pytest.raises(Forbidden):
        workshop_notes.delete_note(store, budi.token, note.id, note.version)
    with pytest.raises(Forbidden):
        workshop_notes.edit_note(store, budi.token, note.id, note.version, "diubah")
    with pytest.raises(Forbidden):  # a participant token is not a facilitator link
        facilitation.set_locked(store, ani.token, True)
    with pytest.raises(Forbidden):
        joining.facilitator_access(store, ani.token)
    assert store.items.get(note.id).text == "Antre lama"
    edited = workshop_notes.edit_note(store, ani.token, note.id, note.version, "Antre sangat lama")
    assert edited.text == "Antre sangat lama"
    workshop_notes.delete_note(store, ani.token, note.id, edited.version)
    with pytest.raises(NotFound):
        store.items.get(note.id)
    workshop_notes.restore_note(store, ani.token, note.id)
    assert store.items.get(note.id).text == "Antre sangat lama"


def test_participant_cannot_reach_notes_of_another_workshop(room):
    store, project, _, opened = room
    other_canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Mahasiswa")
    other = joining.open_workshop(store, WORKSPACE, other_canvas.id, facilitator_name="Rina")
    outsider = _join(store, other.workshop, "Citra")
    ani = _join(store, opened.workshop, "Ani")
    note = workshop_notes.add_note(store, ani.token, "Harga mahal", "pains")
    # Out of their workshop's canvas a note is as if it didn't exist.
    with pytest.raises(NotFound):
        workshop_notes.delete_note(store, outsider.token, note.id)
    with pytest.raises(NotFound):
        workshop_notes.restore_note(store, outsider.token, note.id)
    with pytest.raises(NotFound):
        workshop_notes.edit_note(store, outsider.token, note.id, note.version, "diubah")
    # Even the other workshop's facilitator can't touch this canvas's notes.
    with pytest.raises(NotFound):
        workshop_notes.delete_note(store, other.facilitator_token, note.id)
    assert workshop_room.view(store, outsider.access, "participant").notes == []


def test_facilitator_can_moderate_any_note(room):
    store, _, _, opened = room
    ani = _join(store, opened.workshop, "Ani")
    note = workshop_notes.add_note(store, ani.token, "spam", "gains")
    workshop_notes.delete_note(store, opened.facilitator_token, note.id)
    with pytest.raises(NotFound):
        store.items.get(note.id)


def test_step_decides_the_area_and_lock_stops_writes(room):
    store, _, _, opened = room
    token = opened.facilitator_token
    ani = _join(store, opened.workshop, "Ani")
    with pytest.raises(InvalidInput):
        workshop_notes.add_note(store, ani.token, "no area yet")
    facilitation.set_step(store, token, "pains")
    note = workshop_notes.add_note(store, ani.token, "Macet", "gains")
    assert note.area == "pains"
    facilitation.set_locked(store, token, True)
    with pytest.raises(Forbidden) as locked:
        workshop_notes.add_note(store, ani.token, "late")
    assert locked.value.key == "workshop.error.locked"
    with pytest.raises(Forbidden):
        workshop_notes.edit_note(store, ani.token, note.id, note.version, "edit")
    facilitation.set_locked(store, token, False)
    assert workshop_notes.add_note(store, ani.token, "again").area == "pains"


def test_private_mode_hides_others_notes_until_reveal(room):
    store, _, _, opened = room
    token = opened.facilitator_token
    facilitation.set_step(store, token, "gains")
    facilitation.set_private(store, token, True)
    ani = _join(store, opened.workshop, "Ani")
    budi = _join(store, opened.workshop, "Budi")
    workshop_notes.add_note(store, ani.token, "Cepat", "gains")
    workshop_notes.add_note(store, budi.token, "Murah", "gains")
    ani_view = workshop_room.view(store, joining.participant_access(store, ani.token), "participant")
    assert [n.text for n in ani_view.notes] == ["Cepat"] and ani_view.hidden_count == 1
    projector = workshop_room.view(store, joining.facilitator_access(store, token).workshop, "projector")
    assert projector.notes == [] and projector.hidden_count == 2
    facilitator = workshop_room.view(store, joining.facilitator_access(store, token), "facilitator")
    assert {n.text for n in facilitator.notes} == {"Cepat", "Murah"}
    facilitation.reveal(store, token)
    ani_view = workshop_room.view(store, joining.participant_access(store, ani.token), "participant")
    assert {n.text for n in ani_view.notes} == {"Cepat", "Murah"} and ani_view.hidden_count == 0


def test_the_vote_budget_has_one_default_and_one_maximum(room):
    from workshop.models import VOTE_BUDGET_DEFAULT, VOTE_BUDGET_MAX

    store, _, canvas, opened = room
    assert opened.workshop.vote_budget == VOTE_BUDGET_DEFAULT
    with pytest.raises(InvalidInput):
        joining.open_workshop(store, WORKSPACE, canvas.id, facilitator_name="F", vote_budget=VOTE_BUDGET_MAX + 1)
    with pytest.raises(InvalidInput):
        facilitation.open_voting(store, opened.facilitator_token, VOTE_BUDGET_MAX + 1)
    assert facilitation.open_voting(store, opened.facilitator_token, VOTE_BUDGET_MAX).vote_budget == VOTE_BUDGET_MAX
    ani = _join(store, opened.workshop, "Ani")
    note = workshop_notes.add_note(store, ani.token, "Antre", "pains")
    assert workshop_notes.vote(store, ani.token, note.id) == VOTE_BUDGET_MAX - 1
    seen = workshop_room.view(store, joining.participant_access(store, ani.token), "participant")
    assert seen.votes_left == VOTE_BUDGET_MAX - 1


def test_dot_voting_budget_anonymity_and_totals(room):
    store, _, _, opened = room
    token = opened.facilitator_token
    facilitation.set_step(store, token, "pains")
    ani = _join(store, opened.workshop, "Ani")
    budi = _join(store, opened.workshop, "Budi")
    a = workshop_notes.add_note(store, ani.token, "Antre", "pains")
    b = workshop_notes.add_note(store, budi.token, "Mahal", "pains")
    with pytest.raises(Forbidden) as closed:
        workshop_notes.vote(store, ani.token, a.id)
    assert closed.value.key == "workshop.error.voting_closed"
    facilitation.open_voting(store, token, 2)
    assert workshop_notes.vote(store, ani.token, a.id) == 1
    assert workshop_notes.vote(store, ani.token, b.id) == 0
    with pytest.raises(Forbidden) as over:
        workshop_notes.vote(store, ani.token, b.id)
    assert over.value.key == "workshop.error.budget"
    workshop_notes.vote(store, budi.token, b.id)
    workshop_notes.vote(store, budi.token, b.id)
    # While voting is open nobody sees totals, only their own dots.
    during = workshop_room.view(store, joining.participant_access(store, ani.token), "participant")
    assert all(n.votes is None for n in during.notes)
    assert {n.text: n.my_votes for n in during.notes} == {"Antre": 1, "Mahal": 1}
    assert during.votes_left == 0
    assert workshop_notes.unvote(store, ani.token, b.id) is True
    assert workshop_notes.vote(store, ani.token, a.id) == 0
    facilitation.close_voting(store, token)
    after = workshop_room.view(store, joining.participant_access(store, budi.token), "participant")
    assert {n.text: n.votes for n in after.notes} == {"Antre": 2, "Mahal": 2}
    with pytest.raises(Forbidden):
        workshop_notes.vote(store, budi.token, a.id)


def test_merge_keeps_votes_and_editing_a_merged_note_says_so(room):
    store, _, _, opened = room
    token = opened.facilitator_token
    facilitation.set_step(store, token, "pains")
    ani = _join(store, opened.workshop, "Ani")
    budi = _join(store, opened.workshop, "Budi")
    keep = workshop_notes.add_note(store, ani.token, "Antrean panjang", "pains")
    dup = workshop_notes.add_note(store, budi.token, "Antre lama", "pains")
    facilitation.open_voting(store, token, 3)
    workshop_notes.vote(store, ani.token, keep.id)
    workshop_notes.vote(store, budi.token, dup.id)
    workshop_notes.vote(store, budi.token, dup.id)
    facilitation.merge_notes(store, token, dup.id, keep.id)
    with pytest.raises(NotFound) as merged:
        workshop_notes.edit_note(store, budi.token, dup.id, dup.version, "Antre lama sekali")
    assert merged.value.key == "workshop.error.merged"
    facilitation.close_voting(store, token)
    result = workshop_room.view(store, joining.facilitator_access(store, token), "facilitator")
    assert [(n.text, n.votes) for n in result.notes] == [("Antrean panjang", 3)]


def test_end_and_rotate_stop_codes_and_tokens_at_once_and_keep_notes(room):
    store, _, canvas, opened = room
    token = opened.facilitator_token
    old_code = opened.workshop.join_code
    facilitation.rotate_code(store, token)
    with pytest.raises(Forbidden) as revoked:
        joining.join(store, old_code, "Ani", client="test")
    assert revoked.value.key == "workshop.error.bad_code"
    workshop = joining.facilitator_access(store, token).workshop
    facilitation.set_step(store, token, "jobs")
    facilitation.set_private(store, token, True)
    ani = joining.join(store, workshop.join_code, "Ani", client="test")
    workshop_notes.add_note(store, ani.token, "Pesan kopi", "jobs")
    ended = facilitation.end_workshop(store, token)
    assert ended.status == "ended"
    with pytest.raises(Forbidden) as gone:
        joining.join(store, workshop.join_code, "Budi", client="test")
    assert gone.value.key == "workshop.error.bad_code"
    with pytest.raises(Forbidden) as over:
        workshop_notes.add_note(store, ani.token, "late", "jobs")
    assert over.value.key == "workshop.error.ended"
    with pytest.raises(Forbidden):
        facilitation.set_locked(store, token, True)
    board = canvases.load_board(store, WORKSPACE, canvas.id)
    assert [(i.text, i.author) for i in board.items] == [("Pesan kopi", "Ani")]


def test_timer_and_bad_facilitator_links(room):
    store, _, _, opened = room
    workshop = facilitation.start_timer(store, opened.facilitator_token, 300)
    assert 298 <= workshop_room.seconds_left(workshop) <= 300
    with pytest.raises(InvalidInput):
        facilitation.start_timer(store, opened.facilitator_token, 0)
    assert facilitation.stop_timer(store, opened.facilitator_token).timer_ends_at is None
    for bad in (None, "", "x" * 43, opened.workshop.facilitator_token_hash):
        with pytest.raises(Forbidden):
            joining.facilitator_access(store, bad)


def test_live_revision_moves_with_every_change_and_stops_when_the_workshop_ends(room):
    store, project, _, opened = room
    workshop_id = opened.workshop.id
    token = opened.facilitator_token
    start = store.workshops.live_revision(workshop_id)
    assert start == store.projects.revision(project.id)
    ani = _join(store, opened.workshop, "Ani")
    workshop_notes.add_note(store, ani.token, "Antre terlalu lama", "pains")
    after_note = store.workshops.live_revision(workshop_id)
    assert after_note > start
    facilitation.start_timer(store, token, 120)
    assert store.workshops.live_revision(workshop_id) > after_note
    assert store.workshops.live_revision("0" * 32) is None
    facilitation.end_workshop(store, token)
    assert store.workshops.live_revision(workshop_id) is None


def test_the_canvas_shows_authors_and_votes_only_once_the_totals_are_out(room):
    from canvas.fit import analyse_fit
    from ui.canvas.board.payload import build_payload

    store, _, canvas, opened = room
    token = opened.facilitator_token
    ani = _join(store, opened.workshop, "Ani")
    note = workshop_notes.add_note(store, ani.token, "Antre panjang saat istirahat", "pains")
    facilitation.open_voting(store, token, 3)
    workshop_notes.vote(store, ani.token, note.id)
    workshop_notes.vote(store, ani.token, note.id)
    assert store.votes.totals_for_items([note.id]) == {}  # voting still open: no totals anywhere
    facilitation.close_voting(store, token)
    assert store.votes.totals_for_items([note.id]) == {note.id: 2}

    board = canvases.load_board(store, WORKSPACE, canvas.id)
    payload = build_payload(
        board,
        analyse_fit(board.items, board.links),
        "en",
        sort_by_rank=False,
        revision=1,
        votes=store.votes.totals_for_items([i.id for i in board.items]),
    )
    (shown,) = payload["items"]
    assert (shown["author_label"], shown["votes"], shown["votes_label"]) == ("by Ani", 2, "2 votes in a workshop")


def test_a_lost_facilitator_link_is_replaced_and_the_old_one_stops_working(room):
    store, _, _, opened = room
    old = opened.facilitator_token
    resumed = facilitation.reissue_facilitator_link(store, WORKSPACE, opened.workshop.id)
    assert resumed.facilitator_token != old
    assert joining.facilitator_access(store, resumed.facilitator_token).workshop.id == opened.workshop.id
    with pytest.raises(Forbidden):
        joining.facilitator_access(store, old)
    ani = _join(store, opened.workshop, "Ani")
    with pytest.raises(NotFound):  # only for whoever may edit the project, never its participants
        facilitation.reissue_facilitator_link(store, ani.access.actor, opened.workshop.id)
    facilitation.end_workshop(store, resumed.facilitator_token)
    with pytest.raises(Forbidden):
        facilitation.reissue_facilitator_link(store, WORKSPACE, opened.workshop.id)


def test_a_name_taken_between_looking_and_joining_gets_the_next_number(room, monkeypatch):
    """The database's unique index, not the look beforehand, keeps names apart: here the
    look misses "Ani" once (as when another join lands in between) and the join still
    comes out as "Ani (2)"."""
    store, _, _, opened = room
    _join(store, opened.workshop, "Ani")
    real = store.participants.names_in_workshop
    looks: list[str] = []

    def missing_ani_once(workshop_id: str) -> set[str]:
        looks.append(workshop_id)
        return set() if len(looks) == 1 else real(workshop_id)

    monkeypatch.setattr(store.participants, "names_in_workshop", missing_ani_once)
    assert _join(store, opened.workshop, "ANI").access.participant.display_name == "ANI (2)"
    assert len(looks) == 2


def _marks(view):
    return (
        [(n.id, n.mine, n.my_votes, n.votes, n.hidden) for n in view.notes],
        {area: [n.id for n in notes] for area, notes in view.by_area.items()},
        view.hidden_count,
        view.votes_left,
        view.note_key,
    )


def test_each_viewer_is_marked_on_the_shared_board_as_if_filtered_alone(room):
    """view_of copies only a viewer's own notes and voted ones onto the board everyone of
    their kind shares; whatever the room's state, that must equal filtering note by note."""
    store, _, _, opened = room
    token = opened.facilitator_token
    facilitation.set_step(store, token, "pains")
    people = [_join(store, opened.workshop, name) for name in ("Ani", "Budi", "Citra")]
    for index, person in enumerate(people):
        workshop_notes.add_note(store, person.token, f"Antre {index}", "pains")
    facilitation.set_step(store, token, "gains")
    workshop_notes.add_note(store, people[0].token, "Cepat", "gains")
    facilitation.set_private(store, token, True)
    workshop_notes.add_note(store, people[1].token, "Rahasia", "gains")  # private until the reveal
    room_now = workshop_room.room_state(store, opened.workshop.id)
    pains = [n.id for n in room_now.items if n.area == "pains"]

    def check(stage: str) -> None:
        state = workshop_room.room_state(store, opened.workshop.id)
        viewers = [(joining.participant_access(store, p.token).participant, "participant") for p in people]
        viewers += [(None, "projector"), (joining.facilitator_access(store, token).participant, "facilitator")]
        for me, kind in viewers:
            mine = state.votes.get(me.id, {}) if me is not None else {}
            shared = workshop_room.view_of(state, me, kind)
            alone = workshop_room._view_filtered(state, me, kind, mine)
            assert _marks(shared) == _marks(alone), (stage, kind, me and me.display_name)

    check("private mode, one hidden note")
    facilitation.reveal(store, token)
    facilitation.set_private(store, token, False)
    facilitation.open_voting(store, token, 3)
    workshop_notes.vote(store, people[0].token, pains[1])
    workshop_notes.vote(store, people[0].token, pains[1])
    workshop_notes.vote(store, people[2].token, pains[0])
    check("voting open")
    facilitation.close_voting(store, token)
    check("votes revealed, sorted by totals")
    # The shared lists are never changed by one viewer's marks.
    state = workshop_room.room_state(store, opened.workshop.id)
    before = [n.mine for n in state.board_for(False).notes]
    workshop_room.view_of(state, joining.participant_access(store, people[0].token).participant, "participant")
    assert [n.mine for n in state.board_for(False).notes] == before == [False] * len(before)


def test_a_room_read_again_reuses_unchanged_notes_and_sees_every_change(room):
    """room_state(previous): unchanged rows keep their models (a live room is read several
    times a second); an edited, added or deleted note is read afresh, and the revision it
    reports is one the room already holds."""
    store, _, canvas, opened = room
    token = opened.facilitator_token
    facilitation.set_step(store, token, "pains")
    ani = _join(store, opened.workshop, "Ani")
    first = workshop_notes.add_note(store, ani.token, "Antre", "pains")
    second = workshop_notes.add_note(store, ani.token, "Mahal", "pains")
    before = workshop_room.room_state(store, opened.workshop.id)
    workshop_notes.edit_note(store, ani.token, second.id, second.version, "Mahal sekali")
    added = workshop_notes.add_note(store, ani.token, "Jauh", "pains")
    after = workshop_room.room_state(store, opened.workshop.id, before)
    by_id = {item.id: item for item in after.items}
    assert by_id[first.id] is next(i for i in before.items if i.id == first.id)
    assert by_id[second.id].text == "Mahal sekali" and added.id in by_id
    assert after.revision > before.revision
    assert after.revision <= store.projects.revision(canvas.project_id)
    workshop_notes.delete_note(store, ani.token, first.id)
    again = workshop_room.room_state(store, opened.workshop.id, after)
    assert first.id not in {item.id for item in again.items}
