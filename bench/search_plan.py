"""Full-text search at 100,000 accounts: the query plans, and q-search against the old LIKE scan.

Builds the same generated data (our own sentences from word lists, fixed seed) on a SQLite
file in a temporary directory and on PostgreSQL in a throwaway database that this script
creates and drops; migrates both with Alembic; bulk-inserts with SQLAlchemy core. Then, per
database: prints the plan of the /events?q= and /documents?q= queries exactly as the
repositories issue them (SQLite EXPLAIN QUERY PLAN, PostgreSQL EXPLAIN (ANALYZE, BUFFERS)),
and times a page of /events?q= (ranked and by time) and /documents?q= against the
LIKE '%q%' scan that q was before migration 0007.

Run: .venv/bin/python bench/search_plan.py [ACCOUNTS]   (PostgreSQL: TIMELINE_BENCH_PG_URL,
default postgresql+psycopg://postgres@127.0.0.1:5432/postgres, a database to connect to
while creating the throwaway one; skipped with a message when unreachable)
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, func, or_, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import load, place_names, rows

from timeline.store.db import make_engine, unit_of_work
from timeline.store.migrate import upgrade
from timeline.store.models import Account, Document, Event
from timeline.store.repositories import (
    DocumentFilter,
    DocumentRepository,
    EventFilter,
    EventRepository,
)

PG_ADMIN_URL = os.environ.get(
    "TIMELINE_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
REPEATS = 5


# --- the queries ----------------------------------------------------------------------------


def _like(q: str) -> str:
    return f"%{q.casefold()}%"


def old_like_events(session: Session, q: str, limit: int = 50) -> list[Event]:
    """/events?q= before migration 0007: a LIKE over titles, quotes and triggers."""
    in_quote = select(Account.event_id).where(
        or_(func.lower(Account.quote).like(_like(q)), func.lower(Account.trigger).like(_like(q)))
    )
    query = (
        select(Event)
        .where(
            Event.merged_into_id.is_(None),
            or_(func.lower(Event.title).like(_like(q)), Event.id.in_(in_quote)),
        )
        .order_by(Event.sort_at, Event.id)
        .limit(limit + 1)
    )
    return list(session.scalars(query))


def old_like_documents(session: Session, q: str, limit: int = 50) -> list[Document]:
    """What a /documents?q= by LIKE would have been (there was none): the scan to beat."""
    pattern = _like(q)
    query = (
        select(Document)
        .where(
            or_(func.lower(Document.title).like(pattern), func.lower(Document.text).like(pattern))
        )
        .order_by(Document.published, Document.id)
        .limit(limit + 1)
    )
    return list(session.scalars(query))


def new_events(sort: str) -> Callable[[Session, str], object]:
    return lambda session, q: EventRepository(session).page(EventFilter(q=q), 50, None, sort)  # type: ignore[arg-type]


def new_documents(session: Session, q: str) -> object:
    return DocumentRepository(session).page(DocumentFilter(q=q), 50, None)


def new_documents_by_time(session: Session, q: str) -> object:
    return DocumentRepository(session).page(DocumentFilter(q=q), 50, None, "time")


@contextmanager
def first_select(engine: Engine) -> Iterator[list[tuple[str, Any]]]:
    """Catch the statements a block executes (the first is the page's main query)."""
    caught: list[tuple[str, Any]] = []

    def catch(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        caught.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", catch)
    try:
        yield caught
    finally:
        event.remove(engine, "before_cursor_execute", catch)


def main_statement(
    engine: Engine, run: Callable[[Session, str], object], q: str
) -> tuple[str, Any]:
    with first_select(engine) as caught, unit_of_work(engine) as session:
        run(session, q)
    return caught[0]


def plan(engine: Engine, run: Callable[[Session, str], object], q: str) -> list[str]:
    statement, parameters = main_statement(engine, run, q)
    explain = (
        "EXPLAIN QUERY PLAN " if engine.dialect.name == "sqlite" else "EXPLAIN (ANALYZE, BUFFERS) "
    )
    return [str(row[-1]) for row in _raw(engine, explain + statement, parameters)]


def _raw(engine: Engine, statement: str, parameters: Any) -> list[Any]:
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute(statement, parameters)
        return list(cursor.fetchall())
    finally:
        raw.close()


def statement_ms(engine: Engine, run: Callable[[Session, str], object], q: str) -> float:
    """Median milliseconds of the page's main statement alone (no rows loaded after it)."""
    statement, parameters = main_statement(engine, run, q)
    samples = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        _raw(engine, statement, parameters)
        samples.append(1000 * (time.perf_counter() - started))
    return statistics.median(samples)


def timed(engine: Engine, run: Callable[[Session, str], object], q: str) -> float:
    """Median milliseconds of a page, each in its own unit of work (after one warm-up)."""
    samples = []
    for attempt in range(REPEATS + 1):
        started = time.perf_counter()
        with unit_of_work(engine) as session:
            run(session, q)
        if attempt:
            samples.append(1000 * (time.perf_counter() - started))
    return statistics.median(samples)


def queries(places: list[str]) -> list[tuple[str, str, str]]:
    """(what, q, the LIKE pattern the old q would have needed to find about the same)."""
    return [
        ("a rare place", places[7], places[7]),
        ("a common verb, stemmed", "captures", "captur"),
        ("verb and place", f"captured {places[11]}", places[11]),
    ]


def report(name: str, engine: Engine, places: list[str]) -> None:
    print(f"\n== {name} ==")
    rare = places[7]
    for label, run in (("/events?q=", new_events("relevance")), ("/documents?q=", new_documents)):
        print(f"plan of {label}{rare}:")
        for line in plan(engine, run, rare):
            print(f"    {line}")
    print("milliseconds (median of 5): a page of 50 as the API loads it | its main statement")
    print(
        f"{'query':<24}{'q':<18}{'ranked':>8}{'by time':>8}{'LIKE':>8}{'ratio':>6}"
        f" |{'FTS':>7}{'LIKE':>8}{'ratio':>6}"
    )
    for what, runs in (("events", EVENT_RUNS), ("documents", DOCUMENT_RUNS)):
        print(f"/{what}?q=")
        for label, q, like_q in queries(places):
            ranked, by_time, like = (
                timed(engine, run, p) for run, p in zip(runs, (q, q, like_q), strict=True)
            )
            fts, scan = (statement_ms(engine, runs[i], p) for i, p in ((0, q), (2, like_q)))
            print(
                f"{label:<24}{q:<18}{ranked:>8.1f}{by_time:>8.1f}{like:>8.1f}"
                f"{like / ranked:>5.1f}× |{fts:>7.1f}{scan:>8.1f}{scan / fts:>6.1f}×"
            )


EVENT_RUNS = (new_events("relevance"), new_events("time"), old_like_events)
DOCUMENT_RUNS = (new_documents, new_documents_by_time, old_like_documents)


def counts(engine: Engine) -> str:
    with engine.connect() as connection:
        numbers = [
            connection.execute(select(func.count()).select_from(t)).scalar_one()
            for t in (Account.__table__, Event.__table__, Document.__table__)
        ]
    return "{:,} accounts, {:,} events, {:,} documents".format(*numbers)


def build(name: str, url: str, data: dict[str, list[dict[str, Any]]]) -> Engine:
    print(f"{name}: migrating {make_url(url).render_as_string()}")
    upgrade(url)
    engine = make_engine(url)
    started = time.perf_counter()
    load(engine, data)
    print(f"{name}: loaded in {time.perf_counter() - started:.1f} s: {counts(engine)}")
    return engine


def on_postgresql(data: dict[str, list[dict[str, Any]]], places: list[str]) -> None:
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"timeline_bench_search_{uuid.uuid4().hex[:8]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        print(f"PostgreSQL not reachable at {PG_ADMIN_URL} ({exc.orig}); skipped")
        return
    try:
        url = make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
        engine = build("PostgreSQL", url, data)
        try:
            report("PostgreSQL", engine, places)
        finally:
            engine.dispose()
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
        print(f"PostgreSQL: dropped {name}")


def main(accounts: int) -> None:
    print(f"generating {accounts:,} accounts ...")
    data = rows(accounts)
    places = place_names(random.Random(2017), 400)
    with tempfile.TemporaryDirectory() as directory:
        engine = build("SQLite", f"sqlite:///{Path(directory) / 'search.db'}", data)
        try:
            report("SQLite", engine, places)
        finally:
            engine.dispose()
    on_postgresql(data, places)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
