"""Full-text search: a user's words made into a safe query, and the matching rows with a score.

The text a user types never reaches a query syntax: it is cut into words (runs of letters
and digits; everything else separates, as both indexes split), and the query is "every
word": each word quoted for FTS5 (so `"`, `-`, `*`, `NEAR`, `:` only separate words), or the
words given to `plainto_tsquery` on PostgreSQL. The database stems and folds the words as it
did when indexing (migration 0007_search).

Scores are "higher is better" on both: -bm25() on SQLite, ts_rank() on PostgreSQL. They
order results within one database; their values are not comparable across the two.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import (
    ColumnClause,
    ColumnElement,
    Double,
    Select,
    Subquery,
    TableClause,
    cast,
    column,
    func,
    literal_column,
    select,
    table,
    union_all,
)
from sqlalchemy.orm import Session

from timeline.store.search_schema import PG_CONFIG, SEARCH_COLUMN

# A word: a run of letters and digits (\w without the underscore, which separates).
WORD = re.compile(r"[^\W_]+")
# bm25 column weights: a document's title counts twice its text (PostgreSQL: weights A, B)
DOCUMENT_WEIGHTS = (2.0, 1.0)
MARK = "**"  # matched words in a snippet: **word** (plain text, never HTML)
SNIPPET_TOKENS = 16
HEADLINE_OPTIONS = f'StartSel="{MARK}", StopSel="{MARK}", MaxFragments=1, MaxWords=16, MinWords=6'


class UnsearchableQueryError(ValueError):
    """The text has no word to search for (only punctuation or spaces)."""


def search_words(q: str | None) -> str | None:
    """`q` as given, None when blank (no filter); UnsearchableQueryError when it has no word
    to search for. Checked before a query runs, so a streamed export never starts on it."""
    if q is None or not q.strip():
        return None
    TextQuery.parse(q)
    return q


@dataclass(frozen=True, slots=True)
class TextQuery:
    """The words of a search, all of which must match (in any order, stemmed)."""

    words: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> TextQuery:
        words = WORD.findall(unicodedata.normalize("NFC", text))
        if not words:
            raise UnsearchableQueryError(
                f"q {text[:40]!r} has no word to search for: give words (letters or "
                "digits), all of which must match; punctuation only separates them"
            )
        return cls(tuple(dict.fromkeys(words)))

    def fts5(self) -> str:
        """An FTS5 MATCH expression: each word a quoted string (words hold no `"`), ANDed."""
        return " AND ".join(f'"{word}"' for word in self.words)

    def plain(self) -> str:
        """The words for plainto_tsquery, which ANDs them."""
        return " ".join(self.words)


def dialect_of(session: Session) -> str:
    return session.get_bind().dialect.name


def _tsquery(q: TextQuery) -> ColumnElement[object]:
    return func.plainto_tsquery(literal_column(f"'{PG_CONFIG}'::regconfig"), q.plain())


def _fts_match(name: str, q: TextQuery) -> tuple[TableClause, ColumnElement[bool]]:
    """The FTS5 table of `name` and the MATCH of the query on it."""
    index = f"{name}_fts"
    return table(index, column("rowid")), literal_column(index).op("MATCH")(q.fts5())


def hits(
    session: Session, name: str, q: TextQuery, *extra: str, weights: tuple[float, ...] = ()
) -> Select[tuple[object, ...]]:
    """(id, *extra columns, score) of the rows of table `name` that match, from its index."""
    rows = table(name, column("id"), *(column(c) for c in extra))
    if dialect_of(session) == "sqlite":
        fts, match = _fts_match(name, q)
        score = -func.bm25(literal_column(fts.name), *weights)
        return (
            select(rows.c.id, *(rows.c[c] for c in extra), score.label("score"))
            .join_from(fts, rows, rows.c.id == fts.c.rowid)
            .where(match)
        )
    vector: ColumnClause[object] = column(SEARCH_COLUMN)
    query = _tsquery(q)
    rows.append_column(vector)
    # ts_rank is a real: as a double, the score a cursor carries compares exactly
    rank = cast(func.ts_rank(vector, query), Double)
    return select(rows.c.id, *(rows.c[c] for c in extra), rank.label("score")).where(
        vector.op("@@")(query)
    )


def account_hits(session: Session, q: TextQuery) -> Subquery:
    """(id, event_id, score) of the accounts whose quote or trigger matches."""
    return hits(session, "accounts", q, "event_id").subquery("account_hits")


def event_hits(session: Session, q: TextQuery) -> Subquery:
    """(event_id, score) of the events whose title, or one of whose accounts, matches;
    an event scores as its best match."""
    accounts = hits(session, "accounts", q, "event_id").subquery()
    titles = hits(session, "events", q).subquery()
    both = union_all(
        select(accounts.c.event_id, accounts.c.score),
        select(titles.c.id.label("event_id"), titles.c.score),
    ).subquery()
    return (
        select(both.c.event_id, func.max(both.c.score).label("score"))
        .group_by(both.c.event_id)
        .subquery("event_hits")
    )


def document_hits(session: Session, q: TextQuery) -> Subquery:
    """(id, score) of the documents whose title or text matches."""
    return hits(session, "documents", q, weights=DOCUMENT_WEIGHTS).subquery("document_hits")


def snippets(session: Session, q: TextQuery, ids: Collection[int]) -> dict[int, str]:
    """A few words of each document's text around the match, the matched words marked;
    asked for the documents of one page only."""
    if not ids:
        return {}
    if dialect_of(session) == "sqlite":
        fts, match = _fts_match("documents", q)
        # column 1 is the text; '…' where the snippet cuts the text
        snippet = func.snippet(literal_column(fts.name), 1, MARK, MARK, "…", SNIPPET_TOKENS)
        query = select(fts.c.rowid, snippet).where(match, fts.c.rowid.in_(ids))
    else:
        documents = table("documents", column("id"), column("text"))
        headline = func.ts_headline(
            literal_column(f"'{PG_CONFIG}'::regconfig"),
            documents.c.text,
            _tsquery(q),
            HEADLINE_OPTIONS,
        )
        query = select(documents.c.id, headline).where(documents.c.id.in_(ids))
    return {int(row_id): str(text) for row_id, text in session.execute(query)}
