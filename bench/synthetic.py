"""A store of N accounts, written straight into the tables, for benchmarks at scale.

Ingesting 100,000 accounts through the pipeline would take hours; what the export and search
benchmarks measure is reading, so the rows are generated (our own template sentences, varied
by actor, verb, place and day) and bulk-inserted with SQLAlchemy core into a database that the
migrations built (so that triggers and indexes are the real ones).
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, Table, insert

from timeline.store.models import Base

ACTORS = ["Syrian troops", "Rebel fighters", "Coalition aircraft", "Militia units", "Police"]
VERBS = [("captured", "capture"), ("shelled", "attack"), ("entered", "movement")]
PLACES = ["Abu Kamal", "Mayadin", "Deir ez-Zor", "Raqqa", "Palmyra", "Homs", "Hama", "Idlib"]
CLAIMANTS = ["the ministry", "a monitoring group", "state television", "a local council"]
SOURCES = [f"Wire {n}" for n in range(10)]
DAY = timedelta(days=1)
START = datetime(2017, 1, 1, tzinfo=UTC)
ACCOUNTS_PER_DOCUMENT = 5
ACCOUNTS_PER_EVENT = 4
BATCH = 5000


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _sentence(rng: random.Random, day: datetime) -> tuple[str, str, str, str]:
    actor, (verb, kind), place = rng.choice(ACTORS), rng.choice(VERBS), rng.choice(PLACES)
    claimant = rng.choice(CLAIMANTS)
    quote = f"{actor} {verb} {place} on {day:%B} {day.day}, {claimant} said."
    return quote, kind, verb, claimant


def _batches(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def fill(engine: Engine, accounts: int, on_rows: Callable[[int], None] | None = None) -> None:
    """Add `accounts` accounts (with their documents, events and sources) to a migrated,
    empty database; `on_rows(count)` after each batch of accounts."""
    rng = random.Random(20171114)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    documents = -(-accounts // ACCOUNTS_PER_DOCUMENT)
    events = -(-accounts // ACCOUNTS_PER_EVENT)
    days = [START + DAY * rng.randrange(365) for _ in range(events)]
    with engine.begin() as connection:
        connection.execute(
            insert(_table("sources")),
            [
                {"id": i + 1, "name": n, "kind": "news", "created_at": now}
                for i, n in enumerate(SOURCES)
            ],
        )
        for batch in _batches(_documents(rng, documents, now)):
            connection.execute(insert(_table("documents")), batch)
        for batch in _batches(_events(days, now)):
            connection.execute(insert(_table("events")), batch)
        done = 0
        for batch in _batches(_accounts(rng, accounts, days, now)):
            connection.execute(insert(_table("accounts")), batch)
            done += len(batch)
            if on_rows is not None:
                on_rows(done)


def _documents(rng: random.Random, count: int, now: datetime) -> Iterator[dict[str, Any]]:
    for n in range(1, count + 1):
        day = START + DAY * rng.randrange(365)
        text = " ".join(_sentence(rng, day)[0] for _ in range(ACCOUNTS_PER_DOCUMENT))
        yield {
            "id": n,
            "source_id": n % len(SOURCES) + 1,
            "title": f"Report {n}",
            "language": "en",
            "published": day + DAY,
            "published_precision": "day",
            "text": text,
            "content_sha256": hashlib.sha256(f"{n}:{text}".encode()).hexdigest(),
            "ingested_at": now,
        }


def _events(days: list[datetime], now: datetime) -> Iterator[dict[str, Any]]:
    for n, day in enumerate(days, start=1):
        yield {
            "id": n,
            "title": f"Event {n} at {PLACES[n % len(PLACES)]}",
            "kind": VERBS[n % len(VERBS)][1],
            "family": VERBS[n % len(VERBS)][1],
            "place_name": PLACES[n % len(PLACES)],
            "earliest": day,
            "latest": day + DAY,
            "sort_at": day,
            "listed_from": day,
            "disputed": n % 7 == 0,
            "curated": False,
            "created_at": now,
            "updated_at": now,
        }


def _accounts(
    rng: random.Random, count: int, days: list[datetime], now: datetime
) -> Iterator[dict[str, Any]]:
    documents = -(-count // ACCOUNTS_PER_DOCUMENT)
    for n in range(1, count + 1):
        event = (n - 1) // ACCOUNTS_PER_EVENT + 1
        day = days[event - 1]
        quote, kind, verb, claimant = _sentence(rng, day)
        yield {
            "id": n,
            "document_id": rng.randrange(documents) + 1,
            "event_id": event,
            "kind": kind,
            "family": kind,
            "modality": "actual",
            "quantities": [],
            "trigger": verb,
            "trigger_start": quote.index(verb),
            "trigger_end": quote.index(verb) + len(verb),
            "evidence_start": 0,
            "evidence_end": len(quote),
            "quote": quote,
            "claimant_name": claimant,
            "claimant_cue": "said",
            "publisher_id": n % len(SOURCES) + 1,
            "time_source": "own",
            "time_value": day.date().isoformat(),
            "earliest": day,
            "latest": day + DAY,
            "granularity": "day",
            "listed_from": day,
            "polarity": "asserts",
            "hedged": False,
            "rule": "synthetic",
            "created_at": now,
        }
