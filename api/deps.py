"""Dependencies: the engine, the gazetteer, the write token, strict query parameters."""

from __future__ import annotations

import hmac
from collections.abc import Callable
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Path, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine

from api.problems import Problem
from api.schemas import MaybeCleanStr
from timeline.entities import GazetteerCache
from timeline.published import PublishedError, parse_bound
from timeline.settings import Settings
from timeline.store.repositories import EventFilter, Sort, UnsearchableQueryError
from timeline.store.repositories.search import search_words as words_of


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def get_gazetteers(request: Request) -> GazetteerCache:
    gazetteers: GazetteerCache = request.app.state.gazetteers
    return gazetteers


# Declares the scheme in OpenAPI; the check is ours (auto_error=False), so that a missing
# token is a 401 problem with WWW-Authenticate, like a wrong one.
BEARER = HTTPBearer(
    auto_error=False,
    scheme_name="bearer",
    description="the write token (TIMELINE_API_TOKEN), when the service has one",
)


def require_writer(
    settings: Annotated[Settings, Depends(get_settings)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)],
) -> str:
    """Who writes: with a configured token the caller must present it; else anyone."""
    if settings.api_token is None:
        return "anonymous"
    if credentials is None or not token_matches(credentials.credentials, settings.api_token):
        raise Problem(
            401,
            "this endpoint needs 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": 'Bearer realm="timeline"'},
        )
    return "token"


def token_matches(presented: str, expected: str) -> bool:
    """Compared as bytes, in constant time: a header is any bytes (Starlette hands them
    over as Latin-1 text), and comparing non-ASCII text raises instead of answering no."""
    return hmac.compare_digest(presented.encode("latin-1", "replace"), expected.encode())


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


def window_bounds(start: str | None, end: str | None) -> tuple[datetime | None, datetime | None]:
    """[start, end) as UTC instants, each an ISO 8601 year, month, day or instant; 422
    naming the parameter when one is not, 400 when the window is empty."""
    bounds = []
    for name, value in (("start", start), ("end", end)):
        try:
            bounds.append(parse_bound(value, name) if value else None)
        except PublishedError as exc:
            raise Problem(422, str(exc), errors=[{"field": name, "message": str(exc)}]) from exc
    first, last = bounds
    if first and last and first >= last:
        raise Problem(400, f"start ({start}) must be before end ({end})")
    return first, last


# A query parameter's text: NUL or a lone surrogate is a 422 naming it (PostgreSQL would
# refuse the query, mid-stream for a CSV), like any body field.
Text = MaybeCleanStr
BOUND = (
    "an ISO 8601 year (2017: from its first instant), month (2017-11), day "
    "(2017-11-14, midnight UTC) or instant (2017-11-14T09:30:00Z; UTC without an offset)"
)
Start = Annotated[
    str | None, Query(max_length=40, description=f"window start (inclusive): {BOUND}")
]
End = Annotated[
    str | None,
    Query(
        max_length=40,
        description="window end (exclusive), read as start is: end=2018 ends when 2018 begins",
    ),
]


def event_filter(
    start: Start = None,
    end: End = None,
    q: Annotated[Text, Query(max_length=200, description=Q_EVENTS)] = None,
    place: Annotated[Text, Query(max_length=200, description="place name or alias")] = None,
    actor: Annotated[Text, Query(max_length=200, description="actor name or alias")] = None,
    claimant: Annotated[Text, Query(max_length=200)] = None,
    source: Annotated[Text, Query(max_length=200, description="publisher name")] = None,
    kind: Annotated[Text, Query(max_length=30)] = None,
    disputed: bool | None = None,
) -> EventFilter:
    first, last = window_bounds(start, end)
    return EventFilter(
        start=first,
        end=last,
        q=search_words(q),
        place=place or None,
        actor=actor or None,
        claimant=claimant or None,
        source=source or None,
        kind=kind or None,
        disputed=disputed,
    )


def search_words(q: str | None) -> str | None:
    """`q` as the repositories search it; 422 when it has no word to search for."""
    try:
        return words_of(q)
    except UnsearchableQueryError as exc:
        raise Problem(422, str(exc)) from exc


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
# Row ids are PostgreSQL integers (int4): a larger number is no row of ours.
MAX_ROW_ID = 2_147_483_647
IdPath = Annotated[int, Path(ge=1, le=MAX_ROW_ID, description="a row id")]
Cursor = Annotated[Text, Query(max_length=200, description="next_cursor of the last page")]
