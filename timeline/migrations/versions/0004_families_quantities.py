"""families, modality and figures: events are grouped by what happened, not by the verb

Revision ID: 0004_families
Revises: 0003_listed_from
Create Date: 2026-12-07

Accounts and events get the event family (attack and casualties are one family, violence);
accounts get their modality (actual, hypothetical, attempted, prevented, planned), the
figures they give, the story event of their document they tell and the medium that
relayed their claimant; quantity disputes get
their low / best / high. Existing rows take the family of their kind by the table below,
kept here so that the migration never changes with the application's data files.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_families"
down_revision: str | None = "0003_listed_from"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FAMILY_OF_KIND = {
    "attack": "violence",
    "casualties": "violence",
    "accusation": "violence",
    "capture": "control",
    "denial": "statement",
}


def _family_case(kind: sa.ColumnElement[str]) -> sa.ColumnElement[str]:
    return sa.case(*((kind == k, v) for k, v in FAMILY_OF_KIND.items()), else_=kind)


def upgrade() -> None:
    for table in ("accounts", "events"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("family", sa.String(30), nullable=True))
        rows = sa.table(table, sa.column("kind", sa.String), sa.column("family", sa.String))
        op.execute(rows.update().values(family=_family_case(rows.c.kind)))
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column("family", existing_type=sa.String(30), nullable=False)
            batch_op.create_index(f"ix_{table}_family", ["family"], unique=False)
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("modality", sa.String(12), nullable=False, server_default="actual")
        )
        batch_op.add_column(sa.Column("quantities", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("story", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("claimant_via", sa.String(200), nullable=True))
    with op.batch_alter_table("disputes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("figures", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("disputes", schema=None) as batch_op:
        batch_op.drop_column("figures")
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.drop_column("claimant_via")
        batch_op.drop_column("story")
        batch_op.drop_column("quantities")
        batch_op.drop_column("modality")
    for table in ("events", "accounts"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f"ix_{table}_family")
            batch_op.drop_column("family")
