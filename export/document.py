"""The JSON document of a whole project: its models, the writer, and the importer.

A document is `{"format": "nilai-project", "schema_version": 1, ...}` with the project's
segments, personas, canvases, items, links, competitors, factors and scores. Ids inside a
document are short local ids ("c1", "i7") that only tie rows together; an import always
creates a NEW project under fresh ids, all of it or nothing at all.

Limits: a file of at most MAX_BYTES (16 MB), checked before it is parsed, and at most
MAX_ROWS of each kind (20,000 notes), counted before any model is built; a bigger file is
refused with a message that names the limit. An allowed import writes its rows in short
transactions while the project stays hidden, so other people's edits never wait on it
for long (storage.snapshot.insert_snapshot_in_batches).

Versions: v1 is this module's models (published as schema/nilai-project.v1.schema.json).
v0 is the earlier shape: the bare snapshot that storage.snapshot and the shipped
examples use (`{"project": {...}, "segments": [...], ...}` with no format header, rows
carrying any extra database columns). `upgrade()` lifts older documents to the current one.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from canvas.models import (
    LINK_TARGET,
    PROFILE_AREAS,
    Area,
    CanvasDraft,
    ItemDraft,
    LinkDraft,
    NoteText,
    owned_by_canvas,
)
from competitors.models import CompetitorDraft, ErrcMoveDraft, ErrcStatus, FactorDraft, ScoreDraft
from core.actors import Actor
from core.authorship import IMPORT, writing_as
from core.errors import Conflict, InvalidInput, RejectedValue
from core.models import Language, LongText, Name, Project, problems_from, user_text
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
from export.bundle import ProjectBundle
from export.history_doc import DocHistory, history_rows, history_to_doc
from history import service as history_service
from i18n import translate
from personas.models import PersonaDraft, SegmentDraft
from projects import audit
from projects.access import workspace_only
from projects.service import make_owner
from storage.repository import new_id
from storage.snapshot import insert_snapshot_in_batches
from storage.store import Store

FORMAT = "nilai-project"
SCHEMA_VERSION = 2
SUPPORTED_VERSIONS = (0, 1, 2)
# Room for a project at the note cap with notes of usual length (20,000 notes export to
# about 8-10 MB); the densest file of this size parses in about 120 MB before the counts refuse it.
MAX_BYTES = 16 * 1024 * 1024
# The most rows of each kind one import takes. A 300,000-note file took 75 s and 1 GB;
# 20,000 notes (far beyond any real canvas work) import in a few seconds.
MAX_ROWS: dict[str, int] = {
    "segments": 500,
    "personas": 500,
    "canvases": 500,
    "items": 20_000,
    "links": 40_000,
    "competitors": 1_000,
    "factors": 2_000,
    "scores": 40_000,
    "errc_moves": 2_000,
    "test_cards": 2_000,
    "placements": 20_000,
}
MAX_LISTED_PROBLEMS = 25
LEARNING_FIELDS = {"status", "started_at", "closed_at", "measured", "passed", "observation", "insight", "decision"}

DocId = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]
Author = user_text(max_length=200)


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
    suggestion_key: user_text(max_length=120) | None = None
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


class InvalidImport(InvalidInput):
    """The file can't be imported; `problems` lists every reason, nothing was written."""

    key = "export.import.invalid"


Problem = tuple[str, str, dict[str, Any]]


