"""What we know about this customer (issue 17): one view per persona, in the three kinds of
customer knowledge (seed 003):

* about the customer: the segment's data and the persona's own fields, and the measured NPS;
* from the customer: survey comments matched to the persona, and the profile notes that came
  from customers (accepted survey themes, notes customers wrote in workshops);
* for the customer: the value-map items, on the persona's canvases, that address its profile.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from canvas.codes import note_codes
from canvas.models import PROFILE_AREAS, VALUE_MAP_AREAS, Area, CanvasItem
from core.actors import Actor
from core.errors import NotFound
from feedback import nps as nps_math
from feedback.models import Response, band
from personas.models import Persona, Segment
from projects.access import persona_scope
from storage.store import Store

QUOTES_SHOWN = 6


@dataclass(frozen=True)
class ValueItem:
    item: CanvasItem
    addresses: tuple[CanvasItem, ...]  # the persona's profile notes it is linked to


@dataclass(frozen=True)
class CustomerKnowledge:
    persona: Persona
    segment: Segment | None
    measured: nps_math.Nps
    quotes: list[Response] = field(default_factory=list)
    from_customers: list[tuple[CanvasItem, str]] = field(default_factory=list)  # (note, "survey" | "workshop")
    value_items: list[ValueItem] = field(default_factory=list)
    profile_count: int = 0
    # Every note of the persona and of each of its canvases' boards, hidden ones too: the
    # codes count them as the board does.
    persona_notes: tuple[CanvasItem, ...] = ()
    boards: tuple[tuple[CanvasItem, ...], ...] = ()

    def codes(self, lang: str) -> dict[str, str]:
        """Note id -> code as the board shows it; the persona's own notes as its screen does."""
        codes: dict[str, str] = {}
        for board in self.boards:
            codes.update(note_codes(board, lang))
        codes.update(note_codes(self.persona_notes, lang))
        return codes


def _quotes(responses: list[Response]) -> list[Response]:
    """The newest comments, a detractor's and a promoter's alternating where both exist."""
    said = sorted(
        (r for r in responses if r.comment.strip()),
        key=lambda r: (r.answered_on.isoformat() if r.answered_on else "", r.id),
        reverse=True,
    )
    low = [r for r in said if band(r.score) == "detractor"]
    high = [r for r in said if band(r.score) == "promoter"]
    middle = [r for r in said if band(r.score) == "passive"]
    mixed: list[Response] = []
    for pair in zip(low, high, strict=False):
        mixed.extend(pair)
    rest = low[len(mixed) // 2 :] + high[len(mixed) // 2 :] + middle
    return (mixed + rest)[:QUOTES_SHOWN]


def customer_knowledge(store: Store, actor: Actor, persona_id: str) -> CustomerKnowledge:
    persona = persona_scope(store, actor, persona_id, "read")
    segment = None
    if persona.segment_id:
        try:
            segment = store.segments.get(persona.segment_id)
        except NotFound:
            segment = None
    responses = store.feedback.for_persona(persona.project_id, persona.id)
    measured = nps_math.of_scores(r.score for r in responses)
    persona_notes = tuple(store.items.for_persona(persona.id))
    profile = [item for item in persona_notes if not item.hidden and Area(item.area) in PROFILE_AREAS]
    profile_ids = {item.id: item for item in profile}
    survey = set(store.feedback_themes.decided_item_ids(persona.project_id))
    customers = store.cocreation.customer_participant_ids(persona.project_id)
    from_customers = [
        (item, "survey" if item.id in survey else "workshop")
        for item in profile
        if item.id in survey or (item.participant_id is not None and item.participant_id in customers)
    ]
    value_items: list[ValueItem] = []
    boards: list[tuple[CanvasItem, ...]] = []
    for canvas in store.personas.canvases(persona.id):
        boards.append(tuple(store.items.for_canvas(canvas)))
        items = {item.id: item for item in boards[-1] if not item.hidden}
        targets: dict[str, list[CanvasItem]] = {}
        for link in store.links.for_canvas(canvas.id):
            if link.target_id in profile_ids and link.source_id in items:
                targets.setdefault(link.source_id, []).append(profile_ids[link.target_id])
        for source_id, addressed in targets.items():
            source = items[source_id]
            if Area(source.area) in VALUE_MAP_AREAS:
                value_items.append(ValueItem(source, tuple(addressed)))
    return CustomerKnowledge(
        persona=persona,
        segment=segment,
        measured=measured,
        quotes=_quotes(responses),
        from_customers=from_customers,
        value_items=value_items,
        profile_count=len(profile),
        persona_notes=persona_notes,
        boards=tuple(boards),
    )
