"""Version history: the change log written beside every write, and named snapshots.

`record_change` is called by the repositories' write methods (storage/repository.py,
storage/canvases.py, storage/competitors.py) with the open transaction, so a history row
commits with its change or not at all. What the change means (its kind and detail, and who
made it) is history/changes.py's; the SQL is here.

The timeline is read a page at a time with a keyset cursor on `seq` (the index
(project_id, seq) serves it), so the first page costs the same on 20,000 changes as on 20.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from core.authorship import Author, current_author
from core.models import utcnow
from history.changes import LABEL_MAX, history_row
from storage import tables
from storage.on_canvas import on_canvas
from storage.revisions import pending_bumps

PAGE_SIZE = 50


def record_change(
    conn: sa.Connection, table_name: str, action: str, before: Any, after: Any, touched: Iterable[str] = ()
) -> None:
    """Write the history row of one change, in the caller's (the change's) transaction."""
    row = history_row(table_name, action, before, after, touched=touched)
    if row is not None:
        conn.execute(tables.history.insert().values(**row))


def record_event(
    conn: sa.Connection,
    project_id: str,
    kind: str,
    *,
    label: str = "",
    detail: dict[str, Any] | None = None,
    canvas_id: str | None = None,
    author: Author | None = None,
) -> None:
    """A history row for something that is not one row's change (an import, a restore, a snapshot)."""
    who = author or current_author()
    conn.execute(
        tables.history.insert().values(
            project_id=project_id,
            at=utcnow(),
            who=(who.name or "")[:200],
            who_kind=who.kind,
            kind=kind,
            entity=kind.split(".", 1)[0],
            canvas_id=canvas_id,
            label=label[:LABEL_MAX],
            detail=detail or {},
        )
    )


def record_rows(conn: sa.Connection, rows: Iterable[dict[str, Any]]) -> None:
    """Insert history rows as they are (an import that carries its history)."""
    batch = list(rows)
    if batch:
        conn.execute(tables.history.insert(), batch)


# -- reading the timeline -------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineFilter:
    canvas_id: str | None = None
    persona_id: str | None = None  # the canvas's persona: its profile notes are on the canvas too
    who: str | None = None
    who_kind: str | None = None  # with who="": the unnamed ones of a kind (the workspace, an import)
    entity: str | None = None


HISTORY_COLUMNS = [c for c in tables.history.c]


