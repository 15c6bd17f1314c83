"""Comparing two moments of one canvas: which notes were added, removed, changed, moved or
re-ranked, which links came and went, and how the fit moved. Pure: it works on snapshot
content (plain dicts, as storage.history captures them), so two stored snapshots compare
without touching the database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from canvas.codes import note_codes
from canvas.fit import FitReport, analyse_fit
from canvas.models import PROFILE_AREAS, Area, CanvasItem, Link, is_profile_area

Status = Literal["added", "removed", "changed", "same"]


@dataclass(frozen=True)
class NoteState:
    id: str
    area: str
    text: str
    rank: int = 3
    position: float = 0
    author: str | None = None
    evidence: str = "assumption"
    canvas_id: str | None = None
    persona_id: str | None = None
    hidden: bool = False  # a snapshot holds no workshop's hidden notes; here for canvas.codes


@dataclass(frozen=True)
class LinkState:
    id: str
    source_id: str
    target_id: str
    strength: str = "full"


@dataclass(frozen=True)
class CanvasState:
    """One canvas at one moment: its notes (the persona's profile included) and links."""

    canvas_id: str
    name: str
    persona_id: str | None
    notes: dict[str, NoteState]
    links: dict[tuple[str, str], LinkState]
    exists: bool = True

    def items(self) -> list[CanvasItem]:
        return [
            CanvasItem(
                id=n.id,
                project_id="",
                area=Area(n.area),
                text=n.text,
                rank=n.rank,
                position=n.position,
                evidence=n.evidence,
                author=n.author,
            )
            for n in self.notes.values()
        ]

    def link_models(self) -> list[Link]:
        return [
            Link(
                id=k.id,
                project_id="",
                canvas_id=self.canvas_id,
                source_id=k.source_id,
                target_id=k.target_id,
                strength=k.strength,
            )
            for k in self.links.values()
        ]


def _note(row: Mapping[str, Any]) -> NoteState:
    return NoteState(
        id=row["id"],
        area=str(row["area"]),
        text=row.get("text") or "",
        rank=int(row.get("rank") or 3),
        position=float(row.get("position") or 0),
        author=row.get("author"),
        evidence=row.get("evidence") or "assumption",
        canvas_id=row.get("canvas_id"),
        persona_id=row.get("persona_id"),
    )


def canvas_state(content: Mapping[str, Any], canvas_id: str) -> CanvasState:
    """The canvas as `content` (a snapshot, or the project captured now) holds it. A canvas
    that did not exist then is an empty state, so everything on it now reads as added."""
    canvas = next((c for c in content.get("canvases", []) if c["id"] == canvas_id), None)
    if canvas is None:
        return CanvasState(canvas_id, "", None, {}, {}, exists=False)
    persona_id = canvas.get("persona_id")
    notes: dict[str, NoteState] = {}
    for row in content.get("items", []):
        if row.get("canvas_id") == canvas_id or (
            persona_id and row.get("persona_id") == persona_id and is_profile_area(str(row["area"]))
        ):
            try:
                notes[row["id"]] = _note(row)
            except (KeyError, ValueError):
                continue  # a row this version can't read is left out, not fatal
    links: dict[tuple[str, str], LinkState] = {}
    for row in content.get("links", []):
        if row.get("canvas_id") == canvas_id and row.get("source_id") in notes and row.get("target_id") in notes:
            links[(row["source_id"], row["target_id"])] = LinkState(
                row["id"], row["source_id"], row["target_id"], row.get("strength") or "full"
            )
    return CanvasState(canvas_id, canvas.get("name") or "", persona_id, notes, links)


@dataclass(frozen=True)
class NoteDiff:
    id: str
    status: Status
    old: NoteState | None
    new: NoteState | None
    text_changed: bool = False
    moved: bool = False  # another area, or another place within it
    reranked: bool = False
    links_added: int = 0
    links_removed: int = 0

    @property
    def shown(self) -> NoteState:
        """Where the board draws it: where it is now, or where it was if it is gone."""
        return self.new or self.old  # type: ignore[return-value]

    @property
    def marked(self) -> bool:
        return self.status != "same" or self.moved or self.reranked or bool(self.links_added or self.links_removed)


@dataclass(frozen=True)
class LinkDiff:
    source_id: str
    target_id: str
    status: Literal["added", "removed", "changed"]
    old_strength: str | None = None
    new_strength: str | None = None


@dataclass(frozen=True)
class CanvasDiff:
    before: CanvasState
    after: CanvasState
    notes: list[NoteDiff]
    links: list[LinkDiff]
    fit_before: FitReport
    fit_after: FitReport
    newly_addressed: list[NoteState] = field(default_factory=list)  # top pains/gains open then, addressed now
    newly_open: list[NoteState] = field(default_factory=list)  # top pains/gains addressed then, open now

    def of(self, status: Status) -> list[NoteDiff]:
        return [n for n in self.notes if n.status == status]

    @property
    def moved(self) -> list[NoteDiff]:
        return [n for n in self.notes if n.moved]

    @property
    def reranked(self) -> list[NoteDiff]:
        return [n for n in self.notes if n.reranked]

    def codes(self, lang: str) -> dict[str, str]:
        """Each note by its code (canvas.codes) at the newer moment; a note gone by then by
        the code it had at the older one."""
        after = note_codes(self.after.notes.values(), lang)
        before = note_codes(self.before.notes.values(), lang)
        return {note.id: after.get(note.id) or before.get(note.id, "") for note in self.notes}

    @property
    def unchanged(self) -> bool:
        return not any(n.marked for n in self.notes) and not self.links


def _top_open(report: FitReport) -> set[str]:
    return {item.id for item in report.unaddressed_top if str(item.area) in {str(a) for a in PROFILE_AREAS}}


def diff_canvas(before: CanvasState, after: CanvasState) -> CanvasDiff:
    """What changed on the canvas between two moments (before is the older one)."""
    links: list[LinkDiff] = []
    added_per_note: dict[str, int] = {}
    removed_per_note: dict[str, int] = {}
    for key, link in after.links.items():
        old = before.links.get(key)
        if old is None:
            links.append(LinkDiff(*key, "added", None, link.strength))
            for end in key:
                added_per_note[end] = added_per_note.get(end, 0) + 1
        elif old.strength != link.strength:
            links.append(LinkDiff(*key, "changed", old.strength, link.strength))
            for end in key:
                added_per_note[end] = added_per_note.get(end, 0) + 1
    for key, link in before.links.items():
        if key not in after.links:
            links.append(LinkDiff(*key, "removed", link.strength, None))
            for end in key:
                removed_per_note[end] = removed_per_note.get(end, 0) + 1

    notes: list[NoteDiff] = []
    for note_id, new_note in after.notes.items():
        old_note = before.notes.get(note_id)
        added, removed = added_per_note.get(note_id, 0), removed_per_note.get(note_id, 0)
        if old_note is None:
            notes.append(NoteDiff(note_id, "added", None, new_note, links_added=added, links_removed=removed))
            continue
        text_changed = old_note.text != new_note.text
        moved = old_note.area != new_note.area or old_note.position != new_note.position
        reranked = old_note.rank != new_note.rank
        changed = text_changed or moved or reranked or old_note.evidence != new_note.evidence
        status: Status = "changed" if changed else "same"
        notes.append(NoteDiff(note_id, status, old_note, new_note, text_changed, moved, reranked, added, removed))
    for note_id, old_note in before.notes.items():
        if note_id not in after.notes:
            notes.append(NoteDiff(note_id, "removed", old_note, None, links_removed=removed_per_note.get(note_id, 0)))
    notes.sort(key=lambda n: (n.shown.area, -n.shown.rank, n.shown.position))

    fit_before = analyse_fit(before.items(), before.link_models())
    fit_after = analyse_fit(after.items(), after.link_models())
    open_before, open_after = _top_open(fit_before), _top_open(fit_after)
    newly_addressed = [after.notes[i] for i in open_before - open_after if fit_after.degree.get(i, 0) > 0]
    newly_open = [after.notes[i] for i in open_after - open_before if i in before.notes]
    for group in (newly_addressed, newly_open):
        group.sort(key=lambda n: (n.area, -n.rank, n.position))
    return CanvasDiff(before, after, notes, links, fit_before, fit_after, newly_addressed, newly_open)
