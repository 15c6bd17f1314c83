"""The live board feed: what a browser draws, one shared payload per revision and kind
of viewer, plus the few things that are the viewer's own.

Whoever asks names themselves with their own credential: a participant's or the
facilitator's token (a participant row holds the hash of either), or the projector's
credential, a signature the server derives from the workshop's secret facilitator token
hash, so a projector link grants nothing beyond looking at the wall. What each may see is
`workshop.room.view_of`'s rule, asked once per revision for everyone of a kind (nobody's
own marks) and once per request for the viewer's own notes and votes.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import Any

from core.errors import Forbidden
from core.tokens import hash_token
from storage.store import Store
from workshop.models import Participant, Workshop, votes_left
from workshop.room import BoardNote, RoomState, Viewer, WorkshopView, view_of

PROJECTOR_PREFIX = "wall"
# Who shares one board: the facilitator sees private-mode notes; the projector shows no authors.
VIEWER_KINDS: tuple[Viewer, ...] = ("participant", "facilitator", "projector")


@dataclass(frozen=True)
class FeedViewer:
    """Who opened the feed: their workshop, their participant row (none for the wall), their kind."""

    workshop_id: str
    me: Participant | None
    viewer: Viewer


def projector_credential(workshop: Workshop) -> str:
    """The wall's credential for this workshop. Only the server can make it: the key is the
    stored hash of the facilitator's token, which never leaves the database."""
    return f"{PROJECTOR_PREFIX}.{workshop.id}.{_wall_signature(workshop.id, workshop.facilitator_token_hash)}"


def _wall_signature(workshop_id: str, key: str) -> str:
    return hmac.new(key.encode(), f"projector:{workshop_id}".encode(), hashlib.sha256).hexdigest()


def projector_workshop_id(credential: str) -> str | None:
    """The workshop a projector credential names (not yet checked: `check_projector` does)."""
    parts = credential.split(".")
    if len(parts) == 3 and parts[0] == PROJECTOR_PREFIX and len(parts[1]) == 32:
        return parts[1]
    return None


def check_projector(credential: str, workshop: Workshop) -> None:
    """A forged or foreign wall credential is refused."""
    expected = projector_credential(workshop)
    if not hmac.compare_digest(credential.encode(), expected.encode()):
        raise Forbidden("workshop.error.bad_link")


def participant_of(store: Store, token: str) -> Participant:
    """The participant (or facilitator) whose token this is; anything else is refused."""
    if not token or token.startswith(f"{PROJECTOR_PREFIX}."):
        raise Forbidden("workshop.error.bad_link")
    participant = store.participants.by_token_hash(hash_token(token))
    if participant is None:
        raise Forbidden("workshop.error.bad_link")
    return participant


def viewer_for(participant: Participant) -> FeedViewer:
    kind: Viewer = "facilitator" if participant.role == "facilitator" else "participant"
    return FeedViewer(workshop_id=participant.workshop_id, me=participant, viewer=kind)


def check_current(room: RoomState, who: FeedViewer, credential: str) -> None:
    """A credential checked earlier still holds in this room: a reissued facilitator link
    (and the wall credential derived from it) stops working at once."""
    if who.viewer == "projector":
        check_projector(credential, room.workshop)
    elif who.viewer == "facilitator" and not hmac.compare_digest(
        room.workshop.facilitator_token_hash, hash_token(credential)
    ):
        raise Forbidden("workshop.error.bad_link")


def check_open(room: RoomState) -> None:
    """The feed follows open workshops only; an ended one's pages say so and stay still."""
    if room.workshop.status != "open":
        raise Forbidden("workshop.error.ended")


# -- payloads -------------------------------------------------------------------------------


def note_fields(note: BoardNote, order: float, *, with_author: bool) -> list[Any]:
    """A note as the browser draws it; a list, compact for a room of hundreds. User text
    stays plain text: the browser sets it with textContent."""
    return [
        note.id,
        note.version,
        note.area,
        note.text,
        note.author if with_author else None,
        note.hidden,
        note.votes,
        note.customer,
        order,
    ]


def shared_notes(room: RoomState, viewer: Viewer) -> dict[str, list[Any]]:
    """Everyone of this kind's board at this room's revision, by note id, without anyone's
    own marks: `view_of` with no viewer of their own decides what is on it."""
    view = view_of(room, None, viewer)
    with_author = viewer != "projector"
    order = {item.id: item.position for item in room.items}
    return {note.id: note_fields(note, order[note.id], with_author=with_author) for note in view.notes}


