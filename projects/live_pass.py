"""Canvas feed passes: the credential a canvas page hands its board so the browser may
follow the project's revision (server/canvas_feed.py) without a Streamlit run.

The page issues one to the actor it serves, for a project that actor may read:
`cf1.<project id>.<actor>.<expires>.<signature>`, the signature an HMAC-SHA256 under a
random server key kept in the database (storage/secrets.py), so every app process checks
it and no key ever leaves the server. The actor part names who it was issued to, in a form
the server can rebuild and judge again: the workspace ("w:local", "w:key"), a signed-in
user ("u:<email>"), a class group or lecturer by id plus a prefix of their link's stored
hash, so a reissued link stops its passes. Opening a pass asks projects.access again, so a
removed member, a trashed project or another project's pass opens nothing.

A pass tells its holder one number, the project's revision. It never opens content.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import time
from dataclasses import dataclass

from core.actors import Actor, GroupActor, LecturerActor, UserActor, WorkspaceActor
from core.errors import Forbidden, NotFound
from projects import access
from storage.store import Store

PREFIX = "cf1"
KEY_NAME = "canvas-feed-pass"
LIFETIME_SECONDS = 3600
# Expiries are rounded up to this step, so every run of a page in one step hands the board
# the same pass (the board's data stays the same, the server's cache of checked passes hits).
STEP_SECONDS = 600
MAX_LENGTH = 600  # anything longer is not one of ours: refused unread
LINK_HASH_CHARS = 16
REFUSED = "error.not_found"  # the same refusal for forged, expired, foreign and revoked


@dataclass(frozen=True)
class LivePass:
    project_id: str
    actor: Actor
    expires: int


def issue(store: Store, actor: Actor, project_id: str, *, now: float | None = None) -> str:
    """A pass for `actor` to follow `project_id`; raises the domain's refusal when the actor
    may not read the project."""
    access.project_scope(store, actor, project_id, "read")
    claim = _claim(store, actor)
    moment = time.time() if now is None else now
    expires = int((moment + LIFETIME_SECONDS) // STEP_SECONDS + 1) * STEP_SECONDS
    body = f"{PREFIX}.{project_id}.{_encode(claim)}.{expires}"
    return f"{body}.{_signature(store, body)}"


def open_pass(store: Store, credential: str, *, now: float | None = None) -> LivePass:
    """Who holds this pass and which project it follows, judged again now; Forbidden for a
    forged, expired, foreign or no-longer-allowed one."""
    if not isinstance(credential, str) or not credential or len(credential) > MAX_LENGTH:
        raise Forbidden(REFUSED)
    body, _, signature = credential.rpartition(".")
    parts = body.split(".")
    if len(parts) != 4 or parts[0] != PREFIX or not parts[3].isdigit():
        raise Forbidden(REFUSED)
    if not hmac.compare_digest(signature.encode(), _signature(store, body).encode()):
        raise Forbidden(REFUSED)
    _, project_id, claim, expires = parts
    if int(expires) <= (time.time() if now is None else now):
        raise Forbidden(REFUSED)
    try:
        actor = _actor(store, _decode(claim))
        access.project_scope(store, actor, project_id, "read")
    except (NotFound, Forbidden):
        raise Forbidden(REFUSED) from None
    return LivePass(project_id=project_id, actor=actor, expires=int(expires))


def _signature(store: Store, body: str) -> str:
    return hmac.new(store.secrets.key(KEY_NAME), body.encode(), hashlib.sha256).hexdigest()


def _encode(claim: str) -> str:
    return base64.urlsafe_b64encode(claim.encode()).decode().rstrip("=")


def _decode(encoded: str) -> str:
    try:
        return base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError):
        raise Forbidden(REFUSED) from None


def _claim(store: Store, actor: Actor) -> str:
    """The actor, as the server rebuilds it when the pass comes back."""
    if isinstance(actor, WorkspaceActor):
        return f"w:{actor.label}"
    if isinstance(actor, UserActor):
        return f"u:{actor.email}"
    if isinstance(actor, GroupActor):
        group = store.class_groups.get(actor.group_id)
        return f"g:{group.id}:{group.token_hash[:LINK_HASH_CHARS]}"
    if isinstance(actor, LecturerActor):
        classroom = store.classes.get(actor.class_id)
        return f"l:{classroom.id}:{classroom.lecturer_token_hash[:LINK_HASH_CHARS]}"
    raise Forbidden(REFUSED)  # a workshop's people follow the workshop's own feed


def _actor(store: Store, claim: str) -> Actor:
    kind, _, rest = claim.partition(":")
    if kind == "w" and rest:
        return WorkspaceActor(rest)
    if kind == "u" and rest:
        return UserActor(email=rest, name=rest)
    ident, _, link_hash = rest.partition(":")
    if kind == "g" and ident:
        group = store.class_groups.get(ident)
        if hmac.compare_digest(group.token_hash[:LINK_HASH_CHARS], link_hash):
            return GroupActor(
                group_id=group.id, class_id=group.class_id, project_id=group.project_id, group_name=group.name
            )
    if kind == "l" and ident:
        classroom = store.classes.get(ident)
        if hmac.compare_digest(classroom.lecturer_token_hash[:LINK_HASH_CHARS], link_hash):
            return LecturerActor(class_id=classroom.id)
    raise Forbidden(REFUSED)
