"""listed_from: where window searches start finding an event or an account

Revision ID: 0003_listed_from
Revises: 0002_curation
Create Date: 2026-11-24

The known start, or for an open start the end less 30 days (news tells recent events);
existing rows are filled in by the same rule, kept here so that the migration never
changes with the application.
"""

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import cast

import sqlalchemy as sa
from alembic import op

revision: str = "0003_listed_from"
down_revision: str | None = "0002_curation"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REACH = timedelta(days=30)

accounts = sa.table(
    "accounts",
    sa.column("id", sa.Integer),
    sa.column("document_id", sa.Integer),
    sa.column("earliest", sa.DateTime(timezone=True)),
    sa.column("latest", sa.DateTime(timezone=True)),
    sa.column("listed_from", sa.DateTime(timezone=True)),
)
documents = sa.table(
    "documents",
    sa.column("id", sa.Integer),
    sa.column("published", sa.DateTime(timezone=True)),
    sa.column("published_precision", sa.String),
)
events = sa.table(
    "events",
    sa.column("id", sa.Integer),
    sa.column("earliest", sa.DateTime(timezone=True)),
    sa.column("latest", sa.DateTime(timezone=True)),
    sa.column("sort_at", sa.DateTime(timezone=True)),
    sa.column("listed_from", sa.DateTime(timezone=True)),
)


def _aware(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def _stored(value: datetime, sqlite: bool) -> datetime:
    return value.astimezone(UTC).replace(tzinfo=None) if sqlite else value


def _listed(earliest: datetime | None, end: datetime | None, fallback: datetime) -> datetime:
    if earliest is not None:
        return earliest
    return end - REACH if end is not None else fallback


def _fill_accounts(bind: sa.Connection, sqlite: bool) -> None:
    rows = bind.execute(
        sa.select(
            accounts.c.id,
            accounts.c.earliest,
            accounts.c.latest,
            documents.c.published,
            documents.c.published_precision,
        ).join(documents, documents.c.id == accounts.c.document_id)
    )
    for row_id, earliest, latest, published, precision in rows.all():
        published_at = cast(datetime, _aware(published))  # documents.published is NOT NULL
        reported = published_at + (timedelta(days=1) if precision == "day" else timedelta(0))
        value = _listed(_aware(earliest), _aware(latest) or reported, reported)
        bind.execute(
            accounts.update()
            .where(accounts.c.id == row_id)
            .values(listed_from=_stored(value, sqlite))
        )


def _fill_events(bind: sa.Connection, sqlite: bool) -> None:
    rows = bind.execute(
        sa.select(events.c.id, events.c.earliest, events.c.latest, events.c.sort_at)
    )
    for row_id, earliest, latest, sort_at in rows.all():
        value = _listed(_aware(earliest), _aware(latest), _aware(sort_at) or datetime.now(UTC))
        bind.execute(
            events.update().where(events.c.id == row_id).values(listed_from=_stored(value, sqlite))
        )


def upgrade() -> None:
    for table in ("accounts", "events"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("listed_from", sa.DateTime(timezone=True), nullable=True))
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    _fill_accounts(bind, sqlite)
    _fill_events(bind, sqlite)
    for table in ("accounts", "events"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(
                "listed_from", existing_type=sa.DateTime(timezone=True), nullable=False
            )
            batch_op.create_index(f"ix_{table}_listed", ["listed_from", "latest"], unique=False)


def downgrade() -> None:
    for table in ("events", "accounts"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f"ix_{table}_listed")
            batch_op.drop_column("listed_from")
