"""The schema comes from Alembic alone, and goes back down cleanly, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect

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
