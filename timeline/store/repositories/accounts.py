"""Queries on accounts: one row per telling, with the same filters as events."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, Subquery, delete, func, insert, or_, select
from sqlalchemy.orm import Session, contains_eager, selectinload

from timeline.store.models import Account, AccountAnswer, Document, Event
from timeline.store.repositories.filters import (
    EventFilter,
    Page,
    Sort,
    account_conditions,
    after_rank,
    after_time,
    by_relevance,
    encode_cursor,
    encode_rank_cursor,
    overlaps,
)
from timeline.store.repositories.search import TextQuery, account_hits

# The links are written with SQL alone: loaded accounts are expired instead (_forget_links).
_NO_SYNC = {"synchronize_session": False}


class AccountRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, account: Account) -> Account:
        self.session.add(account)
        self.session.flush()
        return account

    def of_family_since(self, family: str, published: datetime) -> list[Account]:
        """Accounts of a family in uncurated events, from documents published at or after."""
        query = (
            select(Account)
            .join(Document, Account.document_id == Document.id)
            .join(Event, Account.event_id == Event.id)
            .where(
                Account.family == family,
                Document.published >= published,
                Event.curated.is_(False),
                Event.merged_into_id.is_(None),
            )
            .options(selectinload(Account.participants))
        )
        return list(self.session.scalars(query))

    def for_document(self, document_id: int) -> list[Account]:
        query = (
            select(Account)
            .where(Account.document_id == document_id)
            .order_by(Account.evidence_start, Account.id)
            .options(selectinload(Account.participants))
        )
        return list(self.session.scalars(query))

    def replace_answers(
        self, accounts: Sequence[Account], links: Iterable[tuple[int, int]]
    ) -> None:
        """Make the links touching these accounts exactly `links` (rebuttal id, claim id):
        every old link from or to one of them goes, so that an account that left their
        event keeps no link into it. Unchanged links (the usual case) cost no query: the
        old ones are those the accounts loaded."""
        old = {
            (link.account_id, link.answers_id)
            for account in accounts
            for link in (*account.answer_links, *account.answered_links)
        }
        new = set(links)
        if old == new:
            return
        ids = [a.id for a in accounts]
        touching = or_(AccountAnswer.account_id.in_(ids), AccountAnswer.answers_id.in_(ids))
        self.session.execute(delete(AccountAnswer).where(touching), execution_options=_NO_SYNC)
        if new:
            self.session.execute(
                insert(AccountAnswer),
                [{"account_id": a, "answers_id": b} for a, b in sorted(new)],
            )
        self._forget_links({i for pair in old | new for i in pair})

    def _forget_links(self, account_ids: Iterable[int]) -> None:
        """Loaded accounts reload their links when next read."""
        for account_id in account_ids:
            loaded = self.session.identity_map.get(Session.identity_key(Account, account_id))
            if loaded is not None:
                self.session.expire(loaded, ["answer_links", "answered_links"])

    def page(
        self, f: EventFilter, limit: int, cursor: str | None, sort: Sort | None = None
    ) -> Page[Account]:
        """A page of the matching accounts, by their event's time or by relevance."""
        if by_relevance(f, sort):
            assert f.q is not None
            hits = account_hits(self.session, TextQuery.parse(f.q))
            query = (
                self._filtered(f, hits)
                .add_columns(hits.c.score)
                .order_by(None)
                .order_by(hits.c.score.desc(), Account.id)
            )
            if cursor:
                query = query.where(after_rank(hits.c.score, Account.id, cursor))
            encode: Callable[[Any, int], str] = encode_rank_cursor
        else:
            query = self._filtered(f).add_columns(Event.sort_at)
            if cursor:
                query = query.where(after_time(Event.sort_at, Account.id, cursor))
            encode = encode_cursor
        rows = list(self.session.execute(query.limit(limit + 1)).all())
        more = len(rows) > limit
        rows = rows[:limit]
        next_cursor = encode(rows[-1][1], rows[-1][0].id) if more else None
        return Page([account for account, _ in rows], next_cursor)

    def count(self, f: EventFilter) -> int:
        """How many accounts `f` finds (for progress bars)."""
        matching = self._filtered(f).order_by(None).subquery()
        return self.session.scalar(select(func.count()).select_from(matching)) or 0

    def _filtered(self, f: EventFilter, hits: Subquery | None = None) -> Select[Account]:
        return self.matching(f, hits).options(
            contains_eager(Account.event), selectinload(Account.participants)
        )

    def matching(self, f: EventFilter, hits: Subquery | None = None) -> Select[Account]:
        """The accounts `f` finds, joined to their events, in their event's time order."""
        conditions = [*overlaps(Account.listed_from, Account.latest, f), *account_conditions(f)]
        if f.disputed is not None:
            conditions.append(Event.disputed.is_(f.disputed))
        query = select(Account).join(Event, Account.event_id == Event.id)
        if f.q:
            if hits is None:
                hits = account_hits(self.session, TextQuery.parse(f.q))
            query = query.join(hits, hits.c.id == Account.id)
        return query.where(*conditions).order_by(Event.sort_at, Account.id)
