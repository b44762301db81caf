"""Events and accounts: filtered pages, one event side by side, and their CSV."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse
from sqlalchemy import Engine

from api.deps import (
    FILTER_PARAMS,
    PAGE_PARAMS,
    SORT_PARAMS,
    Cursor,
    IdPath,
    Limit,
    SortParam,
    event_filter,
    get_engine,
    only_params,
    sort_order,
)
from api.problems import Problem
from api.schemas import AccountPage, EventDetail, EventPage
from api.streaming import primed
from api.views import account_out, event_detail, event_out
from timeline.export.run import csv_stream
from timeline.export.timelinejs import timelinejs
from timeline.export.vis import vis_items
from timeline.store.db import unit_of_work
from timeline.store.repositories import AccountRepository, EventFilter, EventRepository

router = APIRouter(tags=["events"])
Filter = Annotated[EventFilter, Depends(event_filter)]
Db = Annotated[Engine, Depends(get_engine)]
LISTING = [Depends(only_params(*FILTER_PARAMS, *PAGE_PARAMS, *SORT_PARAMS))]
EXPORT = [Depends(only_params(*FILTER_PARAMS))]


@router.get("/events", dependencies=LISTING)
def list_events(
    f: Filter, engine: Db, limit: Limit = 50, cursor: Cursor = None, sort: SortParam = None
) -> EventPage:
    """Events ordered by time, or with q by relevance; an event matches when its envelope
    overlaps [start, end)."""
    order = sort_order(f.q, sort)
    with unit_of_work(engine) as session:
        page = EventRepository(session).page(f, limit, cursor, order)
        return EventPage(items=[event_out(e) for e in page.items], next_cursor=page.next_cursor)


@router.get("/events.csv", dependencies=EXPORT, response_class=StreamingResponse)
def events_csv(f: Filter, engine: Db) -> StreamingResponse:
    """One row per event; columns in the README. Same filters as GET /events."""
    return _csv(csv_stream(engine, "events", f), "events.csv")


TIMELINE_LIMIT = 2000


@router.get("/timeline.json", dependencies=[Depends(only_params(*FILTER_PARAMS, "shape"))])
def timeline_json(
    f: Filter,
    engine: Db,
    shape: Annotated[
        Literal["timelinejs", "vis"], Query(description="output shape")
    ] = "timelinejs",
) -> dict[str, Any]:
    """The events of the same query as TimelineJS 3 JSON, or vis-timeline items and groups."""
    with unit_of_work(engine) as session:
        events = list(islice(EventRepository(session).stream(f), TIMELINE_LIMIT))
        if shape == "vis":
            return vis_items(events)
        return timelinejs(events, title="Timeline")


@router.get("/events/{event_id}", dependencies=[Depends(only_params())])
def get_event(event_id: IdPath, engine: Db) -> EventDetail:
    """The event with its accounts side by side."""
    with unit_of_work(engine) as session:
        event = EventRepository(session).get(event_id)
        if event is None:
            raise Problem(404, f"no event with id {event_id}")
        return event_detail(event)


@router.get("/accounts", dependencies=LISTING)
def list_accounts(
    f: Filter, engine: Db, limit: Limit = 50, cursor: Cursor = None, sort: SortParam = None
) -> AccountPage:
    """One row per account, by its event's time or with q by relevance; the time window
    applies to the account's own interval."""
    order = sort_order(f.q, sort)
    with unit_of_work(engine) as session:
        page = AccountRepository(session).page(f, limit, cursor, order)
        return AccountPage(items=[account_out(a) for a in page.items], next_cursor=page.next_cursor)


@router.get("/accounts.csv", dependencies=EXPORT, response_class=StreamingResponse)
def accounts_csv(f: Filter, engine: Db) -> StreamingResponse:
    """One row per account; columns in the README. Same filters as GET /accounts."""
    return _csv(csv_stream(engine, "accounts", f), "accounts.csv")


def _csv(chunks: Iterator[str], filename: str) -> StreamingResponse:
    return StreamingResponse(
        primed(chunks),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
