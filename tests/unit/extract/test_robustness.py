"""Any text, however odd, gives well-formed event mentions and never an exception."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.extract import Gazetteer, extract_events, load_gazetteer
from timeline.temporal.types import TimeMention

GAZETTEER = load_gazetteer()
WORDS = [
    "ISIS",
    "IS",
    "the",
    "town",
    "Abu Kamal",
    "Al-Bukamal",
    "said",
    "liberated",
    "was",
    "by",
    "Syrian Army",
    "coalition",
    "refused",
    "to",
    "not",
    "according to",
    "ministry",
    ",",
    ".",
    '"',
    "“",
    "”",
    "(",
    ")",
    "\n",
    "\n\n",
    "- Advertisement -",
    "F-16",
    "2,000",
    "fled",
    "entered",
    "allegedly",
    "denied",
    "that",
    "Hezbollah",
    "a commander",
    "told",
    "Reuters",
    "in order to",
    "strikes",
    "the fleeing",
    "re-entered",
    "Last week",
    "It",
    "’s",
    "—",
]


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=60), st.data())
def test_any_word_salad_gives_consistent_mentions(words: list[str], data: st.DataObject) -> None:
    text = " ".join(words)
    times = _some_times(text, data)
    for event in extract_events(text, times, GAZETTEER):
        assert text[event.trigger_start : event.trigger_end] == event.trigger
        assert 0 <= event.evidence_start <= event.trigger_start
        assert event.trigger_end <= event.evidence_end <= len(text)
        assert event.time_index is None or times[event.time_index].type in ("DATE", "TIME")
        assert (event.time_index is None) == (event.time_source == "publication")
        for p in event.participants:
            assert 0 <= p.start < p.end <= len(text)
        if event.claimant is not None:
            assert event.claimant.name.strip()


def _some_times(text: str, data: st.DataObject) -> list[TimeMention]:
    found = []
    start = text.find("Last week")
    if start >= 0 and data.draw(st.booleans()):
        found.append(TimeMention(start, start + 9, "Last week", "DATE", "2017-W45"))
    return found


@settings(deadline=None)  # the parse's cost varies; speed is measured in bench/, not here
@given(st.text(max_size=300))
def test_any_unicode_text(text: str) -> None:
    extract_events(text, [], GAZETTEER)


def test_empty_and_blank_documents(gazetteer: Gazetteer) -> None:
    assert extract_events("", [], gazetteer) == []
    assert extract_events(" \n\n\t", [], gazetteer) == []
