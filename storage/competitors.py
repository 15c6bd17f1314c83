"""Competitors, factors, scores and ERRC moves."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa

from competitors.models import Competitor, ErrcMove, Factor, FactorScore
from core.errors import Conflict, StaleVersion
from core.models import NAME_MAX, utcnow
from storage import tables
from storage.names import keep_names_apart
from storage.repository import VersionedRepository
from storage.revisions import bump_revision


class CompetitorRepository(VersionedRepository[Competitor]):
    table = tables.competitors
    model = Competitor

    def for_canvas(self, canvas_id: str) -> list[Competitor]:
        return self.find(self.table.c.canvas_id == canvas_id)


class FactorRepository(VersionedRepository[Factor]):
    table = tables.factors
    model = Factor

    def for_canvas(self, canvas_id: str) -> list[Factor]:
        return self.find(self.table.c.canvas_id == canvas_id)


class ScoreRepository(VersionedRepository[FactorScore]):
    table = tables.scores
    model = FactorScore

    def for_factors(self, factor_ids: list[str]) -> list[FactorScore]:
        if not factor_ids:
            return []
        return self.find(self.table.c.factor_id.in_(factor_ids))

    def pair(self, conn: sa.Connection, factor_id: str, competitor_id: str) -> FactorScore | None:
        """The score row of one cell, live or soft-deleted (the pair is unique either way)."""
        t = self.table
        row = conn.execute(self._select().where(t.c.factor_id == factor_id, t.c.competitor_id == competitor_id)).first()
        return None if row is None else self._row_to_model(row)

    def revive_in(self, conn: sa.Connection, score_id: str, value: int) -> FactorScore:
        """Bring a cleared (soft-deleted) cell back with a new value."""
        t = self.table
        conn.execute(
            sa.update(t)
            .where(t.c.id == score_id)
            .values(value=value, deleted_at=None, version=t.c.version + 1, updated_at=utcnow())
        )
        current = self.get(score_id, conn=conn)
        bump_revision(conn, current.project_id)
        self._record(conn, "restore", None, current)
        return current

    def clear_in(self, conn: sa.Connection, score_id: str, expected_version: int) -> None:
        """Empty a cell (soft delete) if it is still at the version the caller saw."""
        t = self.table
        project_id = conn.execute(
            sa.update(t)
            .where(t.c.id == score_id, t.c.version == expected_version, t.c.deleted_at.is_(None))
            .values(deleted_at=utcnow(), version=t.c.version + 1, updated_at=utcnow())
            .returning(t.c.project_id)
        ).scalar_one_or_none()
        if project_id is None:
            raise StaleVersion(self.get(score_id, conn=conn, include_deleted=True))
        bump_revision(conn, project_id)
        if self._records():
            cleared = self.get(score_id, conn=conn, include_deleted=True)
            self._record(conn, "delete", cleared, cleared)

    def write_cell(
        self, project_id: str, factor_id: str, competitor_id: str, value: int | None, expected_version: int | None
    ) -> FactorScore | None:
        """Write one cell (factor × offering) against the version the user saw: None if the
        cell was empty; None as value clears it. If someone else wrote the cell meanwhile,
        StaleVersion carries their row and nothing changes."""
        try:
            with self.db.transaction() as conn:
                existing = self.pair(conn, factor_id, competitor_id)
                live = existing if existing is not None and existing.deleted_at is None else None
                if expected_version is None:
                    if live is not None:
                        if live.value == value:
                            return live
                        raise StaleVersion(live)
                    if value is None:
                        return None
                    if existing is not None:
                        return self.revive_in(conn, existing.id, value)
                    values = {"factor_id": factor_id, "competitor_id": competitor_id, "value": value}
                    return self.insert_in(conn, project_id, values)
                if live is None:
                    raise StaleVersion(existing)
                if value is None:
                    self.clear_in(conn, live.id, expected_version)
                    return None
                return self.update_in(conn, live.id, expected_version, {"value": value})
        except Conflict:
            # Someone filled the same empty cell at the same moment: theirs stands.
            with self.db.reading() as conn:
                raise StaleVersion(self.pair(conn, factor_id, competitor_id)) from None

    def import_cells(self, project_id: str, cells: Iterable[tuple[str, str, int | None]]) -> int:
        """Set many cells (factor id, offering id, value or None to clear) in one transaction,
        over whatever they hold now; returns how many changed."""
        changed = 0
        with self.db.transaction() as conn:
            for factor_id, competitor_id, value in cells:
                existing = self.pair(conn, factor_id, competitor_id)
                live = existing if existing is not None and existing.deleted_at is None else None
                if live is not None and live.value == value:
                    continue
                if value is None:
                    if live is not None:
                        self.clear_in(conn, live.id, live.version)
                        changed += 1
                    continue
                if live is not None:
                    self.update_in(conn, live.id, live.version, {"value": value})
                elif existing is not None:
                    self.revive_in(conn, existing.id, value)
                else:
                    self.insert_in(
                        conn, project_id, {"factor_id": factor_id, "competitor_id": competitor_id, "value": value}
                    )
                changed += 1
        return changed


class ErrcMoveRepository(VersionedRepository[ErrcMove]):
    table = tables.errc_moves
    model = ErrcMove

    def for_canvas(self, canvas_id: str) -> list[ErrcMove]:
        return self.find(self.table.c.canvas_id == canvas_id)


# -- migration ----------------------------------------------------------------------------


def enforce_unique_names(conn: sa.Connection) -> None:
    """Bring an older database to today's rule: offering and factor names unique per canvas
    among live rows, ignoring case (a later duplicate is kept apart with a " (n)" suffix),
    then the unique indexes that hold the rule from now on."""
    named = ((tables.competitors, tables.COMPETITOR_NAME_INDEX), (tables.factors, tables.FACTOR_NAME_INDEX))
    for table, index in named:
        keep_names_apart(conn, table, "canvas_id", "name", NAME_MAX, table.c.deleted_at.is_(None))
        index.create(conn, checkfirst=True)
