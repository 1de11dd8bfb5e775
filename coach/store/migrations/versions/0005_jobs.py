"""Background jobs as rows: ``jobs`` (kind, pair, inputs hash, status, priority, attempts,
times, the instance that claimed it, the error, and what it stored).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-16
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "jobs",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("pair_id", sa.String(40), nullable=False),
        sa.Column("inputs_hash", sa.String(64), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("claimed_by", sa.String(120), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("after_session", sa.Integer(), nullable=True),
        sa.Column("outputs", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_jobs"),
        sa.ForeignKeyConstraint(["pair_id"], ["pairs.id"], name="fk_jobs_pair_id_pairs"),
    )
    op.create_index("ix_jobs_pair_id", "jobs", ["pair_id"])
    op.create_index("ix_jobs_status", "jobs", ["status", "priority", "created_at"])


def downgrade() -> None:
    op.drop_table("jobs")
