"""account answers: which claims a denial, a rebuttal or a debunking answers

Revision ID: 0005_account_answers
Revises: 0004_families
Create Date: 2026-12-07

A link (account_id, answers_id) says that the rebuttal account_id answers the claim
answers_id. Links are derived, like disputes: grouping recomputes them with the event's
disputes, so existing rows need none until their events are next regrouped.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_account_answers"
down_revision: str | None = "0004_families"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "account_answers",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("answers_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_account_answers_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["answers_id"],
            ["accounts.id"],
            name=op.f("fk_account_answers_answers_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("account_id", "answers_id", name=op.f("pk_account_answers")),
    )
    with op.batch_alter_table("account_answers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_account_answers_answers_id"), ["answers_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("account_answers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_account_answers_answers_id"))
    op.drop_table("account_answers")
