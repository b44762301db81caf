"""The filters shared by the event and account queries, and keyset cursors."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Generic, TypeVar

from sqlalchemy import ColumnElement, exists, func, or_, select
from sqlalchemy.orm import QueryableAttribute

from timeline.store.models import Account, EntityAlias, Event, Participant, Source

T = TypeVar("T")


class InvalidCursorError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class EventFilter:
    start: datetime | None = None
    end: datetime | None = None
    q: str | None = None
    place: str | None = None
    actor: str | None = None
    claimant: str | None = None
    source: str | None = None
    kind: str | None = None
    disputed: bool | None = None


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: str | None


def overlaps(
    listed_from: QueryableAttribute[datetime],
    latest: QueryableAttribute[datetime | None],
    f: EventFilter,
) -> list[ColumnElement[bool]]:
    """[listed_from, latest) overlaps [start, end); an open end overlaps all after it.

    `listed_from` is the known start, or the presumed one when the start is open.
    """
    conditions: list[ColumnElement[bool]] = []
    if f.end is not None:
        conditions.append(listed_from < f.end)
    if f.start is not None:
        conditions.append(or_(latest.is_(None), latest > f.start))
    return conditions


def _like(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped.casefold()}%"


def _names_entity(kind: str, value: str) -> ColumnElement[bool]:
    """Some participant of the account, of this kind, is named `value` (by any alias)."""
    entity_ids = select(EntityAlias.entity_id).where(EntityAlias.alias_norm == value.casefold())
    return exists().where(
        Participant.account_id == Account.id,
        Participant.kind == kind,
        or_(
            Participant.entity_id.in_(entity_ids),
            func.lower(Participant.name) == value.casefold(),
        ),
    )


def account_conditions(f: EventFilter) -> list[ColumnElement[bool]]:
    """Conditions on one account (and its publisher) that the filter asks for."""
    conditions: list[ColumnElement[bool]] = []
    if f.place:
        conditions.append(_names_entity("place", f.place))
    if f.actor:
        conditions.append(_names_entity("actor", f.actor))
    if f.claimant:
        claimant_ids = select(EntityAlias.entity_id).where(
            EntityAlias.alias_norm == f.claimant.casefold()
        )
        conditions.append(
            or_(
                Account.claimant_entity_id.in_(claimant_ids),
                func.lower(Account.claimant_name) == f.claimant.casefold(),
            )
        )
    if f.source:
        by_name = select(Source.id).where(func.lower(Source.name) == f.source.casefold())
        conditions.append(Account.publisher_id.in_(by_name))
    if f.q:
        conditions.append(_text_match(f.q))
    if f.kind:
        conditions.append(Account.kind == f.kind)
    return conditions


def _text_match(q: str) -> ColumnElement[bool]:
    pattern = _like(q)
    return or_(
        func.lower(Account.quote).like(pattern, escape="\\"),
        func.lower(Account.trigger).like(pattern, escape="\\"),
    )


def event_conditions(f: EventFilter) -> list[ColumnElement[bool]]:
    """An event matches when its envelope overlaps the window and one account has the rest."""
    conditions = [Event.merged_into_id.is_(None), *overlaps(Event.listed_from, Event.latest, f)]
    if f.disputed is not None:
        conditions.append(Event.disputed.is_(f.disputed))
    if f.kind:
        conditions.append(Event.kind == f.kind)
    by_account = account_conditions(replace(f, q=None, kind=None))
    if by_account:
        conditions.append(Event.id.in_(select(Account.event_id).where(*by_account)))
    if f.q:
        in_title = func.lower(Event.title).like(_like(f.q), escape="\\")
        in_quote = Event.id.in_(select(Account.event_id).where(_text_match(f.q)))
        conditions.append(or_(in_title, in_quote))
    return conditions


def encode_cursor(sort_at: datetime, row_id: int) -> str:
    raw = f"{sort_at.isoformat()}|{row_id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        moment, row_id = raw.rsplit("|", 1)
        return datetime.fromisoformat(moment), int(row_id)
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise InvalidCursorError(
            "cursor is not one this service issued; pass next_cursor as returned"
        ) from exc
