"""Issue 4 acceptance on our demo corpus (and the sample): several publishers, one event
per real-world event, with the disputes between their accounts flagged."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tests.conftest import SAMPLE
from timeline.demo import demo_drafts
from timeline.entities import GazetteerCache
from timeline.extract import load_gazetteer
from timeline.ingest import ingest_document
from timeline.settings import PROJECT_DIR
from timeline.store.db import unit_of_work
from timeline.store.models import Event


def day(n: int) -> datetime:
    return datetime(2017, 11, n, tzinfo=UTC)


def agents(event: Event) -> set[str]:
    return {p.name for a in event.accounts for p in a.participants if p.role == "agent"}


def publishers(event: Event) -> set[str]:
    return {a.publisher.name for a in event.accounts}


def within(event: Event, first: int, last: int) -> bool:
    if event.earliest is None or event.latest is None:
        return False
    return event.earliest >= day(first) and event.latest <= day(last)


@pytest.fixture
def events(engine: Engine) -> Iterator[list[Event]]:
    gazetteers = GazetteerCache(load_gazetteer())
    samples = SAMPLE.parent if SAMPLE.exists() else None
    for _, draft in demo_drafts(PROJECT_DIR / "demo", samples):
        with unit_of_work(engine) as session:
            ingest_document(session, draft, gazetteers.current(session), datetime.now(UTC))
    with Session(engine) as session:
        yield list(session.scalars(select(Event).where(Event.merged_into_id.is_(None))))


def first_capture(events: list[Event]) -> Event:
    [capture] = [
        e
        for e in events
        if e.kind == "capture"
        and e.place_name == "Abu Kamal"
        and within(e, 6, 13)
        and "Islamic State" not in agents(e)
    ]
    return capture


def test_the_first_capture_is_one_event_told_by_many(events: list[Event]) -> None:
    capture = first_capture(events)
    assert len(publishers(capture)) >= 4
    assert any(a.time_value == "2017-W45" for a in capture.accounts)  # "last week"


def test_the_first_capture_disputes_its_day_and_whether_it_happened(events: list[Event]) -> None:
    disputes = {d.aspect: d for d in first_capture(events).disputes}
    days = {label for label, _ in disputes["time"].sides}
    assert {"2017-11-08", "2017-11-09"} <= days
    assert "2017-W45" not in days  # "last week" agrees with both
    denied = dict(disputes["polarity"].sides)["denies"]
    capture = first_capture(events)
    deniers = {a.claimant_name for a in capture.accounts if a.id in denied}
    assert "Syrian Observatory for Human Rights" in deniers


def test_the_convoys_leaving_and_the_counter_attack_are_events(events: list[Event]) -> None:
    convoys = [e for e in events if e.kind == "movement" and "Islamic State" in agents(e)]
    assert any(within(e, 8, 12) and len(publishers(e)) >= 2 for e in convoys)
    counter = [
        e for e in events if e.kind in ("attack", "capture") and "Islamic State" in agents(e)
    ]
    assert any(within(e, 9, 13) and len(publishers(e)) >= 2 for e in counter)


def test_a_lone_account_disputes_nothing(events: list[Event]) -> None:
    assert not [e for e in events if e.disputed and len(e.accounts) == 1]


def test_the_first_capture_disputes_who_led_it(events: list[Event]) -> None:
    disputes = {d.aspect: d for d in first_capture(events).disputes}
    labels = [label for label, _ in disputes["actor"].sides]
    assert any("Hezbollah" in label for label in labels)
    assert any("Syrian Army" in label for label in labels)


def _denied_by_coalition(event: Event) -> bool:
    disputes = {d.aspect: d for d in event.disputes}
    if "polarity" not in disputes:
        return False
    denied = set(dict(disputes["polarity"].sides).get("denies", ()))
    deniers = {a.claimant_name for a in event.accounts if a.id in denied}
    return "US-led coalition" in deniers


def test_the_refused_joint_strikes_are_denied_by_the_coalition(events: list[Event]) -> None:
    refused = [
        e
        for e in events
        if e.kind in ("request", "refusal") and len(publishers(e)) >= 3 and _denied_by_coalition(e)
    ]
    assert refused


def test_the_coalition_flights_at_abu_kamal_are_denied(events: list[Event]) -> None:
    flights = [
        e
        for e in events
        if e.kind == "movement"
        and e.place_name == "Abu Kamal"
        and "US-led coalition" in agents(e)
        and len(publishers(e)) >= 2
        and _denied_by_coalition(e)
    ]
    assert flights


def test_the_images_and_their_debunking_are_one_publication(events: list[Event]) -> None:
    told = [e for e in events if e.kind == "publication" and len(publishers(e)) >= 2]
    assert len(told) == 1
    [images] = told
    assert "Russian Defense Ministry" in agents(images)
    asserting = [a for a in images.accounts if a.polarity == "asserts"]
    assert any(
        p.name == "Russian Defense Ministry" and p.role == "agent"
        for a in asserting
        for p in a.participants
    )
    deniers = {a.claimant_name for a in images.accounts if a.polarity == "denies"}
    assert any(d and "researchers" in d for d in deniers)
    sides = dict({d.aspect: d for d in images.disputes}["polarity"].sides)
    assert sides["asserts"] and sides["denies"]