class HistoryRepository:
    def __init__(self, db: Any) -> None:
        self.db = db

    def page(
        self,
        project_id: str,
        *,
        before_seq: int | None = None,
        where: TimelineFilter | None = None,
        limit: int = PAGE_SIZE,
    ) -> list[dict[str, Any]]:
        """Newest first, `limit` rows older than `before_seq` (keyset: no OFFSET to scan past)."""
        t = tables.history
        query = sa.select(*HISTORY_COLUMNS).where(t.c.project_id == project_id)
        if before_seq is not None:
            query = query.where(t.c.seq < before_seq)
        where = where or TimelineFilter()
        if where.canvas_id:
            query = query.where(on_canvas(t, where.canvas_id, where.persona_id))
        if where.who is not None:
            query = query.where(t.c.who == where.who)
        if where.who_kind:
            query = query.where(t.c.who_kind == where.who_kind)
        if where.entity:
            query = query.where(t.c.entity == where.entity)
        query = query.order_by(t.c.seq.desc()).limit(limit)
        with self.db.reading() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def people(self, project_id: str) -> list[tuple[str, str]]:
        """Everyone the timeline names, as (kind, name)."""
        t = tables.history
        query = sa.select(t.c.who_kind, t.c.who).where(t.c.project_id == project_id).distinct()
        with self.db.reading() as conn:
            return sorted((row.who_kind, row.who) for row in conn.execute(query))

    def entry(self, project_id: str, seq: int) -> dict[str, Any] | None:
        t = tables.history
        with self.db.reading() as conn:
            row = conn.execute(sa.select(*HISTORY_COLUMNS).where(t.c.project_id == project_id, t.c.seq == seq)).first()
        return None if row is None else dict(row._mapping)

    def note_texts(self, project_id: str, ids: list[str]) -> dict[str, str]:
        """The texts of these notes, live or in the trash (a timeline names link ends by them)."""
        if not ids:
            return {}
        t = tables.items
        query = sa.select(t.c.id, t.c.text).where(t.c.project_id == project_id, t.c.id.in_(ids))
        with self.db.reading() as conn:
            return {row.id: row.text for row in conn.execute(query)}

    def row_names(self, project_id: str, ids: list[str]) -> dict[str, str]:
        """Names of factors and offerings (live or in the trash) that score entries point at."""
        if not ids:
            return {}
        names: dict[str, str] = {}
        with self.db.reading() as conn:
            for table in (tables.factors, tables.competitors):
                query = sa.select(table.c.id, table.c.name).where(table.c.project_id == project_id, table.c.id.in_(ids))
                names.update({row.id: row.name for row in conn.execute(query)})
        return names

    def trashed_note_ids(self, project_id: str, ids: list[str]) -> set[str]:
        """Which of these notes are in the trash now (the timeline offers to restore those)."""
        if not ids:
            return set()
        t = tables.items
        query = sa.select(t.c.id).where(t.c.project_id == project_id, t.c.id.in_(ids), t.c.deleted_at.is_not(None))
        with self.db.reading() as conn:
            return set(conn.execute(query).scalars())

    def count(self, project_id: str) -> int:
        t = tables.history
        with self.db.reading() as conn:
            return conn.execute(sa.select(sa.func.count()).where(t.c.project_id == project_id)).scalar_one()

    def all_for_project(self, project_id: str) -> list[dict[str, Any]]:
        """Oldest first: what a JSON export that includes the history carries."""
        t = tables.history
        with self.db.reading() as conn:
            rows = conn.execute(sa.select(*HISTORY_COLUMNS).where(t.c.project_id == project_id).order_by(t.c.seq))
            return [dict(row._mapping) for row in rows]

    def record_in(self, conn: sa.Connection, project_id: str, kind: str, **event: Any) -> None:
        """An event of the project (a snapshot, a restore, an import) in the caller's transaction."""
        record_event(conn, project_id, kind, **event)

    # -- snapshots -------------------------------------------------------------------------

    def capture_in(
        self, conn: sa.Connection, project_id: str, *, canvas_id: str | None = None, persona_id: str | None = None
    ) -> dict[str, Any]:
        """The project's canvases, personas (names) and their live notes and links, now. With
        `canvas_id`, only that canvas's notes (its persona's profile too) and links: what a
        comparison with now needs, without reading a big project's other canvases."""
        content: dict[str, Any] = {}
        for table, columns in (
            (tables.canvases, ("id", "name", "persona_id", "segment_id")),
            (tables.personas, ("id", "name")),
            (tables.segments, ("id", "name")),
            (
                tables.items,
                ("id", "canvas_id", "persona_id", "area", "text", "rank", "position", "author", "evidence", "hidden"),
            ),
            (tables.links, ("id", "canvas_id", "source_id", "target_id", "strength")),
        ):
            query = sa.select(*[table.c[name] for name in columns]).where(
                table.c.project_id == project_id, table.c.deleted_at.is_(None)
            )
            if table is tables.items:
                query = query.where(table.c.merged_into.is_(None))
                if canvas_id:
                    query = query.where(on_canvas(table, canvas_id, persona_id))
            if table is tables.links and canvas_id:
                query = query.where(table.c.canvas_id == canvas_id)
            content[table.name] = [dict(zip(columns, row, strict=True)) for row in conn.execute(query)]
        return content

    def save_snapshot_in(
        self, conn: sa.Connection, project_id: str, name: str, kind: str, who: str = ""
    ) -> dict[str, Any]:
        now = utcnow()
        revision = conn.execute(
            sa.select(tables.projects.c.revision).where(tables.projects.c.id == project_id)
        ).scalar_one() + pending_bumps(conn, project_id)  # the revision this transaction commits
        row = {
            "id": uuid.uuid4().hex,
            "version": 1,
            "created_at": now,
            "updated_at": now,
            "project_id": project_id,
            "name": name[:200],
            "kind": kind,
            "who": who[:200],
            "revision": revision,
            "content": self.capture_in(conn, project_id),
        }
        conn.execute(tables.history_snapshots.insert().values(**row))
        return row

    def count_snapshots(self, project_id: str, *, kind: str) -> int:
        t = tables.history_snapshots
        query = sa.select(sa.func.count()).where(
            t.c.project_id == project_id, t.c.kind == kind, t.c.deleted_at.is_(None)
        )
        with self.db.reading() as conn:
            return conn.execute(query).scalar_one()

    def snapshots(self, project_id: str) -> list[dict[str, Any]]:
        """The project's snapshots, newest first, without their content."""
        t = tables.history_snapshots
        columns = [c for c in t.c if c.name != "content"]
        query = (
            sa.select(*columns)
            .where(t.c.project_id == project_id, t.c.deleted_at.is_(None))
            .order_by(t.c.created_at.desc())
        )
        with self.db.reading() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def snapshot(self, snapshot_id: str, *, conn: sa.Connection | None = None) -> dict[str, Any] | None:
        t = tables.history_snapshots
        query = sa.select(t).where(t.c.id == snapshot_id, t.c.deleted_at.is_(None))
        if conn is not None:
            row = conn.execute(query).first()
        else:
            with self.db.reading() as reader:
                row = reader.execute(query).first()
        return None if row is None else dict(row._mapping)

    def delete_snapshot(self, snapshot_id: str) -> None:
        t = tables.history_snapshots
        with self.db.transaction() as conn:
            conn.execute(sa.update(t).where(t.c.id == snapshot_id).values(deleted_at=utcnow(), updated_at=utcnow()))

    def rows_with_ids_in(self, conn: sa.Connection, table_name: str, ids: list[str]) -> dict[str, dict[str, Any]]:
        """Rows of items or links by id, live or in the trash (a restore looks at both)."""
        if not ids:
            return {}
        table = {"items": tables.items, "links": tables.links}[table_name]
        rows = conn.execute(sa.select(table).where(table.c.id.in_(ids)))
        return {row.id: dict(row._mapping) for row in rows}

    def references_to_in(self, conn: sa.Connection, item_ids: list[str], canvas_id: str) -> list[dict[str, Any]]:
        """Live rows elsewhere that point at these notes: links of other canvases, competitor
        factors and ERRC moves made from them. A restore that would trash the notes is refused."""
        if not item_ids:
            return []
        found: list[dict[str, Any]] = []
        links = tables.links
        for row in conn.execute(
            sa.select(links.c.id, links.c.source_id, links.c.target_id).where(
                links.c.deleted_at.is_(None),
                links.c.canvas_id != canvas_id,
                sa.or_(links.c.source_id.in_(item_ids), links.c.target_id.in_(item_ids)),
            )
        ):
            item_id = row.source_id if row.source_id in item_ids else row.target_id
            found.append({"kind": "link", "id": row.id, "item_id": item_id})
        for table, kind in ((tables.factors, "factor"), (tables.errc_moves, "errc")):
            label = table.c.name if "name" in table.c else table.c.text
            for row in conn.execute(
                sa.select(table.c.id, table.c.source_item_id, label.label("label")).where(
                    table.c.deleted_at.is_(None), table.c.source_item_id.in_(item_ids)
                )
            ):
                found.append({"kind": kind, "id": row.id, "item_id": row.source_item_id, "label": row.label})
        return found

    def live_persona_ids_in(self, conn: sa.Connection, project_id: str) -> set[str]:
        t = tables.personas
        return set(
            conn.execute(sa.select(t.c.id).where(t.c.project_id == project_id, t.c.deleted_at.is_(None))).scalars()
        )

    def snapshots_for_export(self, project_id: str) -> list[dict[str, Any]]:
        t = tables.history_snapshots
        with self.db.reading() as conn:
            query = sa.select(t).where(t.c.project_id == project_id, t.c.deleted_at.is_(None)).order_by(t.c.created_at)
            return [dict(row._mapping) for row in conn.execute(query)]

    def import_in(
        self, conn: sa.Connection, project_id: str, entries: list[dict[str, Any]], snapshots: list[dict[str, Any]]
    ) -> None:
        """History and snapshots carried by an imported file, under the new project."""
        if entries:
            conn.execute(tables.history.insert(), [{**entry, "project_id": project_id} for entry in entries])
        if snapshots:
            now = utcnow()
            conn.execute(
                tables.history_snapshots.insert(),
                [
                    {
                        **snap,
                        "id": uuid.uuid4().hex,
                        "project_id": project_id,
                        "version": 1,
                        "updated_at": now,
                        "deleted_at": None,
                    }
                    for snap in snapshots
                ],
            )


def delete_history_rows(conn: sa.Connection, project_id: str) -> None:
    """Remove a project's history and snapshots (the project is being purged for good)."""
    conn.execute(sa.delete(tables.history).where(tables.history.c.project_id == project_id))
    conn.execute(sa.delete(tables.history_snapshots).where(tables.history_snapshots.c.project_id == project_id))
