"""Version history for the pages: the timeline, snapshots, comparing two moments, restoring.

Every function takes `store, actor` and resolves the project or canvas through
projects.access first, like every other domain call. The history rows themselves are
written by storage, in the transaction of each change (storage/history.py); this module
reads them, takes snapshots and restores.

A restore never overwrites: it writes the snapshot's notes and links over the canvas as
ordinary changes (each one in the timeline), after saving the canvas as it was in an
automatic "before restore" snapshot. Undoing a restore is restoring that snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from canvas.codes import note_codes
from canvas.models import NoteOwner, is_profile_area
from core.actors import Actor
from core.authorship import IMPORT, Author, author_of, writing_as
from core.errors import InvalidInput, NilaiError, NotFound
from core.models import utcnow
from history.diff import CanvasDiff, CanvasState, canvas_state, diff_canvas
from projects.access import canvas_scope, project_scope, reach
from storage.history import PAGE_SIZE, TimelineFilter
from storage.store import Store

NOW = "now"
SNAPSHOT_NAME_MAX = 120
# Snapshots one project keeps at most by hand (each holds every note of the project): a
# flood of clicks can't fill the disk. Automatic ones (workshops, imports, restores) are
# not refused: the change they guard matters more than the count.
MANUAL_SNAPSHOTS_MAX = 200
# Kinds of snapshot: taken by hand, when a workshop starts / ends, on import, before a restore.
SNAPSHOT_KINDS = ("manual", "workshop_start", "workshop_end", "import", "before_restore")
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


class RestoreBlocked(NilaiError):
    """A restore would break a reference; `affected` lists what, in words the page shows."""

    key = "history.error.restore_blocked"

    def __init__(self, affected: list[str]) -> None:
        self.affected = affected
        super().__init__(self.key, count=len(affected))


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


@dataclass(frozen=True)
class Snapshot:
    id: str
    name: str
    kind: str
    who: str
    created_at: datetime
    revision: int


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


def _snapshot(row: dict[str, Any]) -> Snapshot:
    return Snapshot(row["id"], row["name"], row["kind"], row["who"], row["created_at"], row["revision"])


# -- the timeline ----------------------------------------------------------------------------


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


# -- snapshots -------------------------------------------------------------------------------


def snapshots(store: Store, actor: Actor, project_id: str) -> list[Snapshot]:
    project = project_scope(store, actor, project_id, "read")
    return [_snapshot(row) for row in store.history.snapshots(project.id)]


def _clean_name(name: str) -> str:
    clean = " ".join(str(name or "").split())[:SNAPSHOT_NAME_MAX]
    if not clean:
        raise InvalidInput([("name", "history.error.snapshot_name", {})])
    return clean


def take_snapshot(store: Store, actor: Actor, project_id: str, name: str, *, kind: str = "manual") -> Snapshot:
    """Save the project's canvases as they are now under a name ("Sebelum wawancara")."""
    clean = _clean_name(name)
    project = project_scope(store, actor, project_id, "edit")
    if store.history.count_snapshots(project.id, kind="manual") >= MANUAL_SNAPSHOTS_MAX:
        raise InvalidInput([("name", "history.error.too_many_snapshots", {"limit": MANUAL_SNAPSHOTS_MAX})])
    with store.db.transaction() as conn:
        return _save(store, conn, project.id, clean, kind, author_of(actor))


def _save(store: Store, conn: Any, project_id: str, name: str, kind: str, author: Author) -> Snapshot:
    row = store.history.save_snapshot_in(conn, project_id, name, kind, author.name)
    with writing_as(author):
        store.history.record_in(
            conn, project_id, "snapshot.add", label=name, detail={"snapshot_id": row["id"], "kind": kind}
        )
    return _snapshot(row)


def snapshot_in(store: Store, conn: Any, project_id: str, name: str, kind: str, author: Author = IMPORT) -> Snapshot:
    """An automatic snapshot inside the caller's transaction (a workshop starting or ending,
    an import): the caller has already checked the actor's scope."""
    return _save(store, conn, project_id, name[:SNAPSHOT_NAME_MAX], kind, author)


