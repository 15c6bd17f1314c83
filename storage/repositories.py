"""One repository per table. Pages never build SQL: they call these through the domain."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from canvas.models import Canvas, CanvasItem, Link
from classroom.models import ClassGroup, Classroom
from competitors.models import Competitor, ErrcMove, Factor, FactorScore
from core.errors import NotFound, StaleVersion
from core.models import Project, ProjectSummary, utcnow
from personas.models import Persona, Segment
from storage import tables
from storage.repository import Database, VersionedRepository, bump_revision, new_id, read_revision
from workshop.models import Participant, Vote, Workshop


class ProjectRepository(VersionedRepository[Project]):
    table = tables.projects
    model = Project
    not_found_key = "error.project_not_found"

    def _select(self) -> sa.Select:
        return sa.select(self.table)

    def create(self, name: str, description: str = "", language: str = "id") -> Project:
        now = utcnow()
        project_id = new_id()
        with self.db.transaction() as conn:
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
            return self.get(project_id, conn=conn)

    def summaries(
        self, *, deleted: bool = False, search: str = "", offset: int = 0, limit: int | None = None
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
            .where(deleted_filter, *self._listed(search))
            .order_by(p.c.updated_at.desc(), p.c.id)
            .offset(offset)
            .limit(limit)
        )
        with self.db.reading() as conn:
            return [ProjectSummary.model_validate(dict(row._mapping)) for row in conn.execute(query)]

    def _listed(self, search: str = "") -> list[sa.ColumnElement[bool]]:
        """What the project list shows: matches of `search` (any case), no class-group projects."""
        p = self.table
        # A class group's project lives in the class space, out of everyone's project list.
        conditions = [~sa.exists().where(tables.class_groups.c.project_id == p.c.id)]
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

    def count_listed(self, search: str = "") -> int:
        """How many projects the list holds outside the trash (matching `search`)."""
        p = self.table
        query = sa.select(sa.func.count()).select_from(p).where(p.c.deleted_at.is_(None), *self._listed(search))
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
            self.table.c.id.in_(project_ids), self.table.c.deleted_at.is_(None)
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
    conn.execute(sa.delete(tables.projects).where(tables.projects.c.id == project_id))


class SegmentRepository(VersionedRepository[Segment]):
    table = tables.segments
    model = Segment


class PersonaRepository(VersionedRepository[Persona]):
    table = tables.personas
    model = Persona

    def _select(self) -> sa.Select:
        cols = [c for c in self.table.c if c.name != "avatar_image"]
        return sa.select(*cols, self.table.c.avatar_image.is_not(None).label("has_avatar_image"))

    def avatar_image(self, persona_id: str) -> bytes | None:
        with self.db.reading() as conn:
            return conn.execute(
                sa.select(self.table.c.avatar_image).where(self.table.c.id == persona_id)
            ).scalar_one_or_none()

    def avatar_images(self, persona_ids: list[str]) -> dict[str, bytes]:
        """Uploaded pictures of several personas in one query (the gallery)."""
        if not persona_ids:
            return {}
        t = self.table
        query = sa.select(t.c.id, t.c.avatar_image).where(t.c.id.in_(persona_ids), t.c.avatar_image.is_not(None))
        with self.db.reading() as conn:
            return {row.id: row.avatar_image for row in conn.execute(query)}

    def set_avatar_image(self, persona_id: str, expected_version: int, data: bytes | None) -> Persona:
        """Store (or with None, remove) the picture; a versioned write like any other."""
        return self.update(persona_id, expected_version, {"avatar_image": data})


class CanvasRepository(VersionedRepository[Canvas]):
    table = tables.canvases
    model = Canvas


class ItemRepository(VersionedRepository[CanvasItem]):
    table = tables.items
    model = CanvasItem
    not_found_key = "error.item_not_found"

    def for_canvas(self, canvas: Canvas) -> list[CanvasItem]:
        """The canvas's own value-map items plus its customer profile (persona's if it has one)."""
        t = self.table
        if canvas.persona_id:
            owner = sa.or_(t.c.canvas_id == canvas.id, t.c.persona_id == canvas.persona_id)
        else:
            owner = t.c.canvas_id == canvas.id
        return self.find(owner, t.c.merged_into.is_(None))

    def for_persona(self, persona_id: str) -> list[CanvasItem]:
        return self.find(self.table.c.persona_id == persona_id, self.table.c.merged_into.is_(None))

    def unhide_in(self, conn: sa.Connection, item_ids: list[str]) -> None:
        """Reveal notes written in private mode (one statement; the caller bumps the revision)."""
        if item_ids:
            t = self.table
            conn.execute(
                sa.update(t)
                .where(t.c.id.in_(item_ids), t.c.hidden.is_(True))
                .values(hidden=False, version=t.c.version + 1, updated_at=utcnow())
            )


class LinkRepository(VersionedRepository[Link]):
    table = tables.links
    model = Link

    def for_canvas(self, canvas_id: str) -> list[Link]:
        return self.find(self.table.c.canvas_id == canvas_id)

    def touching(self, conn: sa.Connection, item_id: str) -> list[Link]:
        """Live links that start or end at an item, read inside the caller's transaction."""
        t = self.table
        query = self._select().where(
            t.c.deleted_at.is_(None), sa.or_(t.c.source_id == item_id, t.c.target_id == item_id)
        )
        return self._rows_to_models(conn.execute(query))

    def hide_in(self, conn: sa.Connection, link_ids: list[str], when: object) -> None:
        """Soft-delete links together with the item they hang on (same timestamp, so undo finds them)."""
        if link_ids:
            conn.execute(
                sa.update(self.table)
                .where(self.table.c.id.in_(link_ids))
                .values(deleted_at=when, version=self.table.c.version + 1, updated_at=utcnow())
            )

    def deleted_with(self, conn: sa.Connection, item_id: str, when: object) -> list[Link]:
        t = self.table
        query = self._select().where(t.c.deleted_at == when, sa.or_(t.c.source_id == item_id, t.c.target_id == item_id))
        return self._rows_to_models(conn.execute(query))

    def unhide_in(self, conn: sa.Connection, link_ids: list[str]) -> None:
        if link_ids:
            conn.execute(
                sa.update(self.table)
                .where(self.table.c.id.in_(link_ids))
                .values(deleted_at=None, version=self.table.c.version + 1, updated_at=utcnow())
            )


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


