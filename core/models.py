"""Base model pieces shared by every domain package, and the project itself."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any, Literal, TypeVar, overload

from annotated_types import GroupedMetadata
from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError, field_validator

from core.errors import InvalidInput
from core.text import CleanName, CleanText

Language = Literal["id", "en"]
M = TypeVar("M", bound=BaseModel)

NAME_MAX = 120
SHORT_TEXT_MAX = 500
LONG_TEXT_MAX = 2000


@dataclass(frozen=True)
class UserText(GroupedMetadata):
    """The rules of every user text field, as `Annotated[str, UserText(max_length=...)]`:
    control characters removed (core.text), trimmed, length-checked. One piece of metadata,
    so the type checker sees a plain `str` alias."""

    max_length: int
    min_length: int | None = None

    def __iter__(self) -> Iterator[object]:
        # The cleaner goes last: a before-validator wraps what precedes it, so it runs first,
        # and pydantic keeps the usual string_too_short / string_too_long errors.
        yield StringConstraints(strip_whitespace=True, min_length=self.min_length, max_length=self.max_length)
        yield CleanText


@dataclass(frozen=True)
class DisplayText(GroupedMetadata):
    """A name others see beside their own (participants, class groups): also NFKC, with no
    invisible characters and single spaces, so a look-alike of a name *is* that name."""

    max_length: int

    def __iter__(self) -> Iterator[object]:
        yield StringConstraints(strip_whitespace=True, min_length=1, max_length=self.max_length)
        yield CleanName


Name = Annotated[str, UserText(min_length=1, max_length=NAME_MAX)]
ShortText = Annotated[str, UserText(max_length=SHORT_TEXT_MAX)]
LongText = Annotated[str, UserText(max_length=LONG_TEXT_MAX)]


def utcnow() -> datetime:
    return datetime.now(UTC)


@overload
def as_utc(value: datetime) -> datetime: ...
@overload
def as_utc(value: None) -> None: ...
def as_utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; everything we store is UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


class Draft(BaseModel):
    """What a user submits: validated, stripped, no ids."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Stored(BaseModel):
    """A row as read back: every stored row has an id and a version."""

    model_config = ConfigDict(extra="ignore", from_attributes=True)

    id: str
    version: int = 1
    created_at: datetime | None = None
    updated_at: datetime | None = None
    deleted_at: datetime | None = None

    @field_validator("created_at", "updated_at", "deleted_at", mode="after")
    @classmethod
    def _utc(cls, value: datetime | None) -> datetime | None:
        return as_utc(value)


class ProjectDraft(Draft):
    name: Name
    description: LongText = ""
    language: Language = "id"


class Project(Stored):
    name: str
    description: str = ""
    language: Language = "id"
    revision: int = 0
    guided: bool = False


class ProjectSummary(BaseModel):
    """What the project list needs, without loading the project's contents."""

    id: str
    name: str
    description: str
    language: Language
    updated_at: datetime | None
    deleted_at: datetime | None = None
    canvas_count: int = 0
    persona_count: int = 0

    @field_validator("updated_at", "deleted_at", mode="after")
    @classmethod
    def _utc(cls, value: datetime | None) -> datetime | None:
        return as_utc(value)


def problems_from(error: ValidationError) -> list[tuple[str, str, dict[str, Any]]]:
    """Turn pydantic's errors into (field, catalog key, params) the UI can translate."""
    problems: list[tuple[str, str, dict[str, Any]]] = []
    for item in error.errors():
        field = ".".join(str(part) for part in item["loc"]) or "value"
        kind = item["type"]
        ctx = item.get("ctx") or {}
        if kind == "string_too_short" or kind == "missing":
            problems.append((field, "error.field.empty", {}))
        elif kind == "string_too_long":
            problems.append((field, "error.field.too_long", {"max": ctx.get("max_length")}))
        elif kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
            bound = ctx.get("ge", ctx.get("gt", ctx.get("le", ctx.get("lt"))))
            problems.append((field, "error.field.out_of_range", {"bound": bound}))
        elif kind in {"literal_error", "enum"}:
            problems.append((field, "error.field.invalid_choice", {}))
        elif kind in {"int_parsing", "float_parsing", "int_from_float"}:
            problems.append((field, "error.field.not_a_number", {}))
        elif kind == "too_long":
            problems.append((field, "error.field.too_many", {"max": ctx.get("max_length")}))
        elif kind == "value_error" and isinstance(ctx.get("error"), ValueError):
            problems.append((field, str(ctx["error"]), {}))
        else:
            problems.append((field, "error.field.invalid", {}))
    return problems


def validate(model: type[M], data: dict[str, Any]) -> M:
    """Validate at the boundary; raise InvalidInput with translatable problems."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise InvalidInput(problems_from(error)) from None


def text_limit(model: type[BaseModel], field: str) -> int:
    """The most characters `model.field` accepts: the one number a text box shows as its
    limit and counts towards while typing, so the form and the domain never disagree."""
    limits = [
        found
        for item in _annotation_metadata(model.model_fields[field].annotation, model.model_fields[field].metadata)
        if (found := getattr(item, "max_length", None)) is not None
    ]
    if not limits:
        raise ValueError(f"{model.__name__}.{field} has no length limit")
    return min(limits)


def _annotation_metadata(annotation: Any, metadata: list[Any]) -> list[Any]:
    """A field's constraints, also where its type is `Text | None` (pydantic keeps those inside the union)."""
    from typing import get_args

    found = list(metadata)
    for arg in get_args(annotation):
        if hasattr(arg, "__metadata__"):
            found.extend(arg.__metadata__)
        elif get_args(arg):
            found.extend(_annotation_metadata(arg, []))
    found.extend(getattr(annotation, "__metadata__", ()))
    return found
