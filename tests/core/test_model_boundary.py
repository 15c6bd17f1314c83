"""Odd characters at the model boundary, through the models and services only: control
characters never get in (nor reach PostgreSQL), and display names that only look
different (zero-width, bidi, full-width forms) are the same name."""

from __future__ import annotations

import pytest

from canvas import canvases, notes
from canvas.models import ItemDraft, NoteOwner
from classroom import service as classes
from competitors import factors as competitor_factors
from competitors.models import ErrcMoveDraft, FactorDraft
from core.errors import InvalidInput
from core.models import ProjectDraft, validate
from personas import service as personas
from personas.models import PersonaDraft, SegmentDraft
from projects import service as projects
from storage.store import Store
from tests.actors import WORKSPACE
from workshop import joining
from workshop.models import ParticipantDraft


def test_every_kind_of_user_text_is_cleaned_by_its_model() -> None:
    dirty = "Kopi\x00 \x1bsusu\x7f"
    assert validate(ProjectDraft, {"name": dirty, "description": "a\r\nb\x0c"}).description == "a\nb"
    assert validate(ItemDraft, {"area": "pains", "text": dirty, "evidence_note": "\x08x"}).text == "Kopi susu"
    assert validate(SegmentDraft, {"name": dirty, "decision_reason": "\x00why"}).decision_reason == "why"
    persona = validate(
        PersonaDraft,
        {
            "name": dirty,
            "occupation": "dosen\x01",
            "goals": ["lulus\x02"],
            "touchpoints": [{"stage": "purchase", "channel": "web\x03", "note": "n\x04"}],
        },
    )
    assert (persona.name, persona.occupation, persona.goals) == ("Kopi susu", "dosen", ["lulus"])
    assert (persona.touchpoints[0].channel, persona.touchpoints[0].note) == ("web", "n")
    assert validate(FactorDraft, {"name": dirty}).name == "Kopi susu"
    assert validate(ErrcMoveDraft, {"action": "raise", "text": dirty}).text == "Kopi susu"


def test_text_of_nothing_but_control_characters_is_empty_and_refused() -> None:
    with pytest.raises(InvalidInput) as refused:
        validate(ItemDraft, {"area": "pains", "text": "\x00\x01 \x1f"})
    assert refused.value.problems[0][1] == "error.field.empty"


def test_a_nul_in_a_note_never_reaches_the_database(store: Store) -> None:
    project = projects.create_project(store, WORKSPACE, "P\x00")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "C\x00")
    item = notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "pains", "antre\x00an\x0b panjang")
    stored = store.items.get(item.id)
    assert (store.projects.get(project.id).name, stored.text) == ("P", "antrean panjang")
    factor = competitor_factors.add_factor(store, WORKSPACE, canvas.id, "Harga\x00")
    assert store.factors.get(factor.id).name == "Harga"


@pytest.mark.parametrize(
    "lookalike",
    [
        "Fasilitator\u200b",  # zero-width space
        "\u202eFasilitator\u202c",  # right-to-left override
        "Fasi\u2060litator\ufeff",  # word joiner, BOM
        "\u2066Fasilitator\u2069\u200e",  # bidi isolate, LRM
        "Ｆａｓｉｌｉｔａｔｏｒ",  # full-width forms (NFKC)
        "  Fasilitator\u00a0 ",  # no-break space
    ],
)
def test_a_display_name_that_only_looks_different_is_the_same_name(lookalike: str) -> None:
    assert validate(ParticipantDraft, {"display_name": lookalike}).display_name == "Fasilitator"


def test_nobody_joins_as_the_facilitator_with_an_invisible_character(store: Store) -> None:
    project = projects.create_project(store, WORKSPACE, "Lokakarya")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "C")
    opened = joining.open_workshop(store, WORKSPACE, canvas.id, facilitator_name="Fasilitator")
    code = opened.workshop.join_code
    joined = joining.join(store, code, "Fasilitator\u200b", client="test")
    assert joined.access.participant.display_name == "Fasilitator (2)"
    bidi = joining.join(store, code, "\u202aFasilitator\u202c", client="test")
    assert bidi.access.participant.display_name == "Fasilitator (3)"


def test_a_class_group_name_that_only_looks_taken_is_taken(store: Store) -> None:
    created = classes.create_class(store, WORKSPACE, "Kelas")
    code = created.classroom.join_code
    classes.join_class(store, code, "Tim A", client="test")
    with pytest.raises(InvalidInput) as taken:
        classes.join_class(store, code, "Tim\u00a0\u200bＡ", client="test")
    assert taken.value.problems[0][1] == "classroom.error.group_taken"


def test_a_nul_in_a_project_search_finds_nothing_odd_and_never_errors(store: Store) -> None:
    projects.create_project(store, WORKSPACE, "Kopi Nusantara")
    found = projects.list_projects(store, WORKSPACE, search="Kopi\x00")
    assert [p.name for p in found] == ["Kopi Nusantara"]
    assert projects.count_projects(store, WORKSPACE, "Kopi\x00") == 1


def test_a_lone_surrogate_is_a_validation_message_not_an_encoding_error(sqlite_store: Store) -> None:
    """#23: half of a UTF-16 pair (as a browser or a script can send) in a persona's name."""
    from i18n import translate

    project = projects.create_project(sqlite_store, WORKSPACE, "Surrogates")
    with pytest.raises(InvalidInput) as refused:
        personas.create_persona(sqlite_store, WORKSPACE, project.id, name="Ana \ud800")
    assert refused.value.problems == [("name", "error.field.not_text", {})]
    assert "broken character" in translate("en", "error.field.not_text", field="Name")
    assert "karakter rusak" in translate("id", "error.field.not_text", field="Nama")
    for model, data in (
        (ProjectDraft, {"name": "P", "description": "x\udfff"}),
        (ItemDraft, {"area": "pains", "text": "\ud83d"}),
        (ParticipantDraft, {"display_name": "Budi\udc00"}),
    ):
        with pytest.raises(InvalidInput):
            validate(model, data)
    assert personas.list_personas(sqlite_store, WORKSPACE, project.id) == []
    whole = personas.create_persona(sqlite_store, WORKSPACE, project.id, name="Ana \U0001f600")  # a whole emoji is fine
    assert whole.name == "Ana \U0001f600"
