"""Property-based tests: no input makes `tag` raise, and what it returns is coherent."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.temporal import GRANULARITIES, tag, tagger
from timeline.temporal.cal import interval_of
from timeline.temporal.timex import is_valid_value

WORDS = [
    "last",
    "next",
    "this",
    "week",
    "month",
    "year",
    "years",
    "ago",
    "later",
    "earlier",
    "the",
    "day",
    "before",
    "after",
    "on",
    "in",
    "Thursday",
    "Friday",
    "May",
    "march",
    "Nov.",
    "14",
    "14th",
    ",",
    "2017",
    "1990s",
    "'98",
    "3",
    "p.m.",
    "GMT",
    "15:00",
    "two",
    "three",
    "a",
    "decade",
    "century",
    "19th",
    "Q3",
    "third",
    "quarter",
    "fiscal",
    "summer",
    "early",
    "mid-",
    "late",
    "about",
    "more",
    "than",
    "every",
    "each",
    "twice",
    "daily",
    "now",
    "recently",
    "soon",
    "yesterday",
    "tonight",
    "morning",
    "night",
    "F-16",
    "2,000",
    "$",
    "%",
    "/",
    "-",
    "12/31/1999",
    "2017-02-30",
    "9999",
    "0001",
    "Christmas",
    "weekend",
    "following",
    "that",
]
anchors = st.one_of(
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.datetimes(timezones=st.just(UTC)),
)
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join),
)


def _offset(text: str) -> timedelta:
    sign = -1 if text[0] == "-" else 1
    return sign * timedelta(hours=int(text[1:3]), minutes=int(text[4:6]))


def check(text: str, anchor: date | datetime, mode: str) -> None:
    mentions = tag(text, anchor, mode=mode)  # type: ignore[arg-type]
    previous_end = 0
    for i, m in enumerate(mentions):
        assert 0 <= previous_end <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        previous_end = m.end
        assert m.type in ("DATE", "TIME", "DURATION", "SET")
        assert is_valid_value(m.value), m
        assert m.granularity is None or m.granularity in GRANULARITIES
        assert m.anchor_index is None or 0 <= m.anchor_index < i
        for bound in (m.earliest, m.latest):
            assert bound is None or bound.tzinfo is not None
        if m.earliest is not None and m.latest is not None:
            assert m.earliest < m.latest, m
        if m.type in ("DURATION", "SET"):
            assert m.earliest is None and m.latest is None
        found = interval_of(m.value)
        if found is not None and m.utc_offset is not None and m.mod is None:
            # placed in a zone: the wall-clock start is the value's, at the offset given
            assert m.earliest is not None and m.latest is not None
            wall = m.earliest + _offset(m.utc_offset)
            assert (wall, m.granularity) == (found[0], found[2]), m
        elif found is not None and m.mod is None:
            assert (m.earliest, m.latest, m.granularity) == found, m
        elif found is not None and m.earliest and m.latest and m.utc_offset is None:
            assert found[0] <= m.earliest and m.latest <= found[1], m  # a mod narrows


@settings(max_examples=300, deadline=None)
@given(text=texts, anchor=anchors, mode=st.sampled_from(["news", "narrative", "auto"]))
def test_tag_never_raises_and_is_coherent(text: str, anchor: date | datetime, mode: str) -> None:
    check(text, anchor, mode)


def test_extreme_anchors() -> None:
    for anchor in (date(1, 1, 1), date(9999, 12, 31)):
        text = "last week, next year, in 3 weeks, 2 centuries ago, the 1990s, Q4, now, soon"
        check(text + ", 9 p.m. EST yesterday, tomorrow at 15:00 GMT, recently", anchor, "news")


NON_TIME_WORDS = ["company", "said", "Ankara", "million", "officials", "$5", "(", "naïve"]


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(st.sampled_from(WORDS + NON_TIME_WORDS), max_size=30),
    anchor=st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
)
def test_skipping_starts_before_a_foreign_word_changes_nothing(
    words: list[str], anchor: date
) -> None:
    # The tagger tries no start before a word that no expression can hold; trying every
    # start must find exactly the same mentions.
    text = " ".join(words)
    pruned = tag(text, anchor)
    with patch.object(tagger, "_may_hold", lambda *_: True):
        assert tag(text, anchor) == pruned
