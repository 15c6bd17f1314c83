"""Survey responses, theme decisions and improvement actions (issue 17).

A whole import is one transaction: every good row lands, or none does. Each row is
inserted with ON CONFLICT DO NOTHING on the unique (project, content hash), so the
database itself keeps a response once, however many imports of the file run at once.
The dashboard never reads the 10,000 rows: `cube` counts answers per group and score in SQL.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from core.models import utcnow
from feedback.models import CubeCell, ImprovementAction, Response, ThemeDecision
from storage import tables
from storage.history import record_event
from storage.repository import VersionedRepository, new_id
from storage.revisions import bump_revision
from storage.workshops import WorkshopRepository
from workshop.models import Workshop

INSERT_BATCH = 2000


class FeedbackRepository(VersionedRepository[Response]):
    table = tables.feedback_responses
    model = Response

    def count(self, project_id: str) -> int:
        t = self.table
        with self.db.reading() as conn:
            return conn.execute(
                sa.select(sa.func.count()).where(t.c.project_id == project_id, t.c.deleted_at.is_(None))
            ).scalar_one()

    def add_many(self, project_id: str, rows: list[dict[str, Any]]) -> int:
        """Insert the responses in one transaction; returns how many were new (the rest
        were already there: same project, same content hash)."""
        if not rows:
            return 0
        with self.db.transaction() as conn:
            added = add_responses_in(conn, project_id, rows)
            if self.db.record_history:
                record_event(conn, project_id, "survey.import", detail={"added": added, "rows": len(rows)})
            return added

    def known_hashes(self, project_id: str, hashes: list[str]) -> int:
        """How many of these content hashes the project holds already (the preview says so)."""
        t = self.table
        found = 0
        with self.db.reading() as conn:
            for start in range(0, len(hashes), INSERT_BATCH):
                chunk = hashes[start : start + INSERT_BATCH]
                found += conn.execute(
                    sa.select(sa.func.count()).where(t.c.project_id == project_id, t.c.content_hash.in_(chunk))
                ).scalar_one()
        return found

    def remove_all(self, project_id: str) -> int:
        """Delete every response of the project (the user starts the survey over)."""
        with self.db.transaction() as conn:
            result = conn.execute(sa.delete(self.table).where(self.table.c.project_id == project_id))
            bump_revision(conn, project_id)
            removed = result.rowcount or 0
            if removed and self.db.record_history:
                record_event(conn, project_id, "survey.clear", detail={"removed": removed})
            return removed

    def cube(self, project_id: str) -> list[CubeCell]:
        """How many answers gave each score, per stage, touchpoint, segment, persona and month."""
        t = self.table
        persona = sa.func.coalesce(t.c.persona_id, t.c.persona)
        keys = (t.c.stage, t.c.touchpoint, t.c.segment, persona, t.c.month, t.c.score)
        query = (
            sa.select(*keys, sa.func.count())
            .where(t.c.project_id == project_id, t.c.deleted_at.is_(None))
            .group_by(*keys)
        )
        with self.db.reading() as conn:
            return [
                CubeCell(stage, touchpoint, segment, persona_value or "", month, score, count)
                for stage, touchpoint, segment, persona_value, month, score, count in conn.execute(query)
            ]

    def comments(self, project_id: str, lowest: int, highest: int) -> list[tuple[str, str, str | None]]:
        """(id, comment, persona id) of the answers scored lowest..highest that say something."""
        t = self.table
        query = (
            sa.select(t.c.id, t.c.comment, t.c.persona_id)
            .where(
                t.c.project_id == project_id,
                t.c.deleted_at.is_(None),
                t.c.score.between(lowest, highest),
                t.c.comment != "",
            )
            .order_by(t.c.id)
        )
        with self.db.reading() as conn:
            return [(row.id, row.comment, row.persona_id) for row in conn.execute(query)]

    def for_persona(self, project_id: str, persona_id: str, limit: int = 200) -> list[Response]:
        t = self.table
        return self.find(t.c.project_id == project_id, t.c.persona_id == persona_id)[:limit]

    def persona_ids(self, project_id: str) -> dict[str, str]:
        """Names (casefolded) of the project's live personas -> their ids, for matching rows."""
        with self.db.reading() as conn:
            return persona_ids_in(conn, project_id)


