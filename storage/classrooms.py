"""Classes and their groups."""

from __future__ import annotations

import sqlalchemy as sa

from classroom.models import ClassGroup, Classroom
from storage import tables
from storage.repository import VersionedRepository


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
