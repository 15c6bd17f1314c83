"""core.models.text_limit: the one number a text box shows as its limit is the domain's."""

from __future__ import annotations

import pytest

from canvas.models import NOTE_MAX, ItemChange, ItemDraft
from core.errors import InvalidInput
from core.models import NAME_MAX, ProjectDraft, text_limit, validate
from personas.models import PersonaDraft
from workshop.models import DISPLAY_NAME_MAX, ParticipantDraft


def test_limits_come_from_the_fields_constraints() -> None:
    assert text_limit(ItemDraft, "text") == NOTE_MAX
    assert text_limit(ItemChange, "text") == NOTE_MAX  # `NoteText | None`: the limit inside the union
    assert text_limit(ProjectDraft, "name") == NAME_MAX
    assert text_limit(ParticipantDraft, "display_name") == DISPLAY_NAME_MAX
    assert text_limit(PersonaDraft, "quote") == 280


def test_the_domain_refuses_one_character_more_than_the_box_allows() -> None:
    limit = text_limit(PersonaDraft, "quote")
    validate(PersonaDraft, {"name": "Rina", "quote": "q" * limit})
    with pytest.raises(InvalidInput):
        validate(PersonaDraft, {"name": "Rina", "quote": "q" * (limit + 1)})


def test_a_field_without_a_limit_is_an_error() -> None:
    with pytest.raises(ValueError, match="no length limit"):
        text_limit(ProjectDraft, "language")
