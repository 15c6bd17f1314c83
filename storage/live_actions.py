"""The live board's writes by nonce (tables.live_actions): recorded inside the write's
own transaction, so the write and its record commit or roll back together. A second
write with the same nonce hits the primary key, the database refuses it (Conflict), its
transaction rolls back, and the caller answers with the first write's record."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from core.models import utcnow
from storage import tables
from storage.repository import Database


@dataclass(frozen=True)
class LiveActionRecord:
    kind: str
    item_id: str | None


class LiveActionRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def record_in(self, conn: sa.Connection, participant_id: str, nonce: str, kind: str, item_id: str | None) -> None:
        """Inside the write's transaction; a nonce used before makes the whole write fail (Conflict)."""
        conn.execute(
            sa.insert(tables.live_actions).values(
                participant_id=participant_id, nonce=nonce, kind=kind, item_id=item_id, at=utcnow()
            )
        )

    def find(self, participant_id: str, nonce: str) -> LiveActionRecord | None:
        table = tables.live_actions
        with self.db.reading() as conn:
            row = conn.execute(
                sa.select(table.c.kind, table.c.item_id).where(
                    table.c.participant_id == participant_id, table.c.nonce == nonce
                )
            ).first()
        return LiveActionRecord(kind=row.kind, item_id=row.item_id) if row is not None else None
