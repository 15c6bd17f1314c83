"""Writing a project bundle as the current JSON document, with deterministic local ids
and order.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from canvas.models import (
    Area,
)
from experiments.models import (
    TestCardDraft,
)
from export.bundle import ProjectBundle
from export.document_model import (
    FORMAT,
    SCHEMA_VERSION,
    DocCanvas,
    DocCompetitor,
    DocErrcMove,
    DocFactor,
    DocItem,
    DocLink,
    DocPersona,
    DocPlacement,
    DocProject,
    DocScore,
    DocSegment,
    DocTestCard,
    ProjectDocument,
)
from export.history_doc import history_to_doc

LEARNING_FIELDS = {"status", "started_at", "closed_at", "measured", "passed", "observation", "insight", "decision"}


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
