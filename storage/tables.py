"""The current schema. Migrations in storage/migrations.py bring older databases here."""

from __future__ import annotations

import sqlalchemy as sa

from workshop.models import VOTE_BUDGET_DEFAULT

metadata = sa.MetaData()

ID = sa.String(32)


def _common() -> list[sa.Column]:
    """Columns every versioned row carries."""
    return [
        sa.Column("id", ID, primary_key=True),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
    ]


def _owned(*, position: bool = True) -> list[sa.Column]:
    cols = [
        *_common(),
        sa.Column("project_id", ID, sa.ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    ]
    if position:
        cols.append(sa.Column("position", sa.Float, nullable=False, server_default="0"))
    return cols


projects = sa.Table(
    "projects",
    metadata,
    *_common(),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("description", sa.Text, nullable=False, server_default=""),
    sa.Column("language", sa.String(5), nullable=False, server_default="id"),
    sa.Column("revision", sa.BigInteger, nullable=False, server_default="0"),
    sa.Column("guided", sa.Boolean, nullable=False, server_default=sa.false()),
    # Set while an import writes the project in batches: hidden from everyone until revealed.
    sa.Column("importing_since", sa.DateTime(timezone=True), nullable=True),
    sa.Index("ix_projects_deleted_updated", "deleted_at", "updated_at"),
)

segments = sa.Table(
    "segments",
    metadata,
    *_owned(),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("description", sa.Text, nullable=False, server_default=""),
    sa.Column("size", sa.BigInteger, nullable=False, server_default="0"),
    sa.Column("attractiveness", sa.Integer, nullable=False, server_default="3"),
    sa.Column("attractiveness_note", sa.Text, nullable=False, server_default=""),
    sa.Column("capability", sa.Integer, nullable=False, server_default="3"),
    sa.Column("capability_note", sa.Text, nullable=False, server_default=""),
    sa.Column("decision", sa.String(20), nullable=False, server_default="consider"),
    sa.Column("decision_reason", sa.Text, nullable=False, server_default=""),
    sa.Index("ix_segments_project", "project_id"),
)

personas = sa.Table(
    "personas",
    metadata,
    *_owned(),
    sa.Column("segment_id", ID, nullable=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("age", sa.Integer, nullable=True),
    sa.Column("occupation", sa.String(200), nullable=False, server_default=""),
    sa.Column("location", sa.String(200), nullable=False, server_default=""),
    sa.Column("quote", sa.Text, nullable=False, server_default=""),
    sa.Column("bio", sa.Text, nullable=False, server_default=""),
    sa.Column("goals", sa.JSON, nullable=False),
    sa.Column("frustrations", sa.JSON, nullable=False),
    sa.Column("channels", sa.JSON, nullable=False),
    sa.Column("touchpoints", sa.JSON, nullable=False),
    sa.Column("participation", sa.String(20), nullable=True),
    sa.Column("roles", sa.JSON, nullable=False),
    sa.Column("knowledge_for", sa.Text, nullable=False, server_default=""),
    sa.Column("knowledge_from", sa.Text, nullable=False, server_default=""),
    sa.Column("knowledge_about", sa.Text, nullable=False, server_default=""),
    sa.Column("nps", sa.Integer, nullable=True),
    sa.Column("avatar_color", sa.String(7), nullable=False, server_default="#2f6f5e"),
    sa.Column("avatar_image", sa.LargeBinary, nullable=True),
    sa.Index("ix_personas_project", "project_id"),
)

canvases = sa.Table(
    "canvases",
    metadata,
    *_owned(),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("description", sa.Text, nullable=False, server_default=""),
    sa.Column("segment_id", ID, nullable=True),
    sa.Column("persona_id", ID, nullable=True),
    sa.Index("ix_canvases_project", "project_id"),
)

# Customer-profile items belong to a persona when the canvas has one (one source of
# truth for the persona and its canvases); otherwise to the canvas.
items = sa.Table(
    "items",
    metadata,
    *_owned(),
    sa.Column("canvas_id", ID, nullable=True),
    sa.Column("persona_id", ID, nullable=True),
    sa.Column("area", sa.String(20), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("rank", sa.Integer, nullable=False, server_default="3"),
    sa.Column("job_type", sa.String(20), nullable=True),
    sa.Column("gain_type", sa.String(20), nullable=True),
    sa.Column("evidence", sa.String(20), nullable=False, server_default="assumption"),
    sa.Column("evidence_note", sa.Text, nullable=False, server_default=""),
    sa.Column("evidence_source", sa.Text, nullable=False, server_default=""),
    sa.Column("author", sa.String(200), nullable=True),
    sa.Column("participant_id", ID, nullable=True),
    sa.Column("hidden", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("merged_into", ID, nullable=True),
    sa.Index("ix_items_canvas", "canvas_id"),
    sa.Index("ix_items_persona", "persona_id"),
    sa.Index("ix_items_project", "project_id"),
)

links = sa.Table(
    "links",
    metadata,
    *_owned(position=False),
    sa.Column("canvas_id", ID, nullable=False),
    sa.Column("source_id", ID, nullable=False),
    sa.Column("target_id", ID, nullable=False),
    sa.Column("strength", sa.String(10), nullable=False, server_default="full"),
    sa.Index("ix_links_canvas", "canvas_id"),
)

competitors = sa.Table(
    "competitors",
    metadata,
    *_owned(),
    sa.Column("canvas_id", ID, nullable=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("description", sa.Text, nullable=False, server_default=""),
    sa.Column("offering", sa.Text, nullable=False, server_default=""),
    sa.Column("kind", sa.String(20), nullable=False, server_default="competitor"),
    sa.Index("ix_competitors_canvas", "canvas_id"),
)

factors = sa.Table(
    "factors",
    metadata,
    *_owned(),
    sa.Column("canvas_id", ID, nullable=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("importance", sa.Integer, nullable=False, server_default="3"),
    sa.Column("source_item_id", ID, nullable=True),
    sa.Index("ix_factors_canvas", "canvas_id"),
)


def _unique_live_name(table: sa.Table) -> sa.Index:
    """Names unique per canvas among rows not in the trash, ignoring case: the database holds
    the rule, so two people adding "Price" at the same moment can't both succeed."""
    live = table.c.deleted_at.is_(None)
    return sa.Index(
        f"uq_{table.name}_canvas_name",
        table.c.canvas_id,
        sa.func.lower(table.c.name),
        unique=True,
        postgresql_where=live,
        sqlite_where=live,
    )


COMPETITOR_NAME_INDEX = _unique_live_name(competitors)
FACTOR_NAME_INDEX = _unique_live_name(factors)

scores = sa.Table(
    "scores",
    metadata,
    *_owned(position=False),
    sa.Column("factor_id", ID, nullable=False),
    sa.Column("competitor_id", ID, nullable=False),
    sa.Column("value", sa.Integer, nullable=False),
    sa.UniqueConstraint("factor_id", "competitor_id", name="uq_scores_factor_competitor"),
)

# ERRC moves (Eliminate, Reduce, Raise, Create) for a canvas: suggestions the user accepted
# (possibly edited) or dismissed, and the user's own moves. A decided suggestion is identified by
# (suggestion_key = the suggested action, factor_id, source_item_id); own moves have no key.
errc_moves = sa.Table(
    "errc_moves",
    metadata,
    *_owned(),
    sa.Column("canvas_id", ID, nullable=False),
    sa.Column("action", sa.String(10), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False, server_default=""),
    sa.Column("status", sa.String(10), nullable=False, server_default="own"),
    sa.Column("suggestion_key", sa.String(120), nullable=True),
    sa.Column("factor_id", ID, nullable=True),
    sa.Column("source_item_id", ID, nullable=True),
    sa.Index("ix_errc_moves_canvas", "canvas_id"),
)

workshops = sa.Table(
    "workshops",
    metadata,
    *_owned(position=False),
    sa.Column("canvas_id", ID, nullable=False),
    sa.Column("join_code", sa.String(16), nullable=False, unique=True),
    sa.Column("facilitator_token_hash", sa.String(64), nullable=False),
    sa.Column("status", sa.String(10), nullable=False, server_default="open"),
    sa.Column("current_area", sa.String(20), nullable=True),
    sa.Column("timer_ends_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("private_mode", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("locked", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("voting_open", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("votes_revealed", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("vote_budget", sa.Integer, nullable=False, server_default=str(VOTE_BUDGET_DEFAULT)),
    sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
)

participants = sa.Table(
    "participants",
    metadata,
    *_common(),
    sa.Column("workshop_id", ID, sa.ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False),
    sa.Column("display_name", sa.String(80), nullable=False),
    sa.Column("role", sa.String(20), nullable=False, server_default="participant"),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Index("ix_participants_workshop", "workshop_id"),
)
# Display names are unique within a workshop, ignoring case: the database holds the rule,
# so two people joining at the same moment as "Ani" can't both get the name.
PARTICIPANT_NAME_INDEX = sa.Index(
    "uq_participants_workshop_name", participants.c.workshop_id, sa.func.lower(participants.c.display_name), unique=True
)

votes = sa.Table(
    "votes",
    metadata,
    *_common(),
    sa.Column("workshop_id", ID, sa.ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False),
    sa.Column("item_id", ID, nullable=False),
    sa.Column("participant_id", ID, nullable=False),
    sa.Index("ix_votes_workshop", "workshop_id"),
)

# Testing the value proposition (experiments/): test cards with their learning, and where
# a team put each note on a canvas's assumptions map. Note ids are kept in a JSON list (a
# card names 1..12 notes of its canvas) with each note's text beside it, so a card still
# says what it tested after the note is deleted.
test_cards = sa.Table(
    "test_cards",
    metadata,
    *_owned(),
    sa.Column("canvas_id", ID, nullable=False),
    sa.Column("experiment", sa.String(40), nullable=False),
    sa.Column("hypothesis", sa.Text, nullable=False, server_default=""),
    sa.Column("metric", sa.Text, nullable=False, server_default=""),
    sa.Column("comparison", sa.String(12), nullable=False, server_default="at_least"),
    sa.Column("threshold", sa.Float, nullable=True),
    sa.Column("cost", sa.String(10), nullable=False, server_default="low"),
    sa.Column("duration_days", sa.Integer, nullable=False, server_default="7"),
    sa.Column("strength", sa.String(10), nullable=False, server_default="medium"),
    sa.Column("status", sa.String(10), nullable=False, server_default="planned"),
    sa.Column("item_ids", sa.JSON, nullable=False),
    sa.Column("item_texts", sa.JSON, nullable=False),
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("measured", sa.Float, nullable=True),
    sa.Column("passed", sa.Boolean, nullable=True),
    sa.Column("observation", sa.Text, nullable=False, server_default=""),
    sa.Column("insight", sa.Text, nullable=False, server_default=""),
    sa.Column("decision", sa.String(20), nullable=True),
    sa.Index("ix_test_cards_project", "project_id"),
    sa.Index("ix_test_cards_canvas", "canvas_id"),
)

assumption_placements = sa.Table(
    "assumption_placements",
    metadata,
    *_owned(position=False),
    sa.Column("canvas_id", ID, nullable=False),
    sa.Column("item_id", ID, nullable=False),
    sa.Column("importance", sa.Float, nullable=False),
    sa.Column("evidence", sa.Float, nullable=False),
    sa.UniqueConstraint("canvas_id", "item_id", name="uq_assumption_placements_canvas_item"),
    sa.Index("ix_assumption_placements_project", "project_id"),
)

# Tables whose rows belong to a project and are copied with it, parents first.
PROJECT_CONTENT: tuple[sa.Table, ...] = (
    segments,
    personas,
    canvases,
    items,
    links,
    competitors,
    factors,
    scores,
    errc_moves,
)
PROJECT_CONTENT += (test_cards, assumption_placements)  # experiments/

# Classroom: a lecturer's class and the groups in it. Each group owns one project; the
# class is not project content, so it is never copied with a project.
classes = sa.Table(
    "classes",
    metadata,
    *_common(),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("language", sa.String(5), nullable=False, server_default="id"),
    sa.Column("join_code", sa.String(16), nullable=False, unique=True),
    sa.Column("lecturer_token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("template", sa.String(80), nullable=False, server_default="blank"),
    sa.Column("deadline", sa.DateTime(timezone=True), nullable=True),
    sa.Column("share_after_deadline", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("status", sa.String(10), nullable=False, server_default="open"),
    sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
)

class_groups = sa.Table(
    "class_groups",
    metadata,
    *_common(),
    sa.Column("class_id", ID, sa.ForeignKey("classes.id", ondelete="CASCADE"), nullable=False),
    sa.Column("project_id", ID, nullable=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Index("ix_class_groups_class", "class_id"),
    sa.Index("ix_class_groups_project", "project_id"),
)

# The live board's writes (server/actions.py, workshop/live_actions.py): one row per
# (participant, nonce) written in the write's own transaction, so a browser retrying a
# write whose answer it never got (a dropped connection, a process that died) gets the
# first answer again instead of a second note or a second dot.
live_actions = sa.Table(
    "live_actions",
    metadata,
    sa.Column("participant_id", ID, sa.ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("nonce", sa.String(40), primary_key=True),
    sa.Column("kind", sa.String(12), nullable=False),
    sa.Column("item_id", ID, nullable=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
)

# Flood limits (core/limits.py): one counter per (limit, subject, fixed window), bumped
# with one atomic upsert, shared by every app process. Subjects are stored hashed (no
# addresses or participant ids in the clear); rows are pruned once their window is over.
rate_counters = sa.Table(
    "rate_counters",
    metadata,
    sa.Column("bucket", sa.String(20), primary_key=True),
    sa.Column("subject", sa.String(64), primary_key=True),
    sa.Column("window_start", sa.BigInteger, primary_key=True),
    sa.Column("count", sa.Integer, nullable=False),
    sa.Column("expires_at", sa.BigInteger, nullable=False),
    sa.Index("ix_rate_counters_expires", "expires_at"),
)

# Version history (issue 15): one row per change, written in the same transaction as the
# change itself (storage/history.py). `seq` orders the timeline and is its page cursor.
history = sa.Table(
    "history",
    metadata,
    sa.Column("seq", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True, autoincrement=True),
    sa.Column("project_id", ID, nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("who", sa.String(200), nullable=False, server_default=""),
    sa.Column("who_kind", sa.String(12), nullable=False, server_default="system"),
    sa.Column("kind", sa.String(30), nullable=False),
    sa.Column("entity", sa.String(20), nullable=False),
    sa.Column("target_id", ID, nullable=True),
    sa.Column("canvas_id", ID, nullable=True),
    sa.Column("persona_id", ID, nullable=True),
    sa.Column("label", sa.Text, nullable=False, server_default=""),
    sa.Column("detail", sa.JSON, nullable=True),
    sa.Index("ix_history_project_seq", "project_id", "seq"),
)

# Named snapshots of a project's canvases (notes and links), taken by hand, when a workshop
# starts or ends, on import, and right before a restore (what its Undo goes back to).
history_snapshots = sa.Table(
    "history_snapshots",
    metadata,
    *_common(),
    sa.Column("project_id", ID, nullable=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False, server_default="manual"),
    sa.Column("who", sa.String(200), nullable=False, server_default=""),
    sa.Column("revision", sa.BigInteger, nullable=False, server_default="0"),
    sa.Column("content", sa.JSON, nullable=False),
    sa.Index("ix_history_snapshots_project", "project_id", "created_at"),
)

# The customer's own voice (issue 17, storage/feedback.py): survey responses, what the team
# decided about the themes found in their comments, and the improvement actions that follow.
# A response is kept once per project: its content hash (feedback/parsing.py) is unique, so
# importing a file twice, or two imports at once, can't duplicate an answer.
feedback_responses = sa.Table(
    "feedback_responses",
    metadata,
    *_owned(position=False),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("score", sa.Integer, nullable=False),
    sa.Column("comment", sa.Text, nullable=False, server_default=""),
    sa.Column("answered_on", sa.Date, nullable=True),
    sa.Column("month", sa.String(7), nullable=False, server_default=""),
    sa.Column("stage", sa.String(20), nullable=True),
    sa.Column("touchpoint", sa.String(120), nullable=False, server_default=""),
    sa.Column("segment", sa.String(120), nullable=False, server_default=""),
    sa.Column("persona", sa.String(120), nullable=False, server_default=""),
    sa.Column("persona_id", ID, nullable=True),
    sa.UniqueConstraint("project_id", "content_hash", name="uq_feedback_responses_hash"),
)

feedback_themes = sa.Table(
    "feedback_themes",
    metadata,
    *_owned(position=False),
    sa.Column("kind", sa.String(10), nullable=False),
    sa.Column("theme_key", sa.String(120), nullable=False),
    sa.Column("status", sa.String(10), nullable=False),
    sa.Column("text", sa.Text, nullable=False, server_default=""),
    sa.Column("merged_into", sa.String(120), nullable=True),
    sa.Column("item_id", ID, nullable=True),
    sa.Column("comment_count", sa.Integer, nullable=False, server_default="0"),
    sa.UniqueConstraint("project_id", "kind", "theme_key", name="uq_feedback_themes_key"),
)

feedback_actions = sa.Table(
    "feedback_actions",
    metadata,
    *_owned(),
    sa.Column("theme_key", sa.String(120), nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("owner", sa.String(20), nullable=False, server_default="service"),
    sa.Column("status", sa.String(20), nullable=False, server_default="open"),
    sa.Index("ix_feedback_actions_project", "project_id"),
)

FEEDBACK_TABLES = (feedback_actions, feedback_themes, feedback_responses)

# Co-creation (issue 17): a workshop opened to customers. Customers join with the room's code
# (choosing "customer") or with a separate customer code; a participant's role says which.
# The facilitator may give customers their own step (customer_step: an area, or "profile").
workshops.append_column(sa.Column("customers_welcome", sa.Boolean, nullable=False, server_default=sa.false()))
workshops.append_column(sa.Column("customer_code", sa.String(16), nullable=True))
workshops.append_column(sa.Column("customer_step", sa.String(20), nullable=True))
WORKSHOP_CUSTOMER_CODE_INDEX = sa.Index("uq_workshops_customer_code", workshops.c.customer_code, unique=True)

# Team server (storage/members.py, storage/audit.py): who may open a project when sign-in
# is on. A member is named by the e-mail address the identity provider reports, kept in
# lower case; one row per (project, e-mail), so adding someone twice can't make two roles.
project_members = sa.Table(
    "project_members",
    metadata,
    *_common(),
    sa.Column("project_id", ID, sa.ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    sa.Column("email", sa.String(320), nullable=False),
    sa.Column("name", sa.String(200), nullable=False, server_default=""),
    sa.Column("role", sa.String(10), nullable=False),
    sa.UniqueConstraint("project_id", "email", name="uq_project_members_project_email"),
    sa.Index("ix_project_members_email", "email"),
)

# Invite links: only the SHA-256 of the token is stored; a link works until it expires, an
# owner revokes it, it has been used `max_uses` times (NULL: no limit), or the person who
# made it, or one who used it, is removed from the project.
project_invites = sa.Table(
    "project_invites",
    metadata,
    *_common(),
    sa.Column("project_id", ID, sa.ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("role", sa.String(10), nullable=False),
    sa.Column("created_by", sa.String(320), nullable=False, server_default=""),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("uses", sa.Integer, nullable=False, server_default="0"),
    sa.Column("max_uses", sa.Integer, nullable=True),
    sa.Index("ix_project_invites_project", "project_id"),
)

# Who used which invite link: removing a member revokes the links they came in by.
project_invite_uses = sa.Table(
    "project_invite_uses",
    metadata,
    sa.Column("invite_id", ID, sa.ForeignKey("project_invites.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("email", sa.String(320), primary_key=True),
    sa.Column("used_at", sa.DateTime(timezone=True), nullable=False),
)

# What happened to a project and who did it, for its owners. Written in the same
# transaction as the change it records where there is one.
audit_events = sa.Table(
    "audit_events",
    metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("project_id", ID, sa.ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("actor_email", sa.String(320), nullable=False, server_default=""),
    sa.Column("actor_name", sa.String(200), nullable=False, server_default=""),
    sa.Column("action", sa.String(40), nullable=False),
    sa.Column("detail", sa.Text, nullable=False, server_default=""),
    sa.Index("ix_audit_events_project_at", "project_id", "at"),
)

# Keys the server signs its own credentials with (projects/live_pass.py), one per purpose:
# random, made by the first process that needs one, shared by every process through the
# database, and never sent to a browser.
server_secrets = sa.Table(
    "server_secrets",
    metadata,
    sa.Column("name", sa.String(40), primary_key=True),
    sa.Column("value", sa.String(128), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)
