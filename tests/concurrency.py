"""Many writers at once (issue 11): our own articles, a real server, clients in threads.

The articles are generated from templates: several sources reporting the same few places
over the same few days of November 2017, with differing days, figures and denials, so that
they group into shared events and dispute one another (the crowded case that broke the
service). Used by tests/store/test_concurrent_ingest.py and bench/concurrent_ingest.py.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, selectinload

from timeline.store.models import Account, DisputeRow, Document, Event

CHECKOUT = Path(__file__).resolve().parents[1]

PLACES = ["Abu Kamal", "Mayadin", "Hajin", "Deir ez-Zor", "Raqqa"]
DAYS = [(6, "Monday"), (7, "Tuesday"), (8, "Wednesday"), (9, "Thursday")]
SOURCES = [
    "Levant Wire", "Euphrates Monitor Daily", "Gulf Dispatch", "Moscow Herald",
    "Atlantic Ledger", "Mashreq Daily", "Valley Courier", "Desert Post",
]  # fmt: skip
CAPTORS = ["Syrian troops", "Government forces", "Hezbollah fighters", "Syrian Democratic Forces"]
CLAIMANTS = [
    "the Russian Defense Ministry said", "the Syrian Observatory for Human Rights said",
    "a military source told reporters", "state television reported",
]  # fmt: skip
DENIERS = ["Islamic State", "The Syrian Observatory for Human Rights", "Activists"]


@dataclass(frozen=True, slots=True)
class Article:
    text: str
    published: str  # ISO day
    source: str

    def body(self) -> dict[str, str]:
        return {"text": self.text, "published": self.published, "source": self.source}


def articles(count: int, seed: int = 11) -> list[Article]:
    """`count` distinct articles (each names its own number, so no two texts are equal)."""
    rng = random.Random(seed)
    return [_article(rng, number) for number in range(count)]


def _article(rng: random.Random, number: int) -> Article:
    place, (day, weekday) = rng.choice(PLACES), rng.choice(DAYS)
    told = rng.choice([d for d in DAYS if d[0] >= day])
    source = rng.choice(SOURCES)
    captor, claimant = rng.choice(CAPTORS), rng.choice(CLAIMANTS)
    killed = rng.choice([7, 12, 20, 35])
    lines = [
        f"{place.upper()}, Nov. {told[0]} ({source}) - {captor} captured {place} on "
        f"{weekday}, {claimant}.",
        f"At least {killed} people were killed in an air strike on {place} on {weekday}, "
        f"{rng.choice(CLAIMANTS)}.",
    ]
    if rng.random() < 0.4:
        lines.append(f"{rng.choice(DENIERS)} denied that {place} had fallen.")
    lines.append(f"This is report number {number} of the {source} desk.")
    return Article("\n\n".join(lines), f"2017-11-{told[0]:02d}", source)


def posting_order(distinct: Sequence[Article], seed: int = 11) -> list[Article]:
    """Every article once, and each again (a retried or doubled post), shuffled."""
    both = [*distinct, *distinct]
    random.Random(seed).shuffle(both)
    return both


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_server(database_url: str, timeout: float = 120.0) -> Iterator[str]:
    """`timeline serve` on a free port of a migrated database; yields its base URL. The
    server's own exit code, if it dies (139 for a segfault), is checked by the caller
    through `ServerDied`."""
    port = free_port()
    env = {**os.environ, "TIMELINE_DATABASE_URL": database_url, "PYTHONFAULTHANDLER": "1"}
    log = open(os.environ.get("TIMELINE_SERVE_LOG", os.devnull), "wb")  # noqa: SIM115
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("timeline")), "serve", "--port", str(port)],
        env=env,
        cwd=CHECKOUT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_up(server, base, timeout)
        yield base
        if server.poll() is not None:
            raise ServerDied(server.returncode)
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        log.close()


class ServerDied(RuntimeError):
    def __init__(self, code: int) -> None:
        super().__init__(f"the server exited with code {code}")
        self.code = code


def _wait_up(server: subprocess.Popen[bytes], base: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise ServerDied(server.returncode)
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise TimeoutError(f"the server did not answer within {timeout} s")


@dataclass
class PostResults:
    statuses: list[int] = field(default_factory=list)  # one per post; 0 = no answer
    errors: list[str] = field(default_factory=list)  # connection errors and 5xx bodies

    @property
    def server_errors(self) -> int:
        return sum(1 for s in self.statuses if s == 0 or s >= 500)


def post_all(base: str, posts: Sequence[Article], clients: int) -> PostResults:
    """POST every article from `clients` threads, each with its own keep-alive client."""
    results = PostResults()
    chunks = [posts[i::clients] for i in range(clients)]

    def run(chunk: Sequence[Article]) -> list[tuple[int, str]]:
        out = []
        with httpx.Client(base_url=base, timeout=300) as client:
            for article in chunk:
                try:
                    response = client.post("/documents", json=article.body())
                    out.append((response.status_code, response.text[:300]))
                except httpx.HTTPError as exc:
                    out.append((0, f"{type(exc).__name__}: {exc}"))
        return out

    with ThreadPoolExecutor(clients) as pool:
        for outcome in pool.map(run, chunks):
            for status, text in outcome:
                results.statuses.append(status)
                if status == 0 or status >= 500:
                    results.errors.append(f"{status} {text}")
    return results


# The store's events in a form that does not depend on ids or ingestion order.
CanonicalEvent = tuple[str, str | None, tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]


def canonical_events(engine: Engine) -> list[CanonicalEvent]:
    """Each live event as (kind, place, its accounts as sorted (document hash, quote),
    its disputes as sorted (aspect, detail) — duplicates kept, so a doubled row shows)."""
    with Session(engine) as session:
        events = session.scalars(
            select(Event)
            .where(Event.merged_into_id.is_(None))
            .options(
                selectinload(Event.accounts).selectinload(Account.document),
                selectinload(Event.disputes),
            )
        )
        found = [
            (
                event.kind,
                event.place_name or "",
                tuple(sorted((a.document.content_sha256, a.quote) for a in event.accounts)),
                tuple(sorted((d.aspect, d.detail) for d in event.disputes)),
            )
            for event in events
            if event.accounts
        ]
    return sorted(found)


def stored_documents(engine: Engine) -> list[str]:
    """The content hashes of the stored documents, duplicates kept."""
    with Session(engine) as session:
        return sorted(session.scalars(select(Document.content_sha256)))


def dispute_rows(engine: Engine) -> int:
    with Session(engine) as session:
        return len(list(session.scalars(select(DisputeRow.id))))
