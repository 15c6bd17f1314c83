"""Everything an export needs, read once from the store as pydantic models.

Every writer (PDF, PNG, Markdown, CSV/XLSX, JSON) works from a `ProjectBundle`, so the
app and the CLI (which loads a JSON file into a private database first) share one path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from canvas.codes import note_codes
from canvas.models import Area, Canvas, CanvasItem, Link, is_on_canvas
from canvas.ranking import importance
from competitors.models import Competitor, ErrcMove, Factor, FactorScore
from core.actors import Actor
from core.models import Project, utcnow
from experiments.models import Placement, TestCard
from feedback.report import VoiceReport, voice_report
from personas.models import Persona, Segment
from projects.access import project_scope
from storage.store import Store


@dataclass
class CanvasBundle:
    canvas: Canvas
    items: list[CanvasItem]
    links: list[Link]
    competitors: list[Competitor] = field(default_factory=list)
    factors: list[Factor] = field(default_factory=list)
    scores: list[FactorScore] = field(default_factory=list)
    errc_moves: list[ErrcMove] = field(default_factory=list)
    test_cards: list[TestCard] = field(default_factory=list)  # experiments/
    placements: list[Placement] = field(default_factory=list)

    def numbers(self) -> dict[str, int]:
        """A short number per note (1, 2, ...) in reading order, used by link badges."""
        return {item.id: index for index, item in enumerate(self.ordered_items(), start=1)}

    def codes(self, lang: str) -> dict[str, str]:
        """Each note's code as the board shows it (PL1, K2 ...): the PDF names notes so."""
        return note_codes(self.items, lang)

    def ordered_items(self) -> list[CanvasItem]:
        order = {area: index for index, area in enumerate(Area)}
        return sorted(self.items, key=lambda item: (order[Area(item.area)], importance(item)))

    def links_of(self, item_id: str) -> list[Link]:
        return [link for link in self.links if item_id in (link.source_id, link.target_id)]


@dataclass
class ProjectBundle:
    project: Project
    segments: list[Segment]
    personas: list[Persona]
    persona_items: dict[str, list[CanvasItem]]
    canvases: list[CanvasBundle]
    exported_at: datetime = field(default_factory=utcnow)
    avatars: dict[str, bytes] = field(default_factory=dict)  # persona id -> image (PDF only)
    # The version history (entries oldest first, snapshots), only when the user asks for it
    # in a JSON export (history.timeline.history_for_export); None leaves it out.
    history: dict[str, list[dict]] | None = None
    voice: VoiceReport | None = None  # survey answers, actions, what we know (issue 17; PDF only)

    def canvas(self, canvas_id: str) -> CanvasBundle | None:
        return next((c for c in self.canvases if c.canvas.id == canvas_id), None)

    def persona(self, persona_id: str | None) -> Persona | None:
        return next((p for p in self.personas if p.id == persona_id), None)

    def segment(self, segment_id: str | None) -> Segment | None:
        return next((s for s in self.segments if s.id == segment_id), None)

    def persona_codes(self, persona_id: str, lang: str) -> dict[str, str]:
        """Note id -> code for a persona's notes and its canvases' value maps. The profile
        notes are the persona's own rows on each of its canvases, so they carry one code
        (the persona screen's); a value-map note carries its canvas's."""
        codes: dict[str, str] = {}
        for canvas in self.canvases:
            if canvas.canvas.persona_id == persona_id:
                codes.update(canvas.codes(lang))
        codes.update(note_codes(self.persona_items.get(persona_id, []), lang))
        return codes

    def only(self, canvas_ids: list[str] | None) -> ProjectBundle:
        """The same project with only the chosen canvases (None: all of them)."""
        if canvas_ids is None:
            return self
        chosen = [c for c in self.canvases if c.canvas.id in set(canvas_ids)]
        return ProjectBundle(
            self.project,
            self.segments,
            self.personas,
            self.persona_items,
            chosen,
            self.exported_at,
            self.avatars,
            history=self.history,
            voice=self.voice,
        )


def collect(store: Store, actor: Actor, project_id: str) -> ProjectBundle:
    """Read a whole project the actor may read (live rows only, merged notes left out)."""
    project = project_scope(store, actor, project_id, "read")
    segments = store.segments.list_for_project(project_id)
    personas = store.personas.list_for_project(project_id)
    canvases = store.canvases.list_for_project(project_id)
    items = [item for item in store.items.list_for_project(project_id) if item.merged_into is None]
    links = store.links.list_for_project(project_id)
    competitors = store.competitors.list_for_project(project_id)
    factors = store.factors.list_for_project(project_id)
    scores = store.scores.list_for_project(project_id)
    moves = store.errc_moves.list_for_project(project_id)
    test_cards = store.test_cards.list_for_project(project_id)
    placements = store.placements.list_for_project(project_id)

    persona_items: dict[str, list[CanvasItem]] = {p.id: [] for p in personas}
    for item in items:
        if item.canvas_id is None and item.persona_id in persona_items:
            persona_items[item.persona_id].append(item)

    bundles = []
    for canvas in canvases:
        # The board's own order (position), so a note keeps its code on paper.
        canvas_items = [item for item in items if is_on_canvas(item, canvas)]
        present = {item.id for item in canvas_items}
        canvas_links = [
            link
            for link in links
            if link.canvas_id == canvas.id and link.source_id in present and link.target_id in present
        ]
        canvas_competitors = [c for c in competitors if c.canvas_id == canvas.id]
        canvas_factors = [f for f in factors if f.canvas_id == canvas.id]
        factor_ids = {f.id for f in canvas_factors}
        competitor_ids = {c.id for c in canvas_competitors}
        canvas_scores = [s for s in scores if s.factor_id in factor_ids and s.competitor_id in competitor_ids]
        canvas_moves = [m for m in moves if m.canvas_id == canvas.id]
        bundles.append(
            CanvasBundle(
                canvas,
                canvas_items,
                canvas_links,
                canvas_competitors,
                canvas_factors,
                canvas_scores,
                canvas_moves,
                test_cards=[card for card in test_cards if card.canvas_id == canvas.id],
                placements=[p for p in placements if p.canvas_id == canvas.id and p.item_id in present],
            )
        )
    with_image = [p.id for p in personas if p.has_avatar_image]
    avatars = store.personas.avatar_images(with_image) if with_image else {}
    voice = voice_report(store, actor, project_id, [p.id for p in personas], items)
    return ProjectBundle(project, segments, personas, persona_items, bundles, avatars=avatars, voice=voice)
