"""Segment and persona models."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from core.models import Draft, LongText, Name, ShortText, Stored, UserText

Decision = Literal["target", "consider", "exclude"]
Stage = Literal["pre_purchase", "purchase", "post_purchase"]
Participation = Literal["low", "moderate", "high"]
CustomerRole = Literal["productive_resource", "quality_contributor", "competitor"]

Scale = Annotated[int, Field(ge=1, le=5)]
ListEntry = Annotated[str, UserText(min_length=1, max_length=200)]
EntryList = Annotated[list[ListEntry], Field(max_length=20)]
Channel = Annotated[str, UserText(min_length=1, max_length=120)]
Detail = Annotated[str, UserText(max_length=120)]
Quote = Annotated[str, UserText(max_length=280)]


class SegmentDraft(Draft):
    name: Name
    description: LongText = ""
    size: Annotated[int, Field(ge=0, le=10_000_000_000)] = 0
    attractiveness: Scale = 3
    attractiveness_note: ShortText = ""
    capability: Scale = 3
    capability_note: ShortText = ""
    decision: Decision = "consider"
    decision_reason: ShortText = ""


class Segment(Stored):
    project_id: str
    name: str
    description: str = ""
    size: int = 0
    attractiveness: int = 3
    attractiveness_note: str = ""
    capability: int = 3
    capability_note: str = ""
    decision: Decision = "consider"
    decision_reason: str = ""
    position: float = 0


class Touchpoint(BaseModel):
    stage: Stage
    channel: Channel
    note: ShortText = ""


class PersonaDraft(Draft):
    name: Name
    segment_id: str | None = None
    age: Annotated[int, Field(ge=0, le=120)] | None = None
    occupation: Detail = ""
    location: Detail = ""
    quote: Quote = ""
    bio: LongText = ""
    goals: EntryList = []
    frustrations: EntryList = []
    channels: EntryList = []
    touchpoints: Annotated[list[Touchpoint], Field(max_length=30)] = []
    participation: Participation | None = None
    roles: list[CustomerRole] = []
    knowledge_for: LongText = ""
    knowledge_from: LongText = ""
    knowledge_about: LongText = ""
    nps: Annotated[int, Field(ge=0, le=10)] | None = None
    avatar_color: Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")] = "#2f6f5e"


class Persona(Stored):
    project_id: str
    segment_id: str | None = None
    name: str
    age: int | None = None
    occupation: str = ""
    location: str = ""
    quote: str = ""
    bio: str = ""
    goals: list[str] = []
    frustrations: list[str] = []
    channels: list[str] = []
    touchpoints: list[Touchpoint] = []
    participation: Participation | None = None
    roles: list[CustomerRole] = []
    knowledge_for: str = ""
    knowledge_from: str = ""
    knowledge_about: str = ""
    nps: int | None = None
    avatar_color: str = "#2f6f5e"
    has_avatar_image: bool = False
    position: float = 0
