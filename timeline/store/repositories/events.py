"""Queries on events: candidates for matching, filtered pages, one event with its accounts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.strategy_options import _AbstractLoad

from timeline.store.models import Account, Event
from timeline.store.repositories.filters import (
    EventFilter,
    Page,
    decode_cursor,
    encode_cursor,
    event_conditions,
)


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

    def page(self, f: EventFilter, limit: int, cursor: str | None) -> Page[Event]:
        query = self._filtered(f)
        if cursor:
            sort_at, last_id = decode_cursor(cursor)
            query = query.where(
                or_(Event.sort_at > sort_at, and_(Event.sort_at == sort_at, Event.id > last_id))
            )
        rows = list(self.session.scalars(query.limit(limit + 1).options(_with_accounts())))
        more = len(rows) > limit
        rows = rows[:limit]
        next_cursor = encode_cursor(rows[-1].sort_at, rows[-1].id) if more else None
        return Page(rows, next_cursor)

    def count(self, f: EventFilter) -> int:
        """How many `stream(f)` yields (for progress bars)."""
        matching = self._filtered(f).order_by(None).subquery()
        return self.session.scalar(select(func.count()).select_from(matching)) or 0

    def stream(self, f: EventFilter, batch: int = 200) -> Iterator[Event]:
        query = self._filtered(f).options(_with_accounts()).execution_options(yield_per=batch)
        yield from self.session.scalars(query)

    def _filtered(self, f: EventFilter) -> Select[Event]:
        return select(Event).where(*event_conditions(f)).order_by(Event.sort_at, Event.id)


def _with_accounts() -> _AbstractLoad:
    return selectinload(Event.accounts).selectinload(Account.participants)


def _with_disputes() -> _AbstractLoad:
    return selectinload(Event.disputes)
