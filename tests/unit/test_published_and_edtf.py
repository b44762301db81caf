from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from edtf import parse_edtf

from timeline.export.edtf import edtf
from timeline.published import PublishedError, offset_minutes, parse_published
from timeline.temporal import tag
from timeline.temporal.zones import format_offset


def test_a_day_is_midnight_utc_with_day_precision() -> None:
    assert parse_published("2017-11-14") == (datetime(2017, 11, 14, tzinfo=UTC), "day")


def test_an_instant_keeps_the_offset_it_was_given_at() -> None:
    moment, precision = parse_published("2017-11-14T01:30:00+03:00")
    assert (moment, precision) == (datetime(2017, 11, 13, 22, 30, tzinfo=UTC), "second")
    assert offset_minutes(moment) == 180 and moment.date().day == 14  # its local day
    assert format_offset(offset_minutes(moment)) == "+03:00"
    assert format_offset(-330) == "-05:30"
    assert parse_published("2017-11-14T09:30:00Z")[0].hour == 9
    assert parse_published("2017-11-14T09:30")[0].tzinfo is UTC


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("2017-02-30", "not a real date"),
        ("", "empty"),
        ("yesterday", "not an ISO 8601"),
        ("14/11/2017", "not an ISO 8601"),
        ("9999-12-31", "outside the years"),
        ("0001-01-01T00:00:00+05:00", "outside the years"),
        ("0999-12-31", "outside the years"),
    ],
)
def test_bad_dates_are_refused_with_a_reason(value: str, says: str) -> None:
    with pytest.raises(PublishedError, match=says):
        parse_published(value)


def d(day: int, month: int = 11) -> datetime:
    return datetime(2017, month, day, tzinfo=UTC)


def test_edtf_forms() -> None:
    assert edtf(d(14), d(15), "day") == "2017-11-14"
    assert edtf(d(1), d(1, 12), "month") == "2017-11"
    assert edtf(d(6), d(13), "week") == "2017-11-06/2017-11-12"
    assert edtf(d(6), d(13), "week", "APPROX") == "2017-11-06~/2017-11-12~"  # both ends
    assert edtf(None, d(14), None) == "../2017-11-13"
    assert edtf(d(14), None, None) == "2017-11-14/.."
    assert edtf(None, None, None) is None


def test_edtf_of_an_envelope_of_several_units_is_an_interval() -> None:
    # an account dated by a range ("Nov. 9-10") has day granularity over two days
    assert edtf(d(9), d(11), "day") == "2017-11-09/2017-11-10"
    assert edtf(d(1, 8), d(1, 10), "month") == "2017-08-01/2017-09-30"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("early 2017", "2017-01-01/2017-05-02"),  # not the whole year
        ("late last month", "2017-10-22/2017-10-31"),
        ("around 3 p.m.", "2017-11-14T15:00:00Z"),  # EDTF cannot qualify a time of day
        ("at 9 a.m. Moscow time", "2017-11-14T06:00:00Z"),
        ("in 2016", "2016"),
        ("last month", "2017-10"),
        ("around Nov. 9", "2017-11-09~"),
        ("last week", "2017-11-06/2017-11-12"),
    ],
)
def test_edtf_comes_from_the_interval_and_is_valid(text: str, expected: str) -> None:
    [mention] = [m for m in tag(text, date(2017, 11, 14)) if m.type in ("DATE", "TIME")]
    written = edtf(mention.earliest, mention.latest, mention.granularity, mention.mod)
    assert written == expected
    parse_edtf(written)  # the edtf package reads it back


def test_a_day_placed_in_a_zone_is_still_that_day() -> None:
    [monday] = tag("on Monday", date(2017, 11, 14), zone=ZoneInfo("Asia/Damascus"))
    assert monday.earliest == datetime(2017, 11, 12, 22, tzinfo=UTC)
    assert edtf(monday.earliest, monday.latest, monday.granularity) == "2017-11-13"
