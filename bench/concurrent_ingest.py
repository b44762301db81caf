"""Many clients posting documents to a real server at once (issue 11), on SQLite or PostgreSQL.

    .venv/bin/python bench/concurrent_ingest.py --db sqlite --clients 16 --distinct 50
    .venv/bin/python bench/concurrent_ingest.py --db postgresql --clients 32 --crowd 200

Starts `timeline serve` on a free port of a fresh, migrated store (a temporary SQLite file,
or a throwaway PostgreSQL database on 127.0.0.1:5432), optionally fills it first with a
crowded week (`--crowd N` articles, posted by one client), then posts `--distinct` articles
twice each (shuffled) from `--clients` threads. Prints what was stored, the 5xx and dropped
connections, whether the server survived (its exit code: 139 is a segfault), and whether the
events and disputes equal those of a sequential ingest of the same articles (`--compare`).
The server's output (with faulthandler's tracebacks) goes to --log.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.concurrency import (
    Article,
    ServerDied,
    articles,
    canonical_events,
    post_all,
    posting_order,
    running_server,
    stored_documents,
)
from timeline.store.db import make_engine
from timeline.store.migrate import upgrade

PG_ADMIN = os.environ.get(
    "TIMELINE_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@contextmanager
def fresh_store(kind: str) -> Iterator[str]:
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite:///{folder}/timeline.db"
            upgrade(url)
            yield url
        return
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    name = f"timeline_conc_{uuid.uuid4().hex[:8]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(PG_ADMIN).set(database=name).render_as_string(hide_password=False)
    try:
        upgrade(url)
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def real_articles(manifest: Path, copies: int) -> list[Article]:
    """Each article of a manifest (JSONL of file, publisher, published) `copies` times,
    each copy made distinct by a line of its own: real lengths, real parses. The texts are
    read where they lie, at run time, and never stored in the repository."""
    out = []
    for line in manifest.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        body = (manifest.parent / row["file"]).read_text(encoding="utf-8")
        for copy in range(copies):
            text = f"{body}\n\nCopy {copy} for the concurrency benchmark."
            out.append(Article(text, row["published"][:10], row["publisher"][:200]))
    return out


def run(
    kind: str, clients: int, distinct: int, crowd: int, seed: int, real: list[Article]
) -> dict[str, object]:
    wanted = articles(distinct + crowd, seed)
    filler, posted = wanted[:crowd], wanted[crowd:] + real
    distinct += len(real)
    with fresh_store(kind) as url:
        started = time.perf_counter()
        code = 0
        try:
            with running_server(url) as base:
                if filler:
                    post_all(base, filler, 1)
                started = time.perf_counter()
                results = post_all(base, posting_order(posted, seed), clients)
        except ServerDied as died:
            code = died.code
            results = None
        seconds = time.perf_counter() - started
        engine = make_engine(url)
        stored = stored_documents(engine)
        events = canonical_events(engine)
        engine.dispose()
    return {
        "db": kind,
        "clients": clients,
        "posts": 2 * distinct,
        "distinct": distinct + crowd,
        "stored": len(stored),
        "stored_once": len(set(stored)) == len(stored),
        "5xx_or_reset": results.server_errors if results else "n/a (server died)",
        "server_exit": code or "stayed up",
        "seconds": round(seconds, 1),
        "events": len(events),
        "first_errors": (results.errors[:3] if results else []),
        "_events": events,
        "_articles": wanted,
    }


def sequential(kind: str, wanted: list, seed: int) -> list:  # type: ignore[type-arg]
    with fresh_store(kind) as url, running_server(url) as base:
        post_all(base, wanted, 1)
        engine = make_engine(url)
        events = canonical_events(engine)
        engine.dispose()
    return events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--distinct", type=int, default=50)
    parser.add_argument("--crowd", type=int, default=0, help="articles stored first")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--compare", action="store_true", help="against a sequential ingest")
    parser.add_argument("--real", type=Path, help="a manifest.jsonl of real articles to add")
    parser.add_argument("--copies", type=int, default=2, help="distinct copies of each")
    parser.add_argument("--log", default="/tmp/concurrent_ingest_server.log")
    args = parser.parse_args()
    os.environ["TIMELINE_SERVE_LOG"] = args.log
    real = real_articles(args.real, args.copies) if args.real else []
    figures = run(args.db, args.clients, args.distinct, args.crowd, args.seed, real)
    for key, value in figures.items():
        if not key.startswith("_"):
            print(f"{key}: {value}")
    if args.compare:
        alone = sequential(args.db, figures["_articles"], args.seed)  # type: ignore[arg-type]
        same = alone == figures["_events"]
        print(f"equal to a sequential ingest: {same} ({len(alone)} events sequentially)")


if __name__ == "__main__":
    main()
