"""Per-item writes with optimistic versioning, and the project revision bump.

Every write runs in one transaction that also bumps `projects.revision`, so a client that
polls the revision sees every change. An update names the version it was based on; if
the row has moved on, StaleVersion carries the current row and nothing is written.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import sqlalchemy as sa
from pydantic import BaseModel

from core.errors import NotFound, StaleVersion
from core.models import Project, Stored, utcnow
from history.changes import ENTITIES
from storage import tables
from storage.db import READ_ONLY_OPTION, translate_outages, translate_refusals
from storage.history import record_change
from storage.observer import NoObserver, Observer
from storage.revisions import PENDING_BUMPS, bump_and_commit, bump_revision, pending_bumps

M = TypeVar("M", bound=Stored)
# The open transaction from `store.db.transaction()` that domain code hands back to the
# repositories; domain modules name its type through here instead of importing SQLAlchemy.
Connection = sa.Connection


def new_id() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True)
class Reread(Generic[M]):
    """The models of a query, and each one's row: the next read of the same query reuses
    the models of unchanged rows instead of validating them again."""

    models: list[M]
    by_row: dict[tuple, M] = field(repr=False)


class Database:
    """Holds the engine and hands out transactions. One per process."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        # Every write leaves a history row in its own transaction (storage/history.py). Only
        # the write-overhead benchmark turns this off, to measure what the rows cost.
        self.record_history = True
        # Told about notes written, database errors and limit refusals (storage/observe.py,
        # set when /metrics is on); by default it counts nothing.
        self.observer: Observer = NoObserver()

    @contextmanager
    def transaction(self) -> Iterator[sa.Connection]:
        """One transaction; a write the database refuses raises Conflict or RejectedValue.
        The revisions it bumps (bump_revision) move at its very end, with the commit."""
        with translate_outages(), translate_refusals(), self.engine.connect() as conn:
            conn.info[PENDING_BUMPS] = set()
            try:
                with conn.begin():
                    yield conn
                    bump_and_commit(conn, conn.info[PENDING_BUMPS])
            finally:
                conn.info.pop(PENDING_BUMPS, None)

    @contextmanager
    def reading(self) -> Iterator[sa.Connection]:
        options: dict[str, Any] = {READ_ONLY_OPTION: True}
        if self.engine.dialect.name == "postgresql":
            # Under READ COMMITTED each statement reads its own snapshot anyway; without a
            # transaction a read costs one round trip instead of three (BEGIN, ROLLBACK).
            options["isolation_level"] = "AUTOCOMMIT"
        with translate_outages(), self.engine.connect() as conn:
            yield conn.execution_options(**options)


