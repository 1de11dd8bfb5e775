"""The tables. Column names equal the field names of the domain dataclasses they store.

Change a table here and add a migration in ``migrations/versions``; a contract test checks that
the migrations produce exactly these tables.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from coach.store.types import UTCDateTime

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _id() -> Column:
    return Column("id", String(40), primary_key=True)


def _ref(name: str, target: str, nullable: bool = False) -> Column:
    return Column(name, String(40), ForeignKey(f"{target}.id"), nullable=nullable)


def _stamp(name: str, nullable: bool = False) -> Column:
    return Column(name, UTCDateTime(), nullable=nullable)


def _provenance() -> list[Column]:
    return [
        Column("prompt_id", String(80), nullable=True),
        Column("prompt_version", String(40), nullable=True),
        Column("model", String(120), nullable=True),
        Column("citations", JSON(), nullable=False),
    ]


users = Table(
    "users", metadata, _id(),
    Column("username", String(40), nullable=False),
    Column("role", String(20), nullable=False),
    Column("display_name", String(120), nullable=False),
    Column("active", Boolean(), nullable=False),
    _stamp("created_at"),
    Column("email", String(254), nullable=True),
    Column("mail_opt_out", Boolean(), nullable=False),
    UniqueConstraint("username"),
)  # fmt: skip

credentials = Table(
    "credentials", metadata,
    Column("user_id", String(40), ForeignKey("users.id"), primary_key=True),
    Column("password_hash", String(255), nullable=False),
    _stamp("updated_at"),
)  # fmt: skip

password_resets = Table(
    "password_resets", metadata,
    Column("id", String(64), primary_key=True),
    _ref("user_id", "users"),
    _stamp("created_at"), _stamp("expires_at"), _stamp("used_at", nullable=True),
    Index(None, "user_id"),
)  # fmt: skip

login_sessions = Table(
    "login_sessions", metadata,
    Column("id", String(64), primary_key=True),
    _ref("user_id", "users"),
    _stamp("created_at"), _stamp("expires_at"), _stamp("credential_at"),
    Index(None, "user_id"),
)  # fmt: skip

deletion_requests = Table(
    "deletion_requests", metadata,
    Column("user_id", String(40), ForeignKey("users.id"), primary_key=True),
    _stamp("requested_at"),
)  # fmt: skip

programs = Table(
    "programs", metadata, _id(),
    Column("name", String(200), nullable=False),
    Column("objectives", JSON(), nullable=False),
    Column("start_date", Date(), nullable=False),
    Column("end_date", Date(), nullable=False),
    Column("cadence_days", Integer(), nullable=False),
    Column("session_minutes", Integer(), nullable=False),
    Column("stall_days", Integer(), nullable=False),
    _stamp("created_at"),
    Column("retention_days", Integer(), nullable=True),
    UniqueConstraint("name"),
)  # fmt: skip

pairs = Table(
    "pairs", metadata, _id(),
    _ref("program_id", "programs"), _ref("mentor_id", "users"), _ref("mentee_id", "users"),
    Column("mentor_profile", JSON(), nullable=False),
    Column("mentee_profile", JSON(), nullable=False),
    Column("status", String(20), nullable=False),
    _stamp("created_at"),
    Index(None, "mentor_id"), Index(None, "mentee_id"),
)  # fmt: skip

goals = Table(
    "goals", metadata, _id(), _ref("pair_id", "pairs"), _ref("owner_id", "users"),
    Column("text", Text(), nullable=False),
    Column("success_criteria", Text(), nullable=False),
    Column("target_date", Date(), nullable=True),
    Column("status", String(20), nullable=False),
    Column("progress", Integer(), nullable=False),
    _stamp("created_at"), _stamp("updated_at"),
    Index(None, "pair_id"),
)  # fmt: skip

sessions = Table(
    "sessions", metadata, _id(), _ref("pair_id", "pairs"),
    Column("number", Integer(), nullable=False),
    _stamp("scheduled_at"),
    Column("minutes", Integer(), nullable=False),
    Column("status", String(20), nullable=False),
    _stamp("created_at"),
    UniqueConstraint("pair_id", "number"),
)  # fmt: skip

fit_responses = Table(
    "fit_responses", metadata,
    Column("pair_id", String(40), ForeignKey("pairs.id"), primary_key=True),
    Column("user_id", String(40), ForeignKey("users.id"), primary_key=True),
    Column("answer", String(20), nullable=False),
    Column("private_reason", Text(), nullable=False),
    _stamp("answered_at"),
)  # fmt: skip

reflections = Table(
    "reflections", metadata, _id(), _ref("pair_id", "pairs"),
    _ref("session_id", "sessions", nullable=True), _ref("author_id", "users"),
    Column("text", Text(), nullable=False),
    Column("visibility", String(20), nullable=False),
    _stamp("created_at"),
    Index(None, "author_id"),
)  # fmt: skip

summaries = Table(
    "summaries", metadata, _id(), _ref("pair_id", "pairs"),
    _ref("session_id", "sessions", nullable=True), _ref("author_id", "users"),
    Column("state", String(20), nullable=False),
    Column("current_version", Integer(), nullable=False),
    _stamp("created_at"), _stamp("updated_at"),
    *_provenance(),
    Index(None, "pair_id"), Index(None, "state"),
)  # fmt: skip

summary_versions = Table(
    "summary_versions", metadata,
    Column("summary_id", String(40), ForeignKey("summaries.id"), primary_key=True),
    Column("number", Integer(), primary_key=True),
    Column("text", Text(), nullable=False),
    _ref("edited_by", "users"),
    _stamp("edited_at"),
)  # fmt: skip

action_items = Table(
    "action_items", metadata, _id(), _ref("pair_id", "pairs"),
    _ref("session_id", "sessions", nullable=True), _ref("owner_id", "users"),
    Column("text", Text(), nullable=False),
    Column("due_date", Date(), nullable=True),
    Column("status", String(20), nullable=False),
    _stamp("created_at"), _stamp("closed_at", nullable=True),
    Index(None, "pair_id"),
)  # fmt: skip

artifacts = Table(
    "artifacts", metadata, _id(),
    Column("kind", String(20), nullable=False),
    _ref("pair_id", "pairs"), _ref("session_id", "sessions", nullable=True),
    Column("content", JSON(), nullable=False),
    Column("edited", JSON(none_as_null=True), nullable=True),
    *_provenance(),
    Column("prompt_tokens", Integer(), nullable=False),
    Column("completion_tokens", Integer(), nullable=False),
    _ref("created_by", "users"), _stamp("created_at"),
    _ref("updated_by", "users", nullable=True), _stamp("updated_at", nullable=True),
    Index(None, "pair_id"),
)  # fmt: skip

jobs = Table(
    "jobs", metadata, _id(),
    Column("kind", String(20), nullable=False),
    _ref("pair_id", "pairs"),
    Column("inputs_hash", String(64), nullable=False),
    Column("status", String(20), nullable=False),
    Column("priority", Integer(), nullable=False),
    Column("attempts", Integer(), nullable=False),
    _stamp("created_at"), _stamp("started_at", nullable=True),
    _stamp("finished_at", nullable=True),
    Column("claimed_by", String(120), nullable=True),
    Column("error", Text(), nullable=True),
    Column("after_session", Integer(), nullable=True),
    Column("outputs", JSON(), nullable=False),
    Index(None, "pair_id"), Index(None, "status", "priority", "created_at"),
)  # fmt: skip

pulse_answers = Table(
    "pulse_answers", metadata, _id(), _ref("pair_id", "pairs"), _ref("session_id", "sessions"),
    _ref("author_id", "users"),
    Column("side", String(20), nullable=False),
    Column("scores", JSON(), nullable=False),
    Column("note", Text(), nullable=False),
    _stamp("answered_at"),
    UniqueConstraint("session_id", "author_id"),
    Index(None, "pair_id"),
)  # fmt: skip

checkin_requests = Table(
    "checkin_requests", metadata, _id(), _ref("pair_id", "pairs"), _ref("author_id", "users"),
    _stamp("requested_at"), _stamp("handled_at", nullable=True),
)  # fmt: skip

self_assessments = Table(
    "self_assessments", metadata, _id(), _ref("program_id", "programs"),
    _ref("pair_id", "pairs"), _ref("user_id", "users"),
    Column("side", String(20), nullable=False),
    Column("checkpoint", String(20), nullable=False),
    Column("scores", JSON(), nullable=False),
    _stamp("answered_at"),
    UniqueConstraint("pair_id", "user_id", "checkpoint"),
    Index(None, "program_id"),
)  # fmt: skip

ratings = Table(
    "ratings", metadata, _id(),
    Column("kind", String(20), nullable=False),
    Column("target_id", String(80), nullable=False),
    _ref("pair_id", "pairs", nullable=True), _ref("rater_id", "users"),
    Column("helpful", Boolean(), nullable=False),
    Column("reason", Text(), nullable=False),
    _stamp("rated_at"),
    UniqueConstraint("kind", "target_id", "rater_id"),
    Index(None, "kind"),
)  # fmt: skip

mail_log = Table(
    "mail_log", metadata,
    Column("id", String(200), primary_key=True),
    Column("kind", String(20), nullable=False),
    _ref("user_id", "users"),
    Column("status", String(20), nullable=False),
    _stamp("created_at"), _stamp("sent_at", nullable=True),
    Column("error", Text(), nullable=True),
)  # fmt: skip

documents = Table(
    "documents", metadata, _id(),
    Column("source", String(500), nullable=False),
    Column("title", String(300), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("chunks", Integer(), nullable=False),
    Column("added_by", String(40), nullable=False),
    _stamp("added_at"),
    UniqueConstraint("source"),
)  # fmt: skip

audit_log = Table(
    "audit_log", metadata, _id(), _stamp("at"),
    Column("actor_id", String(40), nullable=False),
    Column("action", String(20), nullable=False),
    Column("resource", String(40), nullable=False),
    Column("resource_id", String(40), nullable=False),
    Column("pair_id", String(40), nullable=True),
    Index(None, "at"), Index(None, "pair_id"),
)  # fmt: skip
