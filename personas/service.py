"""Segments and personas: the rules that hold whatever the UI does.

A persona's jobs, pains and gains are customer-profile items stored once with
`persona_id` set. Every canvas made from the persona shows those same rows, so an edit
in either place is an edit of the one record. Adding and changing items goes through
canvas.notes (the one place that knows item rules); this module reads them per
persona and copies them when a persona is duplicated.

A segment delete is soft and leaves its personas' `segment_id` alone: the personas are
shown as unassigned while the segment is in the trash, and undo re-attaches them.

Every call names its actor; a segment or persona named by id is resolved through
projects.access first, and one outside the actor's sight is NotFound.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from canvas.codes import note_codes
from canvas.models import PROFILE_AREAS, Area, Canvas, CanvasItem
from canvas.ranking import importance
from core.actors import Actor, Need
from core.errors import InvalidInput, NotFound
from core.models import validate
from personas import avatar
from personas.models import Persona, PersonaDraft, Segment, SegmentDraft
from projects import access
from storage.store import Store

UNASSIGNED = "__unassigned__"


def _segment(store: Store, actor: Actor, segment_id: str, need: Need, *, include_deleted: bool = False) -> Segment:
    """The segment, if the actor may reach it: one outside the actor's sight is NotFound."""
    segment = store.segments.get(segment_id, include_deleted=include_deleted)
    access.row_scope(store, actor, segment, need)
    return segment


def _persona(store: Store, actor: Actor, persona_id: str, need: Need, *, include_deleted: bool = False) -> Persona:
    """The persona, if the actor may reach it: one outside the actor's sight is NotFound."""
    persona = store.personas.get(persona_id, include_deleted=include_deleted)
    access.row_scope(store, actor, persona, need)
    return persona


# ---------------------------------------------------------------------------- segments


def list_segments(store: Store, actor: Actor, project_id: str) -> list[Segment]:
    project = access.project_scope(store, actor, project_id, "read")
    return store.segments.list_for_project(project.id)


def create_segment(store: Store, actor: Actor, project_id: str, **fields: Any) -> Segment:
    project = access.project_scope(store, actor, project_id, "edit")
    draft = validate(SegmentDraft, fields)
    return store.segments.insert(project.id, draft.model_dump())


def update_segment(store: Store, actor: Actor, segment_id: str, expected_version: int, **changes: Any) -> Segment:
    """Change some fields; the whole result is validated, only the given fields are written."""
    current = _segment(store, actor, segment_id, "edit")
    merged = {name: getattr(current, name) for name in SegmentDraft.model_fields}
    unknown = set(changes) - set(merged)
    if unknown:
        raise InvalidInput([(name, "error.field.invalid", {}) for name in sorted(unknown)])
    merged.update(changes)
    draft = validate(SegmentDraft, merged)
    values = {name: getattr(draft, name) for name in changes}
    return store.segments.update(current.id, expected_version, values)


def delete_segment(store: Store, actor: Actor, segment_id: str, expected_version: int | None = None) -> Segment:
    """To the trash; its personas stay, shown as unassigned until the segment comes back."""
    current = _segment(store, actor, segment_id, "edit")
    return store.segments.soft_delete(current.id, expected_version)


def restore_segment(store: Store, actor: Actor, segment_id: str) -> Segment:
    current = _segment(store, actor, segment_id, "edit", include_deleted=True)
    return store.segments.restore(current.id)


# ---------------------------------------------------------------------------- personas


def list_personas(store: Store, actor: Actor, project_id: str) -> list[Persona]:
    project = access.project_scope(store, actor, project_id, "read")
    return store.personas.list_for_project(project.id)


def persona_counts(store: Store, actor: Actor, project_id: str) -> dict[str, int]:
    """How many live personas stand for each segment id."""
    counts: dict[str, int] = defaultdict(int)
    for persona in list_personas(store, actor, project_id):
        if persona.segment_id:
            counts[persona.segment_id] += 1
    return dict(counts)


def _check_segment(store: Store, project_id: str, segment_id: str | None) -> None:
    """A persona's segment must be a live one of the persona's own project."""
    if segment_id is None:
        return
    try:
        segment = store.segments.get(segment_id)
    except NotFound:
        raise InvalidInput([("segment_id", "personas.error.segment_gone", {})]) from None
    if segment.project_id != project_id:
        raise InvalidInput([("segment_id", "personas.error.segment_gone", {})])


def create_persona(store: Store, actor: Actor, project_id: str, **fields: Any) -> Persona:
    project = access.project_scope(store, actor, project_id, "edit")
    fields.setdefault("avatar_color", avatar.color_for(str(fields.get("name") or "")))
    draft = validate(PersonaDraft, fields)
    _check_segment(store, project.id, draft.segment_id)
    return store.personas.insert(project.id, draft.model_dump(mode="json"))


def update_persona(store: Store, actor: Actor, persona_id: str, expected_version: int, **changes: Any) -> Persona:
    current = _persona(store, actor, persona_id, "edit")
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
    return store.personas.update(current.id, expected_version, values)


def delete_persona(store: Store, actor: Actor, persona_id: str, expected_version: int | None = None) -> Persona:
    """To the trash with its profile items left in place, so undo brings all of it back."""
    current = _persona(store, actor, persona_id, "edit")
    return store.personas.soft_delete(current.id, expected_version)


