"""The optional `history` part of a JSON export (schema v2): the timeline and the snapshots.

Off by default (files get big). In the file every id is a local one: rows the document
carries keep their document id ("i7"), rows that are gone (a note deleted long ago) get
"x1", "x2"... so entries and snapshots still agree about which note they mean. An import
validates the part like the rest of the file and gives every id a fresh one, so nothing
in a file can point at a row of another project.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from canvas.models import NOTE_MAX, Area
from core.models import UserText

DocId = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]
Kind = Annotated[str, StringConstraints(max_length=30, pattern=r"^[a-z_]+\.[a-z_]+$")]
DetailKey = Annotated[str, StringConstraints(max_length=40, pattern=r"^[a-z_]+$")]
DetailValue = Annotated[str, StringConstraints(max_length=NOTE_MAX * 2)] | int | float | bool | None
WhoKind = Literal["workspace", "participant", "facilitator", "group", "lecturer", "import", "system"]
SnapshotKind = Literal["manual", "workshop_start", "workshop_end", "import", "before_restore"]
MAX_ENTRIES = 100_000
MAX_SNAPSHOTS = 500
# What an export carries at most: the newest changes and snapshots (each snapshot holds every
# note of the project), so the file stays importable (export.reader.MAX_BYTES).
EXPORT_ENTRIES = MAX_ENTRIES
EXPORT_SNAPSHOTS = 50
# Detail values that name a row: mapped like every other id.
ID_DETAILS = ("source_id", "target_id", "canvas_id", "persona_id", "old_canvas_id", "old_persona_id", "snapshot_id")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DocHistoryEntry(_Strict):
    at: datetime
    who: Annotated[str, UserText(max_length=200)] = ""
    who_kind: WhoKind = "system"
    kind: Kind
    target_id: DocId | None = None
    canvas_id: DocId | None = None
    persona_id: DocId | None = None
    label: Annotated[str, UserText(max_length=NOTE_MAX)] = ""
    detail: dict[DetailKey, DetailValue] = Field(default_factory=dict, max_length=40)


class DocSnapCanvas(_Strict):
    id: DocId
    name: Annotated[str, UserText(max_length=200)] = ""
    persona_id: DocId | None = None
    segment_id: DocId | None = None


class DocSnapNamed(_Strict):
    id: DocId
    name: Annotated[str, UserText(max_length=200)] = ""


class DocSnapItem(_Strict):
    id: DocId
    canvas_id: DocId | None = None
    persona_id: DocId | None = None
    area: Area
    text: Annotated[str, UserText(max_length=NOTE_MAX)]
    rank: int = Field(3, ge=1, le=5)
    position: float = 0
    author: Annotated[str, UserText(max_length=200)] | None = None
    evidence: Literal["assumption", "observed", "validated"] = "assumption"
    hidden: bool = False


class DocSnapLink(_Strict):
    id: DocId
    canvas_id: DocId
    source_id: DocId
    target_id: DocId
    strength: Literal["full", "partial"] = "full"


class DocSnapContent(_Strict):
    canvases: list[DocSnapCanvas] = []
    personas: list[DocSnapNamed] = []
    segments: list[DocSnapNamed] = []
    items: list[DocSnapItem] = []
    links: list[DocSnapLink] = []


class DocSnapshot(_Strict):
    name: Annotated[str, UserText(max_length=200)]
    kind: SnapshotKind = "manual"
    who: Annotated[str, UserText(max_length=200)] = ""
    created_at: datetime
    content: DocSnapContent


class DocHistory(_Strict):
    """A project's version history: its changes, oldest first, and its named snapshots."""

    entries: list[DocHistoryEntry] = Field(default_factory=list, max_length=MAX_ENTRIES)
    snapshots: list[DocSnapshot] = Field(default_factory=list, max_length=MAX_SNAPSHOTS)


class _Ids:
    """Real id -> document id: the document's own where it has one, else x1, x2..."""

    def __init__(self, known: dict[str, str]) -> None:
        self.known = dict(known)
        self.extra = 0

    def __call__(self, real: Any) -> str | None:
        if not isinstance(real, str) or not real:
            return None
        if real not in self.known:
            self.extra += 1
            self.known[real] = f"x{self.extra}"
        return self.known[real]

    def required(self, real: Any) -> str:
        """An id a stored snapshot row always has (its own, a link's canvas and ends)."""
        found = self(real)
        if found is None:
            raise ValueError(f"a snapshot row without an id: {real!r}")
        return found


