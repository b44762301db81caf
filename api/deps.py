"""Dependencies: the engine, the gazetteer, the write token, strict query parameters."""

from __future__ import annotations

import hmac
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import Depends, Path, Query, Request
from sqlalchemy import Engine

from api.problems import Problem
from timeline.entities import GazetteerCache
from timeline.settings import Settings
from timeline.store.repositories import EventFilter, Sort, TextQuery, UnsearchableQueryError


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def get_gazetteers(request: Request) -> GazetteerCache:
    gazetteers: GazetteerCache = request.app.state.gazetteers
    return gazetteers


def require_writer(request: Request, settings: Annotated[Settings, Depends(get_settings)]) -> str:
    """Who writes: with a configured token the caller must present it; else anyone."""
    if settings.api_token is None:
        return "anonymous"
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(token, settings.api_token):
        raise Problem(401, "this endpoint needs 'Authorization: Bearer <token>'")
    return "token"


def only_params(*allowed: str) -> Callable[[Request], None]:
    """Refuse query parameters the endpoint does not know, rather than silently ignore them."""

    def check(request: Request) -> None:
        unknown = sorted(set(request.query_params) - set(allowed))
        if unknown:
            raise Problem(
                400,
                f"unknown query parameter(s): {', '.join(unknown)}; "
                f"allowed: {', '.join(sorted(allowed))}",
            )

    return check


Q_EVENTS = (
    "words, all of which must match (stemmed; case and accents ignored), in an event's "
    "title or an account's quote or trigger"
)
FILTER_PARAMS = ("start", "end", "q", "place", "actor", "claimant", "source", "kind", "disputed")
PAGE_PARAMS = ("limit", "cursor")


def instant(value: date | datetime | None) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return datetime(value.year, value.month, value.day, tzinfo=UTC)


def event_filter(
    start: Annotated[
        date | datetime | None, Query(description="window start (inclusive), ISO 8601")
    ] = None,
    end: Annotated[date | datetime | None, Query(description="window end (exclusive)")] = None,
    q: Annotated[str | None, Query(max_length=200, description=Q_EVENTS)] = None,
    place: Annotated[str | None, Query(max_length=200, description="place name or alias")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="actor name or alias")] = None,
    claimant: Annotated[str | None, Query(max_length=200)] = None,
    source: Annotated[str | None, Query(max_length=200, description="publisher name")] = None,
    kind: Annotated[str | None, Query(max_length=30)] = None,
    disputed: bool | None = None,
) -> EventFilter:
    f = EventFilter(
        start=instant(start),
        end=instant(end),
        q=search_words(q),
        place=place or None,
        actor=actor or None,
        claimant=claimant or None,
        source=source or None,
        kind=kind or None,
        disputed=disputed,
    )
    if f.start and f.end and f.start >= f.end:
        raise Problem(400, f"start ({start}) must be before end ({end})")
    return f


def search_words(q: str | None) -> str | None:
    """`q` as given, None when blank; 422 when it has no word to search for (checked here,
    before a streamed export has begun)."""
    if q is None or not q.strip():
        return None
    try:
        TextQuery.parse(q)
    except UnsearchableQueryError as exc:
        raise Problem(422, str(exc)) from exc
    return q


def sort_order(q: str | None, sort: Sort | None) -> Sort | None:
    """The order asked for (None: the default for q); relevance needs words to rank by."""
    if sort == "relevance" and q is None:
        raise Problem(400, "sort=relevance ranks by the words of q; give q, or sort=time")
    return sort


SortParam = Annotated[
    Sort | None,
    Query(description="order: relevance (the default with q) or time (the default without)"),
]
SORT_PARAMS = ("sort",)
Limit = Annotated[int, Query(ge=1, le=500, description="page size")]
IdPath = Annotated[int, Path(ge=1, le=2_147_483_647, description="a row id")]
Cursor = Annotated[str | None, Query(max_length=200, description="next_cursor of the last page")]