def restore_persona(store: Store, actor: Actor, persona_id: str) -> Persona:
    current = _persona(store, actor, persona_id, "edit", include_deleted=True)
    return store.personas.restore(current.id)


def set_avatar(store: Store, actor: Actor, persona_id: str, expected_version: int, data: bytes) -> Persona:
    """Check the upload (size, really an image) and store it normalized."""
    current = _persona(store, actor, persona_id, "edit")
    stored, _mime = avatar.normalize_image(data)
    return store.personas.set_avatar_image(current.id, expected_version, stored)


def remove_avatar(store: Store, actor: Actor, persona_id: str, expected_version: int) -> Persona:
    current = _persona(store, actor, persona_id, "edit")
    return store.personas.set_avatar_image(current.id, expected_version, None)


def avatar_image(store: Store, actor: Actor, persona_id: str) -> bytes | None:
    """The persona's uploaded picture, if it has one."""
    current = _persona(store, actor, persona_id, "read")
    return store.personas.avatar_image(current.id)


# ---------------------------------------------------------------------- profile items


def profile_items(store: Store, actor: Actor, persona_id: str) -> dict[Area, list[CanvasItem]]:
    """The persona's jobs, pains and gains, most important first (not workshop-hidden ones)."""
    persona = _persona(store, actor, persona_id, "read")
    grouped: dict[Area, list[CanvasItem]] = {area: [] for area in PROFILE_AREAS}
    for item in store.items.for_persona(persona.id):
        if item.area in grouped and not item.hidden:
            grouped[item.area].append(item)
    for items in grouped.values():
        items.sort(key=importance)
    return grouped


# -------------------------------------------------------------------------- duplicate

_COPIED_ITEM_FIELDS = ("area", "text", "rank", "job_type", "gain_type", "evidence", "evidence_note", "evidence_source")


def duplicate_persona(store: Store, actor: Actor, persona_id: str, name: str) -> Persona:
    """A new persona with the same fields, picture and profile items (as new rows)."""
    source = _persona(store, actor, persona_id, "edit")
    fields = source.model_dump(mode="json", include=set(PersonaDraft.model_fields))
    fields["name"] = name
    draft = validate(PersonaDraft, fields)
    picture = store.personas.avatar_image(source.id)
    items = store.items.for_persona(source.id)
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


def canvases_for_persona(store: Store, actor: Actor, persona_id: str) -> list[Canvas]:
    persona = _persona(store, actor, persona_id, "read")
    return store.personas.canvases(persona.id)


def create_canvas_from_persona(store: Store, actor: Actor, persona_id: str, name: str) -> Canvas:
    """A canvas whose customer profile is this persona's items (the same rows)."""
    from canvas import canvases

    persona = _persona(store, actor, persona_id, "edit")
    segment = _live_segment(store, persona)
    return canvases.create_canvas(
        store,
        actor,
        persona.project_id,
        name,
        segment_id=segment.id if segment else None,
        persona_id=persona.id,
    )


def _live_segment(store: Store, persona: Persona) -> Segment | None:
    """The persona's segment, unless it is in the trash (or, which can't happen, elsewhere)."""
    if not persona.segment_id:
        return None
    try:
        segment = store.segments.get(persona.segment_id)
    except NotFound:
        return None
    return segment if segment.project_id == persona.project_id else None


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

    def codes(self, lang: str) -> dict[str, str]:
        """Note id -> code (K1, PL2 ...). These notes are the very rows every canvas made from
        the persona shows as its customer profile, so the board gives them the same codes."""
        return note_codes((item for items in self.profile.values() for item in items), lang)


def segment_filter_matches(entry: PersonaEntry, chosen: str | None) -> bool:
    if not chosen:
        return True
    if chosen == UNASSIGNED:
        return entry.segment is None
    return entry.segment is not None and entry.segment.id == chosen


def gallery(store: Store, actor: Actor, project_id: str, segment: str | None = None) -> list[PersonaEntry]:
    """Every live persona with its segment and ranked profile: three queries in all.
    Notes hidden in a running workshop (until the reveal) are left out.

    `segment` filters: a segment id, UNASSIGNED, or None for all.
    """
    project = access.project_scope(store, actor, project_id, "read")
    segments = {s.id: s for s in store.segments.list_for_project(project.id)}
    personas = store.personas.list_for_project(project.id)
    items = store.personas.visible_profile_items(project.id)
    entries: list[PersonaEntry] = []
    for persona in personas:
        profile: dict[Area, list[CanvasItem]] = {area: [] for area in PROFILE_AREAS}
        for item in items.get(persona.id, []):
            if item.area in profile:
                profile[item.area].append(item)
        for ranked in profile.values():
            ranked.sort(key=importance)
        entry = PersonaEntry(persona, segments.get(persona.segment_id or ""), profile)
        if segment_filter_matches(entry, segment):
            entries.append(entry)
    return entries


def entry(store: Store, actor: Actor, project_id: str, persona_id: str) -> PersonaEntry:
    """One persona of the project, with its live segment and ranked profile."""
    project = access.project_scope(store, actor, project_id, "read")
    persona = access.in_project(store.personas.get(persona_id), project)
    return PersonaEntry(persona, _live_segment(store, persona), profile_items(store, actor, persona.id))
