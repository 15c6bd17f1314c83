"""Workshops, their participants and dot votes."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from core.models import utcnow
from storage import tables
from storage.names import keep_names_apart
from storage.repository import Reread, VersionedRepository
from storage.revisions import bump_revision
from workshop.models import DISPLAY_NAME_MAX, DisplayNameTaken, Participant, Vote, Workshop, votes_left

# What ending a workshop sets: codes and tokens stop working, voting closes with the totals
# out, the timer stops.
ENDED = {"status": "ended", "voting_open": False, "votes_revealed": True, "timer_ends_at": None}


def end_workshops_in(conn: sa.Connection, workshop_ids: list[str]) -> None:
    """End these workshops and reveal the notes their people wrote in private mode, so
    every note stays on the canvas. The caller bumps the revision."""
    if not workshop_ids:
        return
    w, items, people = tables.workshops, tables.items, tables.participants
    now = utcnow()
    writers = sa.select(people.c.id).where(people.c.workshop_id.in_(workshop_ids))
    conn.execute(
        sa.update(items)
        .where(items.c.participant_id.in_(writers), items.c.hidden.is_(True))
        .values(hidden=False, version=items.c.version + 1, updated_at=now)
    )
    conn.execute(
        sa.update(w)
        .where(w.c.id.in_(workshop_ids), w.c.status == "open")
        .values(**ENDED, ended_at=now, version=w.c.version + 1, updated_at=now)
    )


class WorkshopRepository(VersionedRepository[Workshop]):
    table = tables.workshops
    model = Workshop
    not_found_key = "workshop.error.not_found"

    def by_join_code(self, code: str) -> Workshop | None:
        """Any workshop with this code, its project live or not (codes stay unique)."""
        found = self.find(self.table.c.join_code == code)
        return found[0] if found else None

    def _in_live_project(self, *conditions: sa.ColumnElement[bool]) -> Workshop | None:
        # A workshop whose project is in the trash is gone for every token and code.
        w, p = self.table, tables.projects
        query = (
            self._select()
            .select_from(w.join(p, p.c.id == w.c.project_id))
            .where(w.c.deleted_at.is_(None), p.c.deleted_at.is_(None), *conditions)
        )
        with self.db.reading() as conn:
            row = conn.execute(query).first()
        return None if row is None else self._row_to_model(row)

    def live(self, workshop_id: str) -> Workshop | None:
        """The workshop, open or ended, unless its project is in the trash."""
        return self._in_live_project(self.table.c.id == workshop_id)

    def open_by_join_code(self, code: str) -> Workshop | None:
        """The open workshop with this code in a live project."""
        return self._in_live_project(self.table.c.join_code == code, self.table.c.status == "open")

    def by_facilitator_hash(self, token_hash: str) -> Workshop | None:
        """The facilitator's workshop, open or ended, unless its project is in the trash."""
        return self._in_live_project(self.table.c.facilitator_token_hash == token_hash)

    def live_revision(self, workshop_id: str) -> int | None:
        """The revision of an open workshop's project, in one small query: what every
        participant's browser polls. None when there is no such open workshop, or its
        project is in the trash."""
        return self._project_revision(workshop_id, self.table.c.status == "open")

    def project_revision(self, workshop_id: str) -> int | None:
        """The revision of the workshop's project, open or ended; None when it is gone."""
        return self._project_revision(workshop_id)

    def _project_revision(self, workshop_id: str, *conditions: sa.ColumnElement[bool]) -> int | None:
        w, p = self.table, tables.projects
        query = (
            sa.select(p.c.revision)
            .select_from(w.join(p, p.c.id == w.c.project_id))
            .where(w.c.id == workshop_id, w.c.deleted_at.is_(None), p.c.deleted_at.is_(None), *conditions)
        )
        with self.db.reading() as conn:
            return conn.execute(query).scalar_one_or_none()

    def end_in(self, conn: sa.Connection, workshop_ids: list[str]) -> None:
        end_workshops_in(conn, workshop_ids)

    def end_open_of_project_in(self, conn: sa.Connection, project_id: str) -> list[str]:
        """End every open workshop of a project (it is going to the trash); their ids."""
        w = self.table
        open_ids = list(
            conn.execute(sa.select(w.c.id).where(w.c.project_id == project_id, w.c.status == "open")).scalars()
        )
        self.end_in(conn, open_ids)
        return open_ids

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

    def for_workshop_again(self, workshop_id: str, previous: Reread[Participant] | None) -> Reread[Participant]:
        """for_workshop for a live room that reads it many times a second."""
        return self.find_again(previous, self.table.c.workshop_id == workshop_id)

    def names_in_workshop(self, workshop_id: str) -> set[str]:
        t = self.table
        with self.db.reading() as conn:
            return set(conn.execute(sa.select(t.c.display_name).where(t.c.workshop_id == workshop_id)).scalars())

    def insert_in(self, conn: sa.Connection, project_id: str, values: dict[str, Any]) -> Participant:
        """A participant; DisplayNameTaken when someone in the workshop already has the name
        (the unique index on the lower-cased name decides, even for two joins at once)."""
        try:
            with conn.begin_nested():
                return super().insert_in(conn, project_id, values)
        except IntegrityError:
            if self._name_taken(conn, values["workshop_id"], values["display_name"]):
                raise DisplayNameTaken() from None
            raise

    def _name_taken(self, conn: sa.Connection, workshop_id: str, name: str) -> bool:
        t = self.table
        query = sa.select(t.c.id).where(t.c.workshop_id == workshop_id, sa.func.lower(t.c.display_name) == name.lower())
        return conn.execute(query.limit(1)).first() is not None


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

    def cast_within_budget_in(
        self, conn: sa.Connection, project_id: str, workshop_id: str, participant_id: str, item_id: str, budget: int
    ) -> int | None:
        """One vote, if the participant has one left: the votes left after it, or None when
        the budget is spent. The participant's row is locked first (FOR UPDATE on
        PostgreSQL; SQLite's writers already queue on BEGIN IMMEDIATE), so parallel votes
        from one person count one after the other instead of all seeing the same total."""
        t, people = self.table, tables.participants
        conn.execute(sa.select(people.c.id).where(people.c.id == participant_id).with_for_update())
        used = conn.execute(
            sa.select(sa.func.count()).where(
                t.c.workshop_id == workshop_id, t.c.participant_id == participant_id, t.c.deleted_at.is_(None)
            )
        ).scalar_one()
        left = votes_left(budget, used)
        if not left:
            return None
        self.insert_in(
            conn, project_id, {"workshop_id": workshop_id, "item_id": item_id, "participant_id": participant_id}
        )
        return left - 1

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


# -- migration ----------------------------------------------------------------------------


def enforce_workshop_integrity(conn: sa.Connection) -> None:
    """Bring an older database to today's workshop rules: display names unique within a
    workshop (older ones kept apart with a " (n)" suffix, as joining does now, then the
    unique index), and no open workshop in a project that is in the trash."""
    keep_names_apart(conn, tables.participants, "workshop_id", "display_name", DISPLAY_NAME_MAX)
    tables.PARTICIPANT_NAME_INDEX.create(conn, checkfirst=True)
    w, p = tables.workshops, tables.projects
    trashed = sa.select(p.c.id).where(p.c.deleted_at.is_not(None))
    open_ids = list(conn.execute(sa.select(w.c.id).where(w.c.status == "open", w.c.project_id.in_(trashed))).scalars())
    end_workshops_in(conn, open_ids)
