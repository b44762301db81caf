"""disputes, merges, curation and revision links

Revision ID: 0002_curation
Revises: 0001_initial
Create Date: 2026-11-24 11:01:53.753220
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_curation"
down_revision: str | None = "0001_initial"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "revision_events",
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["revision_id"],
            ["revisions.id"],
            name=op.f("fk_revision_events_revision_id_revisions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("revision_id", "event_id", name=op.f("pk_revision_events")),
    )
    with op.batch_alter_table("revision_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_revision_events_event_id"), ["event_id"], unique=False)

    op.create_table(
        "disputes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("aspect", sa.String(length=12), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("sides", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_disputes_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disputes")),
    )
    with op.batch_alter_table("disputes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_disputes_event_id"), ["event_id"], unique=False)

    with op.batch_alter_table("entities", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("origin", sa.String(length=10), nullable=False, server_default="gazetteer")
        )

    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("merged_into_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("curated", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.create_index(
            batch_op.f("ix_events_merged_into_id"), ["merged_into_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_events_merged_into_id_events"), "events", ["merged_into_id"], ["id"]
        )

    with op.batch_alter_table("revisions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("undoes_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_revisions_undoes_id_revisions"), "revisions", ["undoes_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("revisions", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_revisions_undoes_id_revisions"), type_="foreignkey")
        batch_op.drop_column("undoes_id")

    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_events_merged_into_id_events"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_events_merged_into_id"))
        batch_op.drop_column("curated")
        batch_op.drop_column("merged_into_id")

    with op.batch_alter_table("entities", schema=None) as batch_op:
        batch_op.drop_column("origin")

    with op.batch_alter_table("disputes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_disputes_event_id"))

    op.drop_table("disputes")
    with op.batch_alter_table("revision_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_revision_events_event_id"))

    op.drop_table("revision_events")