def delete_snapshot(store: Store, actor: Actor, project_id: str, snapshot_id: str) -> None:
    project = project_scope(store, actor, project_id, "edit")
    row = store.history.snapshot(snapshot_id)
    if row is None or row["project_id"] != project.id:
        raise NotFound("history.error.snapshot_not_found")
    store.history.delete_snapshot(snapshot_id)


# -- comparing two moments -------------------------------------------------------------------


def _content(store: Store, project_id: str, moment: str, canvas: Any = None) -> dict[str, Any]:
    if moment == NOW:
        with store.db.reading() as conn:
            if canvas is None:
                return store.history.capture_in(conn, project_id)
            return store.history.capture_in(conn, project_id, canvas_id=canvas.id, persona_id=canvas.persona_id)
    row = store.history.snapshot(moment)
    if row is None or row["project_id"] != project_id:
        raise NotFound("history.error.snapshot_not_found")
    return row["content"]


def compare(store: Store, actor: Actor, canvas_id: str, older: str, newer: str = NOW) -> CanvasDiff:
    """The canvas at moment `older` against moment `newer` (a snapshot id, or NOW)."""
    canvas = canvas_scope(store, actor, canvas_id, "read")
    before = canvas_state(_content(store, canvas.project_id, older, canvas), canvas.id)
    after = canvas_state(_content(store, canvas.project_id, newer, canvas), canvas.id)
    return diff_canvas(before, after)


# -- restoring -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Restored:
    undo_snapshot_id: str  # restoring this snapshot undoes the restore
    brought_back: int
    removed: int
    changed: int


def _blockers(store: Store, conn: Any, project_id: str, target: CanvasState, now: CanvasState) -> list[str]:
    """What a restore to `target` would break, in words (note texts), or nothing."""
    affected: list[str] = []
    live_personas = store.history.live_persona_ids_in(conn, project_id)
    for note in target.notes.values():
        # A profile note of a persona that is gone, or no longer this canvas's persona.
        if note.persona_id and (note.persona_id not in live_personas or note.persona_id != now.persona_id):
            affected.append(note.text)
    going = [note_id for note_id in now.notes if note_id not in target.notes]
    for ref in store.history.references_to_in(conn, going, now.canvas_id):
        text = now.notes[ref["item_id"]].text
        affected.append(f"{text} → {ref['label']}" if ref.get("label") else text)
    return sorted(set(affected))


def restore_canvas(store: Store, actor: Actor, canvas_id: str, snapshot_id: str) -> Restored:
    """Bring the canvas back to a snapshot, as a new version. Refused (RestoreBlocked, with
    what would be affected) when it would break a reference. Undo: restore `undo_snapshot_id`."""
    canvas = canvas_scope(store, actor, canvas_id, "edit")
    reach(store, actor, canvas.project_id, "edit")  # the project's editors only, not a workshop's people
    target_content = _content(store, canvas.project_id, snapshot_id)
    snap = store.history.snapshot(snapshot_id) or {}
    snap_name, snap_kind = snap.get("name", ""), snap.get("kind", "manual")
    author = author_of(actor)
    with store.db.transaction() as conn, writing_as(author):
        live = store.history.capture_in(conn, canvas.project_id, canvas_id=canvas.id, persona_id=canvas.persona_id)
        now = canvas_state(live, canvas.id)
        target = canvas_state(target_content, canvas.id)
        if not target.exists:
            raise NotFound("history.error.canvas_not_in_snapshot")
        blocked = _blockers(store, conn, canvas.project_id, target, now)
        if blocked:
            raise RestoreBlocked(blocked)
        undo = store.history.save_snapshot_in(conn, canvas.project_id, snap_name, "before_restore", author.name)
        counts = _apply(store, conn, canvas.project_id, canvas.id, target, now)
        store.history.record_in(
            conn,
            canvas.project_id,
            "canvas.restore",
            label=snap_name,
            canvas_id=canvas.id,
            detail={"snapshot_id": snapshot_id, "kind": snap_kind, "undo_snapshot_id": undo["id"], **counts},
        )
        return Restored(undo["id"], counts["brought_back"], counts["removed"], counts["changed"])


