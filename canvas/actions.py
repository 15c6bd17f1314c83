"""What the canvas board may ask for, and doing it.

The board (a browser component) reports each user action as a small dict. Nothing in it
is trusted: `parse_board_action` turns it into one typed action or refuses it whole, and
`apply_board_action` runs it through the actor-scoped canvas service, which checks that
every id is on the canvas on screen and that the actor may change it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, StringConstraints, TypeAdapter, ValidationError

from canvas import links, notes
from canvas.models import NOTE_MAX, RANK_MAX, RANK_MIN, Area, LinkStrength, NoteOwner
from core.actors import Actor
from core.errors import InvalidInput
from core.models import problems_from
from storage.store import Store

BAD_ACTION = "canvas.error.bad_action"
ID_MAX = 64

# Strict types: an id is a string and a version a number as sent, never coerced.
Id = Annotated[StrictStr, StringConstraints(min_length=1, max_length=ID_MAX)]
Version = Annotated[StrictInt, Field(ge=1)]
StrictRank = Annotated[StrictInt, Field(ge=RANK_MIN, le=RANK_MAX)]
Text = Annotated[StrictStr, StringConstraints(strip_whitespace=True, min_length=1, max_length=NOTE_MAX)]


class _Action(BaseModel):
    # nothing the board doesn't send is accepted
    model_config = ConfigDict(extra="forbid", frozen=True)

    nonce: Annotated[StrictStr, StringConstraints(max_length=64)] | None = None  # makes repeats distinct


class AddNote(_Action):
    op: Literal["add"]
    area: Area
    text: Text


class EditText(_Action):
    op: Literal["edit"]
    id: Id
    version: Version
    text: Text


class SetRank(_Action):
    op: Literal["update"]
    id: Id
    version: Version
    rank: StrictRank


class MoveNote(_Action):
    op: Literal["move"]
    id: Id
    version: Version
    area: Area


class DeleteNote(_Action):
    op: Literal["delete"]
    id: Id
    version: Version


class LinkNotes(_Action):
    op: Literal["link"]
    source: Id
    target: Id
    strength: LinkStrength = "full"


class Unlink(_Action):
    op: Literal["unlink"]
    link_id: Id


BoardAction = Annotated[
    AddNote | EditText | SetRank | MoveNote | DeleteNote | LinkNotes | Unlink, Field(discriminator="op")
]
_ADAPTER: TypeAdapter[BoardAction] = TypeAdapter(BoardAction)
# The note's own text rules keep their own, clearer messages (empty, too long).
_TEXT_PROBLEMS = {"error.field.empty", "error.field.too_long"}


def parse_board_action(raw: Any) -> BoardAction:
    """One typed board action, or InvalidInput: the text's own problem for a bad note text,
    `canvas.error.bad_action` for anything else that isn't exactly what the board sends."""
    if not isinstance(raw, dict):
        raise InvalidInput([("action", BAD_ACTION, {})])
    try:
        return _ADAPTER.validate_python(raw)
    except ValidationError as error:
        problems = problems_from(error)
        if problems and all(field.endswith(".text") and key in _TEXT_PROBLEMS for field, key, _ in problems):
            raise InvalidInput([("text", key, params) for _, key, params in problems]) from None
        raise InvalidInput([("action", BAD_ACTION, {})]) from None


@dataclass(frozen=True)
class Applied:
    """What the board needs to say after an action: what can be undone, if anything."""

    deleted_item_id: str | None = None
    deleted_text: str | None = None
    removed_link_id: str | None = None


def apply_board_action(store: Store, actor: Actor, canvas_id: str, action: BoardAction) -> Applied:
    """Run one parsed action on the canvas, as the actor. Domain errors pass through."""
    if isinstance(action, AddNote):
        notes.add_note(store, actor, NoteOwner.of_canvas(canvas_id), action.area, action.text)
    elif isinstance(action, EditText):
        notes.update_note(store, actor, NoteOwner.of_canvas(canvas_id), action.id, action.version, text=action.text)
    elif isinstance(action, SetRank):
        notes.update_note(store, actor, NoteOwner.of_canvas(canvas_id), action.id, action.version, rank=action.rank)
    elif isinstance(action, MoveNote):
        notes.update_note(store, actor, NoteOwner.of_canvas(canvas_id), action.id, action.version, area=action.area)
    elif isinstance(action, DeleteNote):
        item = notes.delete_note(store, actor, NoteOwner.of_canvas(canvas_id), action.id, action.version)
        return Applied(deleted_item_id=item.id, deleted_text=item.text)
    elif isinstance(action, LinkNotes):
        links.add_link(store, actor, canvas_id, action.source, action.target, action.strength)
    elif isinstance(action, Unlink):
        link = links.remove_link(store, actor, canvas_id, action.link_id)
        return Applied(removed_link_id=link.id)
    return Applied()
