"""The customer's voice as the exports need it (PDF): the overall NPS and the journey, the
improvement actions, and what we know about each persona. Read once, scope checked."""

from __future__ import annotations

from dataclasses import dataclass, field

from canvas.models import CanvasItem
from core.actors import Actor
from feedback import nps as nps_math
from feedback.knowledge import CustomerKnowledge, customer_knowledge
from feedback.models import ImprovementAction
from projects.access import reach
from storage.store import Store


@dataclass(frozen=True)
class VoiceReport:
    total: nps_math.Nps
    journey: list[nps_math.JourneyPoint] = field(default_factory=list)
    actions: list[ImprovementAction] = field(default_factory=list)
    theme_labels: dict[str, str] = field(default_factory=dict)  # theme key -> the note text it became
    knowledge: dict[str, CustomerKnowledge] = field(default_factory=dict)  # persona id -> view

    @property
    def has_content(self) -> bool:
        return bool(self.total.n or self.actions)

    def persona_has_voice(self, persona_id: str) -> bool:
        known = self.knowledge.get(persona_id)
        return known is not None and bool(known.quotes or known.from_customers)


def voice_report(
    store: Store, actor: Actor, project_id: str, persona_ids: list[str], items: list[CanvasItem]
) -> VoiceReport:
    """`items`: the project's live notes (the export read them already). Only personas with
    something from customers get a "what we know" view: the rest print as before."""
    reach(store, actor, project_id, "read")
    cells = store.feedback.cube(project_id)
    decisions = store.feedback_themes.for_project(project_id)
    customers = store.cocreation.customer_participant_ids(project_id)
    from_survey = {d.item_id for d in decisions if d.item_id}
    heard = {cell.persona for cell in cells if cell.persona}
    heard |= {
        item.persona_id
        for item in items
        if item.persona_id and (item.id in from_survey or (item.participant_id and item.participant_id in customers))
    }
    return VoiceReport(
        total=nps_math.overall(cells),
        journey=nps_math.journey(cells),
        actions=store.feedback_actions.list_for_project(project_id),
        theme_labels={d.theme_key: d.text for d in decisions if d.kind == "pain" and d.text},
        knowledge={pid: customer_knowledge(store, actor, pid) for pid in persona_ids if pid in heard},
    )
