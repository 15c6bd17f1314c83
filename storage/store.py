"""The Store: every repository over one engine, and connecting it (migrate, tidy). Seeding the
shipped examples is examples/seeding.py's, above storage."""

from __future__ import annotations

import sqlalchemy as sa

from core.models import utcnow
from core.settings import Settings
from storage.audit import AuditRepository
from storage.canvases import CanvasRepository, ItemRepository, LinkRepository
from storage.classrooms import ClassGroupRepository, ClassRepository
from storage.competitors import CompetitorRepository, ErrcMoveRepository, FactorRepository, ScoreRepository
from storage.db import create_engine, translate_outages
from storage.experiments import PlacementRepository, TestCardRepository
from storage.feedback import (
    CoCreationRepository,
    FeedbackRepository,
    ImprovementActionRepository,
    ThemeDecisionRepository,
)
from storage.history import HistoryRepository
from storage.limits import LimitRepository
from storage.live_actions import LiveActionRepository
from storage.members import InviteRepository, MemberRepository
from storage.migrations import lock_schema, migrate, migration_log
from storage.personas import PersonaRepository, SegmentRepository
from storage.projects import ProjectRepository
from storage.repository import Database
from storage.revisions import bump_revision
from storage.secrets import SecretRepository
from storage.snapshot import purge_abandoned_imports
from storage.workshops import ParticipantRepository, VoteRepository, WorkshopRepository


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
        self.limits = LimitRepository(self.db)
        self.live_actions = LiveActionRepository(self.db)
        self.members = MemberRepository(self.db)
        self.invites = InviteRepository(self.db)
        self.audit = AuditRepository(self.db)
        self.history = HistoryRepository(self.db)
        self.test_cards = TestCardRepository(self.db)
        self.placements = PlacementRepository(self.db)
        self.feedback = FeedbackRepository(self.db)
        self.feedback_themes = ThemeDecisionRepository(self.db)
        self.feedback_actions = ImprovementActionRepository(self.db)
        self.cocreation = CoCreationRepository(self.db)
        self.secrets = SecretRepository(self.db)

    def bump(self, conn: sa.Connection, project_id: str) -> None:
        bump_revision(conn, project_id)

    def close(self) -> None:
        """Close every pooled connection (a tool that is done with its database)."""
        self.db.engine.dispose()

    def ping(self) -> None:
        """One round trip; raises StorageUnavailable while the database is down."""
        with self.db.reading() as conn:
            conn.execute(sa.text("SELECT 1"))


def run_once(store: Store, name: str, action) -> bool:
    """Run `action(conn)` the first time this database sees `name`; record it in the same transaction."""
    with store.db.transaction() as conn:
        lock_schema(conn)  # several app processes may start at once; only one of them runs the action
        done = conn.execute(sa.select(migration_log.c.name).where(migration_log.c.name == name)).first()
        if done:
            return False
        action(conn)
        conn.execute(migration_log.insert().values(name=name, applied_at=utcnow()))
        return True


def connect_store(settings: Settings) -> Store:
    """Connect, migrate, and tidy the trash and cut-off imports."""
    with translate_outages():
        engine = create_engine(settings.effective_database_url)
        migrate(engine)
    store = Store(engine)
    store.projects.purge_trash(settings.trash_retention_days)
    purge_abandoned_imports(store.db)
    return store
