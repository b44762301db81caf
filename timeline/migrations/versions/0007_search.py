"""search: full-text indexes on document titles and texts, account quotes and triggers,
and event titles

Revision ID: 0007_search
Revises: 0006_time_zones
Create Date: 2026-12-08

Both databases fold case and diacritics, split words at punctuation alike, keep stop words
and stem English words: 'Captures', 'captured' and 'capturé' all index as 'captur'.

- SQLite: external-content FTS5 tables (tokenizer `porter unicode61 remove_diacritics 2`),
  kept in step by triggers on insert, update of the indexed columns, and delete, so that
  every writer (ingestion, curation, regrouping, a hand-written UPDATE) keeps them true.
  A later batch migration that rebuilds documents, accounts or events on SQLite drops
  these triggers with the old table: it must create them again (_sqlite_triggers).
- PostgreSQL: a generated `search_vector` tsvector column and a GIN index on each table,
  with the text search configuration `timeline_search`: unaccent, then the Snowball English
  stemmer without stop words (SQLite's porter has none either). Punctuation becomes spaces
  first (timeline_search_words), as unicode61 splits words there: PostgreSQL's parser alone
  would keep 'tass.ru' or '1.5' whole and SQLite would not.

Existing rows are indexed here: FTS5 'rebuild' reads the tables, and adding a stored
generated column computes it for every row.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007_search"
down_revision: str | None = "0006_time_zones"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# FTS5 table -> (indexed table, indexed columns); written out here, as migrations are frozen
FTS = {
    "documents_fts": ("documents", ("title", "text")),
    "accounts_fts": ("accounts", ("quote", "trigger")),
    "events_fts": ("events", ("title",)),
}
TOKENIZER = "porter unicode61 remove_diacritics 2"

# Characters that separate words: ASCII punctuation and controls, Latin-1 punctuation and
# signs (not its letters, digits and ordinals), general punctuation (dashes, curly quotes).
# Listed ranges, not [:alnum:], which depends on the database's LC_CTYPE.
SEPARATORS = (
    r"[\x01-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f"
    r"\u00a0-\u00a9\u00ab-\u00b1\u00b4\u00b6-\u00b8\u00bb\u00bf\u00d7\u00f7\u2000-\u206f]+"
)
# Each table's vector: its columns, weighted (a document's title counts more than its text).
VECTORS = {
    "documents": (("title", "A"), ("text", "B")),
    "accounts": (("quote", "A"), ("trigger", "A")),
    "events": (("title", "A"),),
}


def upgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        _sqlite_up()
    else:
        _postgresql_up()


def downgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        for fts in FTS:
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS {fts}")
    else:
        for table in VECTORS:
            op.execute(f"DROP INDEX IF EXISTS ix_{table}_search")
            op.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector")
        op.execute("DROP FUNCTION IF EXISTS timeline_search_words(text)")
        op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS timeline_search")
        op.execute("DROP TEXT SEARCH DICTIONARY IF EXISTS timeline_english_stem")
        # The unaccent extension stays: it is the database's, and may serve others.


def _sqlite_up() -> None:
    for fts, (table, columns) in FTS.items():
        op.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5({_quoted(columns)}, "
            f"content='{table}', content_rowid='id', tokenize='{TOKENIZER}')"
        )
        op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
        for statement in _sqlite_triggers(fts, table, columns):
            op.execute(statement)


def _sqlite_triggers(fts: str, table: str, columns: Sequence[str]) -> list[str]:
    """An external-content index forgets a row only when told its old values ('delete')."""
    names = _quoted(columns)
    new = ", ".join(f'new."{c}"' for c in columns)
    old = ", ".join(f'old."{c}"' for c in columns)
    add = f"INSERT INTO {fts}(rowid, {names}) VALUES (new.id, {new});"
    forget = f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.id, {old});"
    return [
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN {add} END",
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN {forget} END",
        # only when an indexed column changes: events are updated often, titles seldom
        f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {names} ON {table} BEGIN {forget} {add} END",
    ]


def _quoted(columns: Sequence[str]) -> str:
    """Column names quoted: `trigger` is an SQL keyword."""
    return ", ".join(f'"{c}"' for c in columns)


def _postgresql_up() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    op.execute(
        "CREATE TEXT SEARCH DICTIONARY timeline_english_stem "
        "(TEMPLATE = snowball, Language = english)"  # no StopWords: every word is indexed
    )
    op.execute("CREATE TEXT SEARCH CONFIGURATION timeline_search (COPY = english)")
    op.execute(
        "ALTER TEXT SEARCH CONFIGURATION timeline_search ALTER MAPPING FOR "
        "asciiword, asciihword, hword_asciipart, word, hword, hword_part "
        "WITH unaccent, timeline_english_stem"
    )
    op.execute(
        "CREATE FUNCTION timeline_search_words(body text) RETURNS text "
        "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE "
        f"AS $$ SELECT regexp_replace(body, '{SEPARATORS}', ' ', 'g') $$"
    )
    for table, columns in VECTORS.items():
        vector = " || ".join(
            f"setweight(to_tsvector('timeline_search'::regconfig, "
            f"timeline_search_words(coalesce(\"{column}\", ''))), '{weight}')"
            for column, weight in columns
        )
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN search_vector tsvector "
            f"GENERATED ALWAYS AS ({vector}) STORED"
        )
        op.execute(f"CREATE INDEX ix_{table}_search ON {table} USING gin (search_vector)")
