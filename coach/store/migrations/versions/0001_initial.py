"""Initial schema: users, programs, pairs and their content, documents, audit log.

Revision ID: 0001
Revises:
Create Date: 2026-05-20
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ID = sa.String(40)


def _pk(table: str, *columns: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint(*columns, name=f"pk_{table}")


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}")


def _ref(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, ID, nullable=nullable)


def _stamp(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(), nullable=nullable)


def _provenance() -> list[sa.Column]:
    return [
        sa.Column("prompt_id", sa.String(80), nullable=True),
        sa.Column("prompt_version", sa.String(40), nullable=True),
        sa.Column("model", sa.String(120), nullable=True),
        sa.Column("citations", sa.JSON(), nullable=False),
    ]


def _index(table: str, column: str) -> None:
    op.create_index(f"ix_{table}_{column}", table, [column])


def upgrade() -> None:
    op.create_table(
        "users", _ref("id"),
        sa.Column("username", sa.String(40), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("display_name", sa.String(120), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        _stamp("created_at"),
        _pk("users", "id"), sa.UniqueConstraint("username", name="uq_users_username"),
    )  # fmt: skip
    op.create_table(
        "credentials", _ref("user_id"),
        sa.Column("password_hash", sa.String(255), nullable=False),
        _stamp("updated_at"),
        _pk("credentials", "user_id"), _fk("credentials", "user_id", "users"),
    )  # fmt: skip
    op.create_table(
        "programs", _ref("id"),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("objectives", sa.JSON(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("cadence_days", sa.Integer(), nullable=False),
        sa.Column("session_minutes", sa.Integer(), nullable=False),
        sa.Column("stall_days", sa.Integer(), nullable=False),
        _stamp("created_at"),
        _pk("programs", "id"), sa.UniqueConstraint("name", name="uq_programs_name"),
    )  # fmt: skip
    op.create_table(
        "pairs", _ref("id"), _ref("program_id"), _ref("mentor_id"), _ref("mentee_id"),
        sa.Column("mentor_profile", sa.JSON(), nullable=False),
        sa.Column("mentee_profile", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        _stamp("created_at"),
        _pk("pairs", "id"), _fk("pairs", "program_id", "programs"),
        _fk("pairs", "mentor_id", "users"), _fk("pairs", "mentee_id", "users"),
    )  # fmt: skip
    _index("pairs", "mentor_id")
    _index("pairs", "mentee_id")
    op.create_table(
        "goals", _ref("id"), _ref("pair_id"), _ref("owner_id"),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("success_criteria", sa.Text(), nullable=False),
        sa.Column("target_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("progress", sa.Integer(), nullable=False),
        _stamp("created_at"), _stamp("updated_at"),
        _pk("goals", "id"), _fk("goals", "pair_id", "pairs"), _fk("goals", "owner_id", "users"),
    )  # fmt: skip
    _index("goals", "pair_id")
    op.create_table(
        "sessions", _ref("id"), _ref("pair_id"),
        sa.Column("number", sa.Integer(), nullable=False),
        _stamp("scheduled_at"),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        _stamp("created_at"),
        _pk("sessions", "id"), _fk("sessions", "pair_id", "pairs"),
        sa.UniqueConstraint("pair_id", "number", name="uq_sessions_pair_id"),
    )  # fmt: skip
    op.create_table(
        "fit_responses", _ref("pair_id"), _ref("user_id"),
        sa.Column("answer", sa.String(20), nullable=False),
        sa.Column("private_reason", sa.Text(), nullable=False),
        _stamp("answered_at"),
        _pk("fit_responses", "pair_id", "user_id"),
        _fk("fit_responses", "pair_id", "pairs"), _fk("fit_responses", "user_id", "users"),
    )  # fmt: skip
    op.create_table(
        "reflections", _ref("id"), _ref("pair_id"), _ref("session_id", True), _ref("author_id"),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("visibility", sa.String(20), nullable=False),
        _stamp("created_at"),
        _pk("reflections", "id"), _fk("reflections", "pair_id", "pairs"),
        _fk("reflections", "session_id", "sessions"), _fk("reflections", "author_id", "users"),
    )  # fmt: skip
    _index("reflections", "author_id")
    op.create_table(
        "summaries", _ref("id"), _ref("pair_id"), _ref("session_id", True), _ref("author_id"),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("current_version", sa.Integer(), nullable=False),
        _stamp("created_at"), _stamp("updated_at"), *_provenance(),
        _pk("summaries", "id"), _fk("summaries", "pair_id", "pairs"),
        _fk("summaries", "session_id", "sessions"), _fk("summaries", "author_id", "users"),
    )  # fmt: skip
    _index("summaries", "pair_id")
    _index("summaries", "state")
    op.create_table(
        "summary_versions", _ref("summary_id"),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        _ref("edited_by"), _stamp("edited_at"),
        _pk("summary_versions", "summary_id", "number"),
        _fk("summary_versions", "summary_id", "summaries"),
        _fk("summary_versions", "edited_by", "users"),
    )  # fmt: skip
    op.create_table(
        "action_items", _ref("id"), _ref("pair_id"), _ref("session_id", True), _ref("owner_id"),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        _stamp("created_at"), _stamp("closed_at", True),
        _pk("action_items", "id"), _fk("action_items", "pair_id", "pairs"),
        _fk("action_items", "session_id", "sessions"), _fk("action_items", "owner_id", "users"),
    )  # fmt: skip
    _index("action_items", "pair_id")
    op.create_table(
        "agendas", _ref("id"), _ref("pair_id"), _ref("session_id", True),
        sa.Column("items", sa.JSON(), nullable=False),
        *_provenance(), _ref("created_by"), _stamp("created_at"),
        _pk("agendas", "id"), _fk("agendas", "pair_id", "pairs"),
        _fk("agendas", "session_id", "sessions"), _fk("agendas", "created_by", "users"),
    )  # fmt: skip
    _index("agendas", "pair_id")
    op.create_table(
        "starters", _ref("id"), _ref("pair_id"), _ref("session_id", True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("topic", sa.String(80), nullable=False),
        *_provenance(), _ref("created_by"), _stamp("created_at"),
        _pk("starters", "id"), _fk("starters", "pair_id", "pairs"),
        _fk("starters", "session_id", "sessions"), _fk("starters", "created_by", "users"),
    )  # fmt: skip
    _index("starters", "pair_id")
    op.create_table(
        "documents", _ref("id"),
        sa.Column("source", sa.String(500), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("chunks", sa.Integer(), nullable=False),
        sa.Column("added_by", ID, nullable=False),
        _stamp("added_at"),
        _pk("documents", "id"), sa.UniqueConstraint("source", name="uq_documents_source"),
    )  # fmt: skip
    op.create_table(
        "audit_log", _ref("id"), _stamp("at"),
        sa.Column("actor_id", ID, nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("resource", sa.String(40), nullable=False),
        sa.Column("resource_id", ID, nullable=False),
        _ref("pair_id", True),
        _pk("audit_log", "id"),
    )  # fmt: skip
    _index("audit_log", "at")
    _index("audit_log", "pair_id")


def downgrade() -> None:
    for table in (
        "audit_log", "documents", "starters", "agendas", "action_items", "summary_versions",
        "summaries", "reflections", "fit_responses", "sessions", "goals", "pairs", "programs",
        "credentials", "users",
    ):  # fmt: skip
        op.drop_table(table)
