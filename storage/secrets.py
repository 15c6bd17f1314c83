"""The server's signing keys (tables.server_secrets): made once, on first use, by whichever
process needs one first, and read by every other from the database."""

from __future__ import annotations

import secrets
import threading

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from core.models import utcnow
from storage import tables
from storage.repository import Database

KEY_BYTES = 32  # 256 bits


class SecretRepository:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._keys: dict[str, bytes] = {}  # a key never changes once made: read it once per store
        self._lock = threading.Lock()

    def key(self, name: str) -> bytes:
        """The key named `name`, made now if no process made it yet."""
        known = self._keys.get(name)
        if known is not None:
            return known
        with self._lock:
            if name not in self._keys:
                self._keys[name] = bytes.fromhex(self._read_or_make(name))
            return self._keys[name]

    def _read_or_make(self, name: str) -> str:
        table = tables.server_secrets
        query = sa.select(table.c.value).where(table.c.name == name)
        with self.db.reading() as conn:
            value = conn.execute(query).scalar_one_or_none()
        if value is not None:
            return value
        # Two processes may both get here: one insert wins, the other does nothing, and both read it.
        made = {"name": name, "value": secrets.token_hex(KEY_BYTES), "created_at": utcnow()}
        with self.db.transaction() as conn:
            dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
            conn.execute(dialect.insert(table).values(**made).on_conflict_do_nothing(index_elements=[table.c.name]))
            return conn.execute(query).scalar_one()
