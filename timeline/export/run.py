"""CSV exports of events or accounts, streamed from one unit of work (API and CLI)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Literal, TextIO

from sqlalchemy import Engine

from timeline.export.csv_writer import (
    ACCOUNT_COLUMNS,
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    account_row,
    csv_chunks,
    event_row,
    mention_row,
)
from timeline.store.db import unit_of_work
from timeline.store.repositories import (
    AccountRepository,
    DocumentRepository,
    EventFilter,
    EventRepository,
)
from timeline.store.repositories.export_rows import account_lines, event_lines

Export = Literal["events", "accounts"]


def csv_stream(
    engine: Engine, what: Export, f: EventFilter, on_row: Callable[[int], None] | None = None
) -> Iterator[str]:
    """CSV text of the events or accounts matching `f`, in chunks, header first."""
    with unit_of_work(engine) as session:
        if what == "events":
            header = EVENT_COLUMNS
            rows = (event_row(e) for e in event_lines(session, f))
        else:
            header = ACCOUNT_COLUMNS
            rows = (account_row(a) for a in account_lines(session, f))
        yield from csv_chunks(header, _counted(rows, on_row))


def mentions_csv_stream(engine: Engine, document_id: int) -> Iterator[str]:
    """CSV text of one document's time mentions in text order, in chunks, header first."""
    with unit_of_work(engine) as session:
        ordinals: dict[int, int] = {}

        def rows() -> Iterator[list[str]]:
            for mention in DocumentRepository(session).stream_mentions(document_id):
                ordinals[mention.id] = mention.ordinal  # anchors are earlier mentions
                yield mention_row(mention, ordinals)

        yield from csv_chunks(MENTION_COLUMNS, rows())


def _counted(
    rows: Iterator[list[str]], on_row: Callable[[int], None] | None
) -> Iterator[list[str]]:
    for count, row in enumerate(rows, start=1):
        if on_row is not None:
            on_row(count)
        yield row


def count_rows(engine: Engine, what: Export, f: EventFilter) -> int:
    """How many rows `csv_stream(engine, what, f)` will write (for a progress bar)."""
    with unit_of_work(engine) as session:
        if what == "events":
            return EventRepository(session).count(f)
        return AccountRepository(session).count(f)


def export_csv(
    engine: Engine,
    what: Export,
    f: EventFilter,
    out: TextIO,
    on_row: Callable[[int], None] | None = None,
) -> int:
    """Write the whole export to `out`; `on_row(count)` after each row; returns the count."""
    written = 0

    def counted(count: int) -> None:
        nonlocal written
        written = count
        if on_row is not None:
            on_row(count)

    for chunk in csv_stream(engine, what, f, counted):
        out.write(chunk)
    return written
