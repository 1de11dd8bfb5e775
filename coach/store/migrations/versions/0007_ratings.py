"""Ratings (issue 16): a new table ``ratings``, one row per user and rated answer or artifact.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ratings",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("target_id", sa.String(80), nullable=False),
        sa.Column("pair_id", sa.String(40), nullable=True),
        sa.Column("rater_id", sa.String(40), nullable=False),
        sa.Column("helpful", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("rated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ratings"),
        sa.ForeignKeyConstraint(["pair_id"], ["pairs.id"], name="fk_ratings_pair_id_pairs"),
        sa.ForeignKeyConstraint(["rater_id"], ["users.id"], name="fk_ratings_rater_id_users"),
        sa.UniqueConstraint("kind", "target_id", "rater_id", name="uq_ratings_kind"),
    )
    op.create_index("ix_ratings_kind", "ratings", ["kind"])


def downgrade() -> None:
    op.drop_table("ratings")