def room_fields(room: RoomState, shared_view_hidden: int) -> dict[str, Any]:
    """The room's controls and counts: small, sent whole with every board."""
    workshop = room.workshop
    return {
        "workshop_version": workshop.version,
        "status": workshop.status,
        "current_area": workshop.current_area,
        "private_mode": workshop.private_mode,
        "locked": workshop.locked,
        "voting_open": workshop.voting_open,
        "votes_revealed": workshop.votes_revealed,
        "vote_budget": workshop.vote_budget,
        "timer_ends_at": workshop.timer_ends_at.timestamp() if workshop.timer_ends_at else None,
        "participant_count": room.participant_count,
        "hidden_count": shared_view_hidden,
    }


def full_board(room: RoomState, viewer: Viewer, notes: dict[str, list[Any]]) -> dict[str, Any]:
    hidden = len(room.shared_notes) - len(notes) if viewer != "facilitator" else 0
    return {"revision": room.revision, "full": True, "notes": list(notes.values()), "room": room_fields(room, hidden)}


def board_delta(
    room: RoomState, viewer: Viewer, before: dict[str, list[Any]], now: dict[str, list[Any]], since: int
) -> dict[str, Any]:
    """What changed between the board a browser holds (at revision `since`) and this one:
    notes added or changed, ids removed (deleted, merged, hidden again)."""
    changed = [fields for note_id, fields in now.items() if before.get(note_id) != fields]
    removed = [note_id for note_id in before if note_id not in now]
    hidden = len(room.shared_notes) - len(now) if viewer != "facilitator" else 0
    return {
        "revision": room.revision,
        "full": False,
        "since": since,
        "changed": changed,
        "removed": removed,
        "room": room_fields(room, hidden),
    }


def own_part(room: RoomState, who: FeedViewer) -> dict[str, Any]:
    """The viewer's own marks: which notes are theirs, their dots, their votes left, and their
    own private-mode notes, which the shared board leaves out.

    Asked once per viewer per answer, so it costs the viewer's own notes and dots, not the
    room's: the shared board's index says which are visible. A viewer with private-mode notes
    of their own (off the shared board) is asked of `view_of` note by note, as everywhere;
    tests/workshop/test_feed_own_part.py holds both to the same answers."""
    quick = own_part_from_board(room, who)
    return quick if quick is not None else own_part_by_view(room, who)


def own_part_from_board(room: RoomState, who: FeedViewer) -> dict[str, Any] | None:
    """own_part from the shared board's index alone (a few dict lookups), or None when the
    viewer has notes of their own off the shared board and needs `own_part_by_view`."""
    if who.me is None:
        return {"mine": [], "my_votes": {}, "own_notes": [], "votes_left": 0, "hidden_count": None}
    sees_hidden = who.viewer == "facilitator"
    board = room.board_for(sees_hidden)
    own_ids = room.authored.get(who.me.id, [])
    if any(item_id not in board.place for item_id in own_ids):
        return None
    votes = room.votes.get(who.me.id, {})
    workshop = room.workshop
    return {
        "mine": list(own_ids),
        "my_votes": {item_id: count for item_id, count in votes.items() if count and item_id in board.place},
        "own_notes": [],  # every note of theirs is on the shared board
        "votes_left": votes_left(workshop.vote_budget, sum(votes.values())) if workshop.voting_open else 0,
        "hidden_count": 0 if sees_hidden else len(room.shared_notes) - len(board.notes),
    }


def own_part_by_view(room: RoomState, who: FeedViewer) -> dict[str, Any]:
    """own_part from the viewer's whole `view_of`: a pass over the room."""
    if who.me is None:
        return {"mine": [], "my_votes": {}, "own_notes": [], "votes_left": 0, "hidden_count": None}
    view: WorkshopView = view_of(room, who.me, who.viewer)
    marked = [note for note in view.notes if note.mine or note.my_votes]
    # Only their own hidden notes need sending: every other note is on the shared board.
    hidden_mine = [note for note in marked if note.hidden and note.mine]
    order = {item.id: item.position for item in room.items} if hidden_mine else {}
    return {
        "mine": [note.id for note in marked if note.mine],
        "my_votes": {note.id: note.my_votes for note in marked if note.my_votes},
        "own_notes": [note_fields(note, order[note.id], with_author=True) for note in hidden_mine],
        "votes_left": view.votes_left,
        "hidden_count": view.hidden_count,
    }
