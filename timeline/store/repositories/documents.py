"""Queries on publishers, documents and their time mentions."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from timeline.store.models import Document, Source, TimeMentionRow
from timeline.temporal.types import TIMEX_FIELDS, TimeMention


class SourceRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get_or_create(
        self, name: str, kind: str, url: str | None, now: datetime, timezone: str | None = None
    ) -> Source:
        """The source of that name, made if new; `timezone`, when given, becomes its
        default time zone (the client tells what the source's clock is)."""
        source = self.session.scalar(select(Source).where(Source.name == name))
        if source is None:
            source = Source(name=name, kind=kind, url=url, timezone=timezone, created_at=now)
            self.session.add(source)
            self.session.flush()
        elif timezone is not None and source.timezone != timezone:
            source.timezone = timezone
        return source


class DocumentRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def by_sha256(self, digest: str) -> Document | None:
        return self.session.scalar(select(Document).where(Document.content_sha256 == digest))

    def get(self, document_id: int) -> Document | None:
        return self.session.scalar(
            select(Document)
            .where(Document.id == document_id)
            .options(selectinload(Document.mentions))
        )

    def exists(self, document_id: int) -> bool:
        return (
            self.session.scalar(select(Document.id).where(Document.id == document_id)) is not None
        )

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
