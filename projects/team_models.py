"""What the team server stores about people: project members, invite links, the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator

from core.models import Stored, as_utc

Role = Literal["owner", "editor", "viewer"]
ROLES: tuple[Role, ...] = ("owner", "editor", "viewer")


class Member(Stored):
    """One person's role in one project, named by the e-mail their identity provider reports."""

    project_id: str
    email: str
    name: str = ""
    role: Role


class Invite(Stored):
    """An invite link's record: the token itself is shown once and only its hash is kept."""

    project_id: str
    role: Role
    created_by: str = ""
    expires_at: datetime
    revoked_at: datetime | None = None
    uses: int = 0
    max_uses: int | None = None  # None: any number of people until it expires

    @field_validator("expires_at", "revoked_at", mode="after")
    @classmethod
    def _utc_times(cls, value: datetime | None) -> datetime | None:
        return as_utc(value)


class CreatedInvite(BaseModel):
    """A new invite and its token, which exists nowhere else once this is dropped."""

    invite: Invite
    token: str


class AuditEvent(BaseModel):
    model_config = ConfigDict(extra="ignore", from_attributes=True)

    id: str
    project_id: str
    at: datetime
    actor_email: str = ""
    actor_name: str = ""
    action: str
    detail: str = ""

    @field_validator("at", mode="after")
    @classmethod
    def _utc_at(cls, value: datetime) -> datetime:
        return as_utc(value) or value
