"""Test cards (with their learning) and assumptions-map placements."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from core.errors import StaleVersion
from core.models import utcnow
from experiments.models import Placement, TestCard
from storage import tables
from storage.repository import VersionedRepository
from storage.revisions import bump_revision


class TestCardRepository(VersionedRepository[TestCard]):
    __test__ = False
    table = tables.test_cards
    model = TestCard
    not_found_key = "experiments.error.card_not_found"

    def for_canvas(self, canvas_id: str) -> list[TestCard]:
        return self.find(self.table.c.canvas_id == canvas_id)

    def deleted_for_project(self, project_id: str) -> list[TestCard]:
        t = self.table
        query = self._select().where(t.c.project_id == project_id, t.c.deleted_at.is_not(None))
        with self.db.reading() as conn:
            return self._rows_to_models(conn.execute(query.order_by(sa.desc(t.c.deleted_at))))

    def using_item(self, project_id: str, item_id: str, *, conn: sa.Connection | None = None) -> list[TestCard]:
        """The live cards of a project that name this note (JSON lists are searched here,
        in Python: a project holds tens of cards, not thousands). With `conn`, read in that
        transaction (a note's delete keeps its text on these cards in its own)."""
        if conn is None:
            cards = self.list_for_project(project_id)
        else:
            cards = self._rows_to_models(conn.execute(self._find_query((self.table.c.project_id == project_id,), ())))
        return [card for card in cards if item_id in card.item_ids]


class PlacementRepository(VersionedRepository[Placement]):
    table = tables.assumption_placements
    model = Placement

    def for_canvas(self, canvas_id: str) -> list[Placement]:
        return self.find(self.table.c.canvas_id == canvas_id)

    def _row(self, conn: sa.Connection, canvas_id: str, item_id: str) -> Placement | None:
        t = self.table
        row = conn.execute(self._select().where(t.c.canvas_id == canvas_id, t.c.item_id == item_id)).first()
        return None if row is None else self._row_to_model(row)

    def place(
        self,
        project_id: str,
        canvas_id: str,
        item_id: str,
        values: dict[str, Any],
        expected_version: int | None,
    ) -> Placement:
        """Put a note at a spot against the version the caller saw (None: it had no spot).
        The pair (canvas, note) is unique, so two people placing it first can't both insert."""
        with self.db.transaction() as conn:
            existing = self._row(conn, canvas_id, item_id)
            if existing is None:
                if expected_version is not None:
                    raise StaleVersion(None)
                row = {"canvas_id": canvas_id, "item_id": item_id, **values}
                return self.insert_in(conn, project_id, row)
            if existing.deleted_at is not None:
                t = self.table
                conn.execute(
                    sa.update(t)
                    .where(t.c.id == existing.id)
                    .values(**values, deleted_at=None, version=t.c.version + 1, updated_at=utcnow())
                )
                bump_revision(conn, project_id)
                return self.get(existing.id, conn=conn)
            if expected_version != existing.version:
                raise StaleVersion(existing)
            return self.update_in(conn, existing.id, existing.version, values)
