"""Segments and personas: the rules that hold whatever the UI does.

A persona's jobs, pains and gains are customer-profile items stored once with
`persona_id` set. Every canvas made from the persona shows those same rows, so an edit
in either place is an edit of the one record. Adding and changing items goes through
canvas.service (the one place that knows item rules); this module reads them per
persona and copies them when a persona is duplicated.

A segment delete is soft and leaves its personas' `segment_id` alone: the personas are
shown as unassigned while the segment is in the trash, and undo re-attaches them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from canvas.models import PROFILE_AREAS, Area, Canvas, CanvasItem
from core.errors import InvalidInput, NotFound
from core.models import validate
from personas import avatar
from personas.models import Persona, PersonaDraft, Segment, SegmentDraft
from storage import tables
from storage.store import Store

UNASSIGNED = "__unassigned__"

# ---------------------------------------------------------------------------- segments


def list_segments(store: Store, project_id: str) -> list[Segment]:
    return store.segments.list_for_project(project_id)


def create_segment(store: Store, project_id: str, **fields: Any) -> Segment:
    store.projects.get(project_id)
    draft = validate(SegmentDraft, fields)
    return store.segments.insert(project_id, draft.model_dump())


def update_segment(store: Store, segment_id: str, expected_version: int, **changes: Any) -> Segment:
    """Change some fields; the whole result is validated, only the given fields are written."""
    current = store.segments.get(segment_id)
    merged = {name: getattr(current, name) for name in SegmentDraft.model_fields}
    unknown = set(changes) - set(merged)
    if unknown:
        raise InvalidInput([(name, "error.field.invalid", {}) for name in sorted(unknown)])
    merged.update(changes)
    draft = validate(SegmentDraft, merged)
    values = {name: getattr(draft, name) for name in changes}
    return store.segments.update(segment_id, expected_version, values)


def delete_segment(store: Store, segment_id: str, expected_version: int | None = None) -> Segment:
    """To the trash; its personas stay, shown as unassigned until the segment comes back."""
    return store.segments.soft_delete(segment_id, expected_version)


def restore_segment(store: Store, segment_id: str) -> Segment:
    return store.segments.restore(segment_id)


# ---------------------------------------------------------------------------- personas


def list_personas(store: Store, project_id: str) -> list[Persona]:
    return store.personas.list_for_project(project_id)


def persona_counts(store: Store, project_id: str) -> dict[str, int]:
    """How many live personas stand for each segment id."""
    counts: dict[str, int] = defaultdict(int)
    for persona in store.personas.list_for_project(project_id):
        if persona.segment_id:
            counts[persona.segment_id] += 1
    return dict(counts)


def _check_segment(store: Store, project_id: str, segment_id: str | None) -> None:
    if segment_id is None:
        return
    try:
        segment = store.segments.get(segment_id)
    except NotFound:
        raise InvalidInput([("segment_id", "personas.error.segment_gone", {})]) from None
    if segment.project_id != project_id:
        raise InvalidInput([("segment_id", "personas.error.segment_gone", {})])


def create_persona(store: Store, project_id: str, **fields: Any) -> Persona:
    store.projects.get(project_id)
    fields.setdefault("avatar_color", avatar.color_for(str(fields.get("name") or "")))
    draft = validate(PersonaDraft, fields)
    _check_segment(store, project_id, draft.segment_id)
    return store.personas.insert(project_id, draft.model_dump(mode="json"))


def update_persona(store: Store, persona_id: str, expected_version: int, **changes: Any) -> Persona:
    current = store.personas.get(persona_id)
    merged = current.model_dump(mode="json", include=set(PersonaDraft.model_fields))
    unknown = set(changes) - set(PersonaDraft.model_fields)
    if unknown:
        raise InvalidInput([(name, "error.field.invalid", {}) for name in sorted(unknown)])
    merged.update(changes)
    draft = validate(PersonaDraft, merged)
    if "segment_id" in changes and draft.segment_id != current.segment_id:
        _check_segment(store, current.project_id, draft.segment_id)
    dumped = draft.model_dump(mode="json")
    values = {name: dumped[name] for name in changes}
    return store.personas.update(persona_id, expected_version, values)


def delete_persona(store: Store, persona_id: str, expected_version: int | None = None) -> Persona:
    """To the trash with its profile items left in place, so undo brings all of it back."""
    return store.personas.soft_delete(persona_id, expected_version)


def restore_persona(store: Store, persona_id: str) -> Persona:
    return store.personas.restore(persona_id)


def set_avatar(store: Store, persona_id: str, expected_version: int, data: bytes) -> Persona:
    """Check the upload (size, really an image) and store it normalized."""
    stored, _mime = avatar.normalize_image(data)
    return store.personas.set_avatar_image(persona_id, expected_version, stored)


def remove_avatar(store: Store, persona_id: str, expected_version: int) -> Persona:
    return store.personas.set_avatar_image(persona_id, expected_version, None)


# ---------------------------------------------------------------------- profile items


def profile_items(store: Store, persona_id: str) -> dict[Area, list[CanvasItem]]:
    """The persona's jobs, pains and gains, most important first (not workshop-hidden ones)."""
    grouped: dict[Area, list[CanvasItem]] = {area: [] for area in PROFILE_AREAS}
    for item in store.items.for_persona(persona_id):
        if item.area in grouped and not item.hidden:
            grouped[item.area].append(item)
    for items in grouped.values():
        items.sort(key=lambda item: (item.rank, item.position))
    return grouped


