"""Forms of issue 9, part 4, whose behaviour the corpus format cannot state: what a
bare "days later" is resolved against, holidays counted from another holiday, and the
informal units that must follow a number."""

from __future__ import annotations

import re
from datetime import date

import pytest

from timeline.temporal import tag
from timeline.temporal.handlers_abs import _holiday_date
from timeline.temporal.lexicon import alternation, lexicon

ANCHOR = date(2018, 3, 21)


def _only(text: str, span: str, anchor: date = ANCHOR) -> tuple[int, str, str | None, int | None]:
    mentions = tag(text, anchor)
    found = [(i, m) for i, m in enumerate(mentions) if m.text == span]
    assert found, f"{span!r} not in {[m.text for m in mentions]}"
    i, m = found[0]
    return i, m.value, m.mod, m.anchor_index


def test_days_later_counts_from_the_last_mentioned_time_not_publication() -> None:
    text = "The truce was signed on 4 May 2015. Crowds gathered. Days later it broke down."
    _, value, mod, anchor_index = _only(text, "Days later")
    assert (value, mod, anchor_index) == ("2015-05-04", "AFTER", 0)


def test_days_later_does_not_become_the_reference_of_later_anaphora() -> None:
    # "The next day" is the day after the signing: "Days later" names no day of its own
    text = (
        "The truce was signed on 4 May 2015. Days later it broke down. The next day, talks resumed."
    )
    _, value, _, anchor_index = _only(text, "The next day")
    assert (value, anchor_index) == ("2015-05-05", 0)


def test_weeks_before_an_event_is_no_date() -> None:
    mentions = tag("Police watched the house in the weeks before the raid.", ANCHOR)
    assert all("before" not in m.text for m in mentions)


@pytest.mark.parametrize(
    ("name", "year", "expected"),
    [
        ("black friday", 2019, date(2019, 11, 29)),  # November 2019 has five Fridays
        ("black friday", 2017, date(2017, 11, 24)),
        ("cyber monday", 2019, date(2019, 12, 2)),  # it may fall in December
        ("ash wednesday", 2019, date(2019, 3, 6)),
    ],
)
def test_holidays_counted_from_another_fall_on_the_right_day(
    name: str, year: int, expected: date
) -> None:
    assert _holiday_date(lexicon().holidays[name], year) == expected


def test_a_named_day_is_no_date_but_the_same_weekday_after_next_is() -> None:
    mentions = tag("The Blue Monday sale ends next Monday.", ANCHOR)
    assert [(m.text, m.value) for m in mentions] == [("next Monday", "2018-03-26")]


@pytest.mark.parametrize("text", ["the min", "a Min of defence", "HR said", "sec. 4"])
def test_unit_abbreviations_need_a_number(text: str) -> None:
    assert [m for m in tag(text, ANCHOR) if m.type == "DURATION"] == []


def test_a_bare_clock_time_takes_the_day_being_told() -> None:
    text = "The blast came on Sunday. Police arrived 12:45, witnesses said."
    _, value, _, anchor_index = _only(text, "12:45")
    assert (value, anchor_index) == ("2018-03-18T12:45", 0)


def test_a_clock_time_at_a_sentence_start_after_a_book_of_the_bible_is_a_verse() -> None:
    assert tag("Romans 8:28 was read aloud.", ANCHOR) == []
    assert [m.value for m in tag("Doors 19:30, show at 8pm.", ANCHOR)] == [
        "2018-03-21T19:30",
        "2018-03-21T20:00",
    ]


def _longest_first(words: list[str], abbrev: bool) -> str:
    parts = []
    for word in sorted(words, key=lambda w: (-len(w), w)):
        part = re.escape(word).replace(r"\ ", r"\s+")
        parts.append(part + (r"\.?" if abbrev and len(word) <= 4 else ""))
    return "(?:" + "|".join(parts) + ")"


@pytest.mark.parametrize("abbrev", [False, True])
def test_word_tables_as_tries_match_what_longest_first_matches(abbrev: bool) -> None:
    words = ["tue", "tues", "tuesday", "mid", "mid afternoon", "midafternoon", "mid-", "hr"]
    words += ["hrs", "hour", "hours", "new year", "new year's eve", "a", "an", "a few"]
    # no word boundary after: the first word tried must be the one longest-first tries
    trie = re.compile(alternation(words, abbrev))
    plain = re.compile(_longest_first(words, abbrev))
    text = "tues. tuesday mid  afternoon mid-term hrs hour new year's eve a few an tue"
    for start in range(len(text)):
        found, expected = trie.match(text, start), plain.match(text, start)
        assert (found and found.span()) == (expected and expected.span()), text[start:]


def test_the_20th_after_the_same_month_of_another_year_is_in_that_year() -> None:
    text = "The court sat on 3 March 2015 and ruled on the 20th."
    _, value, _, anchor_index = _only(text, "the 20th")
    assert (value, anchor_index) == ("2015-03-20", 0)
