"""The schema comes from Alembic alone, and goes back down cleanly, on both databases."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from timeline.store.db import make_engine
from timeline.store.migrate import downgrade, upgrade
from timeline.store.models import Base

TABLES = {
    "sources",
    "documents",
    "time_mentions",
    "entities",
    "entity_aliases",
    "events",
    "accounts",
    "participants",
    "revisions",
    "revision_events",
    "disputes",
}


def _tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names()) - {"alembic_version"}


def test_migrations_match_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_downgrade_to_empty_and_upgrade_again(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        assert _tables(engine) == TABLES
        downgrade(database_url, "base")
        assert _tables(engine) == set()
        upgrade(database_url)
        assert _tables(engine) == TABLES
    finally:
        engine.dispose()


def test_interval_indexes_exist(engine: Engine) -> None:
    inspector = inspect(engine)
    for table in ("events", "accounts", "time_mentions"):
        columns = [ix["column_names"] for ix in inspector.get_indexes(table)]
        assert ["earliest", "latest"] in columns, table


def test_upgrade_keeps_existing_rows(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        downgrade(database_url, "0001_initial")
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO entities (key, name, kind) "
                    "VALUES ('abu-kamal', 'Abu Kamal', 'place')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO events (title, kind, sort_at, disputed, created_at, updated_at) "
                    "VALUES ('Capture', 'capture', :t, false, :t, :t)"
                ),
                {"t": datetime(2017, 11, 9, tzinfo=UTC)},
            )
        upgrade(database_url)
        with engine.begin() as connection:
            assert connection.execute(text("SELECT origin FROM entities")).scalar() == "gazetteer"
            assert connection.execute(text("SELECT curated FROM events")).scalar() in (False, 0)
            connection.execute(text("DELETE FROM events"))
            connection.execute(text("DELETE FROM entities"))
    finally:
        engine.dispose()