def history_to_doc(history: dict[str, list[dict[str, Any]]] | None, ids: dict[str, str]) -> DocHistory | None:
    """The bundle's history in document form (ids: the real -> local map of the document)."""
    if history is None:
        return None
    local = _Ids(ids)
    entries = []
    for row in history.get("entries", [])[-EXPORT_ENTRIES:]:
        detail = {
            key: (local(value) if key in ID_DETAILS else value)
            for key, value in (row.get("detail") or {}).items()
            if isinstance(value, str | int | float | bool) or value is None
        }
        entries.append(
            DocHistoryEntry.model_construct(
                at=row["at"],
                who=row.get("who") or "",
                who_kind=row.get("who_kind") or "system",
                kind=row["kind"],
                target_id=local(row.get("target_id")),
                canvas_id=local(row.get("canvas_id")),
                persona_id=local(row.get("persona_id")),
                label=row.get("label") or "",
                detail=detail,
            )
        )
    snapshots = []
    for snap in history.get("snapshots", [])[-EXPORT_SNAPSHOTS:]:
        content = snap.get("content") or {}
        snapshots.append(
            DocSnapshot.model_construct(
                name=snap["name"],
                kind=snap.get("kind") or "manual",
                who=snap.get("who") or "",
                created_at=snap["created_at"],
                content=DocSnapContent.model_construct(
                    canvases=[
                        DocSnapCanvas.model_construct(
                            id=local.required(c["id"]),
                            name=c.get("name") or "",
                            persona_id=local(c.get("persona_id")),
                            segment_id=local(c.get("segment_id")),
                        )
                        for c in content.get("canvases", [])
                    ],
                    personas=[
                        DocSnapNamed.model_construct(id=local.required(p["id"]), name=p.get("name") or "")
                        for p in content.get("personas", [])
                    ],
                    segments=[
                        DocSnapNamed.model_construct(id=local.required(s["id"]), name=s.get("name") or "")
                        for s in content.get("segments", [])
                    ],
                    items=[
                        DocSnapItem.model_construct(
                            **{
                                **{k: i.get(k) for k in ("text", "rank", "position", "author", "evidence")},
                                "area": Area(i["area"]),
                                "hidden": bool(i.get("hidden")),
                                "id": local(i["id"]),
                                "canvas_id": local(i.get("canvas_id")),
                                "persona_id": local(i.get("persona_id")),
                            }
                        )
                        for i in content.get("items", [])
                    ],
                    links=[
                        DocSnapLink.model_construct(
                            id=local.required(k["id"]),
                            canvas_id=local.required(k["canvas_id"]),
                            source_id=local.required(k["source_id"]),
                            target_id=local.required(k["target_id"]),
                            strength=k.get("strength") or "full",
                        )
                        for k in content.get("links", [])
                    ],
                ),
            )
        )
    return DocHistory.model_construct(entries=entries, snapshots=snapshots)


class _Fresh:
    """Document id -> the new project's id; ids of rows the import didn't create get new ones."""

    def __init__(self, fresh: dict[str, str], new_id) -> None:
        self.fresh = dict(fresh)
        self.new_id = new_id

    def __call__(self, doc_id: Any) -> str | None:
        if not isinstance(doc_id, str) or not doc_id:
            return None
        if doc_id not in self.fresh:
            self.fresh[doc_id] = self.new_id()
        return self.fresh[doc_id]


def history_rows(doc: DocHistory, fresh: dict[str, str], new_id) -> tuple[list[dict], list[dict]]:
    """The document's history as rows for the new project: (entries, snapshots)."""
    ids = _Fresh(fresh, new_id)
    entries = []
    for entry in doc.entries:
        detail = {key: (ids(value) if key in ID_DETAILS else value) for key, value in entry.detail.items()}
        entries.append(
            {
                "at": entry.at,
                "who": entry.who,
                "who_kind": entry.who_kind,
                "kind": entry.kind,
                "entity": entry.kind.split(".", 1)[0],
                "target_id": ids(entry.target_id),
                "canvas_id": ids(entry.canvas_id),
                "persona_id": ids(entry.persona_id),
                "label": entry.label,
                "detail": detail,
            }
        )
    snapshots = []
    for snap in doc.snapshots:
        content = snap.content.model_dump(mode="json")
        for table, refs in (
            ("canvases", ("id", "persona_id", "segment_id")),
            ("personas", ("id",)),
            ("segments", ("id",)),
            ("items", ("id", "canvas_id", "persona_id")),
            ("links", ("id", "canvas_id", "source_id", "target_id")),
        ):
            for row in content[table]:
                for ref in refs:
                    row[ref] = ids(row.get(ref))
        snapshots.append(
            {"name": snap.name, "kind": snap.kind, "who": snap.who, "created_at": snap.created_at, "content": content}
        )
    return entries, snapshots
