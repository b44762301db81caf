"""time zones: a document's publication offset and zone, a source's default zone, and the
UTC offset each time mention was placed with

Revision ID: 0006_time_zones
Revises: 0005_account_answers
Create Date: 2026-12-07

Rows stored before keep NULL: their publication is read in UTC, as it was, and their
clock times float (no zone was known), which is what they were all along.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_time_zones"
down_revision: str | None = "0005_account_answers"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.add_column(sa.Column("timezone", sa.String(length=64), nullable=True))
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("published_offset", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("timezone", sa.String(length=64), nullable=True))
    with op.batch_alter_table("time_mentions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("utc_offset", sa.String(length=6), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("time_mentions", schema=None) as batch_op:
        batch_op.drop_column("utc_offset")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_column("timezone")
        batch_op.drop_column("published_offset")
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.drop_column("timezone")
