"""Segments and personas."""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa

from canvas.models import Area, Canvas, CanvasItem
from personas.models import Persona, Segment
from storage import tables
from storage.canvases import CanvasRepository
from storage.repository import VersionedRepository


class SegmentRepository(VersionedRepository[Segment]):
    table = tables.segments
    model = Segment


class PersonaRepository(VersionedRepository[Persona]):
    table = tables.personas
    model = Persona

    def _select(self) -> sa.Select:
        cols = [c for c in self.table.c if c.name != "avatar_image"]
        return sa.select(*cols, self.table.c.avatar_image.is_not(None).label("has_avatar_image"))

    def avatar_image(self, persona_id: str) -> bytes | None:
        with self.db.reading() as conn:
            return conn.execute(
                sa.select(self.table.c.avatar_image).where(self.table.c.id == persona_id)
            ).scalar_one_or_none()

    def avatar_images(self, persona_ids: list[str]) -> dict[str, bytes]:
        """Uploaded pictures of several personas in one query (the gallery)."""
        if not persona_ids:
            return {}
        t = self.table
        query = sa.select(t.c.id, t.c.avatar_image).where(t.c.id.in_(persona_ids), t.c.avatar_image.is_not(None))
        with self.db.reading() as conn:
            return {row.id: row.avatar_image for row in conn.execute(query)}

    def set_avatar_image(self, persona_id: str, expected_version: int, data: bytes | None) -> Persona:
        """Store (or with None, remove) the picture; a versioned write like any other."""
        return self.update(persona_id, expected_version, {"avatar_image": data})

    def canvases(self, persona_id: str) -> list[Canvas]:
        """The live canvases made from this persona."""
        return CanvasRepository(self.db).find(tables.canvases.c.persona_id == persona_id)

    def visible_profile_items(self, project_id: str) -> dict[str, list[CanvasItem]]:
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
        with self.db.reading() as conn:
            for row in conn.execute(query):
                values = dict(row._mapping)
                values["area"] = Area(values["area"])
                grouped[row.persona_id].append(CanvasItem.model_construct(**values))
        return grouped
