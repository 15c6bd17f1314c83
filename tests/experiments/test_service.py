"""The experiments service against a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from canvas import canvases, links
from canvas import notes as canvas_notes
from canvas.fit import analyse_fit
from canvas.models import NoteOwner
from core.errors import InvalidInput, NilaiError, NotFound, StaleVersion
from experiments import service as svc
from experiments.models import meets
from projects.service import create_project, duplicate_project
from storage.store import Store
from tests.actors import WORKSPACE


@pytest.fixture
def canvas(store: Store):
    project = create_project(store, WORKSPACE, "Klinik", language="id")
    return canvases.create_canvas(store, WORKSPACE, project.id, name="Pasien lansia")


def _note(store: Store, canvas, area: str, text: str, rank: int = 5):
    return canvas_notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), area, text, rank=rank)


def _card(store: Store, canvas, item_ids, **extra):
    fields = {
        "experiment": "pre_order",
        "hypothesis": "Kami percaya bahwa pasien mau membayar pengingat jadwal",
        "metric": "% pasien yang membayar",
        "comparison": "at_least",
        "threshold": 20,
        "item_ids": item_ids,
        **extra,
    }
    return svc.create_card(store, WORKSPACE, canvas.id, **fields)


def test_a_passing_test_validates_its_notes_and_raises_validated_coverage(store: Store, canvas) -> None:
    pain = _note(store, canvas, "pains", "Antre lama di pendaftaran")
    reliever = _note(store, canvas, "relievers", "Pengingat jadwal lewat WhatsApp")
    links.add_link(store, WORKSPACE, canvas.id, reliever.id, pain.id)
    before = analyse_fit(*_board(store, canvas))
    assert before.validated_coverage == 0 and before.assumed_coverage == 100

    card = _card(store, canvas, [pain.id, reliever.id])
    assert card.status == "planned" and card.strength == "strong"  # the library's default for a pre-order
    assert card.item_texts == {pain.id: pain.text, reliever.id: reliever.text}
    running = svc.start_card(store, WORKSPACE, card.id, card.version)
    closed = svc.close_card(
        store,
        WORKSPACE,
        card.id,
        running.version,
        measured=27,
        observation="27 dari 100",
        insight="ya",
        decision="persevere",
    )
    assert closed.passed and closed.card.status == "done" and closed.card.passed is True
    assert {item.id: item.evidence for item, _ in closed.changed} == {pain.id: "validated", reliever.id: "validated"}
    assert store.items.get(pain.id).evidence_note == "% pasien yang membayar: 27 (≥ 20)"
    after = analyse_fit(*_board(store, canvas))
    assert after.validated_coverage == 100 and after.assumed_coverage == 0
    with pytest.raises(NilaiError) as caught:
        svc.close_card(store, WORKSPACE, card.id, closed.card.version, measured=1, decision="pivot")
    assert caught.value.key == "experiments.error.closed"


def test_a_failing_test_refutes_its_notes(store: Store, canvas) -> None:
    gain = _note(store, canvas, "gains", "Hasil lab dikirim ke rumah")
    card = _card(store, canvas, [gain.id], comparison="less_than", threshold=15, strength="weak")
    closed = svc.close_card(store, WORKSPACE, card.id, card.version, measured=15, decision="pivot")
    assert not closed.passed and store.items.get(gain.id).evidence == "refuted"
    report = analyse_fit(*_board(store, canvas))
    assert report.evidence["refuted"] == 1


def test_a_card_cannot_start_without_hypothesis_or_metric(store: Store, canvas) -> None:
    job = _note(store, canvas, "jobs", "Kontrol gula darah rutin")
    card = _card(store, canvas, [job.id], hypothesis="", metric="  ")
    with pytest.raises(InvalidInput) as caught:
        svc.start_card(store, WORKSPACE, card.id, card.version)
    assert [field for field, _key, _ in caught.value.problems] == ["hypothesis", "metric"]
    fixed = svc.update_card(store, WORKSPACE, card.id, card.version, hypothesis="Kami percaya bahwa ...")
    with pytest.raises(InvalidInput) as caught:
        svc.start_card(store, WORKSPACE, card.id, fixed.version)
    assert [field for field, _key, _ in caught.value.problems] == ["metric"]
    with pytest.raises(StaleVersion):
        svc.update_card(store, WORKSPACE, card.id, card.version, metric="stale")


def test_bad_input_is_refused(store: Store, canvas) -> None:
    job = _note(store, canvas, "jobs", "Kontrol gula darah rutin")
    with pytest.raises(InvalidInput):
        _card(store, canvas, [job.id], threshold="dua puluh")
    with pytest.raises(InvalidInput):
        _card(store, canvas, [job.id], comparison="kira-kira")
    with pytest.raises(InvalidInput):
        _card(store, canvas, [job.id], experiment="ramalan")
    with pytest.raises(InvalidInput):
        _card(store, canvas, [])
    other = canvases.create_canvas(store, WORKSPACE, canvas.project_id, name="Lain")
    foreign = _note(store, other, "jobs", "Catatan kanvas lain")
    with pytest.raises(NotFound):
        _card(store, canvas, [foreign.id])
    card = _card(store, canvas, [job.id])
    with pytest.raises(InvalidInput):
        svc.close_card(store, WORKSPACE, card.id, card.version, measured="banyak", decision="persevere")
    with pytest.raises(NotFound):
        svc.start_card(store, WORKSPACE, "not-a-card", 1)


def test_a_deleted_note_leaves_its_text_on_the_card(store: Store, canvas) -> None:
    pain = _note(store, canvas, "pains", "Obat sering habis")
    card = _card(store, canvas, [pain.id])
    edited = canvas_notes.update_note(
        store, WORKSPACE, NoteOwner.of_canvas(canvas.id), pain.id, pain.version, text="Stok obat kosong"
    )
    assert [c.id for c in svc.cards_using_note(store, WORKSPACE, canvas.id, pain.id)] == [card.id]
    canvas_notes.delete_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), pain.id, edited.version)
    cards = svc.load_project_cards(store, WORKSPACE, canvas.project_id)
    (kept,) = cards.cards
    assert cards.note_gone(pain.id) and cards.text_of(kept, pain.id) == "Stok obat kosong"
    closed = svc.close_card(store, WORKSPACE, kept.id, kept.version, measured=50, decision="persevere")
    assert closed.passed and closed.changed == () and closed.missing_notes == 1


def test_a_note_deleted_in_a_workshop_leaves_its_text_on_the_card(store: Store, canvas) -> None:
    from workshop import joining
    from workshop import notes as workshop_notes

    opened = joining.open_workshop(store, WORKSPACE, canvas.id, facilitator_name="Fasilitator")
    ani = joining.join(store, opened.workshop.join_code, "Ani", client="10.0.0.1")
    pain = workshop_notes.add_note(store, ani.token, "Antre apotek lama", "pains")
    card = _card(store, canvas, [pain.id])
    edited = workshop_notes.edit_note(store, ani.token, pain.id, pain.version, "Antre apotek satu jam")
    workshop_notes.delete_note(store, ani.token, pain.id, edited.version)
    cards = svc.load_project_cards(store, WORKSPACE, canvas.project_id)
    assert cards.note_gone(pain.id) and cards.text_of(cards.cards[0], pain.id) == "Antre apotek satu jam"
    assert cards.cards[0].id == card.id


def test_a_refused_delete_leaves_the_cards_as_they_were(store: Store, canvas) -> None:
    pain = _note(store, canvas, "pains", "Obat sering habis")
    card = _card(store, canvas, [pain.id])
    before = store.test_cards.get(card.id)
    edited = canvas_notes.update_note(
        store, WORKSPACE, NoteOwner.of_canvas(canvas.id), pain.id, pain.version, text="Stok obat kosong"
    )
    with pytest.raises(StaleVersion):
        canvas_notes.delete_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), pain.id, edited.version + 1)
    after = store.test_cards.get(card.id)
    assert (after.version, after.item_texts) == (before.version, before.item_texts)
    assert store.items.get(pain.id).deleted_at is None


def test_placements_win_over_the_derived_spot_and_are_versioned(store: Store, canvas) -> None:
    mild = _note(store, canvas, "pains", "Parkir sempit", rank=1)
    testing = svc.load_testing(store, WORKSPACE, canvas.id)
    assert testing.assumptions_map().point(mild.id).quadrant == "later"
    placed = svc.place_note(store, WORKSPACE, canvas.id, mild.id, None, importance=0.9, evidence=0.1)
    with pytest.raises(StaleVersion):
        svc.place_note(store, WORKSPACE, canvas.id, mild.id, None, importance=0.2, evidence=0.1)
    with pytest.raises(InvalidInput):
        svc.place_note(store, WORKSPACE, canvas.id, mild.id, placed.version, importance=7, evidence=0.1)
    testing = svc.load_testing(store, WORKSPACE, canvas.id)
    point = testing.assumptions_map().point(mild.id)
    assert point.quadrant == "test_first" and point.placed
    assert testing.assumptions_map().proposals[0].point.item.id == mild.id
    svc.reset_placement(store, WORKSPACE, canvas.id, mild.id)
    assert svc.load_testing(store, WORKSPACE, canvas.id).assumptions_map().point(mild.id).quadrant == "later"
    again = svc.place_note(store, WORKSPACE, canvas.id, mild.id, None, importance=0.8, evidence=0.3)
    assert again.version > placed.version


def test_duplicating_a_project_copies_cards_with_their_notes(store: Store, canvas) -> None:
    pain = _note(store, canvas, "pains", "Antre lama")
    _card(store, canvas, [pain.id])
    svc.place_note(store, WORKSPACE, canvas.id, pain.id, None, importance=0.95, evidence=0.05)
    copy = duplicate_project(store, WORKSPACE, canvas.project_id, "Salinan")
    (copied_canvas,) = store.canvases.list_for_project(copy.id)
    (copied_note,) = store.items.for_canvas(copied_canvas)
    (copied_card,) = store.test_cards.list_for_project(copy.id)
    assert copied_card.canvas_id == copied_canvas.id and copied_card.item_ids == [copied_note.id]
    assert copied_card.item_texts == {copied_note.id: "Antre lama"}
    (placement,) = store.placements.for_canvas(copied_canvas.id)
    assert placement.item_id == copied_note.id


def _board(store: Store, canvas):
    board = canvases.load_board(store, WORKSPACE, canvas.id)
    return board.items, board.links


@pytest.mark.parametrize("slug", ["campus_library", "family_clinic", "logistics_umkm"])
@pytest.mark.parametrize("language", ["id", "en"])
def test_worked_examples_carry_consistent_test_and_learning_cards(
    sqlite_store: Store, slug: str, language: str
) -> None:
    from examples import load_example
    from experiments.models import evidence_after

    with sqlite_store.db.transaction() as conn:
        project_id = load_example(conn, slug, language)
    cards = svc.load_project_cards(sqlite_store, WORKSPACE, project_id)
    assert 2 <= len(cards.cards) <= 3 and {card.status for card in cards.cards} >= {"done"}
    for card in cards.cards:
        assert card.hypothesis and card.metric and not card.missing_to_start()
        testing = svc.load_testing(sqlite_store, WORKSPACE, card.canvas_id)
        notes = {item.id: item for item in testing.items}
        assert set(card.item_ids) <= set(notes), "a card's notes are on its canvas"
        for item_id in card.item_ids:
            assert card.item_texts[item_id] == notes[item_id].text
        if card.is_done:
            assert card.passed == (card.measured is not None and meets(card.measured, card.comparison, card.threshold))
            for item_id in card.item_ids:  # the notes show what closing the card would have made of them
                level = notes[item_id].evidence
                assert evidence_after(level, passed=bool(card.passed), strength=card.strength) == level


def test_guided_mode_step_test_the_most_important_assumptions(sqlite_store: Store) -> None:
    from classroom.guided import guided_steps
    from classroom.view import load_view

    store = sqlite_store
    project = create_project(store, WORKSPACE, "Kelompok 3")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, name="Pembeli")

    def step():
        testing = svc.load_testing(store, WORKSPACE, canvas.id)
        steps = guided_steps(
            load_view(store, project.id), canvas.id, cards=testing.cards, placements=testing.placements
        )
        return steps[-1]

    pain = _note(store, canvas, "pains", "Ongkir mahal", rank=5)
    first = step()
    assert (first.name, first.number, first.status) == ("testing", 7, "todo")
    assert [gap.key for gap in first.missing] == ["guided.gap.no_test_card", "guided.gap.untested"]
    card = _card(store, canvas, [pain.id], strength="weak")
    assert [gap.key for gap in step().missing] == ["guided.gap.no_learning"] and step().status == "started"
    svc.close_card(store, WORKSPACE, card.id, card.version, measured=1, decision="pivot")
    assert [gap.key for gap in step().missing] == ["guided.gap.refuted"]
    fixed = store.items.get(pain.id)
    canvas_notes.update_note(
        store, WORKSPACE, NoteOwner.of_canvas(canvas.id), pain.id, fixed.version, evidence="observed"
    )
    assert step().status == "done"


def test_a_workshop_votes_on_what_to_test_and_the_top_notes_become_cards(sqlite_store: Store) -> None:
    from canvas import canvases
    from core.errors import Forbidden
    from workshop import facilitation, joining, room
    from workshop import notes as workshop_notes

    store = sqlite_store
    project = create_project(store, WORKSPACE, "Lokakarya UMKM")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, name="Pembeli online")
    a = _note(store, canvas, "pains", "Ongkir mahal", rank=5)
    b = _note(store, canvas, "gains", "Kemasan rapi", rank=4)
    c = _note(store, canvas, "jobs", "Belanja sambil kerja", rank=5)
    _note(store, canvas, "pains", "Warna beda di foto", rank=2)  # not a candidate: unimportant
    opened = joining.open_workshop(store, WORKSPACE, canvas.id, facilitator_name="Fasilitator")
    facilitator = joining.facilitator_access(store, opened.facilitator_token)
    candidates = svc.vote_candidates(svc.load_testing(store, facilitator.actor, canvas.id))
    assert [item.id for item in candidates] == [c.id, a.id, b.id]  # rank, then jobs before pains
    people = [
        joining.join(store, opened.workshop.join_code, name, client=f"10.0.0.{n}") for n, name in enumerate("XYZ")
    ]
    facilitation.open_voting(store, opened.facilitator_token, 3)
    for joined in people:
        workshop_notes.vote(store, joined.token, b.id)
    workshop_notes.vote(store, people[0].token, c.id)
    facilitation.close_voting(store, opened.facilitator_token)
    view = room.view(store, facilitator, "facilitator")
    votes = {note.id: note.votes or 0 for note in view.notes}
    with pytest.raises(Forbidden):
        svc.plan_from_votes(store, people[0].access.actor, canvas.id, votes)
    made = svc.plan_from_votes(
        store, facilitator.actor, canvas.id, votes, count=3, hypothesis_start="Kami percaya bahwa "
    )
    assert [card.item_ids for card in made] == [[b.id], [c.id]]  # most dots first; a note nobody chose is left
    assert made[0].hypothesis == "Kami percaya bahwa Kemasan rapi" and made[0].status == "planned"
    again = svc.plan_from_votes(store, facilitator.actor, canvas.id, votes)
    assert again == []  # they have open cards now


def test_a_canvas_in_the_trash_takes_its_cards_off_the_board(store: Store, canvas) -> None:
    pain = _note(store, canvas, "pains", "Antre lama")
    _card(store, canvas, [pain.id])
    assert len(svc.load_project_cards(store, WORKSPACE, canvas.project_id).cards) == 1
    canvases.delete_canvas(store, WORKSPACE, canvas.id)
    assert svc.load_project_cards(store, WORKSPACE, canvas.project_id).cards == ()
    canvases.restore_canvas(store, WORKSPACE, canvas.id)
    assert len(svc.load_project_cards(store, WORKSPACE, canvas.project_id).cards) == 1
