"""EDTF (ISO 8601-2, the Library of Congress profile) strings derived from an interval.

The interval decides, not the granularity: "early 2017" (January to early May) is
`2017-01-01/2017-05-02`, not `2017`. A whole calendar year, month or day is written as one
(`2017`, `2017-11`, `2017-11-14`); a reading of the clock as its instant
(`2017-11-14T15:00:00Z`); anything else as an interval of days, open ends as `..`.
Approximation ("around") is `~` on each date; EDTF cannot qualify a time of day, so an
approximate clock reading is written as its instant alone.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

APPROXIMATE = {"APPROX", "ABOUT", "AROUND"}
DAY = timedelta(days=1)


def edtf(
    earliest: datetime | None,
    latest: datetime | None,
    granularity: str | None = None,
    mod: str | None = None,
) -> str | None:
    """`2017-11-14`, `2017-11`, `2017`, `2017-11-06/2017-11-12`, `../2017-11-14`,
    `2017-11-14T15:00:00Z`, or None for no interval. `granularity` is not read: the
    interval alone says what it spans (kept for callers that pass it)."""
    if earliest is None and latest is None:
        return None
    mark = "~" if mod in APPROXIMATE else ""
    if earliest is None:
        assert latest is not None
        return f"../{_last_day(latest)}{mark}"
    if latest is None:
        return f"{_day(earliest)}{mark}/.."
    if latest - earliest < DAY and not at_midnight(earliest):
        return earliest.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")  # a clock reading
    whole = whole_unit(earliest, latest)
    if whole is not None:
        return whole + mark
    return f"{_day(earliest)}{mark}/{_last_day(latest)}{mark}"


def at_midnight(moment: datetime) -> bool:
    return moment.astimezone(UTC).time() == datetime.min.time()


def whole_unit(earliest: datetime, latest: datetime) -> str | None:
    """The calendar year, month or day the interval is exactly, if it is one. A day placed
    in a time zone (24 hours from a local midnight) is the day of its middle."""
    if latest - earliest == DAY:
        return (earliest + DAY / 2).astimezone(UTC).date().isoformat()
    first, end = earliest.astimezone(UTC), latest.astimezone(UTC)
    if not (at_midnight(first) and at_midnight(end) and first.day == 1 and end.day == 1):
        return None
    if first.month == 1 and end.month == 1 and end.year == first.year + 1:
        return f"{first.year:04d}"
    next_month = (first.year + first.month // 12, first.month % 12 + 1)
    if (end.year, end.month) == next_month:
        return f"{first.year:04d}-{first.month:02d}"
    return None


def _day(moment: datetime) -> str:
    return moment.astimezone(UTC).date().isoformat()


def _last_day(latest: datetime) -> str:
    return (latest.astimezone(UTC) - timedelta(microseconds=1)).date().isoformat()
