"""Value Proposition Canvas models and the rules that hold whatever the UI does."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, model_validator

from core.models import Draft, LongText, Name, ShortText, Stored, UserText

NOTE_MAX = 500


class Area(StrEnum):
    JOBS = "jobs"
    PAINS = "pains"
    GAINS = "gains"
    PRODUCTS = "products"
    RELIEVERS = "relievers"
    CREATORS = "creators"


PROFILE_AREAS = (Area.JOBS, Area.PAINS, Area.GAINS)
VALUE_MAP_AREAS = (Area.PRODUCTS, Area.RELIEVERS, Area.CREATORS)

# A value-map item may only address the customer-profile area it answers to.
# The areas in reading order: the customer profile, then the value map (lists, menus, ties in ranking).
AREA_ORDER = (*PROFILE_AREAS, *VALUE_MAP_AREAS)
LINK_TARGET = {Area.RELIEVERS: Area.PAINS, Area.CREATORS: Area.GAINS, Area.PRODUCTS: Area.JOBS}

JobType = Literal["functional", "social", "emotional", "supporting"]
GainType = Literal["required", "expected", "desired", "unexpected"]
# "refuted": a closed test of the note failed (experiments/); the team should rework it.
Evidence = Literal["assumption", "observed", "validated", "refuted"]
LinkStrength = Literal["full", "partial"]

RANK_MIN, RANK_MAX = 1, 5
Rank = Annotated[int, Field(ge=RANK_MIN, le=RANK_MAX)]
NoteText = Annotated[str, UserText(min_length=1, max_length=NOTE_MAX)]


def is_profile_area(area: Area | str) -> bool:
    return Area(area) in PROFILE_AREAS


def owned_by_canvas(
    item_canvas_id: str | None, item_persona_id: str | None, canvas_id: str, canvas_persona_id: str | None
) -> bool:
    """The one rule for "this note is on this canvas": the canvas's own notes, plus its
    persona's customer profile when it is built on a persona. (storage/on_canvas.py
    asks the same in SQL.) Plain ids, so an import can check rows before they are models."""
    if item_canvas_id is not None and item_canvas_id == canvas_id:
        return True
    return canvas_persona_id is not None and item_persona_id == canvas_persona_id


def is_on_canvas(item: CanvasItem, canvas: Canvas) -> bool:
    """`owned_by_canvas` for stored rows, which must also share the canvas's project."""
    return item.project_id == canvas.project_id and owned_by_canvas(
        item.canvas_id, item.persona_id, canvas.id, canvas.persona_id
    )


def link_allowed(source_area: Area | str, target_area: Area | str) -> bool:
    return LINK_TARGET.get(Area(source_area)) == Area(target_area)


class CanvasDraft(Draft):
    name: Name
    description: LongText = ""
    segment_id: str | None = None
    persona_id: str | None = None


class Canvas(Stored):
    project_id: str
    name: str
    description: str = ""
    segment_id: str | None = None
    persona_id: str | None = None
    position: float = 0


class ItemDraft(Draft):
    area: Area
    text: NoteText
    rank: Rank = 3
    job_type: JobType | None = None
    gain_type: GainType | None = None
    evidence: Evidence = "assumption"
    evidence_note: ShortText = ""
    evidence_source: ShortText = ""

    @model_validator(mode="after")
    def _types_match_area(self) -> ItemDraft:
        # A job type on a pain means nothing; drop it rather than store noise.
        if self.area != Area.JOBS:
            self.job_type = None
        if self.area != Area.GAINS:
            self.gain_type = None
        return self


class ItemChange(Draft):
    """A partial edit of an item: only the fields given change."""

    area: Area | None = None
    text: NoteText | None = None
    rank: Rank | None = None
    job_type: JobType | None = None
    gain_type: GainType | None = None
    evidence: Evidence | None = None
    evidence_note: ShortText | None = None
    evidence_source: ShortText | None = None
    position: float | None = None
    hidden: bool | None = None


class CanvasItem(Stored):
    project_id: str
    canvas_id: str | None = None
    persona_id: str | None = None
    area: Area
    text: str
    rank: int = 3
    job_type: str | None = None
    gain_type: str | None = None
    evidence: str = "assumption"
    evidence_note: str = ""
    evidence_source: str = ""
    position: float = 0
    author: str | None = None
    participant_id: str | None = None
    hidden: bool = False
    merged_into: str | None = None


class LinkDraft(Draft):
    source_id: str
    target_id: str
    strength: LinkStrength = "full"


class Link(Stored):
    project_id: str
    canvas_id: str
    source_id: str
    target_id: str
    strength: LinkStrength = "full"


@dataclass(frozen=True)
class NoteOwner:
    """Whose notes a call means: a canvas's (any area; on a persona canvas the profile notes
    are the persona's) or a persona's customer profile (profile areas only)."""

    kind: Literal["canvas", "persona"]
    id: str

    @classmethod
    def of_canvas(cls, canvas_id: str) -> NoteOwner:
        return cls("canvas", canvas_id)

    @classmethod
    def of_persona(cls, persona_id: str) -> NoteOwner:
        return cls("persona", persona_id)
