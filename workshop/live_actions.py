"""The live board's writes (POST /api/live/action, server/actions.py): a note, a dot, a
dot taken back or a delete, each the same workshop.notes call the page makes, with its
limits and scope checks, and each exactly once by the browser's nonce.

The browser makes a nonce per write and sends it again, unchanged, when it never got an
answer (the network dropped, the process died). The write records the nonce in its own
transaction (storage/live_actions.py); a repeat finds it and gets `confirmed` again instead
of a second note or a second dot. A write that was refused recorded nothing: trying it
again is doing it again, which is what the browser means by retrying.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from core.errors import Conflict, Forbidden, InvalidInput, NilaiError, StaleVersion
from core.tokens import hash_token
from i18n import translate
from storage.store import Store
from workshop import notes as workshop_notes
from workshop.feed import PROJECTOR_PREFIX

MAX_BODY_BYTES = 4096  # a note's text (core.models: at most a few hundred characters) and a few fields
LANGUAGES = ("en", "id")


class LiveAction(BaseModel):
    """One write as the browser sends it."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["add_note", "vote", "unvote", "delete"]
    nonce: Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{8,40}$")]
    text: Annotated[str, Field(max_length=2000)] = ""
    area: Annotated[str, Field(max_length=40)] | None = None
    id: Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")] | None = None
    version: int | None = None
    lang: str = "en"


@dataclass(frozen=True)
class Outcome:
    """`confirmed` (the write is stored, now or by an earlier try with the same nonce) or
    `refused` (nothing stored; `key` and `message` say why, in the participant's language)."""

    status: Literal["confirmed", "refused"]
    workshop_id: str | None = None
    item_id: str | None = None
    votes_left: int | None = None
    key: str | None = None
    message: str | None = None
    repeated: bool = False

    def as_json(self, revision: int | None) -> dict[str, Any]:
        body: dict[str, Any] = {"status": self.status}
        if self.status == "confirmed":
            body.update(revision=revision, id=self.item_id, repeated=self.repeated)
            if self.votes_left is not None:
                body["votes_left"] = self.votes_left
        else:
            body.update(key=self.key, message=self.message)
        return body


def parse(raw: bytes) -> LiveAction:
    """The request body, or InvalidInput (the browser's bug or a forgery: nothing is done)."""
    try:
        return LiveAction.model_validate_json(raw)
    except ValidationError:
        raise InvalidInput([("action", "error.invalid_input", {})]) from None


def language(action: LiveAction) -> str:
    return action.lang if action.lang in LANGUAGES else "en"


def message(lang: str, error: NilaiError) -> str:
    """The refusal in the participant's language, as the page would say it."""
    if isinstance(error, InvalidInput):
        lines = []
        for field, key, params in error.problems:
            label_key = f"field.{field.split('.')[0]}"
            label = translate(lang, label_key)
            lines.append(translate(lang, key, field=field if label == label_key else label, **params))
        return "\n".join(lines)
    return translate(lang, error.key, **error.params)


def refused(lang: str, error: NilaiError) -> Outcome:
    return Outcome(status="refused", key=error.key, message=message(lang, error))


def perform(store: Store, token: str, action: LiveAction) -> Outcome:
    """Do the write with the participant's (or facilitator's) own token. A projector's
    credential writes nothing; a forged or foreign token is refused before anything else."""
    lang = language(action)
    participant = None
    if token and not token.startswith(f"{PROJECTOR_PREFIX}."):
        participant = store.participants.by_token_hash(hash_token(token))
    if participant is None:
        return refused(lang, Forbidden("workshop.error.bad_link"))
    try:
        item_id, votes_left = _do(store, token, action)
    except NilaiError as error:
        # An earlier try with this nonce may have been stored (its answer lost): this try
        # then fails on the nonce (Conflict) or on what the first one did (budget spent,
        # note gone). Either way the write happened once: say so.
        record = store.live_actions.find(participant.id, action.nonce)
        if record is not None:
            return Outcome("confirmed", participant.workshop_id, record.item_id, repeated=True)
        if isinstance(error, Conflict):
            raise
        if isinstance(error, StaleVersion):
            return refused(lang, NilaiError("workshop.live.stale"))
        return refused(lang, error)
    return Outcome("confirmed", participant.workshop_id, item_id, votes_left)


def _do(store: Store, token: str, action: LiveAction) -> tuple[str, int | None]:
    """The domain call, as the page makes it: the note's (or voted note's) id and votes left."""
    if action.kind == "add_note":
        item = workshop_notes.add_note(store, token, action.text, action.area, nonce=action.nonce)
        return item.id, None
    if action.id is None:
        raise InvalidInput([("id", "error.field.empty", {})])
    if action.kind == "vote":
        return action.id, workshop_notes.vote(store, token, action.id, nonce=action.nonce)
    if action.kind == "unvote":
        workshop_notes.unvote(store, token, action.id, nonce=action.nonce)
        return action.id, None
    workshop_notes.delete_note(store, token, action.id, action.version, nonce=action.nonce)
    return action.id, None
