"""The project's timeline: one page of changes at a time, filtered by canvas, person and
kind, with what the page needs to name the notes its entries speak of; the whole of it for
a JSON export; and where a deleted note lived.

Every function takes `store, actor` and resolves the project or canvas through
projects.access first. The rows are written by storage, in the transaction of each change
(storage/history.py); what a change means is history/changes.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from canvas.codes import note_codes
from canvas.models import NoteOwner, is_profile_area
from core.actors import Actor
from core.errors import NotFound
from projects.access import canvas_scope, project_scope
from storage.history import PAGE_SIZE, TimelineFilter
from storage.store import Store

# What the timeline can be filtered by (the `entity` column).
ENTITIES = (
    "note",
    "link",
    "canvas",
    "persona",
    "segment",
    "competitor",
    "factor",
    "score",
    "errc",
    "project",
    "snapshot",
    "test_card",
    "placement",
    "survey",
    "theme",
    "action",
)


@dataclass(frozen=True)
class Entry:
    seq: int
    at: datetime
    who: str
    who_kind: str
    kind: str
    entity: str
    target_id: str | None
    canvas_id: str | None
    persona_id: str | None
    label: str
    detail: dict[str, Any]


@dataclass(frozen=True)
class TimelinePage:
    entries: list[Entry]
    next_cursor: int | None  # pass as `before_seq` for the next (older) page; None at the end


def _entry(row: dict[str, Any]) -> Entry:
    return Entry(
        seq=row["seq"],
        at=row["at"],
        who=row["who"] or "",
        who_kind=row["who_kind"],
        kind=row["kind"],
        entity=row["entity"],
        target_id=row["target_id"],
        canvas_id=row["canvas_id"],
        persona_id=row["persona_id"],
        label=row["label"] or "",
        detail=row["detail"] or {},
    )


def timeline(
    store: Store,
    actor: Actor,
    project_id: str,
    *,
    canvas_id: str | None = None,
    who: str | None = None,
    who_kind: str | None = None,
    entity: str | None = None,
    before_seq: int | None = None,
    limit: int = PAGE_SIZE,
) -> TimelinePage:
    """One page of the project's changes, newest first, filtered by canvas, person and kind."""
    project = project_scope(store, actor, project_id, "read")
    persona_id = None
    if canvas_id:
        canvas = canvas_scope(store, actor, canvas_id, "read")
        persona_id = canvas.persona_id
    where = TimelineFilter(
        canvas_id=canvas_id or None, persona_id=persona_id, who=who, who_kind=who_kind or None, entity=entity or None
    )
    rows = store.history.page(project.id, before_seq=before_seq, where=where, limit=limit + 1)
    entries = [_entry(row) for row in rows[:limit]]
    more = len(rows) > limit
    return TimelinePage(entries, entries[-1].seq if more and entries else None)


def note_texts(store: Store, actor: Actor, project_id: str, entries: list[Entry]) -> dict[str, str]:
    """The texts of the notes these entries' links join, and the names of the factors and
    offerings their scores are for, so the timeline can name them (by id)."""
    project = project_scope(store, actor, project_id, "read")
    ids = {
        note_id
        for entry in entries
        if entry.entity in ("link", "placement")
        for note_id in (entry.detail.get("source_id"), entry.detail.get("target_id"), entry.detail.get("item_id"))
        if note_id
    }
    names = {
        row_id
        for entry in entries
        if entry.entity == "score"
        for row_id in (entry.detail.get("factor_id"), entry.detail.get("competitor_id"))
        if row_id
    }
    return {**store.history.note_texts(project.id, sorted(ids)), **store.history.row_names(project.id, sorted(names))}


def note_codes_of(store: Store, actor: Actor, project_id: str, entries: list[Entry], lang: str) -> dict[str, str]:
    """Each note these entries name, by its code on the entry's canvas as the board shows it
    now (canvas.codes); a note no longer on its canvas has none and goes by its text."""
    project = project_scope(store, actor, project_id, "read")
    codes: dict[str, str] = {}
    for canvas_id in sorted({entry.canvas_id for entry in entries if entry.canvas_id}):
        try:
            canvas = store.canvases.get(canvas_id)
        except NotFound:
            continue
        if canvas.project_id == project.id:
            codes.update(note_codes(store.items.for_canvas(canvas), lang))
    return codes


def restorable_notes(store: Store, actor: Actor, project_id: str, entries: list[Entry]) -> set[str]:
    """The notes these entries deleted that are still in the trash (one can bring them back)."""
    project = project_scope(store, actor, project_id, "read")
    ids = sorted({e.target_id for e in entries if e.kind == "note.delete" and e.target_id})
    return store.history.trashed_note_ids(project.id, ids)


def people(store: Store, actor: Actor, project_id: str) -> list[tuple[str, str]]:
    """Everyone the project's timeline names, as (kind, name), for the person filter."""
    project = project_scope(store, actor, project_id, "read")
    return store.history.people(project.id)


def history_for_export(store: Store, actor: Actor, project_id: str) -> dict[str, list[dict[str, Any]]]:
    """The project's timeline (oldest first) and snapshots, for a JSON export that asks for them."""
    project = project_scope(store, actor, project_id, "read")
    return {
        "entries": store.history.all_for_project(project.id),
        "snapshots": store.history.snapshots_for_export(project.id),
    }


def deleted_note_owner(store: Store, actor: Actor, project_id: str, item_id: str) -> NoteOwner:
    """Where a deleted note lives (its canvas, or its persona's profile), for
    canvas.notes.restore_note."""
    project = project_scope(store, actor, project_id, "edit")
    item = store.items.get(item_id, include_deleted=True)
    if item.project_id != project.id:
        raise NotFound("error.item_not_found")
    if item.canvas_id:
        return NoteOwner.of_canvas(item.canvas_id)
    if item.persona_id and is_profile_area(item.area):
        return NoteOwner.of_persona(item.persona_id)
    raise NotFound("error.item_not_found")
