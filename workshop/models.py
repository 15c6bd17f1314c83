"""Workshop, participant and vote models."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, field_validator

from core.errors import NilaiError
from core.models import DisplayText, Draft, Stored, as_utc

WorkshopStatus = Literal["open", "ended"]
# A "customer" takes part like a participant; their notes count as the customer's own voice.
Role = Literal["facilitator", "participant", "customer"]

DISPLAY_NAME_MAX = 40
DisplayName = Annotated[str, DisplayText(max_length=DISPLAY_NAME_MAX)]


# Dot votes: each participant's budget when a workshop opens, and the most a facilitator may give.
VOTE_BUDGET_DEFAULT = 3
VOTE_BUDGET_MAX = 20


def votes_left(budget: int, used: int) -> int:
    """The dots a participant may still place."""
    return max(budget - used, 0)


class WorkshopDraft(Draft):
    canvas_id: str
    vote_budget: Annotated[int, Field(ge=1, le=VOTE_BUDGET_MAX)] = VOTE_BUDGET_DEFAULT


class Workshop(Stored):
    project_id: str
    canvas_id: str
    join_code: str
    facilitator_token_hash: str
    status: WorkshopStatus = "open"
    current_area: str | None = None
    timer_ends_at: datetime | None = None
    private_mode: bool = False
    locked: bool = False
    voting_open: bool = False
    votes_revealed: bool = False
    vote_budget: int = VOTE_BUDGET_DEFAULT
    ended_at: datetime | None = None
    customers_welcome: bool = False  # co-creation (issue 17): customers may join
    customer_code: str | None = None
    customer_step: str | None = None  # customers' own step: an area, "profile", or None (the room's)

    @field_validator("timer_ends_at", "ended_at", mode="after")
    @classmethod
    def _utc_times(cls, value: datetime | None) -> datetime | None:
        return as_utc(value)


class ParticipantDraft(Draft):
    display_name: DisplayName


class DisplayNameTaken(NilaiError):
    """Someone in the workshop got this display name first (two joins at once)."""

    key = "workshop.error.name_taken"


class Participant(Stored):
    workshop_id: str
    display_name: str
    role: Role = "participant"
    token_hash: str


class Vote(Stored):
    workshop_id: str
    item_id: str
    participant_id: str
