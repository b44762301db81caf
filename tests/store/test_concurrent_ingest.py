"""Many writers at once (issue 11), on both databases: 16 clients posting to a real server,
and on PostgreSQL 4 `timeline ingest` processes over overlapping files. Every document is
stored once, no writer fails, and the events and disputes are those of a sequential ingest.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from tests.concurrency import (
    CHECKOUT,
    Article,
    articles,
    canonical_events,
    post_all,
    posting_order,
    running_server,
    stored_documents,
)
from tests.conftest import empty_database
from timeline.entities import GazetteerCache
from timeline.extract import load_gazetteer
from timeline.ingest import DocumentDraft, content_sha256, ingest
from timeline.published import parse_published

CLIENTS = 16
DISTINCT = 50


def _ingest_one_by_one(engine: Engine, texts: Sequence[Article]) -> None:
    gazetteers = GazetteerCache(load_gazetteer())
    for article in texts:
        published, precision = parse_published(article.published)
        draft = DocumentDraft(article.text, published, precision, article.source)
        ingest(engine, draft, gazetteers.current)


def _sequential_then_emptied(engine: Engine, texts: Sequence[Article]) -> list[object]:
    _ingest_one_by_one(engine, texts)
    alone: list[object] = list(canonical_events(engine))
    empty_database(engine)
    return alone


def test_sixteen_clients_store_each_document_once_as_a_sequential_ingest_would(
    engine: Engine, database_url: str
) -> None:
    distinct = articles(DISTINCT)
    alone = _sequential_then_emptied(engine, distinct)
    assert any(event[3] for event in alone), "the articles should dispute one another"

    with running_server(database_url) as base:
        results = post_all(base, posting_order(distinct), CLIENTS)

    assert results.errors == []
    assert Counter(results.statuses) == {201: DISTINCT, 200: DISTINCT}
    assert stored_documents(engine) == sorted(content_sha256(a.text) for a in distinct)
    assert canonical_events(engine) == alone


def _cli_ingest(database_url: str, files: Sequence[Path]) -> subprocess.Popen[bytes]:
    timeline = Path(sys.executable).with_name("timeline")
    command = [str(timeline), "ingest", *map(str, files)]
    command += ["--published", "2017-11-09", "--source", "Levant Wire", "--language", "en"]
    env = {"TIMELINE_DATABASE_URL": database_url, "PATH": str(timeline.parent)}
    return subprocess.Popen(command, cwd=CHECKOUT, env=env, stderr=subprocess.PIPE)


def test_four_ingest_processes_over_overlapping_files_store_each_once(
    engine: Engine, database_url: str, tmp_path: Path
) -> None:
    distinct = [Article(a.text, "2017-11-09", "Levant Wire") for a in articles(40, seed=4)]
    files = []
    for number, article in enumerate(distinct):
        files.append(tmp_path / f"{number:02d}.txt")
        files[-1].write_text(article.text, encoding="utf-8")
    alone = _sequential_then_emptied(engine, distinct)

    # each file in two of the four processes' lists, which start at different places
    runs = [_cli_ingest(database_url, (files * 2)[10 * i : 10 * i + 20]) for i in range(4)]
    errors = [run.communicate(timeout=300)[1].decode() for run in runs]

    assert [run.returncode for run in runs] == [0, 0, 0, 0], errors
    assert stored_documents(engine) == sorted(content_sha256(a.text) for a in distinct)
    assert canonical_events(engine) == alone


def test_a_race_the_database_aborts_is_run_again(engine: Engine) -> None:
    """`transact` reruns a unit of work the database aborted for a race, whole."""
    from sqlalchemy.exc import OperationalError

    from timeline.store.db import transact

    class Deadlock(Exception):
        sqlstate = "40P01"

    tries: list[datetime] = []

    def work(_session: object) -> int:
        tries.append(datetime.now(UTC))
        if len(tries) < 3:
            raise OperationalError("SELECT 1", {}, Deadlock())
        return len(tries)

    assert transact(engine, work) == 3
