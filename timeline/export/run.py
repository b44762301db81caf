"""Write a whole CSV export to a file, counting rows for progress."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import TextIO

from timeline.export.csv_writer import (
    ACCOUNT_COLUMNS,
    EVENT_COLUMNS,
    account_row,
    csv_chunks,
    event_row,
)
from timeline.store.db import engine_for, unit_of_work
from timeline.store.repositories import AccountRepository, EventFilter, EventRepository


def export_csv(database_url: str, what: str, f: EventFilter, out: TextIO) -> int:
    """Write events or accounts matching `f` as CSV; returns the number of rows."""
    count = 0

    def counted(rows: Iterator[list[str]]) -> Iterator[list[str]]:
        nonlocal count
        for row in rows:
            count += 1
            if count % 500 == 0:
                print(f"\r{count} rows…", end="", file=sys.stderr, flush=True)
            yield row

    with unit_of_work(engine_for(database_url)) as session:
        if what == "events":
            header, rows = EVENT_COLUMNS, (event_row(e) for e in EventRepository(session).stream(f))
        else:
            header = ACCOUNT_COLUMNS
            rows = (account_row(a) for a in AccountRepository(session).stream(f))
        for chunk in csv_chunks(header, counted(rows)):
            out.write(chunk)
    return count
