"""Canvases, their notes (items) and fit links."""

from __future__ import annotations

import sqlalchemy as sa

from canvas.models import Canvas, CanvasItem, Link
from core.errors import StaleVersion
from core.models import utcnow
from storage import tables
from storage.on_canvas import on_canvas
from storage.repository import Reread, VersionedRepository


class CanvasRepository(VersionedRepository[Canvas]):
    table = tables.canvases
    model = Canvas

    def deleted_for_project(self, project_id: str) -> list[Canvas]:
        """The project's canvases in the trash, most recently deleted first."""
        t = self.table
        query = self._select().where(t.c.project_id == project_id, t.c.deleted_at.is_not(None))
        with self.db.reading() as conn:
            return self._rows_to_models(conn.execute(query.order_by(sa.desc(t.c.deleted_at))))

    def insert_first(self, project_id: str, values: dict) -> Canvas | None:
        """The project's first canvas, or None when it has one already. The project row is
        locked before the count (PostgreSQL row lock; SQLite writers queue on BEGIN
        IMMEDIATE), so two sessions opening a blank project together make one canvas."""
        t = self.table
        with self.db.transaction() as conn:
            conn.execute(sa.select(tables.projects.c.id).where(tables.projects.c.id == project_id).with_for_update())
            live = sa.select(sa.func.count()).where(t.c.project_id == project_id, t.c.deleted_at.is_(None))
            if conn.execute(live).scalar_one():
                return None
            return self.insert_in(conn, project_id, values)


class ItemRepository(VersionedRepository[CanvasItem]):
    table = tables.items
    model = CanvasItem
    not_found_key = "error.item_not_found"

    def _on_canvas(self, canvas: Canvas) -> sa.ColumnElement[bool]:
        t = self.table
        return sa.and_(on_canvas(t, canvas.id, canvas.persona_id), t.c.merged_into.is_(None))

    def for_canvas(self, canvas: Canvas) -> list[CanvasItem]:
        """The canvas's own value-map items plus its customer profile (persona's if it has one)."""
        return self.find(self._on_canvas(canvas))

    def for_canvas_again(self, canvas: Canvas, previous: Reread[CanvasItem] | None) -> Reread[CanvasItem]:
        """for_canvas for a live room that reads it many times a second."""
        return self.find_again(previous, self._on_canvas(canvas))

    def for_persona(self, persona_id: str) -> list[CanvasItem]:
        return self.find(self.table.c.persona_id == persona_id, self.table.c.merged_into.is_(None))

    def trash_in(self, conn: sa.Connection, item_id: str, when: object, expected_version: int | None = None) -> None:
        """Move a note to the trash at `when` (its links follow with the same timestamp). With a
        version, refuse if someone changed it meanwhile (checked in the UPDATE itself)."""
        t = self.table
        before = self.get(item_id, conn=conn, include_deleted=True) if self._records() else None
        conditions = [t.c.id == item_id, t.c.deleted_at.is_(None)]
        if expected_version is not None:
            conditions.append(t.c.version == expected_version)
        result = conn.execute(
            sa.update(t)
            .where(*conditions)
            .values(deleted_at=when, version=t.c.version + 1, updated_at=when)
            .returning(t.c.id)
        )
        if result.scalar_one_or_none() is None:
            raise StaleVersion(self.get(item_id, conn=conn, include_deleted=True))
        self._record(conn, "delete", before, before)

    def untrash_in(self, conn: sa.Connection, item_id: str) -> None:
        t = self.table
        conn.execute(
            sa.update(t).where(t.c.id == item_id).values(deleted_at=None, version=t.c.version + 1, updated_at=utcnow())
        )
        if self._records():
            restored = self.get(item_id, conn=conn)
            self._record(conn, "restore", restored, restored)

    def unhide_in(self, conn: sa.Connection, item_ids: list[str]) -> None:
        """Reveal notes written in private mode (one statement; the caller bumps the revision)."""
        if item_ids:
            t = self.table
            conn.execute(
                sa.update(t)
                .where(t.c.id.in_(item_ids), t.c.hidden.is_(True))
                .values(hidden=False, version=t.c.version + 1, updated_at=utcnow())
            )


class LinkRepository(VersionedRepository[Link]):
    table = tables.links
    model = Link

    def for_canvas(self, canvas_id: str, *, conn: sa.Connection | None = None) -> list[Link]:
        """The canvas's live links; inside the caller's transaction when given `conn`."""
        if conn is None:
            return self.find(self.table.c.canvas_id == canvas_id)
        t = self.table
        query = self._select().where(t.c.canvas_id == canvas_id, t.c.deleted_at.is_(None))
        return self._rows_to_models(conn.execute(query))

    def touching(self, conn: sa.Connection, item_id: str) -> list[Link]:
        """Live links that start or end at an item, read inside the caller's transaction."""
        t = self.table
        query = self._select().where(
            t.c.deleted_at.is_(None), sa.or_(t.c.source_id == item_id, t.c.target_id == item_id)
        )
        return self._rows_to_models(conn.execute(query))

    def hide_in(self, conn: sa.Connection, link_ids: list[str], when: object) -> None:
        """Soft-delete links together with the item they hang on (same timestamp, so undo finds them)."""
        if link_ids:
            if self._records():
                for link in self._rows_to_models(conn.execute(self._select().where(self.table.c.id.in_(link_ids)))):
                    if link.deleted_at is None:
                        self._record(conn, "delete", link, link)
            conn.execute(
                sa.update(self.table)
                .where(self.table.c.id.in_(link_ids))
                .values(deleted_at=when, version=self.table.c.version + 1, updated_at=utcnow())
            )

    def deleted_with(self, conn: sa.Connection, item_id: str, when: object) -> list[Link]:
        t = self.table
        query = self._select().where(t.c.deleted_at == when, sa.or_(t.c.source_id == item_id, t.c.target_id == item_id))
        return self._rows_to_models(conn.execute(query))

    def unhide_in(self, conn: sa.Connection, link_ids: list[str]) -> None:
        if link_ids:
            conn.execute(
                sa.update(self.table)
                .where(self.table.c.id.in_(link_ids))
                .values(deleted_at=None, version=self.table.c.version + 1, updated_at=utcnow())
            )
            if self._records():
                for link in self._rows_to_models(conn.execute(self._select().where(self.table.c.id.in_(link_ids)))):
                    self._record(conn, "restore", link, link)