# -- writing --------------------------------------------------------------------------
def to_document(bundle: ProjectBundle) -> ProjectDocument:
    """The bundle as a document, with deterministic local ids and order."""
    ids: dict[str, str] = {}

    counters: dict[str, int] = {}

    def assign(prefix: str, real_id: str) -> str:
        counters[prefix] = counters.get(prefix, 0) + 1
        ids[real_id] = f"{prefix}{counters[prefix]}"
        return ids[real_id]

    p = bundle.project
    doc_segments = [
        DocSegment.model_construct(
            id=assign("s", s.id),
            name=s.name,
            description=s.description,
            size=s.size,
            attractiveness=s.attractiveness,
            attractiveness_note=s.attractiveness_note,
            capability=s.capability,
            capability_note=s.capability_note,
            decision=s.decision,
            decision_reason=s.decision_reason,
        )
        for s in bundle.segments
    ]
    for persona in bundle.personas:
        assign("pe", persona.id)
    for c in bundle.canvases:
        assign("c", c.canvas.id)
    doc_personas = [
        DocPersona.model_construct(
            id=ids[x.id],
            segment_id=ids.get(x.segment_id) if x.segment_id else None,
            name=x.name,
            age=x.age,
            occupation=x.occupation,
            location=x.location,
            quote=x.quote,
            bio=x.bio,
            goals=list(x.goals),
            frustrations=list(x.frustrations),
            channels=list(x.channels),
            touchpoints=list(x.touchpoints),
            participation=x.participation,
            roles=list(x.roles),
            knowledge_for=x.knowledge_for,
            knowledge_from=x.knowledge_from,
            knowledge_about=x.knowledge_about,
            nps=x.nps,
            avatar_color=x.avatar_color,
        )
        for x in bundle.personas
    ]
    doc_canvases = [
        DocCanvas.model_construct(
            id=ids[c.canvas.id],
            name=c.canvas.name,
            description=c.canvas.description,
            segment_id=ids.get(c.canvas.segment_id) if c.canvas.segment_id else None,
            persona_id=ids.get(c.canvas.persona_id) if c.canvas.persona_id else None,
        )
        for c in bundle.canvases
    ]

    def doc_item(item: Any) -> DocItem:
        return DocItem.model_construct(
            id=assign("i", item.id),
            area=Area(item.area),
            text=item.text,
            rank=item.rank,
            job_type=item.job_type,
            gain_type=item.gain_type,
            evidence=item.evidence,
            evidence_note=item.evidence_note,
            evidence_source=item.evidence_source,
            canvas_id=ids.get(item.canvas_id) if item.canvas_id else None,
            persona_id=ids.get(item.persona_id) if item.persona_id and not item.canvas_id else None,
            author=item.author,
        )

    doc_items = [doc_item(item) for persona in bundle.personas for item in bundle.persona_items.get(persona.id, [])]
    for c in bundle.canvases:
        doc_items += [doc_item(item) for item in c.items if item.canvas_id == c.canvas.id]
    item_order = {item.id: index for index, item in enumerate(doc_items)}

    doc_links, doc_competitors, doc_factors, doc_scores = [], [], [], []
    for c in bundle.canvases:
        canvas_links = sorted(
            (link for link in c.links if link.source_id in ids and link.target_id in ids),
            key=lambda link: (item_order[ids[link.source_id]], item_order[ids[link.target_id]]),
        )
        for link in canvas_links:
            doc_links.append(
                DocLink.model_construct(
                    id=assign("l", link.id),
                    canvas_id=ids[c.canvas.id],
                    source_id=ids[link.source_id],
                    target_id=ids[link.target_id],
                    strength=link.strength,
                )
            )
        for competitor in c.competitors:
            doc_competitors.append(
                DocCompetitor.model_construct(
                    id=assign("k", competitor.id),
                    canvas_id=ids[c.canvas.id],
                    name=competitor.name,
                    description=competitor.description,
                    offering=competitor.offering,
                    kind=competitor.kind,
                )
            )
        for factor in c.factors:
            doc_factors.append(
                DocFactor.model_construct(
                    id=assign("f", factor.id),
                    canvas_id=ids[c.canvas.id],
                    name=factor.name,
                    importance=factor.importance,
                    source_item_id=ids.get(factor.source_item_id) if factor.source_item_id else None,
                )
            )
        factor_order = {f.id: i for i, f in enumerate(c.factors)}
        competitor_order = {k.id: i for i, k in enumerate(c.competitors)}
        for score in sorted(c.scores, key=lambda s: (factor_order[s.factor_id], competitor_order[s.competitor_id])):
            doc_scores.append(
                DocScore.model_construct(
                    factor_id=ids[score.factor_id],
                    competitor_id=ids[score.competitor_id],
                    value=score.value,
                )
            )
    doc_moves = [
        DocErrcMove.model_construct(
            id=assign("m", move.id),
            canvas_id=ids[move.canvas_id],
            action=move.action,
            text=move.text,
            reason=move.reason,
            status=move.status,
            suggestion_key=move.suggestion_key,
            factor_id=ids.get(move.factor_id) if move.factor_id else None,
            source_item_id=ids.get(move.source_item_id) if move.source_item_id else None,
        )
        for c in bundle.canvases
        for move in c.errc_moves
    ]
    doc_cards, doc_placements = _experiments(bundle, ids, assign)
    return ProjectDocument.model_construct(
        format=FORMAT,
        schema_version=SCHEMA_VERSION,
        exported_at=bundle.exported_at,
        generator="Nilai",
        project=DocProject.model_construct(
            name=p.name, description=p.description, language=p.language, guided=p.guided
        ),
        segments=doc_segments,
        personas=doc_personas,
        canvases=doc_canvases,
        items=doc_items,
        links=doc_links,
        competitors=doc_competitors,
        factors=doc_factors,
        scores=doc_scores,
        errc_moves=doc_moves,
        history=history_to_doc(bundle.history, ids),
        test_cards=doc_cards,
        placements=doc_placements,
    )


