"""Program evaluation (issue 20): users gain an optional email and a mail opt-out; new tables
``password_resets``, ``pulse_answers``, ``checkin_requests``, ``self_assessments`` and
``mail_log``.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}")


def upgrade() -> None:
    # Plain ALTER TABLE (SQLite has it): a batch copy of ``users`` would trip its foreign keys.
    op.add_column("users", sa.Column("email", sa.String(254), nullable=True))
    op.add_column(
        "users", sa.Column("mail_opt_out", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.create_table(
        "password_resets",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("user_id", sa.String(40), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_password_resets"),
        _fk("password_resets", "user_id", "users"),
    )
    op.create_index("ix_password_resets_user_id", "password_resets", ["user_id"])
    op.create_table(
        "pulse_answers",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("pair_id", sa.String(40), nullable=False),
        sa.Column("session_id", sa.String(40), nullable=False),
        sa.Column("author_id", sa.String(40), nullable=False),
        sa.Column("side", sa.String(20), nullable=False),
        sa.Column("scores", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_pulse_answers"),
        _fk("pulse_answers", "pair_id", "pairs"),
        _fk("pulse_answers", "session_id", "sessions"),
        _fk("pulse_answers", "author_id", "users"),
        sa.UniqueConstraint("session_id", "author_id", name="uq_pulse_answers_session_id"),
    )
    op.create_index("ix_pulse_answers_pair_id", "pulse_answers", ["pair_id"])
    op.create_table(
        "checkin_requests",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("pair_id", sa.String(40), nullable=False),
        sa.Column("author_id", sa.String(40), nullable=False),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("handled_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_checkin_requests"),
        _fk("checkin_requests", "pair_id", "pairs"),
        _fk("checkin_requests", "author_id", "users"),
    )
    op.create_table(
        "self_assessments",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("program_id", sa.String(40), nullable=False),
        sa.Column("pair_id", sa.String(40), nullable=False),
        sa.Column("user_id", sa.String(40), nullable=False),
        sa.Column("side", sa.String(20), nullable=False),
        sa.Column("checkpoint", sa.String(20), nullable=False),
        sa.Column("scores", sa.JSON(), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_self_assessments"),
        _fk("self_assessments", "program_id", "programs"),
        _fk("self_assessments", "pair_id", "pairs"),
        _fk("self_assessments", "user_id", "users"),
        sa.UniqueConstraint("pair_id", "user_id", "checkpoint", name="uq_self_assessments_pair_id"),
    )
    op.create_index("ix_self_assessments_program_id", "self_assessments", ["program_id"])
    op.create_table(
        "mail_log",
        sa.Column("id", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("user_id", sa.String(40), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_mail_log"),
        _fk("mail_log", "user_id", "users"),
    )


def downgrade() -> None:
    for table in (
        "mail_log",
        "self_assessments",
        "checkin_requests",
        "pulse_answers",
        "password_resets",
    ):
        op.drop_table(table)
    op.drop_column("users", "mail_opt_out")
    op.drop_column("users", "email")
