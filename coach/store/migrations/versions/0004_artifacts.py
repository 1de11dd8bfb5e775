"""One ``artifacts`` table for every kind of generated artifact, replacing ``agendas`` and
``starters``: every row is copied (same id, provenance, author and time), then the old tables
are dropped. The conversion is ``coach.store.legacy_artifacts`` (frozen: see its docstring).

Downgrade is best effort: agendas and starters go back to their tables (the current version,
one ``starters`` row per starter; token counts, the model's original beside an edit, and who
edited are lost); other kinds have no table in 0003 and are dropped.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-09
"""

import sqlalchemy as sa
from alembic import op

from coach.store import legacy_artifacts as legacy

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

ID = sa.String(40)
PROVENANCE = ("prompt_id", "prompt_version", "model", "citations", "created_by", "created_at")


def _pk(table: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint("id", name=f"pk_{table}")


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}")


def _provenance() -> list[sa.Column]:
    return [
        sa.Column("prompt_id", sa.String(80), nullable=True),
        sa.Column("prompt_version", sa.String(40), nullable=True),
        sa.Column("model", sa.String(120), nullable=True),
        sa.Column("citations", sa.JSON(), nullable=False),
    ]


def _rows(table: sa.TableClause) -> list[dict]:
    return [dict(row._mapping) for row in op.get_bind().execute(sa.select(table))]


def _view(name: str, *columns: sa.ColumnClause) -> sa.TableClause:
    """A lightweight table: the JSON and time columns typed, so values convert both ways."""
    typed = {"citations": sa.JSON(), "created_at": sa.DateTime()}
    names = ("id", "pair_id", "session_id", *PROVENANCE)
    return sa.table(name, *(sa.column(n, typed.get(n)) for n in names), *columns)


ARTIFACTS = _view(
    "artifacts", sa.column("kind"), sa.column("content", sa.JSON()),
    sa.column("edited", sa.JSON(none_as_null=True)), sa.column("prompt_tokens"),
    sa.column("completion_tokens"), sa.column("updated_by"), sa.column("updated_at", sa.DateTime()),
)  # fmt: skip
AGENDAS = _view("agendas", sa.column("items", sa.JSON()))
STARTERS = _view("starters", sa.column("text"), sa.column("topic"))


def upgrade() -> None:
    op.create_table(
        "artifacts", sa.Column("id", ID, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("pair_id", ID, nullable=False), sa.Column("session_id", ID, nullable=True),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("edited", sa.JSON(), nullable=True),
        *_provenance(),
        sa.Column("prompt_tokens", sa.Integer(), nullable=False),
        sa.Column("completion_tokens", sa.Integer(), nullable=False),
        sa.Column("created_by", ID, nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", ID, nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        _pk("artifacts"), _fk("artifacts", "pair_id", "pairs"),
        _fk("artifacts", "session_id", "sessions"), _fk("artifacts", "created_by", "users"),
        _fk("artifacts", "updated_by", "users"),
    )  # fmt: skip
    op.create_index("ix_artifacts_pair_id", "artifacts", ["pair_id"])
    rows = [legacy.from_agenda(r) for r in _rows(AGENDAS)]
    rows += [legacy.from_starter(r) for r in _rows(STARTERS)]
    if rows:
        op.bulk_insert(ARTIFACTS, rows)
    op.drop_table("agendas")
    op.drop_table("starters")


def downgrade() -> None:
    for name, columns in (
        ("agendas", [sa.Column("items", sa.JSON(), nullable=False)]),
        ("starters", [sa.Column("text", sa.Text(), nullable=False),
                      sa.Column("topic", sa.String(80), nullable=False)]),
    ):  # fmt: skip
        op.create_table(
            name, sa.Column("id", ID, nullable=False), sa.Column("pair_id", ID, nullable=False),
            sa.Column("session_id", ID, nullable=True), *columns, *_provenance(),
            sa.Column("created_by", ID, nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            _pk(name), _fk(name, "pair_id", "pairs"), _fk(name, "session_id", "sessions"),
            _fk(name, "created_by", "users"),
        )  # fmt: skip
        op.create_index(f"ix_{name}_pair_id", name, ["pair_id"])
    found = _rows(ARTIFACTS)
    agendas = [legacy.to_agenda(r) for r in found if r["kind"] == "agenda"]
    starters = [s for r in found if r["kind"] == "starters" for s in legacy.to_starters(r)]
    if agendas:
        op.bulk_insert(AGENDAS, agendas)
    if starters:
        op.bulk_insert(STARTERS, starters)
    op.drop_table("artifacts")