def _experiments(
    bundle: ProjectBundle, ids: dict[str, str], assign: Callable[[str, str], str]
) -> tuple[list[DocTestCard], list[DocPlacement]]:
    """Test cards and map placements under local ids (v2). A note a card names that is gone
    gets a local id of its own ("x1") that only its kept text carries."""
    cards, placements = [], []
    for c in bundle.canvases:
        for card in c.test_cards:
            local = {item_id: ids.get(item_id) or assign("x", item_id) for item_id in card.item_ids}
            texts = {local[item_id]: card.item_texts[item_id] for item_id in local if card.item_texts.get(item_id)}
            cards.append(
                DocTestCard.model_construct(
                    id=assign("t", card.id),
                    canvas_id=ids[c.canvas.id],
                    **card.model_dump(include=set(TestCardDraft.model_fields) - {"item_ids"}),
                    item_ids=list(local.values()),
                    item_texts=texts,
                    **card.model_dump(include=LEARNING_FIELDS),
                )
            )
        placements += [
            DocPlacement.model_construct(
                canvas_id=ids[c.canvas.id], item_id=ids[p.item_id], importance=p.importance, evidence=p.evidence
            )
            for p in c.placements
            if p.item_id in ids
        ]
    return cards, placements


def write_json(bundle: ProjectBundle) -> bytes:
    document = to_document(bundle)
    data = document.model_dump(mode="json", exclude={"history"} if document.history is None else set())
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def json_schema() -> dict[str, Any]:
    """The published JSON Schema of the current version (schema/nilai-project.v1.schema.json)."""
    schema = ProjectDocument.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://nilai.example/schema/nilai-project.v{SCHEMA_VERSION}.schema.json",
        **schema,
    }


# -- reading --------------------------------------------------------------------------
V0_TABLES = ("segments", "personas", "canvases", "items", "links", "competitors", "factors", "scores", "errc_moves")
V1_MODELS: dict[str, type[BaseModel]] = {
    "segments": DocSegment,
    "personas": DocPersona,
    "canvases": DocCanvas,
    "items": DocItem,
    "links": DocLink,
    "competitors": DocCompetitor,
    "factors": DocFactor,
    "scores": DocScore,
    "errc_moves": DocErrcMove,
}
# v2 adds the experiments' rows: document list -> snapshot table.
V2_TABLES = {"test_cards": "test_cards", "placements": "assumption_placements"}


