"""Rows for the CSV exports, read with Core columns instead of ORM objects.

An export reads every matching row once, in order, and writes it out: building an ORM
object (with its event, publisher, document, time mention and participants) for each costs
more than all the rest. Here the main query selects plain columns, streamed, and the
participants (or an event's accounts) come in one query per batch of rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from timeline.store.models import Account, Document, Event, Participant, Source, TimeMentionRow
from timeline.store.repositories.accounts import AccountRepository
from timeline.store.repositories.events import EventRepository
from timeline.store.repositories.filters import EventFilter

BATCH = 1000


@dataclass(frozen=True, slots=True)
class AccountLine:
    # role ("agent", "target", ...) -> names, in the order they were stored
    names: dict[str, list[str]]
    id: int
    event_id: int
    event_title: str
    kind: str
    document_id: int
    publisher: str
    published: datetime
    claimant: str
    claimant_cue: str
    time_source: str
    time_text: str | None
    time_value: str | None
    earliest: datetime | None
    latest: datetime | None
    granularity: str | None
    polarity: str
    hedged: bool
    trigger: str
    evidence_start: int
    evidence_end: int
    quote: str


@dataclass(frozen=True, slots=True)
class EventLine:
    id: int
    title: str
    kind: str
    place_name: str | None
    earliest: datetime | None
    latest: datetime | None
    disputed: bool
    # its accounts' claimants and publishers, in account order
    claimants: list[str] = field(default_factory=list)
    publishers: list[str] = field(default_factory=list)


ACCOUNT_COLUMNS = (
    Account.id,
    Account.event_id,
    Event.title,
    Account.kind,
    Account.document_id,
    Source.name,
    Document.published,
    Account.claimant_name,
    Account.claimant_cue,
    Account.time_source,
    TimeMentionRow.text,
    Account.time_value,
    Account.earliest,
    Account.latest,
    Account.granularity,
    Account.polarity,
    Account.hedged,
    Account.trigger,
    Account.evidence_start,
    Account.evidence_end,
    Account.quote,
)
EVENT_COLUMNS = (
    Event.id,
    Event.title,
    Event.kind,
    Event.place_name,
    Event.earliest,
    Event.latest,
    Event.disputed,
)


def account_lines(session: Session, f: EventFilter) -> Iterator[AccountLine]:
    """Every account `f` finds, in its event's time order, with its participants' names."""
    query = (
        AccountRepository(session)
        .matching(f)
        .with_only_columns(*ACCOUNT_COLUMNS)
        .join(Source, Source.id == Account.publisher_id)
        .join(Document, Document.id == Account.document_id)
        .outerjoin(TimeMentionRow, TimeMentionRow.id == Account.time_mention_id)
    )
    result = session.execute(query.execution_options(yield_per=BATCH))
    for rows in result.partitions():
        names = _participants(session, [row[0] for row in rows])
        for row in rows:
            values: tuple[Any, ...] = tuple(row)  # 21 columns: beyond SQLAlchemy's typed rows
            yield AccountLine(names.get(row[0], {}), *values)


def _participants(session: Session, account_ids: Sequence[int]) -> dict[int, dict[str, list[str]]]:
    names: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    query = (
        select(Participant.account_id, Participant.role, Participant.name)
        .where(Participant.account_id.in_(account_ids))
        .order_by(Participant.id)
    )
    for account_id, role, name in session.execute(query):
        names[account_id][role].append(name)
    return names


def event_lines(session: Session, f: EventFilter) -> Iterator[EventLine]:
    """Every event `f` finds, in time order, with its accounts' claimants and publishers."""
    query = EventRepository(session).matching(f).with_only_columns(*EVENT_COLUMNS)
    result = session.execute(query.execution_options(yield_per=BATCH))
    for rows in result.partitions():
        told = _tellers(session, [row[0] for row in rows])
        for row in rows:
            claimants, publishers = told.get(row[0], ([], []))
            yield EventLine(*row, claimants=claimants, publishers=publishers)


def _tellers(session: Session, event_ids: Sequence[int]) -> dict[int, tuple[list[str], list[str]]]:
    told: dict[int, tuple[list[str], list[str]]] = {}
    query = (
        select(Account.event_id, Account.claimant_name, Source.name)
        .join(Source, Source.id == Account.publisher_id)
        .where(Account.event_id.in_(event_ids))
        .order_by(Account.id)
    )
    for event_id, claimant, publisher in session.execute(query):
        claimants, publishers = told.setdefault(event_id, ([], []))
        claimants.append(claimant)
        publishers.append(publisher)
    return told
