"""Projects: the list, revisions, the trash."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from core.errors import NotFound
from core.models import Project, ProjectSummary, utcnow
from storage import tables
from storage.history import delete_history_rows, record_event
from storage.repository import VersionedRepository, new_id
from storage.revisions import read_revision


class ProjectRepository(VersionedRepository[Project]):
    table = tables.projects
    model = Project
    not_found_key = "error.project_not_found"

    def _select(self) -> sa.Select:
        # A project an import is still writing is nobody's yet (storage.snapshot).
        return sa.select(self.table).where(self.table.c.importing_since.is_(None))

    def with_class_group(self, project_id: str) -> tuple[Project, str | None, str | None]:
        """A live project and, when it is a class group's, that group's id and class id, in
        one query: what every access check reads (projects.access)."""
        g = tables.class_groups
        query = (
            self._select()
            .add_columns(g.c.id.label("class_group_id"), g.c.class_id.label("class_group_class_id"))
            .outerjoin(g, g.c.project_id == self.table.c.id)
            .where(self.table.c.id == project_id, self.table.c.deleted_at.is_(None))
        )
        with self.db.reading() as conn:
            row = conn.execute(query).first()
        if row is None:
            raise NotFound(self.not_found_key)
        values = dict(row._mapping)
        group_id = values.pop("class_group_id")
        class_id = values.pop("class_group_class_id")
        return self.model.model_validate(values), group_id, class_id

    def create(self, name: str, description: str = "", language: str = "id") -> Project:
        with self.db.transaction() as conn:
            return self.create_in(conn, name, description, language)

    def create_in(self, conn: sa.Connection, name: str, description: str = "", language: str = "id") -> Project:
        """`create` inside the caller's transaction (a team server adds the owner with it)."""
        now = utcnow()
        project_id = new_id()
        conn.execute(
            self.table.insert().values(
                id=project_id,
                name=name,
                description=description,
                language=language,
                revision=1,
                version=1,
                created_at=now,
                updated_at=now,
            )
        )
        if self.db.record_history:
            record_event(conn, project_id, "project.add", label=name)
        return self.get(project_id, conn=conn)

    def summaries(
        self,
        *,
        deleted: bool = False,
        search: str = "",
        offset: int = 0,
        limit: int | None = None,
        member: str | None = None,
        roles: tuple[str, ...] = (),
    ) -> list[ProjectSummary]:
        """The project list in one query: names plus counts, newest first.

        `search` matches name or description, ignoring case; `offset`/`limit` fetch one page,
        so a list of hundreds of projects costs what its visible page costs.
        """
        p = self.table
        canvas_count = (
            sa.select(sa.func.count())
            .where(tables.canvases.c.project_id == p.c.id, tables.canvases.c.deleted_at.is_(None))
            .scalar_subquery()
        )
        persona_count = (
            sa.select(sa.func.count())
            .where(tables.personas.c.project_id == p.c.id, tables.personas.c.deleted_at.is_(None))
            .scalar_subquery()
        )
        deleted_filter = p.c.deleted_at.is_not(None) if deleted else p.c.deleted_at.is_(None)
        query = (
            sa.select(
                p.c.id,
                p.c.name,
                p.c.description,
                p.c.language,
                p.c.updated_at,
                p.c.deleted_at,
                canvas_count.label("canvas_count"),
                persona_count.label("persona_count"),
            )
            .where(deleted_filter, *self._listed(search, member, roles))
            .order_by(p.c.updated_at.desc(), p.c.id)
            .offset(offset)
            .limit(limit)
        )
        with self.db.reading() as conn:
            return [ProjectSummary.model_validate(dict(row._mapping)) for row in conn.execute(query)]

    def _listed(
        self, search: str = "", member: str | None = None, roles: tuple[str, ...] = ()
    ) -> list[sa.ColumnElement[bool]]:
        """What the project list shows: matches of `search` (any case), no class-group projects,
        no import still being written; with `member`, only that e-mail's projects (in one of
        `roles`, when given)."""
        p = self.table
        # A class group's project lives in the class space, out of everyone's project list.
        conditions = [~sa.exists().where(tables.class_groups.c.project_id == p.c.id), p.c.importing_since.is_(None)]
        if member is not None:
            m = tables.project_members
            membership = [m.c.project_id == p.c.id, m.c.email == member, m.c.deleted_at.is_(None)]
            if roles:
                membership.append(m.c.role.in_(roles))
            conditions.append(sa.exists().where(*membership))
        needle = search.strip().lower()
        if needle:
            pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            conditions.append(
                sa.or_(
                    sa.func.lower(p.c.name).like(pattern, escape="\\"),
                    sa.func.lower(p.c.description).like(pattern, escape="\\"),
                )
            )
        return conditions

    def count_listed(self, search: str = "", member: str | None = None) -> int:
        """How many projects the list holds outside the trash (matching `search`)."""
        p = self.table
        query = sa.select(sa.func.count()).select_from(p).where(p.c.deleted_at.is_(None), *self._listed(search, member))
        with self.db.reading() as conn:
            return conn.execute(query).scalar_one()

    def count(self) -> int:
        with self.db.reading() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(self.table)).scalar_one()

    def revision(self, project_id: str) -> int:
        with self.db.reading() as conn:
            value = read_revision(conn, project_id)
        if value is None:
            raise NotFound(self.not_found_key)
        return value

    def revisions(self, project_ids: list[str]) -> dict[str, int]:
        """Revision of each live project among `project_ids`, in one query."""
        if not project_ids:
            return {}
        query = sa.select(self.table.c.id, self.table.c.revision).where(
            self.table.c.id.in_(project_ids), self.table.c.deleted_at.is_(None), self.table.c.importing_since.is_(None)
        )
        with self.db.reading() as conn:
            return {row.id: row.revision for row in conn.execute(query)}

    def purge_trash(self, older_than_days: int) -> int:
        """Delete for good what has sat in the trash longer than the retention period."""
        cutoff = utcnow() - timedelta(days=older_than_days)
        with self.db.transaction() as conn:
            doomed = list(
                conn.execute(
                    sa.select(self.table.c.id).where(
                        self.table.c.deleted_at.is_not(None), self.table.c.deleted_at < cutoff
                    )
                ).scalars()
            )
            for project_id in doomed:
                delete_project_rows(conn, project_id)
            return len(doomed)


def delete_project_rows(conn: sa.Connection, project_id: str) -> None:
    """Remove a project and everything in it, children first."""
    workshop_ids = sa.select(tables.workshops.c.id).where(tables.workshops.c.project_id == project_id)
    conn.execute(sa.delete(tables.votes).where(tables.votes.c.workshop_id.in_(workshop_ids)))
    conn.execute(sa.delete(tables.participants).where(tables.participants.c.workshop_id.in_(workshop_ids)))
    conn.execute(sa.delete(tables.workshops).where(tables.workshops.c.project_id == project_id))
    for table in reversed(tables.PROJECT_CONTENT):
        conn.execute(sa.delete(table).where(table.c.project_id == project_id))
    delete_history_rows(conn, project_id)
    for table in tables.FEEDBACK_TABLES:
        conn.execute(sa.delete(table).where(table.c.project_id == project_id))
    conn.execute(sa.delete(tables.projects).where(tables.projects.c.id == project_id))
