"""Ingestion throughput as the store grows, on real news spread over time.

Ingests the TimeBank and AQUAINT documents (../shared/data/timex, read by path: 256 news
stories from 1989-2000 with their publication dates) into a fresh SQLite file, in batches,
and reports the time per document for each batch, so that growth shows.
Run: .venv/bin/python bench/ingest.py [BATCH]
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from timeline.entities import GazetteerCache
from timeline.extract import load_gazetteer
from timeline.ingest import DocumentDraft, ingest_document
from timeline.published import parse_published
from timeline.settings import PROJECT_DIR
from timeline.store.db import make_engine, unit_of_work
from timeline.store.migrate import upgrade

CORPORA = [
    PROJECT_DIR.parent / "shared" / "data" / "timex" / f"{n}.jsonl" for n in ("timebank", "aquaint")
]


def drafts() -> list[DocumentDraft]:
    found = []
    for path in CORPORA:
        for line in path.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            published, precision = parse_published(doc["dct"])
            found.append(DocumentDraft(doc["text"], published, precision, source=doc["id"][:3]))
    return found


def main(batch: int) -> None:
    url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    upgrade(url)
    engine = make_engine(url)
    gazetteers = GazetteerCache(load_gazetteer())
    documents = drafts()
    print(f"{len(documents)} documents, {sum(len(d.text) for d in documents):,} characters")
    print(f"{'documents':>10} {'ms/doc (batch)':>15} {'chars/s':>10}")
    for first in range(0, len(documents), batch):
        chunk = documents[first : first + batch]
        started = time.perf_counter()
        for draft in chunk:
            with unit_of_work(engine) as session:
                now = datetime.now(UTC)
                ingest_document(session, draft, gazetteers.current(session), now)
        elapsed = time.perf_counter() - started
        chars = sum(len(d.text) for d in chunk)
        per_doc = 1000 * elapsed / len(chunk)
        print(f"{first + len(chunk):>10} {per_doc:>15.1f} {chars / elapsed:>10.0f}")


if __name__ == "__main__":
    if not CORPORA[0].exists():
        sys.exit(f"needs {CORPORA[0]} (../shared beside the checkout)")
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 32)
