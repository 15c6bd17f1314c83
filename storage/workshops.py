"""Workshops, their participants and dot votes."""

from __future__ import annotations

import sqlalchemy as sa

from core.models import utcnow
from storage import tables
from storage.repository import VersionedRepository, bump_revision
from workshop.models import Participant, Vote, Workshop


class WorkshopRepository(VersionedRepository[Workshop]):
    table = tables.workshops
    model = Workshop
    not_found_key = "workshop.error.not_found"

    def by_join_code(self, code: str) -> Workshop | None:
        found = self.find(self.table.c.join_code == code)
        return found[0] if found else None

    def live_revision(self, workshop_id: str) -> int | None:
        """The revision of an open workshop's project, in one small query: what every
        participant's browser polls. None when there is no such open workshop."""
        w, p = self.table, tables.projects
        query = (
            sa.select(p.c.revision)
            .select_from(w.join(p, p.c.id == w.c.project_id))
            .where(w.c.id == workshop_id, w.c.status == "open")
        )
        with self.db.reading() as conn:
            return conn.execute(query).scalar_one_or_none()

    def by_facilitator_hash(self, token_hash: str) -> Workshop | None:
        found = self.find(self.table.c.facilitator_token_hash == token_hash)
        return found[0] if found else None

    def for_project(self, project_id: str) -> list[Workshop]:
        return self.find(self.table.c.project_id == project_id, order=[self.table.c.created_at.desc()])


class ParticipantRepository(VersionedRepository[Participant]):
    table = tables.participants
    model = Participant
    not_found_key = "workshop.error.not_found"

    def by_token_hash(self, token_hash: str) -> Participant | None:
        found = self.find(self.table.c.token_hash == token_hash)
        return found[0] if found else None

    def for_workshop(self, workshop_id: str) -> list[Participant]:
        return self.find(self.table.c.workshop_id == workshop_id)


class VoteRepository(VersionedRepository[Vote]):
    table = tables.votes
    model = Vote

    def totals(self, workshop_id: str, *, participant_id: str | None = None) -> dict[str, int]:
        """Votes per item in one workshop (optionally one participant's only)."""
        t = self.table
        query = sa.select(t.c.item_id, sa.func.count()).where(t.c.workshop_id == workshop_id, t.c.deleted_at.is_(None))
        if participant_id is not None:
            query = query.where(t.c.participant_id == participant_id)
        with self.db.reading() as conn:
            return dict(conn.execute(query.group_by(t.c.item_id)).all())

    def for_workshop(self, workshop_id: str) -> list[Vote]:
        return self.find(self.table.c.workshop_id == workshop_id)

    def totals_for_items(self, item_ids: list[str]) -> dict[str, int]:
        """Votes per item across every workshop whose totals are out (voting closed and
        shown, or the workshop ended), for the canvas: never a vote still in progress."""
        if not item_ids:
            return {}
        t, w = self.table, tables.workshops
        query = (
            sa.select(t.c.item_id, sa.func.count())
            .select_from(t.join(w, w.c.id == t.c.workshop_id))
            .where(t.c.item_id.in_(item_ids), t.c.deleted_at.is_(None))
            .where(sa.or_(w.c.votes_revealed.is_(True), w.c.status == "ended"))
            .group_by(t.c.item_id)
        )
        with self.db.reading() as conn:
            return dict(conn.execute(query).all())

    def count_in(self, conn: sa.Connection, workshop_id: str, participant_id: str) -> int:
        t = self.table
        return conn.execute(
            sa.select(sa.func.count()).where(
                t.c.workshop_id == workshop_id, t.c.participant_id == participant_id, t.c.deleted_at.is_(None)
            )
        ).scalar_one()

    def withdraw_in(
        self, conn: sa.Connection, project_id: str, workshop_id: str, participant_id: str, item_id: str
    ) -> bool:
        """Take back one of a participant's votes on an item; False if they had none there."""
        t = self.table
        vote_id = conn.execute(
            sa.select(t.c.id)
            .where(
                t.c.workshop_id == workshop_id,
                t.c.participant_id == participant_id,
                t.c.item_id == item_id,
                t.c.deleted_at.is_(None),
            )
            .limit(1)
        ).scalar_one_or_none()
        if vote_id is None:
            return False
        conn.execute(sa.delete(t).where(t.c.id == vote_id))
        bump_revision(conn, project_id)
        return True

    def repoint_in(self, conn: sa.Connection, workshop_id: str, source_item_id: str, target_item_id: str) -> int:
        """Move a merged note's votes onto the note it was merged into."""
        t = self.table
        result = conn.execute(
            sa.update(t)
            .where(t.c.workshop_id == workshop_id, t.c.item_id == source_item_id)
            .values(item_id=target_item_id, updated_at=utcnow())
        )
        return result.rowcount or 0