def _upgrade_v0(data: dict[str, Any]) -> dict[str, Any]:
    """v0 (bare snapshot) -> v1: add the header, keep only the fields v1 knows, order by position."""
    upgraded: dict[str, Any] = {"format": FORMAT, "schema_version": 1}
    project = data.get("project")
    if isinstance(project, dict):
        upgraded["project"] = {k: v for k, v in project.items() if k in DocProject.model_fields}
    else:
        upgraded["project"] = project
    for table in V0_TABLES:
        rows = data.get(table, [])
        if not isinstance(rows, list):
            upgraded[table] = rows
            continue
        known = V1_MODELS[table].model_fields
        kept = []
        for index, row in enumerate(rows):
            if not isinstance(row, dict):
                kept.append((index, 0, row))
                continue
            position = row.get("position", index)
            if not isinstance(position, int | float) or isinstance(position, bool):
                position = index
            kept.append((position, index, {k: v for k, v in row.items() if k in known and v is not None}))
        kept.sort(key=lambda entry: (entry[0], entry[1]))
        upgraded[table] = [row for _, _, row in kept]
    return upgraded


def _upgrade_v1(data: dict[str, Any]) -> dict[str, Any]:
    """v1 -> v2: v2 only adds parts a v1 file never has: the optional `history`, test cards
    and map placements."""
    return {**data, "schema_version": 2}


UPGRADERS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: _upgrade_v0, 1: _upgrade_v1}


def detect_version(data: dict[str, Any]) -> int | None:
    if "format" not in data and "schema_version" not in data and "project" in data:
        return 0
    version = data.get("schema_version")
    return version if isinstance(version, int) and not isinstance(version, bool) else None


def upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """Lift a document of any supported version to the current one, step by step."""
    version = detect_version(data)
    while version is not None and version < SCHEMA_VERSION:
        data = UPGRADERS[version](data)
        version = detect_version(data)
    return data


def _problems_of(error: ValidationError) -> list[Problem]:
    problems = []
    for detail, problem in zip(error.errors(), problems_from(error), strict=True):
        if detail["type"] == "extra_forbidden":
            problems.append((problem[0], "export.problem.unexpected_field", {}))
        elif detail["type"] == "string_pattern_mismatch":
            problems.append((problem[0], "export.problem.bad_id", {}))
        else:
            problems.append(problem)
    return problems


class _Row:
    """A raw row seen by the reference checks: string fields only, anything else reads as None.

    The checks run on the raw data, so a file with both shape errors and dangling references
    gets one message that lists both; pydantic reports the shape errors.
    """

    __slots__ = ("_data",)

    def __init__(self, data: object) -> None:
        self._data = data if isinstance(data, dict) else {}

    def __getattr__(self, name: str) -> str | None:
        value = self._data.get(name)
        return value.strip() if isinstance(value, str) else None


def _area(value: str | None) -> Area | None:
    try:
        return Area(value)
    except ValueError:
        return None


