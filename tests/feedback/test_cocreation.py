"""Co-creation with customers in a workshop: joining as a customer, the customer code, the
customers' own step, tagged notes, the profile's share from customers, and the persona's
"what we know" view (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from canvas import links, notes
from canvas.codes import note_codes
from canvas.models import NoteOwner
from core.errors import Forbidden, InvalidInput
from feedback import knowledge
from feedback import service as feedback
from personas import service as personas
from projects import service as projects
from storage.store import Store
from tests.actors import WORKSPACE
from workshop import facilitation, joining
from workshop import notes as workshop_notes
from workshop import room as workshop_room


@pytest.fixture
def room(store: Store):
    project = projects.create_project(store, WORKSPACE, "Library")
    persona = personas.create_persona(store, WORKSPACE, project.id, name="Rina Maharani")
    canvas = personas.create_canvas_from_persona(store, WORKSPACE, persona.id, "Thesis support")
    opened = joining.open_workshop(store, WORKSPACE, canvas.id, facilitator_name="Dewi")
    return store, project, persona, canvas, opened


def test_customers_join_only_when_welcome(room) -> None:
    store, _, _, _, opened = room
    with pytest.raises(Forbidden) as refused:
        joining.join(store, opened.workshop.join_code, "Ani", client="test", as_customer=True)
    assert refused.value.key == "cocreation.error.not_welcome"
    welcomed = facilitation.welcome_customers(store, opened.facilitator_token, True)
    assert welcomed.customer_code and welcomed.customer_code != welcomed.join_code
    customer = joining.join(store, welcomed.join_code, "Ani", client="test", as_customer=True)
    team = joining.join(store, welcomed.join_code, "Budi", client="test")
    by_code = joining.join(store, welcomed.customer_code, "Citra", client="test")
    assert customer.access.participant.role == "customer" and customer.access.is_customer
    assert team.access.participant.role == "participant"
    assert by_code.access.participant.role == "customer"
    closed = facilitation.welcome_customers(store, opened.facilitator_token, False)
    with pytest.raises(Forbidden):  # the customer code stops working with the welcome
        joining.join(store, closed.customer_code, "Dodi", client="test")


def test_customer_notes_are_tagged_and_counted_apart(room) -> None:
    store, _, persona, canvas, opened = room
    facilitation.welcome_customers(store, opened.facilitator_token, True)
    customer = joining.join(store, opened.workshop.join_code, "Ani", client="test", as_customer=True)
    team = joining.join(store, opened.workshop.join_code, "Budi", client="test")
    said = workshop_notes.add_note(store, customer.token, "No seat after 10 am", "pains")
    assumed = workshop_notes.add_note(store, team.token, "Wants quiet rooms", "gains")
    notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "relievers", "Seat booking")
    view = workshop_room.view(store, joining.facilitator_access(store, opened.facilitator_token), "facilitator")
    tags = {note.id: note.customer for note in view.notes}
    assert tags[said.id] is True and tags[assumed.id] is False
    assert view.participant_count == 2
    assert store.cocreation.customers_in(opened.workshop.id) == 1
    voices = feedback.profile_voices(store, WORKSPACE, canvas.id)
    assert (voices.from_workshop, voices.from_survey, voices.by_team) == (1, 0, 1)
    assert voices.percent == 50 and voices.voice(said.id) == "workshop"
    known = knowledge.customer_knowledge(store, WORKSPACE, persona.id)
    assert [(item.text, voice) for item, voice in known.from_customers] == [("No seat after 10 am", "workshop")]


def test_customers_own_step_keeps_them_in_the_profile(room) -> None:
    store, _, _, _, opened = room
    token = opened.facilitator_token
    facilitation.welcome_customers(store, token, True)
    facilitation.set_step(store, token, "products")
    facilitation.set_customer_step(store, token, "profile")
    customer = joining.join(store, opened.workshop.join_code, "Ani", client="test", as_customer=True)
    team = joining.join(store, opened.workshop.join_code, "Budi", client="test")
    access = joining.participant_access(store, customer.token)
    assert workshop_notes.areas_for(access) == ("jobs", "pains", "gains")
    assert workshop_notes.areas_for(joining.participant_access(store, team.token)) == ("products",)
    assert workshop_notes.add_note(store, customer.token, "Finding sources fast", "jobs").area == "jobs"
    with pytest.raises(InvalidInput):  # a value-map area is not theirs to choose: they must pick one
        workshop_notes.add_note(store, customer.token, "A product idea", "products")
    assert workshop_notes.add_note(store, team.token, "Reading room app", None).area == "products"
    facilitation.set_customer_step(store, token, "pains")
    assert workshop_notes.add_note(store, customer.token, "Queues", None).area == "pains"
    with pytest.raises(InvalidInput):
        facilitation.set_customer_step(store, token, "relievers")


def test_knowledge_gathers_about_from_and_for(room) -> None:
    store, project, persona, canvas, _ = room
    survey = (
        "skor;komentar;persona;tanggal\n"
        "3;Antrean lama;Rina Maharani;01/02/2025\n"
        "10;Pustakawan ramah;rina maharani;02/02/2025\n"
    )
    feedback.import_responses(
        store, WORKSPACE, project.id, feedback.read_file(store, WORKSPACE, project.id, survey.encode())
    )
    pain = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "pains", "Long queues")
    reliever = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "relievers", "Self-service loans")
    links.add_link(store, WORKSPACE, canvas.id, reliever.id, pain.id)
    known = knowledge.customer_knowledge(store, WORKSPACE, persona.id)
    assert known.measured.n == 2 and known.measured.score == 0
    assert {r.comment for r in known.quotes} == {"Antrean lama", "Pustakawan ramah"}
    assert [(v.item.text, [a.text for a in v.addresses]) for v in known.value_items] == [
        ("Self-service loans", ["Long queues"])
    ]
    assert feedback.persona_nps(store, WORKSPACE, project.id)[persona.id].n == 2
    # The view names each note by the code its canvas board shows.
    board = note_codes(store.items.for_canvas(store.canvases.get(canvas.id)), "id")
    assert known.codes("id")[pain.id] == board[pain.id] and known.codes("id")[reliever.id] == board[reliever.id]
    screen = personas.entry(store, WORKSPACE, project.id, persona.id).codes("id")
    assert screen[pain.id] == board[pain.id]


def test_rotating_the_join_code_rotates_the_customer_code_too(room) -> None:
    """#23: a leaked customer code must stop working when the facilitator rotates the code."""
    store, _, _, _, opened = room
    welcomed = facilitation.welcome_customers(store, opened.facilitator_token, True)
    rotated = facilitation.rotate_code(store, opened.facilitator_token)
    assert rotated.join_code != welcomed.join_code
    assert rotated.customer_code and rotated.customer_code not in (welcomed.customer_code, rotated.join_code)
    for old in (welcomed.join_code, welcomed.customer_code):
        with pytest.raises(Forbidden):
            joining.join(store, old, "Eko", client="test")
    assert joining.join(store, rotated.customer_code, "Eko", client="test").access.is_customer


def test_without_a_step_customers_write_only_in_the_profile(room) -> None:
    """#23: with no customer step (and no room step, or a value-map one) customers choose in the profile."""
    store, _, _, _, opened = room
    token = opened.facilitator_token
    facilitation.welcome_customers(store, token, True)
    customer = joining.join(store, opened.workshop.join_code, "Ani", client="test", as_customer=True)
    access = joining.participant_access(store, customer.token)
    assert workshop_notes.areas_for(access) == ("jobs", "pains", "gains")
    with pytest.raises(InvalidInput):
        workshop_notes.add_note(store, customer.token, "Cheaper coffee", "relievers")
    facilitation.set_step(store, token, "creators")
    with pytest.raises(InvalidInput):
        workshop_notes.add_note(store, customer.token, "Loyalty card", "creators")
    assert workshop_notes.add_note(store, customer.token, "Quiet corner", "gains").area == "gains"
    facilitation.set_step(store, token, "pains")
    assert workshop_notes.add_note(store, customer.token, "Queues", None).area == "pains"
