"""The full-text search objects that migration 0007_search builds beside the models.

They are not in the models: SQLite keeps its index in FTS5 virtual tables (each with shadow
tables of its own), PostgreSQL in a generated `tsvector` column with a GIN index, and
neither is something the ORM reads or writes (SQL triggers and the column's expression keep
them in step). Autogenerate comparisons leave them out with `include_name`.
"""

from __future__ import annotations

# SQLite: FTS5 table -> (the table it indexes, the indexed columns)
FTS_TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "documents_fts": ("documents", ("title", "text")),
    "accounts_fts": ("accounts", ("quote", "trigger")),
    "events_fts": ("events", ("title",)),
}
# FTS5 makes these beside each virtual table (external content: no _content table)
FTS_SHADOWS = ("data", "idx", "docsize", "config")

# PostgreSQL
SEARCH_COLUMN = "search_vector"
SEARCH_INDEXES = {f"ix_{table}_search": table for table in ("documents", "accounts", "events")}
PG_CONFIG = "timeline_search"  # english stems (no stop words) after unaccent
PG_WORDS = "timeline_search_words"  # punctuation to spaces, as SQLite's tokenizer splits


def search_tables() -> set[str]:
    """Every SQLite table the search index consists of."""
    return {
        name for fts in FTS_TABLES for name in (fts, *(f"{fts}_{shadow}" for shadow in FTS_SHADOWS))
    }


def include_name(name: str | None, type_: str, _parents: object) -> bool:
    """Alembic `include_name`: compare the models with everything but the search index."""
    if name is None:
        return True
    if type_ == "table":
        return name not in search_tables()
    if type_ == "column":
        return name != SEARCH_COLUMN
    if type_ == "index":
        return name not in SEARCH_INDEXES
    return True