def _apply(
    store: Store, conn: Any, project_id: str, canvas_id: str, target: CanvasState, now: CanvasState
) -> dict[str, int]:
    """Write the target's notes and links over the canvas: each write is an ordinary,
    versioned change with its own history row."""
    counts = {"brought_back": 0, "removed": 0, "changed": 0}
    # One timestamp for the notes and links this restore trashes: restoring one of those notes
    # later (canvas.notes.restore_note) brings its links back with it, as after any delete.
    when = utcnow()
    stored = store.history.rows_with_ids_in(conn, "items", list(target.notes))
    for note_id in now.notes:
        if note_id not in target.notes:
            store.items.trash_in(conn, note_id, when)
            counts["removed"] += 1
    for note in target.notes.values():
        wanted = {
            "area": note.area,
            "text": note.text,
            "rank": note.rank,
            "position": note.position,
            "evidence": note.evidence,
            "canvas_id": note.canvas_id,
            "persona_id": note.persona_id,
        }
        row = stored.get(note.id)
        if row is None:  # never stored here (an imported snapshot): a new note with its id
            store.items.insert_in(conn, project_id, {**wanted, "id": note.id, "author": note.author})
            counts["brought_back"] += 1
            continue
        if row["deleted_at"] is not None or row["merged_into"] is not None:
            if row["deleted_at"] is not None:
                store.items.untrash_in(conn, note.id)
                row = store.history.rows_with_ids_in(conn, "items", [note.id])[note.id]
            counts["brought_back"] += 1
        elif any(row[k] != v for k, v in wanted.items()):
            counts["changed"] += 1
        different = {k: v for k, v in wanted.items() if row[k] != v}
        if row["merged_into"] is not None:
            different["merged_into"] = None
        if different:
            store.items.update_in(conn, note.id, row["version"], different)
    live_links = {(link.source_id, link.target_id): link for link in store.links.for_canvas(canvas_id, conn=conn)}
    gone = [link.id for key, link in live_links.items() if key not in target.links]
    store.links.hide_in(conn, gone, when)
    stored_links = store.history.rows_with_ids_in(conn, "links", [link.id for link in target.links.values()])
    for key, link in target.links.items():
        live = live_links.get(key)
        if live is not None:
            if live.strength != link.strength:
                store.links.update_in(conn, live.id, live.version, {"strength": link.strength})
            continue
        row = stored_links.get(link.id)
        if row is not None and row["canvas_id"] == canvas_id:
            store.links.unhide_in(conn, [link.id])
            if row["strength"] != link.strength:
                store.links.update_in(conn, link.id, row["version"] + 1, {"strength": link.strength})
        else:
            values = {
                "canvas_id": canvas_id,
                "source_id": link.source_id,
                "target_id": link.target_id,
                "strength": link.strength,
            }
            store.links.insert_in(conn, project_id, values)
    store.bump(conn, project_id)
    return counts


def undo_restore(store: Store, actor: Actor, canvas_id: str, undo_snapshot_id: str) -> Restored:
    """Undo a restore: bring the canvas back to how it was right before (itself a restore)."""
    return restore_canvas(store, actor, canvas_id, undo_snapshot_id)


# -- export ----------------------------------------------------------------------------------


def history_for_export(store: Store, actor: Actor, project_id: str) -> dict[str, list[dict[str, Any]]]:
    """The project's timeline (oldest first) and snapshots, for a JSON export that asks for them."""
    project = project_scope(store, actor, project_id, "read")
    return {
        "entries": store.history.all_for_project(project.id),
        "snapshots": store.history.snapshots_for_export(project.id),
    }


# -- one deleted note ------------------------------------------------------------------------


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
