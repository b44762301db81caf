"""Acceptance on the canonical sample article (read from the shared folder, never copied)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.conftest import SAMPLE
from timeline.extract import Gazetteer, extract_events
from timeline.extract.types import EventMention
from timeline.temporal import tag
from timeline.temporal.types import TimeMention


def _mention(text: str, phrase: str, value: str, occurrence: int = 0) -> TimeMention:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return TimeMention(start, start + len(phrase), phrase, "DATE", value)


@pytest.fixture(scope="module")
def text() -> str:
    # A missing article is a failure: ../shared must sit beside the checkout.
    assert SAMPLE.is_file(), f"{SAMPLE} is missing (../shared must sit beside the checkout)"
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def times(text: str) -> list[TimeMention]:
    """What the tagger finds, built by hand so that this test depends on extraction only."""
    return sorted(
        [
            _mention(text, "November 14th, 2017", "2017-11-14"),
            _mention(text, "Last week", "2017-W45"),
            _mention(text, "previously", "PAST_REF"),
            TimeMention(text.index("15-km"), text.index("15-km") + 5, "15-km", "DURATION", "P15K"),
        ],
        key=lambda m: m.start,
    )


@pytest.fixture(scope="module")
def events(text: str, times: list[TimeMention], gazetteer: Gazetteer) -> list[EventMention]:
    return extract_events(text, times, gazetteer, publisher="Fort Russ News")


def _one(events: list[EventMention], kind: str, trigger: str) -> EventMention:
    found = [e for e in events if e.kind == kind and e.trigger == trigger]
    assert len(found) == 1, [(e.kind, e.trigger) for e in events]
    return found[0]


def _roles(event: EventMention, role: str) -> set[str | None]:
    return {p.entity_key for p in event.participants if p.role == role}


def test_capture_of_abu_kamal(
    text: str, times: list[TimeMention], events: list[EventMention]
) -> None:
    capture = _one(events, "capture", "liberated")
    assert text[capture.trigger_start : capture.trigger_end] == "liberated"
    evidence = text[capture.evidence_start : capture.evidence_end]
    # The whole sentence, from its opening time phrase to the army that is its subject.
    assert capture.evidence_start == text.index("Last week")
    assert "Syrian Army" in evidence[: capture.trigger_start - capture.evidence_start]
    assert _roles(capture, "location") == {"abu-kamal"}
    assert _roles(capture, "agent") == {"syrian-army"}
    assert _roles(capture, "supporter") & {"russian-air-force", "russian-armed-forces"}
    assert capture.time_index is not None and times[capture.time_index].text == "Last week"
    assert capture.time_source == "own"
    assert capture.claimant is not None
    assert capture.claimant.entity_key == "russian-defense-ministry"
    assert capture.polarity == "asserts"


def test_departure_inherits_last_week(times: list[TimeMention], events: list[EventMention]) -> None:
    departure = _one(events, "movement", "depart")
    assert departure.time_index is not None and times[departure.time_index].text == "Last week"
    assert departure.time_source == "context"
    assert _roles(departure, "agent") == {"isis"}
    assert "abu-kamal" in _roles(departure, "location")


def test_requests_and_refusal(text: str, events: list[EventMention]) -> None:
    request = _one(events, "request", "requests")
    assert "combined operation" in text[request.evidence_start : request.evidence_end]
    assert _roles(request, "agent") == {"russian-armed-forces"}
    assert _roles(request, "target") == {"us-led-coalition"}
    assert request.extras["count"] == "two"
    refusal = _one(events, "refusal", "refused")
    assert "completely refused" in text[refusal.evidence_start : refusal.evidence_end]
    assert _roles(refusal, "agent") & {"united-states", "us-led-coalition"}
    for event in (request, refusal):
        assert event.claimant is not None
        assert event.claimant.entity_key == "russian-defense-ministry"
        assert event.time_index is None and event.time_source == "publication"


def test_coalition_aircraft_enter_the_zone(text: str, events: list[EventMention]) -> None:
    entry = _one(events, "movement", "entered")
    assert "15-km zone" in text[entry.evidence_start : entry.evidence_end]
    assert _roles(entry, "location") == {"abu-kamal"}
    assert _roles(entry, "agent") == {"us-led-coalition"}
    assert entry.time_index is None  # a duration-like "15-km" is never an account's time


def test_sdf_flags_found(text: str, events: list[EventMention]) -> None:
    found = _one(events, "discovery", "found")
    assert "SDF" in text[found.evidence_start : found.evidence_end]
    assert _roles(found, "location") == {"abu-kamal"}


def test_boilerplate_and_commentary_give_nothing(text: str, events: list[EventMention]) -> None:
    quiet = (
        "Subscribe",
        "Sign up",
        "Advertisement",
        "Get real time",
        "This of course",
        "Such actions",
        "But this is not",
        "Russian MoD details",
    )
    for event in events:
        evidence = text[event.evidence_start : event.evidence_end]
        assert not evidence.startswith(quiet), evidence


def test_every_event_has_a_consistent_span(text: str, events: list[EventMention]) -> None:
    for event in events:
        assert text[event.trigger_start : event.trigger_end] == event.trigger
        assert event.evidence_start <= event.trigger_start < event.trigger_end <= event.evidence_end
        for p in event.participants:
            assert event.evidence_start <= p.start < p.end <= event.evidence_end


def test_with_the_real_tagger(text: str, gazetteer: Gazetteer) -> None:
    mentions = tag(text, datetime(2017, 11, 14, tzinfo=UTC))  # a tagger that raises fails here
    events = extract_events(text, mentions, gazetteer, publisher="Fort Russ News")
    capture = _one(events, "capture", "liberated")
    assert capture.time_index is not None
    assert mentions[capture.time_index].value == "2017-W45"