class ErrcMoveRepository(VersionedRepository[ErrcMove]):
    table = tables.errc_moves
    model = ErrcMove

    def for_canvas(self, canvas_id: str) -> list[ErrcMove]:
        return self.find(self.table.c.canvas_id == canvas_id)


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


class ClassRepository(VersionedRepository[Classroom]):
    table = tables.classes
    model = Classroom
    not_found_key = "classroom.error.not_found"

    def _project_of(self, conn: sa.Connection, row: Classroom) -> str:
        return ""  # a class is not project content: no project revision moves

    def by_code(self, join_code: str) -> Classroom | None:
        found = self.find(self.table.c.join_code == join_code)
        return found[0] if found else None

    def by_lecturer_hash(self, token_hash: str) -> Classroom | None:
        found = self.find(self.table.c.lecturer_token_hash == token_hash)
        return found[0] if found else None


class ClassGroupRepository(VersionedRepository[ClassGroup]):
    table = tables.class_groups
    model = ClassGroup
    not_found_key = "classroom.error.group_not_found"

    def for_class(self, class_id: str) -> list[ClassGroup]:
        return self.find(self.table.c.class_id == class_id)

    def by_token_hash(self, token_hash: str) -> ClassGroup | None:
        found = self.find(self.table.c.token_hash == token_hash)
        return found[0] if found else None

    def for_project(self, project_id: str) -> ClassGroup | None:
        found = self.find(self.table.c.project_id == project_id)
        return found[0] if found else None


class Store:
    """Everything a domain function needs to read and write, over one engine."""

    def __init__(self, engine: sa.Engine) -> None:
        self.db = Database(engine)
        self.projects = ProjectRepository(self.db)
        self.segments = SegmentRepository(self.db)
        self.personas = PersonaRepository(self.db)
        self.canvases = CanvasRepository(self.db)
        self.items = ItemRepository(self.db)
        self.links = LinkRepository(self.db)
        self.competitors = CompetitorRepository(self.db)
        self.factors = FactorRepository(self.db)
        self.scores = ScoreRepository(self.db)
        self.errc_moves = ErrcMoveRepository(self.db)
        self.workshops = WorkshopRepository(self.db)
        self.participants = ParticipantRepository(self.db)
        self.votes = VoteRepository(self.db)
        self.classes = ClassRepository(self.db)
        self.class_groups = ClassGroupRepository(self.db)

    def bump(self, conn: sa.Connection, project_id: str) -> None:
        bump_revision(conn, project_id)

    def ping(self) -> None:
        """One round trip; raises StorageUnavailable while the database is down."""
        with self.db.reading() as conn:
            conn.execute(sa.text("SELECT 1"))
