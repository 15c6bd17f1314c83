"""Project members and invite links (team server)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from core.models import utcnow
from projects.team_models import Invite, Member
from storage import tables
from storage.repository import VersionedRepository


class MemberRepository(VersionedRepository[Member]):
    table = tables.project_members
    model = Member

    def _project_of(self, conn: sa.Connection, row: Member) -> str:
        return ""  # who may open a project is not its content: no revision moves

    def role_of(self, project_id: str, email: str) -> str | None:
        """The role of `email` in the project, or None: the one query every access check of a
        signed-in user adds."""
        t = self.table
        query = sa.select(t.c.role).where(t.c.project_id == project_id, t.c.email == email, t.c.deleted_at.is_(None))
        with self.db.reading() as conn:
            return conn.execute(query).scalar_one_or_none()

    def for_project(self, project_id: str) -> list[Member]:
        return self.find(self.table.c.project_id == project_id)

    def by_email(self, project_id: str, email: str, *, conn: sa.Connection) -> Member | None:
        t = self.table
        row = conn.execute(self._select().where(t.c.project_id == project_id, t.c.email == email)).first()
        return None if row is None else self._row_to_model(row)

    def put_in(self, conn: sa.Connection, project_id: str, email: str, name: str, role: str) -> Member:
        """Add the person with `role`, or give an existing member (or a removed one) that role."""
        existing = self.by_email(project_id, email, conn=conn)
        if existing is None:
            return self.insert_row_in(conn, {"project_id": project_id, "email": email, "name": name, "role": role})
        values: dict[str, object] = {"role": role, "deleted_at": None, "updated_at": utcnow()}
        if name:
            values["name"] = name
        conn.execute(
            sa.update(self.table)
            .where(self.table.c.id == existing.id)
            .values(**values, version=self.table.c.version + 1)
        )
        return self.get(existing.id, conn=conn)

    def remove_in(self, conn: sa.Connection, member_id: str) -> None:
        """Removed, with the time kept: an invite link made before it can't bring them back."""
        now = utcnow()
        conn.execute(
            sa.update(self.table)
            .where(self.table.c.id == member_id)
            .values(deleted_at=now, updated_at=now, version=self.table.c.version + 1)
        )

    def owners_in(self, conn: sa.Connection, project_id: str) -> int:
        t = self.table
        query = sa.select(sa.func.count()).where(
            t.c.project_id == project_id, t.c.role == "owner", t.c.deleted_at.is_(None)
        )
        return int(conn.execute(query).scalar_one())

    def lock_project_in(self, conn: sa.Connection, project_id: str) -> None:
        """Serialise member changes of one project (PostgreSQL row lock; SQLite writes are
        serialised already), so two owners can't each remove the other and leave none."""
        if conn.dialect.name == "postgresql":
            conn.execute(sa.select(tables.projects.c.id).where(tables.projects.c.id == project_id).with_for_update())

    def remember_name(self, email: str, name: str) -> None:
        """The name the identity provider reports now, on every membership of `email`."""
        t = self.table
        with self.db.transaction() as conn:
            conn.execute(sa.update(t).where(t.c.email == email, t.c.name != name).values(name=name))


class InviteRepository(VersionedRepository[Invite]):
    table = tables.project_invites
    model = Invite

    def _project_of(self, conn: sa.Connection, row: Invite) -> str:
        return ""

    def create_in(
        self,
        conn: sa.Connection,
        project_id: str,
        token_hash: str,
        role: str,
        created_by: str,
        expires_at: datetime,
        max_uses: int | None = None,
    ) -> Invite:
        values = {
            "project_id": project_id,
            "token_hash": token_hash,
            "role": role,
            "created_by": created_by,
            "expires_at": expires_at,
            "max_uses": max_uses,
        }
        return self.insert_row_in(conn, values)

    def for_project(self, project_id: str) -> list[Invite]:
        return self.find(self.table.c.project_id == project_id)

    def usable_by_hash_in(self, conn: sa.Connection, token_hash: str) -> Invite | None:
        """The invite with this token hash, if it is neither revoked nor expired (checked in
        the query, so a revoke committed a moment ago counts)."""
        t = self.table
        row = conn.execute(
            self._select().where(
                t.c.token_hash == token_hash,
                t.c.revoked_at.is_(None),
                t.c.deleted_at.is_(None),
                t.c.expires_at > utcnow(),
            )
        ).first()
        if row is None:
            return None
        return self._row_to_model(row)

    def take_use_in(self, conn: sa.Connection, invite_id: str, email: str) -> bool:
        """Count one use by `email`, if the link still has one: the database decides (one
        conditional UPDATE), so two people can't both take a single-use link's only use.
        The use is remembered, so removing that person revokes the link."""
        t = self.table
        taken = conn.execute(
            sa.update(t)
            .where(
                t.c.id == invite_id,
                t.c.revoked_at.is_(None),
                t.c.deleted_at.is_(None),
                sa.or_(t.c.max_uses.is_(None), t.c.uses < t.c.max_uses),
            )
            .values(uses=t.c.uses + 1)
        ).rowcount
        if not taken:
            return False
        uses = tables.project_invite_uses
        already = conn.execute(
            sa.select(uses.c.invite_id).where(uses.c.invite_id == invite_id, uses.c.email == email)
        ).first()
        if already is None:
            conn.execute(sa.insert(uses).values(invite_id=invite_id, email=email, used_at=utcnow()))
        return True

    def revoke_for_person_in(self, conn: sa.Connection, project_id: str, email: str) -> int:
        """Revoke every live link of the project that `email` made or used; how many."""
        t, uses = self.table, tables.project_invite_uses
        used = sa.select(uses.c.invite_id).where(uses.c.email == email)
        now = utcnow()
        return conn.execute(
            sa.update(t)
            .where(
                t.c.project_id == project_id,
                t.c.revoked_at.is_(None),
                sa.or_(t.c.created_by == email, t.c.id.in_(used)),
            )
            .values(revoked_at=now, updated_at=now, version=t.c.version + 1)
        ).rowcount

    def revoke(self, invite_id: str) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                sa.update(self.table)
                .where(self.table.c.id == invite_id, self.table.c.revoked_at.is_(None))
                .values(revoked_at=utcnow(), version=self.table.c.version + 1, updated_at=utcnow())
            )
