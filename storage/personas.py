"""Segments and personas."""

from __future__ import annotations

import sqlalchemy as sa

from personas.models import Persona, Segment
from storage import tables
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
