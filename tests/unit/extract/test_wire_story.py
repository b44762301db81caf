"""A wire-style story written for these tests from the scenario facts (not third-party text)."""

from __future__ import annotations

import pytest

from timeline.extract import Gazetteer, extract_events
from timeline.extract.types import EventMention
from timeline.temporal.types import TimeMention

STORY = """\
BEIRUT, Nov 10 (Wire) - Syrian government forces and allied militias captured Albu Kamal \
from Islamic State on Wednesday, a commander in the pro-Damascus alliance told Reuters.

Hezbollah fighters led the assault, and Iraqi paramilitaries crossed the border to join them, \
the commander said.

The Syrian Observatory for Human Rights, itself based in Britain, said the town had not yet \
been taken and fighting continued.

On Thursday, the Syrian army command announced the full capture of Al-Bukamal. Two days \
later, ISIS militants retook most of the town, the monitor said.

Russia's Defence Ministry said on Tuesday that Islamic State convoys had left Abu-Kemal, \
fleeing Russian strikes. It said the US-led coalition twice refused to strike the convoys.

A coalition spokesman denied that coalition aircraft entered the zone around Bukamal.
"""


def _time(phrase: str, value: str, kind: str = "DATE") -> TimeMention:
    start = STORY.index(phrase)
    return TimeMention(start, start + len(phrase), phrase, kind, value)  # type: ignore[arg-type]


TIMES = sorted(
    [
        _time("Nov 10", "2017-11-10"),
        _time("Wednesday", "2017-11-08"),
        _time("Thursday", "2017-11-09"),
        _time("Two days later", "2017-11-11"),
        _time("Tuesday", "2017-11-14"),
        _time("twice", "R2", "SET"),
    ],
    key=lambda m: m.start,
)


@pytest.fixture(scope="module")
def events(gazetteer: Gazetteer) -> list[EventMention]:
    return extract_events(STORY, TIMES, gazetteer, publisher="Wire")


def _by_trigger(events: list[EventMention], trigger: str) -> EventMention:
    found = [e for e in events if e.trigger == trigger]
    assert len(found) == 1, [(e.kind, e.trigger) for e in events]
    return found[0]


def _keys(event: EventMention, role: str) -> set[str | None]:
    return {p.entity_key for p in event.participants if p.role == role}


def _time_text(event: EventMention) -> str | None:
    return None if event.time_index is None else TIMES[event.time_index].text


def test_first_capture_with_anonymous_source_relayed(events: list[EventMention]) -> None:
    capture = _by_trigger(events, "captured")
    assert capture.kind == "capture"
    assert _keys(capture, "agent") == {"syrian-army", "iran-backed-militias"}
    assert _keys(capture, "target") == {"isis"}
    assert _keys(capture, "location") == {"abu-kamal"}
    assert _time_text(capture) == "Wednesday" and capture.time_source == "own"
    assert capture.claimant is not None and capture.claimant.entity_key is None
    assert capture.claimant.name.startswith("a commander")
    assert capture.extras["relayed_by_key"] == "reuters"


def test_crossing_inherits_the_previous_paragraph_time(events: list[EventMention]) -> None:
    crossing = _by_trigger(events, "crossed")
    assert crossing.kind == "movement"
    assert _keys(crossing, "agent") == {"pmf"}
    assert _time_text(crossing) == "Wednesday" and crossing.time_source == "context"
    assert crossing.extras["time_rule"] == "previous_paragraph"


def test_monitor_denies_the_capture(events: list[EventMention]) -> None:
    taken = _by_trigger(events, "taken")
    assert taken.kind == "capture" and taken.polarity == "denies"
    assert taken.claimant is not None and taken.claimant.entity_key == "sohr"
    assert taken.extras["voice"] == "passive"


def test_announced_capture_and_recapture(events: list[EventMention]) -> None:
    capture = _by_trigger(events, "capture")
    assert capture.claimant is not None and capture.claimant.entity_key == "syrian-army"
    assert capture.time_index is None  # "On Thursday" dates the announcement, not the capture
    assert capture.extras["time_rule"] == "before_statement"
    assert _keys(capture, "location") == {"abu-kamal"}
    retaken = _by_trigger(events, "retook")
    assert _keys(retaken, "agent") == {"isis"}
    assert retaken.claimant is not None and retaken.claimant.entity_key == "sohr"  # "the monitor"
    assert _time_text(retaken) == "Two days later"


def test_statement_time_does_not_date_the_reported_event(events: list[EventMention]) -> None:
    left = _by_trigger(events, "left")
    assert left.claimant is not None
    assert left.claimant.entity_key == "russian-defense-ministry"
    assert left.time_index is None and left.extras["time_rule"] == "before_statement"
    refusal = _by_trigger(events, "refused")
    assert refusal.kind == "refusal"
    assert refusal.claimant is not None
    assert refusal.claimant.entity_key == "russian-defense-ministry"  # "It said"
    assert _keys(refusal, "agent") == {"us-led-coalition"}
    assert refusal.time_index is None  # "twice" is a set, and "Tuesday" a statement time


def test_denial_by_the_coalition(events: list[EventMention]) -> None:
    entered = _by_trigger(events, "entered")
    assert entered.polarity == "denies"
    assert entered.claimant is not None and entered.claimant.entity_key == "us-led-coalition"
    assert _keys(entered, "location") == {"abu-kamal"}
    assert not [e for e in events if e.trigger == "denied"]  # the denial only attributes
