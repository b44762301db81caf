"""Engines and the one place where a session is opened, committed or rolled back.

Many writers at once (issue 11): a writing unit of work on SQLite holds the process's one
write lock (SQLite takes one writer at a time anyway; queueing here, in order, replaces
failing with "database is locked" after the busy timeout) and begins IMMEDIATE, so that a
writer in another process waits for the file lock instead of failing when it upgrades a
stale read. `transact` retries a whole writing unit of work, a bounded number of times,
when the database aborted it for a race (a deadlock, a serialization failure, a unique key
another transaction just took), so that no such race reaches a client.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from functools import lru_cache
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

T = TypeVar("T")

# Seconds a SQLite connection waits for another process's write lock before failing.
SQLITE_BUSY_SECONDS = 60
# Connections per PostgreSQL engine: as many as the threads that serve requests (anyio's
# default pool of 40), so that a request queued behind a lock never waits for a connection.
PG_POOL_SIZE, PG_MAX_OVERFLOW = 10, 30
# Whole attempts of a writing unit of work the database aborted for a race.
WRITE_ATTEMPTS = 5
# deadlock_detected, serialization_failure, unique_violation (a get-or-create race)
TRANSIENT_SQLSTATES = frozenset({"40P01", "40001", "23505"})


def make_engine(url: str) -> Engine:
    kwargs: dict[str, Any] = {"pool_pre_ping": True}
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": SQLITE_BUSY_SECONDS}
        _ensure_sqlite_dir(url)
    elif url.startswith("postgresql"):
        kwargs |= {"pool_size": PG_POOL_SIZE, "max_overflow": PG_MAX_OVERFLOW}
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _ensure_sqlite_dir(url: str) -> None:
    from pathlib import Path

    from sqlalchemy.engine import make_url

    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_SECONDS * 1000}")
    cursor.close()


@lru_cache(maxsize=8)
def engine_for(url: str) -> Engine:
    return make_engine(url)


_writers_guard = threading.Lock()
_sqlite_writers: dict[str, threading.Lock] = {}


def _sqlite_writer(engine: Engine) -> threading.Lock:
    """The process's one write lock for this SQLite database (any engine on its file)."""
    name = engine.url.render_as_string(hide_password=False)
    with _writers_guard:
        return _sqlite_writers.setdefault(name, threading.Lock())


@contextmanager
def unit_of_work(engine: Engine, *, write: bool = False) -> Iterator[Session]:
    """Open a session; commit if the block succeeds, roll everything back if it raises.
    With `write` on SQLite, the block is the process's only writer while it runs."""
    sqlite = engine.dialect.name == "sqlite"
    factory = sessionmaker(engine, expire_on_commit=False)
    writer = _sqlite_writer(engine) if write and sqlite else nullcontext()
    with writer, factory() as session, session.begin():
        if write and sqlite:
            # pysqlite begins lazily, at the first write; this takes the file's write
            # lock now (waiting up to the busy timeout) so no read in it goes stale
            session.execute(text("BEGIN IMMEDIATE"))
        yield session


def transact(engine: Engine, work: Callable[[Session], T], attempts: int = WRITE_ATTEMPTS) -> T:
    """`work` in a writing unit of work, run again from the start (a fresh session) when
    the database aborted it for a race, up to `attempts` times, with jittered backoff."""
    for attempt in range(1, attempts + 1):
        try:
            with unit_of_work(engine, write=True) as session:
                return work(session)
        except DBAPIError as exc:
            if attempt == attempts or not is_transient(exc):
                raise
            time.sleep(random.uniform(0.01, 0.05 * 2**attempt))  # jitter, not secrets
    raise AssertionError("unreachable")  # pragma: no cover


def is_transient(exc: DBAPIError) -> bool:
    """Whether the database aborted the transaction for a race that a rerun can win."""
    sqlstate = getattr(exc.orig, "sqlstate", None)
    if sqlstate is not None:
        return sqlstate in TRANSIENT_SQLSTATES
    # SQLite: another process held the file past the busy timeout
    return "database is locked" in str(exc.orig)
