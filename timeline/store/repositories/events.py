"""Queries on events: candidates for matching, filtered pages, one event with its accounts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.strategy_options import _AbstractLoad

from timeline.store.models import Account, Event
from timeline.store.repositories.filters import (
    EventFilter,
    Page,
    Sort,
    after_rank,
    after_time,
    by_relevance,
    encode_cursor,
    encode_rank_cursor,
    event_conditions,
)
from timeline.store.repositories.search import TextQuery, event_hits


class EventRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, event: Event) -> Event:
        self.session.add(event)
        self.session.flush()
        return event

    def get(self, event_id: int) -> Event | None:
        return self.session.scalar(
            select(Event).where(Event.id == event_id).options(_with_accounts(), _with_disputes())
        )

    def of_kind(self, kind: str, curated: bool) -> list[Event]:
        """Every listed (not merged) event of a kind, curated or not."""
        query = select(Event).where(
            Event.kind == kind, Event.merged_into_id.is_(None), Event.curated.is_(curated)
        )
        return list(self.session.scalars(query.order_by(Event.id).options(_with_accounts())))

    def candidates(
        self,
        family: str,
        earliest: datetime | None,
        latest: datetime | None,
        curated: bool,
    ) -> list[Event]:
        """Events of this family whose envelope overlaps [earliest, latest) (open ends: all)."""
        query = select(Event).where(
            Event.family == family, Event.merged_into_id.is_(None), Event.curated.is_(curated)
        )
        if latest is not None:
            query = query.where(or_(Event.earliest.is_(None), Event.earliest < latest))
        if earliest is not None:
            query = query.where(or_(Event.latest.is_(None), Event.latest > earliest))
        query = query.order_by(Event.id).options(_with_accounts())
        return list(self.session.scalars(query))

    def page(
        self, f: EventFilter, limit: int, cursor: str | None, sort: Sort | None = None
    ) -> Page[Event]:
        """A page of the matching events, by time or (with words to search) by relevance."""
        if by_relevance(f, sort):
            return self._ranked_page(f, limit, cursor)
        query = self._filtered(f)
        if cursor:
            query = query.where(after_time(Event.sort_at, Event.id, cursor))
        rows = list(self.session.scalars(query.limit(limit + 1).options(_with_accounts())))
        more = len(rows) > limit
        rows = rows[:limit]
        next_cursor = encode_cursor(rows[-1].sort_at, rows[-1].id) if more else None
        return Page(rows, next_cursor)

    def count(self, f: EventFilter) -> int:
        """How many events `f` finds (for progress bars)."""
        matching = self._filtered(f).order_by(None).subquery()
        return self.session.scalar(select(func.count()).select_from(matching)) or 0

    def _ranked_page(self, f: EventFilter, limit: int, cursor: str | None) -> Page[Event]:
        assert f.q is not None
        hits = event_hits(self.session, TextQuery.parse(f.q))
        score = hits.c.score
        query = (
            select(Event, score)
            .join(hits, hits.c.event_id == Event.id)
            .where(*event_conditions(f))
            .order_by(score.desc(), Event.id)
        )
        if cursor:
            query = query.where(after_rank(score, Event.id, cursor))
        rows = list(self.session.execute(query.limit(limit + 1).options(_with_accounts())))
        more = len(rows) > limit
        rows = rows[:limit]
        next_cursor = encode_rank_cursor(rows[-1][1], rows[-1][0].id) if more else None
        return Page([event for event, _ in rows], next_cursor)

    def stream(self, f: EventFilter, batch: int = 200) -> Iterator[Event]:
        """Every matching event, in time order (exports, timelines)."""
        query = self._filtered(f).options(_with_accounts()).execution_options(yield_per=batch)
        yield from self.session.scalars(query)

    def _filtered(self, f: EventFilter) -> Select[Event]:
        return self.matching(f)

    def matching(self, f: EventFilter) -> Select[Event]:
        """The events `f` finds, in time order."""
        query = select(Event).where(*event_conditions(f)).order_by(Event.sort_at, Event.id)
        if f.q:
            hits = event_hits(self.session, TextQuery.parse(f.q))
            query = query.join(hits, hits.c.event_id == Event.id)
        return query


def _with_accounts() -> _AbstractLoad:
    return selectinload(Event.accounts).selectinload(Account.participants)


def _with_disputes() -> _AbstractLoad:
    return selectinload(Event.disputes)
