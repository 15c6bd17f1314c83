"""Comparing two moments of a canvas, and restoring one.

A restore never overwrites: it writes the snapshot's notes and links over the canvas as
ordinary changes (each one in the timeline), after saving the canvas as it was in an
automatic "before restore" snapshot. Undoing a restore is restoring that snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.actors import Actor
from core.authorship import author_of, writing_as
from core.errors import NilaiError, NotFound
from core.models import utcnow
from history.diff import CanvasDiff, CanvasState, canvas_state, diff_canvas
from projects.access import canvas_scope, reach
from storage.store import Store

NOW = "now"


class RestoreBlocked(NilaiError):
    """A restore would break a reference; `affected` lists what, in words the page shows."""

    key = "history.error.restore_blocked"

    def __init__(self, affected: list[str]) -> None:
        self.affected = affected
        super().__init__(self.key, count=len(affected))


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