class VersionedRepository(Generic[M]):
    """CRUD for one table of project content. Subclasses add their own queries."""

    table: sa.Table
    model: type[M]
    not_found_key = "error.not_found"

    def __init__(self, db: Database) -> None:
        self.db = db

    def _records(self) -> bool:
        return self.db.record_history and self.table.name in ENTITIES

    def _record(self, conn: sa.Connection, action: str, before: Any, after: Any, touched: Iterable[str] = ()) -> None:
        """The history row of this write, in the write's transaction (storage/history.py)."""
        if self._records():
            record_change(conn, self.table.name, action, before, after, touched)

    # -- reading ---------------------------------------------------------------
    def _row_to_model(self, row: sa.Row) -> M:
        return self.model.model_validate(dict(row._mapping))

    def _rows_to_models(self, result: sa.Result) -> list[M]:
        """Every row of a query: the column names are read once, not per row, so a room of
        hundreds of notes reads faster."""
        keys = list(result.keys())
        # .all() fetches the rows in one call; iterating the result fetches them one by one.
        return [self.model.model_validate(dict(zip(keys, row, strict=True))) for row in result.all()]

    def _rows_to_models_again(self, result: sa.Result, previous: Reread[M] | None) -> Reread[M]:
        """_rows_to_models, reusing each model of `previous` whose row is unchanged."""
        keys = list(result.keys())
        known = previous.by_row if previous is not None else {}
        by_row: dict[tuple, M] = {}
        models: list[M] = []
        for row in result.all():
            values = tuple(row)
            model = known.get(values)
            if model is None:
                model = self.model.model_validate(dict(zip(keys, values, strict=True)))
            by_row[values] = model
            models.append(model)
        return Reread(models, by_row)

    def _select(self) -> sa.Select:
        return sa.select(*[c for c in self.table.c if c.name != "avatar_image"])

    def get(self, item_id: str, *, conn: sa.Connection | None = None, include_deleted: bool = False) -> M:
        query = self._select().where(self.table.c.id == item_id)
        if not include_deleted:
            query = query.where(self.table.c.deleted_at.is_(None))
        if conn is not None:
            row = conn.execute(query).first()
        else:
            with self.db.reading() as reader:
                row = reader.execute(query).first()
        if row is None:
            raise NotFound(self.not_found_key)
        return self._row_to_model(row)

    def _find_query(self, conditions: Iterable[sa.ColumnElement[bool]], order: Iterable[Any] = ()) -> sa.Select:
        query = self._select().where(self.table.c.deleted_at.is_(None), *conditions)
        if "position" in self.table.c:
            return query.order_by(*order, self.table.c.position, self.table.c.created_at)
        return query.order_by(*order, self.table.c.created_at)

    def find(self, *conditions: sa.ColumnElement[bool], order: Iterable[Any] = ()) -> list[M]:
        with self.db.reading() as reader:
            return self._rows_to_models(reader.execute(self._find_query(conditions, order)))

    def find_again(self, previous: Reread[M] | None, *conditions: sa.ColumnElement[bool]) -> Reread[M]:
        """find, for a query asked again and again (a live room): unchanged rows keep their models."""
        with self.db.reading() as reader:
            return self._rows_to_models_again(reader.execute(self._find_query(conditions)), previous)

    def list_for_project(self, project_id: str) -> list[M]:
        return self.find(self.table.c.project_id == project_id)

    def with_ids(self, ids: Iterable[str]) -> list[M]:
        """The live rows among `ids` (missing or trashed ones are left out), in one query."""
        return self.find(self.table.c.id.in_(list(ids)))

    def for_projects(self, project_ids: Iterable[str]) -> list[M]:
        """Every live row of these projects, in one query however many projects there are."""
        return self.find(self.table.c.project_id.in_(list(project_ids)))

    # -- writing ---------------------------------------------------------------
    def _next_position(self, conn: sa.Connection, scope: sa.ColumnElement[bool]) -> float:
        if "position" not in self.table.c:
            return 0
        top = conn.execute(sa.select(sa.func.max(self.table.c.position)).where(scope)).scalar()
        return (top or 0) + 1

    def insert_row_in(self, conn: sa.Connection, values: dict[str, Any]) -> M:
        """A new row with its id, version and timestamps, and nothing else: no revision
        moves and no history is written (what isn't project content, such as members)."""
        now = utcnow()
        row = {"id": new_id(), "version": 1, "created_at": now, "updated_at": now, **values}
        conn.execute(self.table.insert().values(**row))
        return self.get(row["id"], conn=conn)

    def insert_in(self, conn: sa.Connection, project_id: str, values: dict[str, Any]) -> M:
        values = dict(values)
        if "project_id" in self.table.c:
            values["project_id"] = project_id
        if "position" in self.table.c and "position" not in values:
            values["position"] = self._next_position(conn, self.table.c.project_id == project_id)
        inserted = self.insert_row_in(conn, values)
        self._record(conn, "add", None, inserted)
        # Last, just before the commit: the revision bump locks the project's row, and every
        # writer to the project waits for it (a room of 200 adds 20 notes a second).
        bump_revision(conn, project_id)
        return inserted

    def insert(self, project_id: str, values: dict[str, Any] | BaseModel) -> M:
        if isinstance(values, BaseModel):
            values = values.model_dump()
        with self.db.transaction() as conn:
            return self.insert_in(conn, project_id, values)

    def update_in(self, conn: sa.Connection, item_id: str, expected_version: int, values: dict[str, Any]) -> M:
        before = self.get(item_id, conn=conn, include_deleted=True) if self._records() else None
        result = conn.execute(
            sa.update(self.table)
            .where(
                self.table.c.id == item_id,
                self.table.c.version == expected_version,
                self.table.c.deleted_at.is_(None),
            )
            .values(**values, version=self.table.c.version + 1, updated_at=utcnow())
            .returning(self.table.c.id)
        )
        if result.scalar_one_or_none() is None:
            # Either it is gone, or someone else changed it first: say which.
            current = self.get(item_id, conn=conn)
            raise StaleVersion(current)
        updated = self.get(item_id, conn=conn)
        bump_revision(conn, self._project_of(conn, updated))
        self._record(conn, "edit", before, updated, touched=values)
        project = self.get(item_id, conn=conn) if self.table is tables.projects else None
        if isinstance(project, Project):  # as it will be once committed, its revision moved
            return project.model_copy(update={"revision": project.revision + pending_bumps(conn, item_id)})
        return updated

    def update(self, item_id: str, expected_version: int, values: dict[str, Any] | BaseModel) -> M:
        if isinstance(values, BaseModel):
            values = values.model_dump(exclude_unset=True)
        with self.db.transaction() as conn:
            return self.update_in(conn, item_id, expected_version, values)

    def soft_delete(self, item_id: str, expected_version: int | None = None) -> M:
        """Move to the trash. With a version, refuse if someone changed it meanwhile."""
        with self.db.transaction() as conn:
            return self.soft_delete_in(conn, item_id, expected_version)

    def soft_delete_in(self, conn: sa.Connection, item_id: str, expected_version: int | None = None) -> M:
        """soft_delete inside the caller's transaction (with what else goes with it)."""
        current = self.get(item_id, conn=conn)
        conditions = [self.table.c.id == item_id, self.table.c.deleted_at.is_(None)]
        if expected_version is not None:
            # In the UPDATE itself, so a concurrent edit between our read and write still counts.
            conditions.append(self.table.c.version == expected_version)
        result = conn.execute(
            sa.update(self.table)
            .where(*conditions)
            .values(deleted_at=utcnow(), version=self.table.c.version + 1, updated_at=utcnow())
            .returning(self.table.c.id)
        )
        if result.scalar_one_or_none() is None:
            raise StaleVersion(self.get(item_id, conn=conn))
        bump_revision(conn, self._project_of(conn, current))
        deleted = self.get(item_id, conn=conn, include_deleted=True)
        self._record(conn, "delete", current, deleted)
        return deleted

    def restore(self, item_id: str) -> M:
        with self.db.transaction() as conn:
            current = self.get(item_id, conn=conn, include_deleted=True)
            conn.execute(
                sa.update(self.table)
                .where(self.table.c.id == item_id)
                .values(deleted_at=None, version=self.table.c.version + 1, updated_at=utcnow())
            )
            bump_revision(conn, self._project_of(conn, current))
            restored = self.get(item_id, conn=conn)
            self._record(conn, "restore", current, restored)
            return restored

    def _project_of(self, conn: sa.Connection, row: M) -> str:
        """The project whose revision a write to `row` moves."""
        if self.table is tables.projects:
            return row.id
        if "project_id" in self.table.c:
            return row.project_id  # type: ignore[attr-defined]
        # Workshop bookkeeping (participants, votes) belongs to a project through its workshop.
        workshop_id = getattr(row, "workshop_id", None)
        return conn.execute(
            sa.select(tables.workshops.c.project_id).where(tables.workshops.c.id == workshop_id)
        ).scalar_one()
