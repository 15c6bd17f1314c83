"""The per-project audit log (team server): append and read, newest first."""

from __future__ import annotations

import sqlalchemy as sa

from core.models import utcnow
from projects.team_models import AuditEvent
from storage import tables
from storage.db import translate_outages
from storage.repository import Database, new_id

DETAIL_MAX = 500


class AuditRepository:
    table = tables.audit_events

    def __init__(self, db: Database) -> None:
        self.db = db

    def append_in(
        self, conn: sa.Connection, project_id: str, action: str, *, email: str, name: str, detail: str = ""
    ) -> None:
        conn.execute(
            self.table.insert().values(
                id=new_id(),
                project_id=project_id,
                at=utcnow(),
                actor_email=email[:320],
                actor_name=name[:200],
                action=action,
                detail=detail[:DETAIL_MAX],
            )
        )

    def append(self, project_id: str, action: str, *, email: str, name: str, detail: str = "") -> None:
        with self.db.transaction() as conn:
            self.append_in(conn, project_id, action, email=email, name=name, detail=detail)

    def for_project(self, project_id: str, *, limit: int = 200, action: str | None = None) -> list[AuditEvent]:
        t = self.table
        query = sa.select(t).where(t.c.project_id == project_id)
        if action is not None:
            query = query.where(t.c.action == action)
        query = query.order_by(t.c.at.desc(), t.c.id).limit(limit)
        with translate_outages(), self.db.engine.connect() as conn:
            return [AuditEvent.model_validate(dict(row._mapping)) for row in conn.execute(query)]
