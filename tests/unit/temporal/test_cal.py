"""Calendar arithmetic: values and their half-open UTC intervals."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from timeline.temporal.cal import Period, interval_of, move, period, value_of
from timeline.temporal.timex import is_valid_value


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[arg-type,misc]


@pytest.mark.parametrize(
    ("value", "earliest", "latest", "gran"),
    [
        ("2017", utc(2017, 1, 1), utc(2018, 1, 1), "year"),
        ("201", utc(2010, 1, 1), utc(2020, 1, 1), "decade"),
        ("19", utc(1900, 1, 1), utc(2000, 1, 1), "century"),
        ("2017-H2", utc(2017, 7, 1), utc(2018, 1, 1), "half"),
        ("2017-Q4", utc(2017, 10, 1), utc(2018, 1, 1), "quarter"),
        ("2017-WI", utc(2017, 12, 1), utc(2018, 3, 1), "season"),
        ("2017-11", utc(2017, 11, 1), utc(2017, 12, 1), "month"),
        ("2017-W45", utc(2017, 11, 6), utc(2017, 11, 13), "week"),
        ("2017-W45-WE", utc(2017, 11, 11), utc(2017, 11, 13), "day"),
        ("2017-11-14", utc(2017, 11, 14), utc(2017, 11, 15), "day"),
        ("2017-11-14TNI", utc(2017, 11, 14, 21), utc(2017, 11, 15, 6), "part_of_day"),
        ("2017-11-14T15:00", utc(2017, 11, 14, 15), utc(2017, 11, 14, 16), "hour"),
        ("2017-11-14T15:30-05:00", utc(2017, 11, 14, 20, 30), utc(2017, 11, 14, 20, 31), "minute"),
    ],
)
def test_interval_of_value(value: str, earliest: datetime, latest: datetime, gran: str) -> None:
    assert interval_of(value) == (earliest, latest, gran)
    assert is_valid_value(value)


@pytest.mark.parametrize("value", ["PAST_REF", "P3D", "XXXX-WXX-2", "2017-02-30", "2017-W54"])
def test_values_without_one_interval(value: str) -> None:
    assert interval_of(value) is None


def test_iso_week_belongs_to_its_iso_year() -> None:
    assert value_of(period("week", date(2021, 1, 3))) == "2020-W53"


def test_moving_keeps_granularity() -> None:
    assert value_of(move(period("quarter", date(2017, 11, 14)), -1)) == "2017-Q3"
    assert value_of(move(period("month", date(2017, 1, 31)), -1)) == "2016-12"
    assert move(Period("week", date(2017, 11, 6), "WE"), 1).part == "WE"


@pytest.mark.parametrize("value", ["P", "2017-13", "PXQQ", "NOW", "2017-W5"])
def test_invalid_values(value: str) -> None:
    assert not is_valid_value(value) or interval_of(value) is None
