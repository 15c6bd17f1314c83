"""Classroom models: a lecturer's class, and the student groups that join it."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import field_validator

from core.models import DisplayText, Draft, Language, Name, Stored, UserText, as_utc, utcnow

ClassStatus = Literal["open", "closed"]
GroupName = Annotated[str, DisplayText(max_length=80)]
# "blank", "example:<slug>" or "project:<id>": what each group's project starts from.
Template = Annotated[str, UserText(min_length=1, max_length=80)]


class ClassDraft(Draft):
    name: Name
    language: Language = "id"
    template: Template = "blank"
    deadline: datetime | None = None
    share_after_deadline: bool = False


class Classroom(Stored):
    name: str
    language: Language = "id"
    join_code: str
    lecturer_token_hash: str
    template: str = "blank"
    deadline: datetime | None = None
    share_after_deadline: bool = False
    status: ClassStatus = "open"
    closed_at: datetime | None = None

    @field_validator("deadline", "closed_at", mode="after")
    @classmethod
    def _utc_times(cls, value: datetime | None) -> datetime | None:
        return as_utc(value)


class GroupDraft(Draft):
    name: GroupName


class ClassGroup(Stored):
    class_id: str
    project_id: str
    name: str
    token_hash: str


def after_deadline(classroom: Classroom, now: datetime | None = None) -> bool:
    return classroom.deadline is not None and (now or utcnow()) >= classroom.deadline


def shares_with_peers(classroom: Classroom, now: datetime | None = None) -> bool:
    """Groups may read each other's projects once the deadline passed, if the lecturer shares."""
    return classroom.share_after_deadline and after_deadline(classroom, now)