def _items_by_persona(store: Store, project_id: str) -> dict[str, list[CanvasItem]]:
    """Every live, visible profile note of the project's personas, grouped by persona.

    The gallery reads a few hundred notes on every rerun, so the rows (already valid:
    every write went through the models) are built without re-validation; that is the
    bulk of the page's server time otherwise.
    """
    t = tables.items
    query = (
        sa.select(t.c.id, t.c.project_id, t.c.persona_id, t.c.area, t.c.text, t.c.rank, t.c.position, t.c.version)
        .where(
            t.c.project_id == project_id,
            t.c.persona_id.is_not(None),
            t.c.deleted_at.is_(None),
            t.c.merged_into.is_(None),
            t.c.hidden.is_(False),
        )
        .order_by(t.c.position, t.c.created_at)
    )
    grouped: dict[str, list[CanvasItem]] = defaultdict(list)
    with store.db.reading() as conn:
        for row in conn.execute(query):
            values = dict(row._mapping)
            values["area"] = Area(values["area"])
            grouped[row.persona_id].append(CanvasItem.model_construct(**values))
    return grouped


# -------------------------------------------------------------------------- duplicate

_COPIED_ITEM_FIELDS = ("area", "text", "rank", "job_type", "gain_type", "evidence", "evidence_note", "evidence_source")


def duplicate_persona(store: Store, persona_id: str, name: str) -> Persona:
    """A new persona with the same fields, picture and profile items (as new rows)."""
    source = store.personas.get(persona_id)
    fields = source.model_dump(mode="json", include=set(PersonaDraft.model_fields))
    fields["name"] = name
    draft = validate(PersonaDraft, fields)
    picture = store.personas.avatar_image(persona_id)
    items = store.items.for_persona(persona_id)
    with store.db.transaction() as conn:
        values = draft.model_dump(mode="json")
        values["avatar_image"] = picture
        copy = store.personas.insert_in(conn, source.project_id, values)
        for item in items:
            row = {name: getattr(item, name) for name in _COPIED_ITEM_FIELDS}
            row.update(persona_id=copy.id, canvas_id=None, position=item.position, area=str(item.area))
            store.items.insert_in(conn, source.project_id, row)
        return store.personas.get(copy.id, conn=conn)


# ----------------------------------------------------------------------------- canvas


def canvases_for_persona(store: Store, persona_id: str) -> list[Canvas]:
    return store.canvases.find(tables.canvases.c.persona_id == persona_id)


def create_canvas_from_persona(store: Store, persona_id: str, name: str) -> Canvas:
    """A canvas whose customer profile is this persona's items (the same rows)."""
    from canvas import service as canvas_service

    persona = store.personas.get(persona_id)
    segment_id = persona.segment_id if _segment_is_live(store, persona.segment_id) else None
    return canvas_service.create_canvas(store, persona.project_id, name, segment_id=segment_id, persona_id=persona.id)


def _segment_is_live(store: Store, segment_id: str | None) -> bool:
    if segment_id is None:
        return False
    try:
        store.segments.get(segment_id)
    except NotFound:
        return False
    return True


# ---------------------------------------------------------------------------- gallery


@dataclass
class PersonaEntry:
    """One persona as the gallery and the card show it."""

    persona: Persona
    segment: Segment | None  # None: unassigned (no segment, or its segment is in the trash)
    profile: dict[Area, list[CanvasItem]] = field(default_factory=dict)

    @property
    def assigned(self) -> bool:
        return self.segment is not None

    def top(self, area: Area, limit: int = 3) -> list[CanvasItem]:
        return self.profile.get(area, [])[:limit]


def segment_filter_matches(entry: PersonaEntry, chosen: str | None) -> bool:
    if not chosen:
        return True
    if chosen == UNASSIGNED:
        return entry.segment is None
    return entry.segment is not None and entry.segment.id == chosen


def gallery(store: Store, project_id: str, segment: str | None = None) -> list[PersonaEntry]:
    """Every live persona with its segment and ranked profile: three queries in all.
    Notes hidden in a running workshop (until the reveal) are left out.

    `segment` filters: a segment id, UNASSIGNED, or None for all.
    """
    segments = {s.id: s for s in store.segments.list_for_project(project_id)}
    personas = store.personas.list_for_project(project_id)
    items = _items_by_persona(store, project_id)
    entries: list[PersonaEntry] = []
    for persona in personas:
        profile: dict[Area, list[CanvasItem]] = {area: [] for area in PROFILE_AREAS}
        for item in items.get(persona.id, []):
            if item.area in profile:
                profile[item.area].append(item)
        for ranked in profile.values():
            ranked.sort(key=lambda item: (item.rank, item.position))
        entry = PersonaEntry(persona, segments.get(persona.segment_id or ""), profile)
        if segment_filter_matches(entry, segment):
            entries.append(entry)
    return entries


def entry(store: Store, persona_id: str) -> PersonaEntry:
    persona = store.personas.get(persona_id)
    segment = None
    if persona.segment_id:
        try:
            segment = store.segments.get(persona.segment_id)
        except NotFound:
            segment = None
    return PersonaEntry(persona, segment, profile_items(store, persona_id))
