"""Own data: a program's retention period, and participants' requests to delete their account.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("programs") as batch:
        batch.add_column(sa.Column("retention_days", sa.Integer(), nullable=True))
    op.create_table(
        "deletion_requests",
        sa.Column("user_id", sa.String(40), nullable=False),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name="pk_deletion_requests"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_deletion_requests_user_id_users"
        ),
    )


def downgrade() -> None:
    op.drop_table("deletion_requests")
    with op.batch_alter_table("programs") as batch:
        batch.drop_column("retention_days")