def check_references(data: dict[str, Any]) -> list[Problem]:
    """What pydantic can't see alone: ids unique, every reference resolves, links make sense."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}

    def rows(table: str) -> list[_Row]:
        value = data.get(table)
        return [_Row(row) for row in value] if isinstance(value, list) else []

    for table in ("segments", "personas", "canvases", "items", "links", "competitors", "factors", "errc_moves"):
        for index, row in enumerate(rows(table)):
            if row.id is None:
                continue
            if row.id in seen:
                problems.append((f"{table}.{index}.id", "export.problem.duplicate_id", {"ref": row.id}))
            seen[row.id] = table

    def resolve(path: str, ref: str | None, table: str) -> bool:
        if ref is None:
            return True
        if seen.get(ref) != table:
            problems.append((path, "export.problem.unknown_ref", {"ref": ref}))
            return False
        return True

    for i, persona in enumerate(rows("personas")):
        resolve(f"personas.{i}.segment_id", persona.segment_id, "segments")
    canvases = {c.id: c for c in rows("canvases") if c.id is not None}
    for i, canvas in enumerate(rows("canvases")):
        resolve(f"canvases.{i}.segment_id", canvas.segment_id, "segments")
        resolve(f"canvases.{i}.persona_id", canvas.persona_id, "personas")
    items: dict[str, _Row] = {}
    for i, item in enumerate(rows("items")):
        if item.id is not None:
            items[item.id] = item
        if (item.canvas_id is None) == (item.persona_id is None):
            problems.append((f"items.{i}", "export.problem.item_owner", {}))
            continue
        resolve(f"items.{i}.canvas_id", item.canvas_id, "canvases")
        resolve(f"items.{i}.persona_id", item.persona_id, "personas")
        area = _area(item.area)
        if item.persona_id is not None and area is not None and area not in PROFILE_AREAS:
            problems.append((f"items.{i}.area", "export.problem.value_map_on_persona", {}))

    def on_canvas(item: _Row, canvas_id: str) -> bool:
        canvas = canvases.get(canvas_id)
        return owned_by_canvas(item.canvas_id, item.persona_id, canvas_id, canvas.persona_id if canvas else None)

    link_pairs: set[tuple[str, str, str]] = set()
    for i, link in enumerate(rows("links")):
        ok = resolve(f"links.{i}.canvas_id", link.canvas_id, "canvases")
        ok = resolve(f"links.{i}.source_id", link.source_id, "items") and ok
        ok = resolve(f"links.{i}.target_id", link.target_id, "items") and ok
        if not ok or link.source_id is None or link.target_id is None or link.canvas_id is None:
            continue
        source, target = items[link.source_id], items[link.target_id]
        source_area, target_area = _area(source.area), _area(target.area)
        if source_area is None or target_area is None:
            continue  # pydantic names the bad area
        if LINK_TARGET.get(source_area) != target_area:
            problems.append((f"links.{i}", "export.problem.link_areas", {"source": source_area, "target": target_area}))
        elif not (on_canvas(source, link.canvas_id) and on_canvas(target, link.canvas_id)):
            problems.append((f"links.{i}", "export.problem.link_canvas", {}))
        pair = (link.canvas_id, link.source_id, link.target_id)
        if pair in link_pairs:
            problems.append((f"links.{i}", "export.problem.duplicate_link", {}))
        link_pairs.add(pair)
    competitor_canvas = {}
    for i, competitor in enumerate(rows("competitors")):
        resolve(f"competitors.{i}.canvas_id", competitor.canvas_id, "canvases")
        competitor_canvas[competitor.id] = competitor.canvas_id
    factor_canvas = {}
    for i, factor in enumerate(rows("factors")):
        resolve(f"factors.{i}.canvas_id", factor.canvas_id, "canvases")
        resolve(f"factors.{i}.source_item_id", factor.source_item_id, "items")
        factor_canvas[factor.id] = factor.canvas_id
    score_pairs: set[tuple[str, str]] = set()
    for i, score in enumerate(rows("scores")):
        ok = resolve(f"scores.{i}.factor_id", score.factor_id, "factors")
        ok = resolve(f"scores.{i}.competitor_id", score.competitor_id, "competitors") and ok
        if score.factor_id is None or score.competitor_id is None:
            continue
        if ok and factor_canvas[score.factor_id] != competitor_canvas[score.competitor_id]:
            problems.append((f"scores.{i}", "export.problem.score_canvas", {}))
        pair = (score.factor_id, score.competitor_id)
        if pair in score_pairs:
            problems.append((f"scores.{i}", "export.problem.duplicate_score", {}))
        score_pairs.add(pair)
    for i, move in enumerate(rows("errc_moves")):
        resolve(f"errc_moves.{i}.canvas_id", move.canvas_id, "canvases")
        resolve(f"errc_moves.{i}.factor_id", move.factor_id, "factors")
        resolve(f"errc_moves.{i}.source_item_id", move.source_item_id, "items")
    problems += _experiment_references(data, seen, items, on_canvas)
    return problems


def _experiment_references(
    data: dict[str, Any], seen: dict[str, str], items: dict[str, _Row], on_canvas: Callable[[_Row, str], bool]
) -> list[Problem]:
    """A card's notes are on its canvas, or gone with their text kept; a placement's note is
    on its canvas."""
    problems: list[Problem] = []
    cards = data.get("test_cards")
    for i, raw in enumerate(cards if isinstance(cards, list) else []):
        card = _Row(raw)
        if card.id is not None and card.id in seen:
            problems.append((f"test_cards.{i}.id", "export.problem.duplicate_id", {"ref": card.id}))
        if card.canvas_id is not None and seen.get(card.canvas_id) != "canvases":
            problems.append((f"test_cards.{i}.canvas_id", "export.problem.unknown_ref", {"ref": card.canvas_id}))
            continue
        texts = raw.get("item_texts") if isinstance(raw, dict) and isinstance(raw.get("item_texts"), dict) else {}
        item_ids = raw.get("item_ids") if isinstance(raw, dict) and isinstance(raw.get("item_ids"), list) else []
        for j, item_id in enumerate(item_ids):
            if not isinstance(item_id, str):
                continue
            if item_id in items:
                if card.canvas_id is not None and not on_canvas(items[item_id], card.canvas_id):
                    problems.append((f"test_cards.{i}.item_ids.{j}", "export.problem.link_canvas", {}))
            elif item_id in seen or not texts.get(item_id):
                problems.append((f"test_cards.{i}.item_ids.{j}", "export.problem.unknown_ref", {"ref": item_id}))
    placements = data.get("placements")
    for i, placement in enumerate(_Row(row) for row in (placements if isinstance(placements, list) else [])):
        if placement.canvas_id is None or placement.item_id is None:
            continue
        if seen.get(placement.canvas_id) != "canvases" or placement.item_id not in items:
            problems.append((f"placements.{i}", "export.problem.unknown_ref", {"ref": placement.item_id}))
        elif not on_canvas(items[placement.item_id], placement.canvas_id):
            problems.append((f"placements.{i}", "export.problem.link_canvas", {}))
    return problems


def _over_the_limits(data: dict[str, Any]) -> list[Problem]:
    """Each kind of row the file has more of than an import takes (counted on the raw
    lists, before any model is built)."""
    problems: list[Problem] = []
    for table, limit in MAX_ROWS.items():
        rows = data.get(table)
        if isinstance(rows, list) and len(rows) > limit:
            problems.append((table, f"export.problem.too_many_{table}", {"count": len(rows), "limit": limit}))
    return problems


def parse_document(raw: bytes | str) -> ProjectDocument:
    """Bytes of a file -> a valid current-version document, or InvalidImport listing every problem."""
    size = len(raw.encode("utf-8") if isinstance(raw, str) else raw)
    if size > MAX_BYTES:
        raise InvalidImport(
            [
                (
                    "file",
                    "export.problem.too_large",
                    {"size": f"{size / 1024 / 1024:.1f}", "limit": MAX_BYTES // (1024 * 1024)},
                )
            ]
        )
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InvalidImport([("file", "export.problem.not_utf8", {})]) from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise InvalidImport(
            [("file", "export.problem.not_json", {"line": error.lineno, "column": error.colno, "detail": error.msg})]
        ) from None
    except (RecursionError, ValueError):
        raise InvalidImport([("file", "export.problem.not_json", {"line": 1, "column": 1, "detail": "-"})]) from None
    if (
        not isinstance(data, dict)
        or (data.get("format", FORMAT) != FORMAT)
        or ("format" not in data and "project" not in data)
    ):
        raise InvalidImport([("format", "export.problem.not_nilai", {})])
    version = detect_version(data)
    if version not in SUPPORTED_VERSIONS:
        shown = data.get("schema_version")
        raise InvalidImport(
            [
                (
                    "schema_version",
                    "export.problem.unsupported_version",
                    {
                        "version": shown if isinstance(shown, int | str) else "?",
                        "supported": ", ".join(str(v) for v in SUPPORTED_VERSIONS),
                    },
                )
            ]
        )
    too_many = _over_the_limits(data)
    if too_many:
        raise InvalidImport(too_many)
    data = upgrade(data)
    # Control characters (a NUL too) in text are cleaned by the models' text types (core.text).
    problems: list[Problem] = []
    doc: ProjectDocument | None = None
    try:
        doc = ProjectDocument.model_validate(data)
    except ValidationError as error:
        problems += _problems_of(error)
    problems += check_references(data)
    if problems or doc is None:
        raise InvalidImport(problems)
    return doc


def to_snapshot(doc: ProjectDocument) -> dict[str, Any]:
    """The shape storage.snapshot.load_project inserts (it gives every row a fresh id)."""
    snapshot: dict[str, Any] = {"project": doc.project.model_dump()}
    for table in V0_TABLES:
        rows = [row.model_dump(mode="json") for row in getattr(doc, table)]
        if table == "scores":
            for index, row in enumerate(rows):
                row["id"] = f"score{index}"
        if table == "personas":
            for row in rows:
                row["touchpoints"] = [dict(t) for t in row["touchpoints"]]
        snapshot[table] = rows
    for doc_table, table in V2_TABLES.items():
        rows = [row.model_dump() for row in getattr(doc, doc_table)]  # datetimes stay datetimes
        for index, row in enumerate(rows):
            row.setdefault("id", f"{doc_table}{index}")
        snapshot[table] = rows
    return snapshot


def import_document(store: Store, actor: Actor, raw: bytes | str, *, language: str = "en") -> Project:
    """Import a file as a NEW project of the workspace; InvalidImport if anything is wrong.

    The rows go in over many short transactions while the project is hidden, and one last
    short transaction reveals it: all of it or nothing, and no other writer waits long."""
    workspace_only(actor)
    doc = parse_document(raw)
    name = doc.project.name
    existing = {summary.name for summary in store.projects.summaries()}
    if name in existing:
        name = translate(language, "export.import.copy_name", name=name)

    def with_history(conn: Any, project_id: str, fresh: dict[str, str]) -> None:
        # In the transaction that reveals the project: the file's history (if it has one),
        # the import in the timeline and the automatic "Imported" snapshot.
        if doc.history is not None:
            entries, snapshots = history_rows(doc.history, fresh, new_id)
            store.history.import_in(conn, project_id, entries, snapshots)
        with writing_as(IMPORT):
            store.history.record_in(conn, project_id, "project.import", label=name)
        history_service.snapshot_in(store, conn, project_id, name, "import", IMPORT)

    try:
        project_id = insert_snapshot_in_batches(store.db, to_snapshot(doc), name=name, on_reveal=with_history)
    except (Conflict, RejectedValue):
        raise InvalidImport([("file", "export.problem.rejected", {})]) from None
    with store.db.transaction() as conn:
        make_owner(store, actor, project_id, conn)
        audit.record(store, actor, project_id, "imported", conn=conn)
    return store.projects.get(project_id)


# -- messages -------------------------------------------------------------------------
def field_label(language: str, field: str) -> str:
    """'items.3.text' -> 'Note 4 · text' in the user's language."""
    parts = field.split(".")
    if not parts or parts[0] in {"file", "format", "schema_version", ""}:
        return translate(language, f"export.doc.{parts[0] or 'file'}")
    label = translate(language, f"export.doc.{parts[0]}")
    if label == f"export.doc.{parts[0]}":
        label = parts[0]
    rest = parts[1:]
    if rest and rest[0].isdigit():
        label = f"{label} {int(rest[0]) + 1}"
        rest = rest[1:]
    return " · ".join([label, *rest]) if rest else label


def describe_problems(language: str, problems: list[Problem]) -> list[str]:
    lines = [
        translate(language, key, field=field_label(language, field), **params)
        for field, key, params in problems[:MAX_LISTED_PROBLEMS]
    ]
    if len(problems) > MAX_LISTED_PROBLEMS:
        lines.append(translate(language, "export.problem.more", count=len(problems) - MAX_LISTED_PROBLEMS))
    return lines
