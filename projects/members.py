"""Project members and invite links (team server).

Owners add people by the e-mail address their identity provider reports, change roles,
remove members, and make invite links: a link works for anyone signed in until it expires,
an owner revokes it, or (a single-use link) someone has used it, and makes them a member
with the link's role (never lowering a role they already have). Removing a member revokes
every link they made or used, and no link made before the removal lets them back in: only
a new invite does. A project always keeps at least one owner. Every change lands in the
audit log in the same transaction.
"""

from __future__ import annotations

from datetime import timedelta

from core.actors import Actor, UserActor
from core.errors import Conflict, InvalidInput, NotFound
from core.models import utcnow
from core.tokens import hash_token, new_token
from projects import audit
from projects.access import project_scope, workspace_only
from projects.team_models import ROLES, CreatedInvite, Invite, Member, Role
from storage.store import Store

RANK = {"viewer": 0, "editor": 1, "owner": 2}
EMAIL_MAX = 320


def normalize_email(raw: object) -> str:
    """An address as members are keyed: trimmed, lower case; InvalidInput if it isn't one."""
    address = raw.strip().lower() if isinstance(raw, str) else ""
    local, _, domain = address.partition("@")
    if not local or "." not in domain or len(address) > EMAIL_MAX or any(c.isspace() for c in address):
        raise InvalidInput([("email", "team.error.email", {})])
    return address


def _role(raw: object) -> Role:
    if raw not in ROLES:
        raise InvalidInput([("role", "team.error.role", {})])
    return raw


def list_members(store: Store, actor: Actor, project_id: str) -> list[Member]:
    project_scope(store, actor, project_id, "read")
    return sorted(store.members.for_project(project_id), key=lambda m: (-RANK[m.role], m.email))


def add_member(store: Store, actor: Actor, project_id: str, email: str, role: str, name: str = "") -> Member:
    """Give `email` the role (adding them, or changing the role of a member)."""
    project_scope(store, actor, project_id, "manage")
    address, wanted = normalize_email(email), _role(role)
    with store.db.transaction() as conn:
        store.members.lock_project_in(conn, project_id)
        before = store.members.by_email(project_id, address, conn=conn)
        if before is not None and before.deleted_at is None and before.role == "owner" and wanted != "owner":
            _keep_an_owner(store, conn, project_id)
        member = store.members.put_in(conn, project_id, address, name.strip()[:200], wanted)
        if before is None or before.deleted_at is not None:
            audit.record(store, actor, project_id, "member_added", f"{address} {wanted}", conn=conn)
        elif before.role != wanted:
            audit.record(store, actor, project_id, "role_changed", f"{address} {before.role}->{wanted}", conn=conn)
    return member


def remove_member(store: Store, actor: Actor, project_id: str, member_id: str) -> None:
    """Remove a member, and with them every invite link of the project they made or used
    (in the same transaction); links made before now no longer bring them back."""
    project_scope(store, actor, project_id, "manage")
    with store.db.transaction() as conn:
        store.members.lock_project_in(conn, project_id)
        member = _member_in(store, conn, project_id, member_id)
        if member.role == "owner":
            _keep_an_owner(store, conn, project_id)
        store.members.remove_in(conn, member.id)
        revoked = store.invites.revoke_for_person_in(conn, project_id, member.email)
        audit.record(store, actor, project_id, "member_removed", f"{member.email} {member.role}", conn=conn)
        if revoked:
            audit.record(store, actor, project_id, "invite_revoked", f"{member.email} x{revoked}", conn=conn)


def _member_in(store: Store, conn, project_id: str, member_id: object) -> Member:
    if not isinstance(member_id, str):
        raise NotFound("error.not_found")
    try:
        member = store.members.get(member_id, conn=conn)
    except NotFound:
        raise NotFound("error.not_found") from None
    if member.project_id != project_id or member.deleted_at is not None:
        raise NotFound("error.not_found")
    return member


def _keep_an_owner(store: Store, conn, project_id: str) -> None:
    """Refuse a change that would leave the project without an owner."""
    if store.members.owners_in(conn, project_id) <= 1:
        raise Conflict("team.error.last_owner")


# -- invite links --------------------------------------------------------------------------


def create_invite(
    store: Store, actor: Actor, project_id: str, role: str, *, days: int = 7, single_use: bool = False
) -> CreatedInvite:
    """A new invite link's token (shown once) with `role`, working for `days`; a single-use
    link works for the first person only."""
    project_scope(store, actor, project_id, "manage")
    wanted = _role(role)
    token = new_token()
    email, _ = audit.who(actor)
    expires_at = utcnow() + timedelta(days=max(1, min(days, 90)))
    with store.db.transaction() as conn:
        invite = store.invites.create_in(
            conn, project_id, hash_token(token), wanted, email, expires_at, max_uses=1 if single_use is True else None
        )
        audit.record(store, actor, project_id, "invite_created", wanted, conn=conn)
    return CreatedInvite(invite=invite, token=token)


def list_invites(store: Store, actor: Actor, project_id: str) -> list[Invite]:
    """Invites that still work, newest last."""
    project_scope(store, actor, project_id, "manage")
    now = utcnow()
    return [i for i in store.invites.for_project(project_id) if i.revoked_at is None and i.expires_at > now]


def revoke_invite(store: Store, actor: Actor, project_id: str, invite_id: object) -> None:
    project_scope(store, actor, project_id, "manage")
    if not isinstance(invite_id, str):
        raise NotFound("error.not_found")
    try:
        invite = store.invites.get(invite_id)
    except NotFound:
        raise NotFound("error.not_found") from None
    if invite.project_id != project_id:
        raise NotFound("error.not_found")
    store.invites.revoke(invite.id)
    audit.record(store, actor, project_id, "invite_revoked", invite.role)


def accept_invite(store: Store, actor: Actor, token: object) -> Member:
    """Join a project with an invite link. Only a signed-in user can; an unknown, expired or
    revoked link is NotFound, all alike."""
    if not isinstance(actor, UserActor):
        workspace_only(actor)  # the workspace needs no invite; anyone else can't use one
        raise NotFound("team.error.invite_gone")
    if not isinstance(token, str) or not token or len(token) > 200:
        raise NotFound("team.error.invite_gone")
    with store.db.transaction() as conn:
        found = store.invites.usable_by_hash_in(conn, hash_token(token))
        if found is None:
            raise NotFound("team.error.invite_gone")
        store.members.lock_project_in(conn, found.project_id)
        # Read again under the project's lock: a removal or revoke that just committed counts.
        invite = store.invites.usable_by_hash_in(conn, hash_token(token))
        if invite is None:
            raise NotFound("team.error.invite_gone")
        before = store.members.by_email(invite.project_id, actor.email, conn=conn)
        removed_at = before.deleted_at if before is not None else None
        if removed_at is not None and invite.created_at is not None and invite.created_at <= removed_at:
            raise NotFound("team.error.invite_gone")  # only a link made after the removal brings them back
        if not store.invites.take_use_in(conn, invite.id, actor.email):
            raise NotFound("team.error.invite_gone")
        role = invite.role
        if before is not None and before.deleted_at is None and RANK[before.role] >= RANK[role]:
            role = before.role  # an invite never lowers a role
        member = store.members.put_in(conn, invite.project_id, actor.email, actor.name, role)
        audit.record(store, actor, invite.project_id, "invite_used", role, conn=conn)
    return member


def remember_name(store: Store, actor: Actor) -> None:
    """Keep the name the identity provider reports now on the user's memberships."""
    if isinstance(actor, UserActor) and actor.name:
        store.members.remember_name(actor.email, actor.name)
