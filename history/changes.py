"""What a change means: its kind ("note.move", "score.set"...) and detail, read from a row
before and after, and who made it (core.authorship). No SQL here: storage/history.py
writes the row this module builds, in the change's own transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from enum import Enum
from typing import Any

from core.authorship import Author, current_author
from core.models import utcnow

# Table name -> the entity the timeline speaks of.
ENTITIES: dict[str, str] = {
    "segments": "segment",
    "personas": "persona",
    "canvases": "canvas",
    "items": "note",
    "links": "link",
    "competitors": "competitor",
    "factors": "factor",
    "scores": "score",
    "errc_moves": "errc",
    "projects": "project",
    "test_cards": "test_card",
    "assumption_placements": "placement",
    "feedback_themes": "theme",
    "feedback_actions": "action",
}
LABEL_MAX = 200
# What a note's history row keeps of it (enough to say what changed and to restore it).
NOTE_DETAIL = ("area", "text", "rank", "position", "canvas_id", "persona_id", "author")
# What a test card's row keeps: its notes (ids and the texts it captured, so a deleted note
# keeps a readable name) and, once closed, its result.
CARD_DETAIL = ("status", "experiment", "item_ids", "item_texts", "measured", "passed", "decision")
# Fields of a row whose change alone is not a change of content (bookkeeping).
QUIET = {"version", "updated_at", "created_at", "hidden", "revision", "importing_since"}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def _as_dict(row: Any) -> dict[str, Any]:
    if row is None:
        return {}
    if isinstance(row, Mapping):
        return dict(row)
    if hasattr(row, "model_dump"):
        return row.model_dump()
    return dict(row._mapping)


def _label(row: Mapping[str, Any]) -> str:
    for key in ("text", "name", "title", "hypothesis"):
        value = row.get(key)
        if isinstance(value, str) and value:
            return value[:LABEL_MAX]
    if "value" in row and row.get("value") is not None:
        return str(row["value"])
    return ""


def _note_kind(before: Mapping[str, Any], after: Mapping[str, Any]) -> str | None:
    changed = {k for k in after if k not in QUIET and _plain(after.get(k)) != _plain(before.get(k))}
    if not changed:
        return None
    if "merged_into" in changed and after.get("merged_into"):
        return "note.merge"
    if changed & {"area", "canvas_id", "persona_id"}:
        return "note.move"
    if "text" in changed:
        return "note.edit"
    if changed == {"rank"} or changed == {"rank", "position"}:
        return "note.rank"
    if changed == {"position"}:
        return "note.move"
    return "note.edit"


def _work_kind(entity: str, action: str, before: Mapping[str, Any], after: Mapping[str, Any]) -> str | None:
    """Test cards, map placements, theme decisions, improvement actions (None: not one of those)."""
    if entity == "test_card" and action == "edit":
        status = after.get("status")
        if status != before.get("status"):
            return {"running": "test_card.start", "done": "test_card.close"}.get(str(status), "test_card.edit")
        return "test_card.edit"
    if entity == "placement":
        return "placement.reset" if action == "delete" else "placement.move"
    if entity == "theme" and action == "edit":
        return "quiet"  # the accepted theme's note id, written just after the decision
    if entity == "theme" and action == "add":
        return f"theme.{after.get('status') or 'accepted'}"
    if entity == "action" and action == "edit" and after.get("status") != before.get("status"):
        return "action.status"
    return None


def _kind(
    entity: str, action: str, before: Mapping[str, Any], after: Mapping[str, Any], unseen: bool = False
) -> str | None:
    if entity == "note" and action == "edit":
        return _note_kind(before, after)
    if action == "edit" and not unseen:
        changed = {k for k in after if k not in QUIET and _plain(after.get(k)) != _plain(before.get(k))}
        if not changed:
            return None
    work = _work_kind(entity, action, before, after)
    if work:
        return None if work == "quiet" else work
    if action == "edit":
        changed = {k for k in after if k not in QUIET and _plain(after.get(k)) != _plain(before.get(k))}
        if not changed and not unseen:
            return None
        if entity == "link":
            return "link.change"
        if entity == "score":
            return "score.set"
    if entity == "score":
        return {"add": "score.set", "restore": "score.set", "delete": "score.clear"}.get(action, "score.set")
    return f"{entity}.{action}"


def _detail(entity: str, before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    if entity == "note":
        detail: dict[str, Any] = {k: _plain(after.get(k)) for k in NOTE_DETAIL if k in after}
        detail.update({f"old_{k}": _plain(before.get(k)) for k in NOTE_DETAIL if k in before})
        return detail
    if entity == "link":
        source = after or before
        detail = {k: source.get(k) for k in ("source_id", "target_id", "strength")}
        if before and after and before.get("strength") != after.get("strength"):
            detail["old_strength"] = before.get("strength")
        return detail
    if entity == "test_card":
        return {k: _plain((after or before).get(k)) for k in CARD_DETAIL}
    if entity == "placement":
        source = after or before
        return {
            "item_id": source.get("item_id"),
            "importance": after.get("importance"),
            "evidence": after.get("evidence"),
            "old_importance": before.get("importance"),
            "old_evidence": before.get("evidence"),
        }
    if entity == "theme":
        source = after or before
        return {k: source.get(k) for k in ("kind", "status", "item_id", "comment_count")}
    if entity == "action":
        source = after or before
        return {"status": source.get("status"), "old_status": before.get("status"), "owner": source.get("owner")}
    if entity == "score":
        source = after or before
        return {
            "value": after.get("value"),
            "old_value": before.get("value"),
            "factor_id": source.get("factor_id"),
            "competitor_id": source.get("competitor_id"),
        }
    if before and after:
        changed = sorted(
            k for k in after if k not in QUIET and k != "avatar_image" and _plain(after[k]) != _plain(before.get(k))
        )
        detail = {"fields": changed}
        if "name" in changed:
            detail["old_name"] = before.get("name")
        return detail
    return {}


def history_row(
    table_name: str,
    action: str,
    before: Any,
    after: Any,
    *,
    author: Author | None = None,
    at: datetime | None = None,
    touched: Iterable[str] = (),
) -> dict[str, Any] | None:
    """The history row for one change of one row, or None when nothing worth telling changed.
    `touched`: the columns the write set, for those the row as read leaves out (a persona's photo)."""
    entity = ENTITIES.get(table_name)
    if entity is None:
        return None
    old, new = _as_dict(before), _as_dict(after)
    unseen = sorted(set(touched) - set(new) - QUIET)
    kind = _kind(entity, action, old, new, bool(unseen))
    if kind is None:
        return None
    row = new or old
    who = author or current_author()
    project_id = row.get("id") if entity == "project" else row.get("project_id")
    if not project_id:
        return None
    return {
        "project_id": project_id,
        "at": at or utcnow(),
        "who": (who.name or "")[:200],
        "who_kind": who.kind,
        "kind": kind,
        "entity": entity,
        "target_id": row.get("id"),
        "canvas_id": row.get("canvas_id") if entity != "canvas" else row.get("id"),
        "persona_id": row.get("persona_id") if entity != "persona" else row.get("id"),
        "label": _label(row),
        "detail": {**_detail(entity, old, new), **({"unseen": ",".join(unseen)} if unseen else {})},
    }
