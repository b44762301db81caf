"""The filters shared by the event and account queries, and keyset cursors."""

from __future__ import annotations

import base64
import binascii
import math
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Generic, Literal, TypeVar

from sqlalchemy import ColumnElement, and_, exists, func, or_, select
from sqlalchemy.orm import QueryableAttribute

from timeline.store.models import Account, EntityAlias, Event, Participant, Source

T = TypeVar("T")
# How a listing is ordered: by time, or by how well it matches the words of q
Sort = Literal["time", "relevance"]
RANKED = "rank:"  # how a cursor of a ranked listing starts
# Row ids are PostgreSQL integers (int4): a cursor naming a larger one was not ours, and
# binding it would fail in the database instead of answering.
MAX_ROW_ID = 2**31 - 1


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
    """Conditions on one account (and its publisher) that the filter asks for, but `q`."""
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
    if f.kind:
        conditions.append(Account.kind == f.kind)
    return conditions


def event_conditions(f: EventFilter) -> list[ColumnElement[bool]]:
    """An event matches when its envelope overlaps the window and one account has the rest.

    The words of `q` are not among these: the repositories join the search hits
    (repositories.search), which also give the score to rank by."""
    conditions = [Event.merged_into_id.is_(None), *overlaps(Event.listed_from, Event.latest, f)]
    if f.disputed is not None:
        conditions.append(Event.disputed.is_(f.disputed))
    if f.kind:
        conditions.append(Event.kind == f.kind)
    by_account = account_conditions(replace(f, kind=None))
    if by_account:
        conditions.append(Event.id.in_(select(Account.event_id).where(*by_account)))
    return conditions


def by_relevance(f: EventFilter, sort: Sort | None) -> bool:
    """Rank by score: asked for, or by default when there are words to search for."""
    return f.q is not None and (sort or "relevance") == "relevance"


def encode_cursor(sort_at: datetime, row_id: int) -> str:
    return _encode(f"{sort_at.isoformat()}|{row_id}")


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    """The (UTC instant, row id) a time cursor holds; a cursor that decodes but could not
    have been issued (a naive or unrepresentable time) is as invalid as garbage."""
    moment, row_id = _decode(cursor)
    try:
        at = datetime.fromisoformat(moment)
        if at.tzinfo is None:
            raise ValueError("a cursor's time has its offset")
        return at.astimezone(UTC), row_id
    except (ValueError, OverflowError) as exc:
        raise _invalid_cursor() from exc


def encode_rank_cursor(score: float, row_id: int) -> str:
    """A cursor of a page ranked by relevance: the last row's score (exact) and id."""
    return _encode(f"{RANKED}{score!r}|{row_id}")


def decode_rank_cursor(cursor: str) -> tuple[float, int]:
    head, row_id = _decode(cursor)
    try:
        score = float(head.removeprefix(RANKED)) if head.startswith(RANKED) else math.nan
    except ValueError as exc:
        raise _invalid_cursor() from exc
    if not math.isfinite(score):  # also a time cursor given to a ranked listing
        raise _invalid_cursor()
    return score, row_id


def after_time(
    sort_at: QueryableAttribute[datetime], row_id: QueryableAttribute[int], cursor: str
) -> ColumnElement[bool]:
    """Rows after the cursor in (time, id) order."""
    last_at, last_id = decode_cursor(cursor)
    return or_(sort_at > last_at, and_(sort_at == last_at, row_id > last_id))


def after_rank(
    score: ColumnElement[float], row_id: QueryableAttribute[int], cursor: str
) -> ColumnElement[bool]:
    """Rows after the cursor in (score descending, id) order."""
    last_score, last_id = decode_rank_cursor(cursor)
    return or_(score < last_score, and_(score == last_score, row_id > last_id))


def _encode(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor: str) -> tuple[str, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        head, digits = raw.rsplit("|", 1)
        row_id = int(digits)
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise _invalid_cursor() from exc
    if not (digits.isascii() and digits.isdigit() and 1 <= row_id <= MAX_ROW_ID):
        raise _invalid_cursor()
    return head, row_id


def _invalid_cursor() -> InvalidCursorError:
    return InvalidCursorError(
        "cursor is not one this service issued for this listing and order; "
        "pass next_cursor as returned"
    )
