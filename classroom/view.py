"""Everything the guided steps, the rubric and the class gallery read, for many projects
at once: one query per table however many projects there are."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from canvas.fit import analyse_fit
from canvas.hints import find_hints
from canvas.models import PROFILE_AREAS, VALUE_MAP_AREAS, Canvas, CanvasItem, Link, is_on_canvas
from classroom.rubric import Rubric, assess
from competitors.models import Competitor, ErrcMove, Factor, FactorScore
from core.models import Project
from personas.models import Persona, Segment
from storage.store import Store


@dataclass
class ProjectView:
    project: Project
    segments: list[Segment] = field(default_factory=list)
    personas: list[Persona] = field(default_factory=list)
    canvases: list[Canvas] = field(default_factory=list)
    items: list[CanvasItem] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    competitors: list[Competitor] = field(default_factory=list)
    factors: list[Factor] = field(default_factory=list)
    scores: list[FactorScore] = field(default_factory=list)
    moves: list[ErrcMove] = field(default_factory=list)

    def canvas(self, canvas_id: str | None) -> Canvas | None:
        """The canvas asked for, else the first one (or None if there is none)."""
        for canvas in self.canvases:
            if canvas.id == canvas_id:
                return canvas
        return self.canvases[0] if self.canvases else None

    def canvas_items(self, canvas: Canvas) -> list[CanvasItem]:
        """Its value map plus its customer profile, without merged or unrevealed notes."""
        return [i for i in self.items if i.merged_into is None and not i.hidden and is_on_canvas(i, canvas)]

    def canvas_links(self, canvas: Canvas) -> list[Link]:
        shown = {i.id for i in self.canvas_items(canvas)}
        return [k for k in self.links if k.canvas_id == canvas.id and k.source_id in shown and k.target_id in shown]

    def offerings(self, canvas: Canvas) -> list[Competitor]:
        return [c for c in self.competitors if c.canvas_id == canvas.id]

    def canvas_factors(self, canvas: Canvas) -> list[Factor]:
        return [f for f in self.factors if f.canvas_id == canvas.id]

    def score_map(self, canvas: Canvas) -> dict[tuple[str, str], int]:
        factor_ids = {f.id for f in self.canvas_factors(canvas)}
        offering_ids = {o.id for o in self.offerings(canvas)}
        return {
            (s.factor_id, s.competitor_id): s.value
            for s in self.scores
            if s.factor_id in factor_ids and s.competitor_id in offering_ids
        }

    def rubric(self, canvas: Canvas) -> Rubric:
        items, links = self.canvas_items(canvas), self.canvas_links(canvas)
        return assess(
            items,
            links,
            self.offerings(canvas),
            self.canvas_factors(canvas),
            self.score_map(canvas),
            fit=analyse_fit(items, links),
        )

    def hint_count(self, canvas: Canvas) -> int:
        return len(find_hints(self.canvas_items(canvas), self.canvas_links(canvas)))

    def coverage_bars(self, canvas: Canvas) -> tuple[tuple[float, int], ...]:
        """Per area (value map first, then profile): share of notes that take part in a link, and count."""
        items, links = self.canvas_items(canvas), self.canvas_links(canvas)
        targets = {link.target_id for link in links}
        sources = {link.source_id for link in links}
        bars = []
        for area in (*VALUE_MAP_AREAS, *PROFILE_AREAS):
            in_area = [i for i in items if i.area == area]
            used = targets if area in PROFILE_AREAS else sources
            share = sum(1 for i in in_area if i.id in used) / len(in_area) if in_area else 0.0
            bars.append((share, len(in_area)))
        return tuple(bars)


@dataclass(frozen=True)
class CardSummary:
    """What a gallery card shows about one project, small enough to cache per revision."""

    canvas_id: str | None
    fit: float | None
    hints: int
    completeness: float | None
    bars: tuple[tuple[float, int], ...] = ()


def card_summary(view: ProjectView) -> CardSummary:
    canvas = view.canvas(None)
    if canvas is None:
        return CardSummary(None, None, 0, None)
    rubric = view.rubric(canvas)
    return CardSummary(
        canvas.id, rubric.fit.overall, view.hint_count(canvas), rubric.percent, view.coverage_bars(canvas)
    )


def load_views(store: Store, project_ids: Sequence[str]) -> dict[str, ProjectView]:
    """Live projects among `project_ids` with all their content; missing ones are left out."""
    ids = list(dict.fromkeys(project_ids))
    if not ids:
        return {}
    projects = store.projects.with_ids(ids)
    views = {p.id: ProjectView(project=p) for p in projects}
    if not views:
        return {}
    live = list(views)
    readers = (
        ("segments", store.segments),
        ("personas", store.personas),
        ("canvases", store.canvases),
        ("items", store.items),
        ("links", store.links),
        ("competitors", store.competitors),
        ("factors", store.factors),
        ("scores", store.scores),
        ("moves", store.errc_moves),
    )
    for attr, repo in readers:
        for row in repo.for_projects(live):
            getattr(views[row.project_id], attr).append(row)
    return views


def load_view(store: Store, project_id: str) -> ProjectView:
    views = load_views(store, [project_id])
    if project_id not in views:
        store.projects.get(project_id)  # raises NotFound with the right message
    return views[project_id]


def view_from_document(doc: dict, *, project_id: str = "example") -> ProjectView:
    """An example's JSON as a ProjectView in memory: a read-only preview touches no database."""

    def rows(name: str) -> list[dict]:
        return [{**row, "project_id": project_id} for row in doc.get(name, [])]

    project = Project(id=project_id, **{k: v for k, v in doc["project"].items() if k in Project.model_fields})
    return ProjectView(
        project=project,
        segments=[Segment.model_validate(r) for r in rows("segments")],
        personas=[Persona.model_validate(r) for r in rows("personas")],
        canvases=[Canvas.model_validate(r) for r in rows("canvases")],
        items=[CanvasItem.model_validate({"position": n, **r}) for n, r in enumerate(rows("items"))],
        links=[Link.model_validate(r) for r in rows("links")],
        competitors=[Competitor.model_validate({"position": n, **r}) for n, r in enumerate(rows("competitors"))],
        factors=[Factor.model_validate({"position": n, **r}) for n, r in enumerate(rows("factors"))],
        scores=[FactorScore.model_validate(r) for r in rows("scores")],
        moves=[ErrcMove.model_validate(r) for r in rows("errc_moves")],
    )
