"""Generated stores at scale for the benchmarks (search, CSV export): our own sentences.

Ingesting 100,000 accounts through the pipeline would take hours; what these benchmarks
measure is reading, so the rows are generated (actors, verbs, made-up place names and
sources from the word lists below, a fixed seed) and bulk-inserted with SQLAlchemy core into a
database the migrations built, so that its triggers and indexes are the real ones.
"""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, insert, text

from timeline.store.models import Base

ACCOUNTS_PER_DOCUMENT = 5
ACCOUNTS_PER_EVENT = 2.5
BATCH = 5_000
T0 = datetime(2015, 1, 1, tzinfo=UTC)

# --- generated data -------------------------------------------------------------------------

ACTORS = [
    "Syrian troops", "Rebel fighters", "Government forces", "Militants", "Coalition aircraft",
    "Kurdish units", "Police officers", "Tribal fighters", "Army engineers", "Border guards",
]  # fmt: skip
VERBS = [
    ("captured", "capture"), ("attacked", "attack"), ("shelled", "attack"),
    ("seized", "capture"), ("bombed", "attack"), ("recaptured", "capture"),
    ("surrounded", "movement"), ("entered", "movement"), ("left", "movement"),
    ("struck", "attack"),
]  # fmt: skip
WHEN = ["on Monday", "on Tuesday", "at dawn", "overnight", "late on Friday", "last week", ""]
SAYS = [
    "the ministry said", "a monitor reported", "according to local sources",
    "residents told reporters", "the army command announced", "activists claimed",
]  # fmt: skip
ASIDES = [
    "Aid convoys waited at the checkpoint.", "Schools in the district stayed closed.",
    "Markets reopened after the storm.", "Officials met to discuss water supplies.",
    "The bridge over the river was damaged.", "Electricity returned to some streets.",
    "Farmers said the harvest was late this year.", "Talks are due to resume next month.",
]  # fmt: skip
SYLLABLES = ["tal", "abu", "deir", "kha", "mar", "sul", "qar", "bir", "ham", "rah", "zor", "nab"]


def place_names(rng: random.Random, count: int) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        parts = rng.sample(SYLLABLES, rng.choice((2, 3)))
        names.add("".join(parts).capitalize())
    return sorted(names)


def sentence(rng: random.Random, places: list[str]) -> tuple[str, str, str, str]:
    """(quote, trigger, kind, place) of one generated report."""
    actor, (verb, kind), place = rng.choice(ACTORS), rng.choice(VERBS), rng.choice(places)
    when = rng.choice(WHEN)
    quote = f"{actor} {verb} {place} {when}".replace("  ", " ").strip()
    return f"{quote}, {rng.choice(SAYS)}.", verb, kind, place


def rows(accounts: int, seed: int = 2017) -> dict[str, list[dict[str, Any]]]:
    rng = random.Random(seed)
    places = place_names(rng, 400)
    documents = accounts // ACCOUNTS_PER_DOCUMENT
    events = int(accounts / ACCOUNTS_PER_EVENT)
    sources = [
        {"id": i + 1, "name": f"Wire {i + 1}", "kind": "news", "created_at": T0} for i in range(20)
    ]
    out: dict[str, list[dict[str, Any]]] = {
        "sources": sources, "documents": [], "events": [], "accounts": []
    }  # fmt: skip
    for event_id in range(1, events + 1):
        quote, trigger, kind, place = sentence(rng, places)
        at = T0 + timedelta(hours=rng.randrange(5 * 365 * 24))
        out["events"].append({
            "id": event_id, "title": f"{kind.capitalize()} of {place}", "kind": kind,
            "family": kind, "sort_at": at, "listed_from": at, "earliest": at,
            "latest": at + timedelta(days=1), "disputed": rng.random() < 0.1, "curated": False,
            "created_at": T0, "updated_at": T0,
        })  # fmt: skip
    for document_id in range(1, documents + 1):
        published = T0 + timedelta(hours=rng.randrange(5 * 365 * 24))
        source_id = rng.randrange(1, len(sources) + 1)
        told = [sentence(rng, places) for _ in range(ACCOUNTS_PER_DOCUMENT)]
        body = " ".join(q for q, *_ in told) + " " + " ".join(rng.sample(ASIDES, 3))
        out["documents"].append({
            "id": document_id, "source_id": source_id, "title": told[0][0][:80],
            "language": "en", "published": published, "published_precision": "day",
            "text": body, "content_sha256": f"{document_id:064x}", "ingested_at": published,
        })  # fmt: skip
        for quote, trigger, kind, _ in told:
            event_id = rng.randrange(1, events + 1)
            at = out["events"][event_id - 1]["sort_at"]
            out["accounts"].append({
                "event_id": event_id, "document_id": document_id, "kind": kind,
                "family": kind, "trigger": trigger, "trigger_start": 0, "trigger_end": 1,
                "evidence_start": 0, "evidence_end": len(quote), "quote": quote,
                "claimant_name": f"Wire {source_id}", "claimant_cue": "publisher",
                "publisher_id": source_id, "time_source": "own", "earliest": at,
                "latest": at + timedelta(days=1), "listed_from": at, "polarity": "asserts",
                "hedged": False, "rule": "bench", "created_at": published, "quantities": [],
            })  # fmt: skip
    return out


def load(engine: Engine, data: dict[str, list[dict[str, Any]]]) -> None:
    with engine.begin() as connection:
        for name in ("sources", "documents", "events", "accounts"):
            chunk_rows = data[name]
            started = time.perf_counter()
            for first in range(0, len(chunk_rows), BATCH):
                connection.execute(
                    insert(Base.metadata.tables[name]), chunk_rows[first : first + BATCH]
                )
                print(f"\r  {name}: {min(first + BATCH, len(chunk_rows)):,}", end="", flush=True)
            print(f" rows in {time.perf_counter() - started:.1f} s")
    if engine.dialect.name == "postgresql":
        # as autovacuum would soon: GIN's pending list merged, statistics taken
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))


def fill(engine: Engine, accounts: int) -> None:
    """Generate and load a store of `accounts` accounts, with progress."""
    load(engine, rows(accounts))
