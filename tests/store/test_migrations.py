"""The schema comes from Alembic alone, and goes back down cleanly, on both databases."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from timeline.store.db import make_engine, unit_of_work
from timeline.store.migrate import downgrade, upgrade
from timeline.store.models import Base
from timeline.store.repositories import (
    DocumentFilter,
    DocumentRepository,
    EventFilter,
    EventRepository,
)
from timeline.store.search_schema import (
    FTS_TABLES,
    PG_CONFIG,
    SEARCH_COLUMN,
    SEARCH_INDEXES,
    include_name,
    search_tables,
)

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
    "account_answers",
}


def _tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names()) - {"alembic_version"}


def _schema_tables(engine: Engine) -> set[str]:
    """The tables of the models, and on SQLite the full-text index's FTS5 tables."""
    return TABLES | (search_tables() if engine.dialect.name == "sqlite" else set())


def test_migrations_match_the_models(engine: Engine) -> None:
    # The search index (FTS5 tables on SQLite; a generated tsvector column and its GIN
    # index on PostgreSQL) is built by migration 0007 and is deliberately not in the
    # models: include_name leaves exactly those objects out of the comparison.
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": include_name})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_downgrade_to_empty_and_upgrade_again(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        assert _tables(engine) == _schema_tables(engine)
        downgrade(database_url, "base")
        assert _tables(engine) == set()
        upgrade(database_url)
        assert _tables(engine) == _schema_tables(engine)
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


def test_listed_from_is_filled_in_for_existing_accounts(database_url: str) -> None:
    """0003 gives an undated account the 30 days before its report, a dated one its start."""
    engine = make_engine(database_url)
    t = {"t": datetime(2017, 11, 14, tzinfo=UTC), "d": datetime(2017, 11, 9, tzinfo=UTC)}
    try:
        downgrade(database_url, "0002_curation")
        with engine.begin() as connection:
            for statement in (
                "INSERT INTO sources (id, name, kind, created_at) VALUES (1, 'S', 'news', :t)",
                "INSERT INTO documents (id, source_id, language, published, published_precision,"
                " text, content_sha256, ingested_at) VALUES (1, 1, 'en', :t, 'day', 'x', 'h', :t)",
                "INSERT INTO events (id, title, kind, sort_at, disputed, curated, created_at,"
                " updated_at) VALUES (1, 'E', 'capture', :t, false, false, :t, :t)",
            ):
                connection.execute(text(statement), t)
            for account_id, earliest in ((1, None), (2, t["d"])):
                connection.execute(
                    text(
                        "INSERT INTO accounts (id, event_id, document_id, kind, trigger,"
                        " trigger_start, trigger_end, evidence_start, evidence_end, quote,"
                        " claimant_name, claimant_cue, publisher_id, time_source, earliest,"
                        " latest, polarity, hedged, rule, created_at) VALUES (:id, 1, 1,"
                        " 'capture', 'took', 0, 1, 0, 1, 'x', 'S', 'publisher', 1,"
                        " 'publication', :e, :l, 'asserts', false, '', :t)"
                    ),
                    {"id": account_id, "e": earliest, "l": datetime(2017, 11, 15, tzinfo=UTC), **t},
                )
        upgrade(database_url)
        with engine.begin() as connection:
            listed = connection.execute(
                text("SELECT id, listed_from FROM accounts ORDER BY id")
            ).all()
            values = [
                v if isinstance(v, datetime) else datetime.fromisoformat(v) for _, v in listed
            ]
            assert [v.replace(tzinfo=None) for v in values] == [
                datetime(2017, 10, 16),  # 15 Nov (end of the publication day) less 30 days
                datetime(2017, 11, 9),
            ]
            for table in ("accounts", "events", "documents", "sources"):
                connection.execute(text(f"DELETE FROM {table}"))
    finally:
        engine.dispose()


def _search_objects(engine: Engine) -> set[str]:
    """What 0007_search built: FTS5 tables and triggers, or vector columns and GIN indexes."""
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            rows = connection.execute(
                text("SELECT name FROM sqlite_master WHERE name LIKE '%\\_fts%' ESCAPE '\\'")
            )
            return {name for (name,) in rows}
        columns = connection.execute(
            text("SELECT table_name FROM information_schema.columns WHERE column_name = :c"),
            {"c": SEARCH_COLUMN},
        )
        indexes = connection.execute(
            text("SELECT indexname FROM pg_indexes WHERE indexname = ANY(:names)"),
            {"names": list(SEARCH_INDEXES)},
        )
        configs = connection.execute(
            text("SELECT cfgname FROM pg_ts_config WHERE cfgname = :c"), {"c": PG_CONFIG}
        )
        return {
            *(f"{table}.{SEARCH_COLUMN}" for (table,) in columns),
            *(name for (name,) in indexes),
            *(name for (name,) in configs),
        }


def _expected_search_objects(engine: Engine) -> set[str]:
    if engine.dialect.name == "sqlite":
        triggers = {f"{fts}_{when}" for fts in FTS_TABLES for when in ("ai", "ad", "au")}
        return search_tables() | triggers
    tables = set(SEARCH_INDEXES.values())
    return {f"{t}.{SEARCH_COLUMN}" for t in tables} | set(SEARCH_INDEXES) | {PG_CONFIG}


def test_search_index_covers_existing_rows_and_goes_down_cleanly(database_url: str) -> None:
    """0007 indexes the rows stored before it; its downgrade leaves no search object."""
    engine = make_engine(database_url)
    t = {"t": datetime(2017, 11, 14, tzinfo=UTC)}
    try:
        assert _search_objects(engine) == _expected_search_objects(engine)
        downgrade(database_url, "0006_time_zones")
        assert _search_objects(engine) == set()
        with engine.begin() as connection:
            for statement in (
                "INSERT INTO sources (id, name, kind, created_at) VALUES (1, 'S', 'news', :t)",
                "INSERT INTO documents (id, source_id, language, published, published_precision,"
                " title, text, content_sha256, ingested_at) VALUES (1, 1, 'en', :t, 'day',"
                " 'Shelling', 'Rebels shelled the Café Rivière.', 'h', :t)",
                "INSERT INTO events (id, title, kind, family, sort_at, listed_from, disputed,"
                " curated, created_at, updated_at) VALUES (1, 'Bridge taken', 'capture',"
                " 'control', :t, :t, false, false, :t, :t)",
            ):
                connection.execute(text(statement), t)
        upgrade(database_url)
        with unit_of_work(engine) as session:
            documents = DocumentRepository(session).page(DocumentFilter(q="riviere"), 10, None)
            events = EventRepository(session).page(EventFilter(q="TAKEN bridges"), 10, None)
            assert [hit.document.id for hit in documents.items] == [1]
            assert [event.id for event in events.items] == [1]
        with engine.begin() as connection:
            for table in ("events", "documents", "sources"):
                connection.execute(text(f"DELETE FROM {table}"))
    finally:
        engine.dispose()
