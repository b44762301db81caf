"""CSV of 100,000 accounts streams with flat memory: the server's RSS while it streams.

Builds a store of N accounts (bench/synthetic.py) in a SQLite file (and, with --postgres, in
a throwaway PostgreSQL database), starts `timeline serve` on it, streams `/accounts.csv` and
`/events.csv` with httpx and reads the server's resident memory (/proc/PID/status) every
10,000 rows. Flat memory: the RSS after 100,000 rows is that after 10,000, give or take the
allocator. With --datasette BIN (a `datasette` executable, not a dependency of ours), the
same SQLite file is served by Datasette and its `accounts.csv?_stream=on` measured the same
way, as a peer in the same run.

Run: .venv/bin/python bench/csv_export.py [--accounts 100000] [--postgres] [--datasette BIN]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import ACCOUNTS_PER_EVENT, fill

from timeline.progress import progress_bar
from timeline.store.db import make_engine
from timeline.store.migrate import upgrade

TIMELINE = Path(sys.executable).with_name("timeline")
PG_ADMIN = os.environ.get(
    "TIMELINE_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
EVERY = 10_000


@dataclass
class Streamed:
    rows: int
    seconds: float
    rss_before: int  # kB
    rss_samples: list[tuple[int, int]]  # (rows read, kB)

    @property
    def peak(self) -> int:
        return max([self.rss_before, *(kb for _, kb in self.rss_samples)])


def _rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for process {pid}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _server(command: list[str], env: dict[str, str], port: int) -> Iterator[int]:
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(600):
            try:
                httpx.get(f"http://127.0.0.1:{port}/", timeout=1)
                break
            except httpx.TransportError:
                if process.poll() is not None:
                    said = process.stderr.read().decode() if process.stderr else ""
                    raise SystemExit(f"{command[0]} exited: {said}") from None
                time.sleep(0.1)
        yield process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)


def _stream(url: str, pid: int, label: str, expected: int) -> Streamed:
    rss_before = _rss_kb(pid)
    samples: list[tuple[int, int]] = []
    rows = -1  # the header
    started = time.perf_counter()
    with progress_bar(label, expected, "rows") as bar, httpx.stream("GET", url, timeout=600) as r:
        r.raise_for_status()
        for _ in r.iter_lines():
            rows += 1
            if rows and rows % 1000 == 0:
                bar.done(rows)
                if rows % EVERY == 0:
                    samples.append((rows, _rss_kb(pid)))
        bar.done(rows)
    return Streamed(rows, time.perf_counter() - started, rss_before, samples)


def _ours(database_url: str, accounts: int, label: str) -> list[tuple[str, Streamed]]:
    port = _free_port()
    env = {**os.environ, "TIMELINE_DATABASE_URL": database_url}
    command = [str(TIMELINE), "serve", "--port", str(port)]
    with _server(command, env, port) as pid:
        base = f"http://127.0.0.1:{port}"
        return [
            (f"{label} /accounts.csv", _stream(f"{base}/accounts.csv", pid, label, accounts)),
            (
                f"{label} /events.csv",
                _stream(f"{base}/events.csv", pid, label, int(accounts / ACCOUNTS_PER_EVENT)),
            ),
        ]


def _datasette(binary: str, path: Path, accounts: int) -> tuple[str, Streamed]:
    port = _free_port()
    command = [
        binary,
        "serve",
        str(path),
        "--port",
        str(port),
        "--setting",
        "sql_time_limit_ms",
        "600000",
    ]
    with _server(command, dict(os.environ), port) as pid:
        url = f"http://127.0.0.1:{port}/{path.stem}/accounts.csv?_stream=on&_size=max"
        return "Datasette accounts.csv (table as stored)", _stream(url, pid, "datasette", accounts)


def _build(database_url: str, accounts: int) -> None:
    upgrade(database_url)
    fill(make_engine(database_url), accounts)


@contextmanager
def _postgres() -> Iterator[str]:
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    name = f"bench_csv_{uuid.uuid4().hex[:8]}"
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_ADMIN).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _report(results: list[tuple[str, Streamed]]) -> None:
    head = f"RSS before (MB) | at {EVERY:,} rows | at the end | peak"
    print(f"\n| stream | rows | s | rows/s | {head} |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for label, s in results:
        first = s.rss_samples[0][1] if s.rss_samples else s.rss_before
        last = s.rss_samples[-1][1] if s.rss_samples else s.rss_before
        print(
            f"| {label} | {s.rows:,} | {s.seconds:.1f} | {s.rows / s.seconds:,.0f} | "
            f"{s.rss_before / 1024:.0f} | {first / 1024:.0f} | {last / 1024:.0f} | "
            f"{s.peak / 1024:.0f} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=100_000)
    parser.add_argument("--postgres", action="store_true", help="also on PostgreSQL")
    parser.add_argument("--datasette", help="a datasette executable, measured as a peer")
    args = parser.parse_args()
    path = Path(tempfile.mkdtemp()) / "bench.db"
    sqlite_url = f"sqlite:///{path}"
    _build(sqlite_url, args.accounts)
    results = _ours(sqlite_url, args.accounts, "SQLite")
    if args.datasette:
        results.append(_datasette(args.datasette, path, args.accounts))
    if args.postgres:
        with _postgres() as pg_url:
            _build(pg_url, args.accounts)
            results += _ours(pg_url, args.accounts, "PostgreSQL")
    _report(results)


if __name__ == "__main__":
    main()
