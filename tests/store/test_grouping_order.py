"""Ingesting the same documents in any order gives the same events."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from sqlalchemy import Engine, select

from tests.conftest import SAMPLE, empty_database
from timeline.demo import demo_drafts
from timeline.entities import GazetteerCache
from timeline.extract import load_gazetteer
from timeline.ingest import DocumentDraft, ingest_document
from timeline.settings import PROJECT_DIR
from timeline.store.db import unit_of_work
from timeline.store.models import Event

NOW = datetime(2026, 1, 1, tzinfo=UTC)
Grouping = set[tuple[str, frozenset[tuple[str, int, str]]]]


def _grouping(engine: Engine, drafts: list[DocumentDraft]) -> tuple[Grouping, set[str]]:
    """Each event as its kind and the set of (document hash, offset, kind) of its accounts."""
    gazetteers = GazetteerCache(load_gazetteer())
    for draft in drafts:
        with unit_of_work(engine) as session:
            ingest_document(session, draft, gazetteers.current(session), NOW)
    with unit_of_work(engine) as session:
        events = session.scalars(select(Event).where(Event.merged_into_id.is_(None))).all()
        grouping = {
            (
                e.kind,
                frozenset(
                    (a.document.content_sha256, a.evidence_start, a.kind) for a in e.accounts
                ),
            )
            for e in events
        }
        titles = {f"{e.title}|{e.earliest}|{e.disputed}" for e in events}
    return grouping, titles


def test_order_of_ingestion_does_not_change_the_events(engine: Engine) -> None:
    samples = SAMPLE.parent if SAMPLE.exists() else None
    drafts = [draft for _, draft in demo_drafts(PROJECT_DIR / "demo", samples)]
    assert len(drafts) >= 6
    shuffled = drafts[:]
    random.Random(2017).shuffle(shuffled)

    results = []
    for order in (drafts, list(reversed(drafts)), shuffled):
        results.append(_grouping(engine, order))
        empty_database(engine)
    first_grouping, first_titles = results[0]
    assert len(first_grouping) > 5
    assert any(len(accounts) > 1 for _, accounts in first_grouping)
    for grouping, titles in results[1:]:
        assert grouping == first_grouping
        assert titles == first_titles
