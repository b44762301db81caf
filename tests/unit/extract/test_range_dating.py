"""An account dated by one side of a range or coordination gets the envelope of its sides
(`timeline.extract.timing.dating_of`)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from timeline.extract.timing import dating_of, range_sides
from timeline.reconcile.wording import time_words
from timeline.temporal import tag

ANCHOR = date(2017, 11, 14)


def day(month: int, d: int, year: int = 2017) -> datetime:
    return datetime(year, month, d, tzinfo=UTC)


def test_either_side_of_a_range_dates_by_the_whole_range() -> None:
    mentions = tag("He spoke yesterday. The talks were held Nov. 9-10.", ANCHOR)
    assert range_sides(mentions, 0) == [0]
    assert range_sides(mentions, 1) == range_sides(mentions, 2) == [1, 2]
    for side in (1, 2):
        dating = dating_of(mentions, side)
        assert dating.value == "2017-11-09/2017-11-10"
        assert (dating.earliest, dating.latest) == (day(11, 9), day(11, 11))
        assert dating.granularity == "day"


def test_a_mention_alone_dates_by_itself() -> None:
    (mention,) = tag("The talks were held on Nov. 9.", ANCHOR)
    dating = dating_of([mention], 0)
    assert (dating.value, dating.earliest, dating.latest) == ("2017-11-09", day(11, 9), day(11, 10))


def test_a_list_spans_its_first_to_its_last_side_at_the_coarsest_granularity() -> None:
    mentions = tag("Prices rose in March 2016 and in 2017, and in 1994, 1995 and 1997.", ANCHOR)
    dating = dating_of(mentions, [m.text for m in mentions].index("1995"))
    assert dating.value == "1994/1997"
    assert (dating.earliest, dating.latest) == (day(1, 1, 1994), day(1, 1, 1998))
    mixed = tag("Sales fell from March 2016 to 2017.", ANCHOR)
    assert dating_of(mixed, 0).granularity == "year"


def test_a_side_without_an_interval_leaves_the_envelope_open() -> None:
    mentions = tag("The revolt of 499-493 BC failed.", ANCHOR)
    dating = dating_of(mentions, 0)
    assert dating.value == "BC0499/BC0493"
    assert (dating.earliest, dating.latest) == (None, None)


def test_a_range_value_reads_as_both_of_its_sides() -> None:
    assert time_words("2017-11-09/2017-11-10") == "9 Nov 2017 to 10 Nov 2017"
    assert time_words("BC0499/BC0493", "499") == '"499"'
