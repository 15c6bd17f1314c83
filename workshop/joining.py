"""Opening a workshop, joining it, and resolving tokens to who is asking. No Streamlit here.

Everything a participant or the facilitator does takes their secret token (never an id
they could choose). The token resolves, server-side, to their workshop and their row, and
from those to the actor (core.actors) that the canvas service and projects.access judge:
their workshop's one canvas, their own notes only (the facilitator: any note there). A
workshop whose project is in the trash resolves for nobody. Only SHA-256 hashes of tokens
are stored.

Floods are limited on the server (core/limits.py, counted in the database): joins and
join-code guesses per client address, whatever session or process they come through.
"""

from __future__ import annotations

from dataclasses import dataclass

from core import limits
from core.actors import Actor, FacilitatorActor, ParticipantActor, WorkshopActor
from core.authorship import Author
from core.errors import Forbidden, NotFound
from core.models import validate
from core.text import numbered_apart
from core.tokens import hash_token, new_join_code, new_token, normalize_code
from history import snapshots as history_snapshots
from projects.access import canvas_scope, project_scope
from storage.store import Store
from workshop.models import (
    DISPLAY_NAME_MAX,
    VOTE_BUDGET_DEFAULT,
    DisplayNameTaken,
    Participant,
    ParticipantDraft,
    Workshop,
    WorkshopDraft,
)

# Two people joining as "Ani" at the same moment: the database lets one have the name, the
# other tries the next "(n)". Enough tries for a whole room joining under one name at once.
JOIN_NAME_ATTEMPTS = 50


@dataclass(frozen=True)
class Access:
    """Who is asking, resolved from their token: the workshop and their participant row,
    and the actor the domain judges them as."""

    workshop: Workshop
    participant: Participant

    @property
    def is_facilitator(self) -> bool:
        return self.participant.role == "facilitator"

    @property
    def is_customer(self) -> bool:
        return self.participant.role == "customer"

    @property
    def actor(self) -> WorkshopActor:
        kind = FacilitatorActor if self.is_facilitator else ParticipantActor
        return kind(
            workshop_id=self.workshop.id,
            project_id=self.workshop.project_id,
            canvas_id=self.workshop.canvas_id,
            participant_id=self.participant.id,
            display_name=self.participant.display_name,
        )


@dataclass(frozen=True)
class Joined:
    access: Access
    token: str
    requested_name: str

    @property
    def renamed(self) -> bool:
        return self.access.participant.display_name != self.requested_name


@dataclass(frozen=True)
class Opened:
    workshop: Workshop
    facilitator_token: str


def open_workshop(
    store: Store, actor: Actor, canvas_id: str, *, facilitator_name: str, vote_budget: int = VOTE_BUDGET_DEFAULT
) -> Opened:
    """A workshop on a canvas of a project the actor may edit."""
    draft = validate(WorkshopDraft, {"canvas_id": canvas_id, "vote_budget": vote_budget})
    name = validate(ParticipantDraft, {"display_name": facilitator_name}).display_name
    canvas = canvas_scope(store, actor, draft.canvas_id, "edit")
    project_scope(store, actor, canvas.project_id, "edit")  # a workshop's own people open none
    token = new_token()
    token_hash = hash_token(token)
    code = unused_code(store)
    with store.db.transaction() as conn:
        workshop = store.workshops.insert_in(
            conn,
            canvas.project_id,
            {
                "canvas_id": canvas.id,
                "join_code": code,
                "facilitator_token_hash": token_hash,
                "vote_budget": draft.vote_budget,
            },
        )
        store.participants.insert_in(
            conn,
            canvas.project_id,
            {"workshop_id": workshop.id, "display_name": name, "role": "facilitator", "token_hash": token_hash},
        )
        # "Start of workshop": what the room's notes are compared with afterwards (history).
        history_snapshots.snapshot_in(
            store, conn, canvas.project_id, canvas.name, "workshop_start", Author("facilitator", name)
        )
    return Opened(workshop=workshop, facilitator_token=token)


def workshops_of_project(store: Store, actor: Actor, project_id: str) -> list[Workshop]:
    """The project's workshops, newest first, for whoever may edit the project."""
    project = project_scope(store, actor, project_id, "edit")
    return store.workshops.for_project(project.id)


