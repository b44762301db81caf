"""TimelineJS 3 date objects carry only the parts the interval knows."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from timeline.export.timelinejs import slide_dates

# The fields of a TimelineJS 3 date object (timeline.knightlab.com/docs/json-format.html),
# biggest first: a part may be given only when every bigger one is.
DATE_PARTS = ("year", "month", "day", "hour", "minute", "second", "millisecond")


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def assert_conforms(date: dict[str, str]) -> None:
    assert "year" in date, "year is required"
    assert set(date) <= {*DATE_PARTS, "display_date", "format"}
    given = [part in date for part in DATE_PARTS]
    assert given == sorted(given, reverse=True), f"a smaller part without a bigger one: {date}"
    assert all(date[part].isdigit() for part in DATE_PARTS if part in date)


@pytest.mark.parametrize(
    ("earliest", "latest", "start", "end"),
    [
        (utc(2016, 1, 1), utc(2017, 1, 1), {"year": "2016"}, None),
        (utc(2017, 10, 1), utc(2017, 11, 1), {"year": "2017", "month": "10"}, None),
        (utc(2017, 11, 9), utc(2017, 11, 10), {"year": "2017", "month": "11", "day": "9"}, None),
        (  # "last week": a range of days, the end day inclusive
            utc(2017, 11, 6),
            utc(2017, 11, 13),
            {"year": "2017", "month": "11", "day": "6"},
            {"year": "2017", "month": "11", "day": "12"},
        ),
        (  # "early 2017": January to early May, not the whole year
            utc(2017, 1, 1),
            utc(2017, 5, 2),
            {"year": "2017", "month": "1", "day": "1"},
            {"year": "2017", "month": "5", "day": "1"},
        ),
        (  # August to September
            utc(2017, 8, 1),
            utc(2017, 10, 1),
            {"year": "2017", "month": "8"},
            {"year": "2017", "month": "9"},
        ),
        (  # a week placed in Damascus (UTC+2): days named by their middle
            utc(2017, 11, 5, 22),
            utc(2017, 11, 12, 22),
            {"year": "2017", "month": "11", "day": "6"},
            {"year": "2017", "month": "11", "day": "12"},
        ),
        (  # "at 3 p.m.": a reading of the clock
            utc(2017, 11, 14, 15),
            utc(2017, 11, 14, 15, 1),
            {"year": "2017", "month": "11", "day": "14", "hour": "15", "minute": "0"},
            None,
        ),
        (  # "since Monday": open end
            utc(2017, 11, 13),
            None,
            {"year": "2017", "month": "11", "day": "13"},
            None,
        ),
    ],
)
def test_dates_are_as_precise_as_the_interval(
    earliest: datetime,
    latest: datetime | None,
    start: dict[str, str],
    end: dict[str, str] | None,
) -> None:
    got_start, got_end = slide_dates(earliest, latest)
    assert (got_start, got_end) == (start, end)
    for date in (got_start, got_end):
        if date is not None:
            assert_conforms(date)


def test_a_span_of_hours_keeps_its_clock_times() -> None:
    start, end = slide_dates(utc(2017, 11, 14, 9), utc(2017, 11, 15, 18))
    assert start == {"year": "2017", "month": "11", "day": "14", "hour": "9", "minute": "0"}
    assert end == {"year": "2017", "month": "11", "day": "15", "hour": "18", "minute": "0"}
