"""The JSON document of a whole project: its models and the published JSON Schema.

A document is `{"format": "nilai-project", "schema_version": 2, ...}` with the project's
segments, personas, canvases, items, links, competitors, factors and scores. Ids inside a
document are short local ids ("c1", "i7") that only tie rows together.

Versions: v2 is this module's models (published under schema/). Older versions are lifted
to it by export/upgrades.py; export/writer.py writes it, export/reader.py reads it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from canvas.models import (
    CanvasDraft,
    ItemDraft,
    LinkDraft,
    NoteText,
)
from competitors.models import CompetitorDraft, ErrcMoveDraft, ErrcStatus, FactorDraft, ScoreDraft
from core.models import Language, LongText, Name, UserText
from experiments.library import experiment_type
from experiments.models import (
    MAX_LINKED_NOTES,
    Decision,
    Measured,
    PlacementDraft,
    Status,
    TestCardDraft,
    meets,
)
from export.history_doc import DocHistory
from personas.models import PersonaDraft, SegmentDraft

FORMAT: Literal["nilai-project"] = "nilai-project"
SCHEMA_VERSION: Literal[2] = 2
SUPPORTED_VERSIONS = (0, 1, 2)


DocId = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]
Author = Annotated[str, UserText(max_length=200)]


class DocProject(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: Name
    description: LongText = ""
    language: Language = "id"
    guided: bool = False


class DocSegment(SegmentDraft):
    id: DocId


class DocPersona(PersonaDraft):
    id: DocId
    segment_id: DocId | None = None


class DocCanvas(CanvasDraft):
    id: DocId
    segment_id: DocId | None = None
    persona_id: DocId | None = None


class DocItem(ItemDraft):
    """A note. Customer-profile notes of a canvas with a persona belong to the persona."""

    id: DocId
    canvas_id: DocId | None = None
    persona_id: DocId | None = None
    author: Author | None = None


class DocLink(LinkDraft):
    id: DocId
    canvas_id: DocId
    source_id: DocId
    target_id: DocId


class DocCompetitor(CompetitorDraft):
    id: DocId
    canvas_id: DocId


class DocFactor(FactorDraft):
    id: DocId
    canvas_id: DocId
    source_item_id: DocId | None = None


class DocScore(ScoreDraft):
    factor_id: DocId
    competitor_id: DocId


class DocErrcMove(ErrcMoveDraft):
    id: DocId
    canvas_id: DocId
    status: ErrcStatus = "own"
    suggestion_key: Annotated[str, UserText(max_length=120)] | None = None
    factor_id: DocId | None = None
    source_item_id: DocId | None = None


class DocTestCard(TestCardDraft):
    """A test card with its learning (v2). A note it names that is no longer in the project
    keeps only its text, under an id of its own in `item_texts`."""

    id: DocId
    canvas_id: DocId
    item_ids: list[DocId] = Field(min_length=1, max_length=MAX_LINKED_NOTES)
    item_texts: dict[DocId, NoteText] = {}
    status: Status = "planned"
    started_at: datetime | None = None
    closed_at: datetime | None = None
    measured: Measured | None = None
    passed: bool | None = None
    observation: LongText = ""
    insight: LongText = ""
    decision: Decision | None = None

    @model_validator(mode="after")
    def _known_and_consistent(self) -> DocTestCard:
        if experiment_type(self.experiment) is None:
            raise ValueError("experiments.error.unknown_type")
        if self.status == "done":
            if self.measured is None or self.decision is None:
                raise ValueError("export.problem.card_not_closed")
            if self.threshold is None:
                raise ValueError("export.problem.card_not_closed")
            self.passed = meets(self.measured, self.comparison, self.threshold)  # the file's word is not taken
        return self


class DocPlacement(PlacementDraft):
    """Where a team put a note on a canvas's assumptions map (v2)."""

    canvas_id: DocId
    item_id: DocId


class ProjectDocument(BaseModel):
    """Nilai project export, schema version 2. List order is the order in the project."""

    model_config = ConfigDict(
        extra="forbid",
        title="Nilai project export",
        json_schema_extra={"description": "A whole Nilai project: personas, canvases, notes, links, competitors."},
    )

    format: Literal["nilai-project"] = FORMAT
    schema_version: Literal[2] = SCHEMA_VERSION
    exported_at: datetime | None = None
    generator: Annotated[str, StringConstraints(max_length=120)] = "Nilai"
    project: DocProject
    segments: list[DocSegment] = []
    personas: list[DocPersona] = []
    canvases: list[DocCanvas] = []
    items: list[DocItem] = []
    links: list[DocLink] = []
    competitors: list[DocCompetitor] = []
    factors: list[DocFactor] = []
    scores: list[DocScore] = []
    errc_moves: list[DocErrcMove] = []
    # v2: the version history, only when the export asked for it (export/history_doc.py).
    history: DocHistory | None = None
    test_cards: list[DocTestCard] = []
    placements: list[DocPlacement] = []


def json_schema() -> dict[str, Any]:
    """The published JSON Schema of the current version (schema/nilai-project.v1.schema.json)."""
    schema = ProjectDocument.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://nilai.example/schema/nilai-project.v{SCHEMA_VERSION}.schema.json",
        **schema,
    }