def unused_code(store: Store) -> str:
    for _ in range(20):
        code = new_join_code()
        if not store.cocreation.code_in_use(code):  # join and customer codes share one space
            return code
    raise RuntimeError("could not find a free join code")  # 2**40 codes: never in practice


def facilitator_access(store: Store, token: str | None) -> Access:
    """The facilitator's workshop from their private link. Ended workshops stay readable;
    a workshop whose project is in the trash is gone."""
    if not token:
        raise Forbidden("workshop.error.bad_link")
    workshop = store.workshops.by_facilitator_hash(hash_token(token))
    if workshop is None:
        raise Forbidden("workshop.error.bad_link")
    participant = store.participants.by_token_hash(workshop.facilitator_token_hash)
    if participant is None or participant.workshop_id != workshop.id:
        raise Forbidden("workshop.error.bad_link")
    return Access(workshop=workshop, participant=participant)


def participant_access(store: Store, token: str | None) -> Access:
    """A participant's own row and workshop from their token; refused once it has ended
    (the trash ends a project's workshops)."""
    if not token:
        raise Forbidden("workshop.error.bad_link")
    participant = store.participants.by_token_hash(hash_token(token))
    if participant is None:
        raise Forbidden("workshop.error.bad_link")
    workshop = store.workshops.live(participant.workshop_id)
    if workshop is None or workshop.status != "open":
        raise Forbidden("workshop.error.ended")
    return Access(workshop=workshop, participant=participant)


def _guess_code(store: Store, code: str | None, client: str) -> Workshop | None:
    """The open workshop with this join code, counted as one guess by `client` (a
    limits.client_subject); a right one is given back, so only wrong ones add up."""
    guess = store.limits.take(limits.CODE_GUESSES, client)
    normalized = normalize_code(code or "")
    workshop = store.workshops.open_by_join_code(normalized) if normalized else None
    if workshop is None and normalized:  # a customer code hands out the customer role (issue 17)
        workshop = store.cocreation.open_by_customer_code(normalized)
    if workshop is not None:
        store.limits.give_back(guess)
    return workshop


def projector_workshop(store: Store, code: str | None, *, client: str) -> Workshop:
    """The open workshop a projector shows, from the join code on the wall. A wrong code
    counts as a guess by this client, as on the join page."""
    workshop = _guess_code(store, code, client)
    if workshop is None:
        raise NotFound("workshop.error.bad_code")
    return workshop


def join(store: Store, code: str, display_name: str, *, client: str, as_customer: bool = False) -> Joined:
    """Join with a code and a display name only. `client` is the limiter's subject for the
    device (limits.client_subject of its address): wrong codes and joins from it are
    limited, however many sessions it opens. A name someone in the workshop already has
    gets the next free " (n)". Someone joins as a customer with the customer code, or by
    choosing "customer" where the facilitator welcomes customers."""
    name = validate(ParticipantDraft, {"display_name": display_name}).display_name
    workshop = _guess_code(store, code, client)
    if workshop is None:
        raise Forbidden("workshop.error.bad_code")
    with_customer_code = workshop.customer_code is not None and workshop.customer_code == normalize_code(code or "")
    if as_customer and not workshop.customers_welcome:
        raise Forbidden("cocreation.error.not_welcome")
    role = "customer" if with_customer_code or as_customer else "participant"
    store.limits.take(limits.JOINS, client)
    token = new_token()
    for _ in range(JOIN_NAME_ATTEMPTS):
        taken = {taken_name.casefold() for taken_name in store.participants.names_in_workshop(workshop.id)}
        values = {
            "workshop_id": workshop.id,
            "display_name": numbered_apart(name, taken, DISPLAY_NAME_MAX),
            "role": role,
            "token_hash": hash_token(token),
        }
        try:
            with store.db.transaction() as conn:
                participant = store.participants.insert_in(conn, workshop.project_id, values)
        except DisplayNameTaken:
            continue  # someone took it a moment ago: look again
        return Joined(access=Access(workshop=workshop, participant=participant), token=token, requested_name=name)
    raise DisplayNameTaken()