def persona_ids_in(conn: sa.Connection, project_id: str) -> dict[str, str]:
    p = tables.personas
    query = sa.select(p.c.id, p.c.name).where(p.c.project_id == project_id, p.c.deleted_at.is_(None))
    return {row.name.casefold(): row.id for row in conn.execute(query)}


def add_responses_in(conn: sa.Connection, project_id: str, rows: list[dict[str, Any]]) -> int:
    """`add_many` inside the caller's transaction (an example project loads with its survey)."""
    t = tables.feedback_responses
    now = utcnow()
    values = [
        {"id": new_id(), "version": 1, "created_at": now, "updated_at": now, "project_id": project_id, **row}
        for row in rows
    ]
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    # RETURNING names the rows this transaction really inserted: a row another import
    # holds already (committed, or waited for) is skipped by the database and not counted.
    statement = (
        dialect.insert(t).on_conflict_do_nothing(index_elements=["project_id", "content_hash"]).returning(t.c.id)
    )
    added = 0
    for start in range(0, len(values), INSERT_BATCH):
        added += len(conn.execute(statement, values[start : start + INSERT_BATCH]).all())
    if added:
        bump_revision(conn, project_id)
    return added


class ThemeDecisionRepository(VersionedRepository[ThemeDecision]):
    """A decision is unique per (project, kind, theme key): two people deciding the same
    suggestion at once get one row and a Conflict."""

    table = tables.feedback_themes
    model = ThemeDecision

    def for_project(self, project_id: str) -> list[ThemeDecision]:
        return self.find(self.table.c.project_id == project_id)

    def decided_item_ids(self, project_id: str) -> dict[str, int]:
        """Notes made from customers' comments -> how many comments stand behind each."""
        t = self.table
        query = sa.select(t.c.item_id, t.c.comment_count).where(
            t.c.project_id == project_id, t.c.deleted_at.is_(None), t.c.item_id.is_not(None)
        )
        with self.db.reading() as conn:
            return {row.item_id: row.comment_count for row in conn.execute(query)}

    def undo(self, decision_id: str) -> None:
        """Forget a decision outright (the suggestion comes back), so it can be decided anew."""
        with self.db.transaction() as conn:
            row = self.get(decision_id, conn=conn)
            conn.execute(sa.delete(self.table).where(self.table.c.id == decision_id))
            bump_revision(conn, row.project_id)


class ImprovementActionRepository(VersionedRepository[ImprovementAction]):
    table = tables.feedback_actions
    model = ImprovementAction


class CoCreationRepository(WorkshopRepository):
    """Workshops opened to customers (issue 17): the customer code, and who the customers are."""

    def open_by_customer_code(self, code: str) -> Workshop | None:
        """The open workshop, welcoming customers, with this customer code, in a live project."""
        w = self.table
        return self._in_live_project(w.c.customer_code == code, w.c.status == "open", w.c.customers_welcome.is_(True))

    def code_in_use(self, code: str) -> bool:
        """Join codes and customer codes share one space, so a code names one room and role."""
        w = self.table
        query = sa.select(w.c.id).where(sa.or_(w.c.join_code == code, w.c.customer_code == code)).limit(1)
        with self.db.reading() as conn:
            return conn.execute(query).first() is not None

    def customer_participant_ids(self, project_id: str) -> set[str]:
        """Everyone who joined one of the project's workshops as a customer."""
        p, w = tables.participants, self.table
        query = (
            sa.select(p.c.id)
            .select_from(p.join(w, w.c.id == p.c.workshop_id))
            .where(w.c.project_id == project_id, p.c.role == "customer")
        )
        with self.db.reading() as conn:
            return set(conn.execute(query).scalars())

    def customers_in(self, workshop_id: str) -> int:
        """How many people joined this workshop as customers."""
        p = tables.participants
        query = sa.select(sa.func.count()).where(p.c.workshop_id == workshop_id, p.c.role == "customer")
        with self.db.reading() as conn:
            return conn.execute(query).scalar_one()
