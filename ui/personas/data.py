"""What the Personas and Portfolio pages read, as this session's actor may read it."""

from __future__ import annotations

from core.errors import NotFound
from feedback import service as feedback_service
from feedback.nps import Nps
from personas import service as persona_service
from personas.models import Segment
from personas.service import PersonaEntry
from ui.common.actor import current_actor
from ui.common.state import get_store


def segments(project_id: str) -> list[Segment]:
    return persona_service.list_segments(get_store(), current_actor(), project_id)


def persona_counts(project_id: str) -> dict[str, int]:
    return persona_service.persona_counts(get_store(), current_actor(), project_id)


def entry_or_none(project_id: str, persona_id: str) -> PersonaEntry | None:
    """The persona with its segment and profile; None when it is gone (or out of reach)."""
    try:
        return persona_service.entry(get_store(), current_actor(), project_id, persona_id)
    except NotFound:
        return None


def gallery(project_id: str) -> list[PersonaEntry]:
    return persona_service.gallery(get_store(), current_actor(), project_id)


def in_segment(entries: list[PersonaEntry], chosen: str | None) -> list[PersonaEntry]:
    return [entry for entry in entries if persona_service.segment_filter_matches(entry, chosen)]


def measured_nps(project_id: str) -> dict[str, Nps]:
    """Each persona's NPS measured from the project's survey answers."""
    return feedback_service.persona_nps(get_store(), current_actor(), project_id)
