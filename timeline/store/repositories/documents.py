"""Queries on publishers, documents and their time mentions."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session, selectinload, undefer

from timeline.store.models import Document, Source, TimeMentionRow
from timeline.store.repositories.filters import (
    Page,
    Sort,
    after_rank,
    after_time,
    encode_cursor,
    encode_rank_cursor,
)
from timeline.store.repositories.search import TextQuery, document_hits, snippets
from timeline.store.repositories.upsert import insert_new
from timeline.temporal.types import TIMEX_FIELDS, TimeMention


class SourceRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get_or_create(
        self, name: str, kind: str, url: str | None, now: datetime, timezone: str | None = None
    ) -> Source:
        """The source of that name, made if new; `timezone`, when given, becomes its
        default time zone (the client tells what the source's clock is)."""
        source = self.by_name(name)
        if source is None:
            new = {"name": name, "kind": kind, "url": url, "timezone": timezone}
            self.session.execute(
                insert_new(self.session, Source, "name").values(**new, created_at=now)
            )
            source = self.by_name(name)
            assert source is not None  # inserted now, or by the writer it waited for
        if timezone is not None and source.timezone != timezone:
            source.timezone = timezone
        return source

    def by_name(self, name: str) -> Source | None:
        return self.session.scalar(select(Source).where(Source.name == name))


@dataclass(frozen=True, slots=True)
class DocumentFilter:
    """Documents with all these words, from this publisher, published in [start, end)."""

    q: str | None = None
    source: str | None = None
    start: datetime | None = None
    end: datetime | None = None


@dataclass(frozen=True, slots=True)
class DocumentHit:
    document: Document
    snippet: str | None  # some words of its text around the match; None without words


class DocumentRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def by_sha256(self, digest: str) -> Document | None:
        return self.session.scalar(select(Document).where(Document.content_sha256 == digest))

    def get(self, document_id: int) -> Document | None:
        return self.session.scalar(
            select(Document)
            .where(Document.id == document_id)
            .options(selectinload(Document.mentions), undefer(Document.text))
        )

    def exists(self, document_id: int) -> bool:
        return (
            self.session.scalar(select(Document.id).where(Document.id == document_id)) is not None
        )

    def page(
        self, f: DocumentFilter, limit: int, cursor: str | None, sort: Sort | None = None
    ) -> Page[DocumentHit]:
        """Matching documents by publication (oldest first), or with words by relevance."""
        query = select(Document).where(*_document_conditions(f))
        if f.q is None:
            return self._page_by_time(query, limit, cursor)
        words = TextQuery.parse(f.q)
        hits = document_hits(self.session, words)
        query = query.join(hits, hits.c.id == Document.id)
        if (sort or "relevance") == "time":
            page = self._page_by_time(query, limit, cursor)
        else:
            page = self._page_by_rank(query, hits.c.score, limit, cursor)
        found = snippets(self.session, words, [hit.document.id for hit in page.items])
        return Page(
            [DocumentHit(h.document, found.get(h.document.id, "")) for h in page.items],
            page.next_cursor,
        )

    def _page_by_time(
        self, query: Select[Document], limit: int, cursor: str | None
    ) -> Page[DocumentHit]:
        if cursor:
            query = query.where(after_time(Document.published, Document.id, cursor))
        query = query.order_by(Document.published, Document.id).limit(limit + 1)
        rows = list(self.session.scalars(query))
        more = len(rows) > limit
        rows = rows[:limit]
        next_cursor = encode_cursor(rows[-1].published, rows[-1].id) if more else None
        return Page([DocumentHit(d, None) for d in rows], next_cursor)

    def _page_by_rank(
        self,
        query: Select[Document],
        score: ColumnElement[float],
        limit: int,
        cursor: str | None,
    ) -> Page[DocumentHit]:
        ranked = query.add_columns(score)
        if cursor:
            ranked = ranked.where(after_rank(score, Document.id, cursor))
        ranked = ranked.order_by(score.desc(), Document.id).limit(limit + 1)
        rows = list(self.session.execute(ranked))
        more = len(rows) > limit
        rows = rows[:limit]
        next_cursor = encode_rank_cursor(rows[-1][1], rows[-1][0].id) if more else None
        return Page([DocumentHit(d, None) for d, _ in rows], next_cursor)

    def stream_mentions(self, document_id: int, batch: int = 500) -> Iterator[TimeMentionRow]:
        """A document's time mentions in text order, read in batches."""
        query = (
            select(TimeMentionRow)
            .where(TimeMentionRow.document_id == document_id)
            .order_by(TimeMentionRow.ordinal)
            .execution_options(yield_per=batch)
        )
        yield from self.session.scalars(query)

    def add(self, document: Document, mentions: Sequence[TimeMention]) -> list[TimeMentionRow]:
        """Store a document with its time mentions, in order; returns the mention rows."""
        self.session.add(document)
        self.session.flush()
        rows = [_mention_row(document.id, ordinal, m) for ordinal, m in enumerate(mentions)]
        self.session.add_all(rows)
        self.session.flush()
        for row, mention in zip(rows, mentions, strict=True):
            if mention.anchor_index is not None:
                row.anchor_mention_id = rows[mention.anchor_index].id
        self.session.flush()
        return rows


def _mention_row(document_id: int, ordinal: int, m: TimeMention) -> TimeMentionRow:
    fields = {name: getattr(m, name) for name in TIMEX_FIELDS}
    return TimeMentionRow(document_id=document_id, ordinal=ordinal, rule=m.rule, **fields)


def _document_conditions(f: DocumentFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if f.source:
        by_name = select(Source.id).where(func.lower(Source.name) == f.source.casefold())
        conditions.append(Document.source_id.in_(by_name))
    if f.start is not None:
        conditions.append(Document.published >= f.start)
    if f.end is not None:
        conditions.append(Document.published < f.end)
    return conditions
