"""Parse a publication date as people give it (a day, or an instant), and the bounds of a
time window (a year, a month, a day, or an instant). ISO 8601 only: a bare number is
never read as Unix seconds."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_YEAR = re.compile(r"\d{4}")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
# Time arithmetic around a publication (the day after it, windows of weeks) must stay on
# the calendar, so a publication is refused far from the years any source can have.
FIRST_YEAR, LAST_YEAR = 1000, 8999
EXAMPLES = "e.g. 2017-11-14 or 2017-11-14T09:30:00Z"


class PublishedError(ValueError):
    pass


def parse_published(value: str, name: str = "published") -> tuple[datetime, str]:
    """`2017-11-14` → (midnight UTC, "day"); `2017-11-14T09:30:00+03:00` → (the instant at
    the offset it was given at, "second"): its local day is what "yesterday" counts from,
    and the store keeps the offset beside the UTC instant.

    An instant without a zone is taken as UTC.
    """
    text = value.strip()
    if not text:
        raise PublishedError(f"{name} is empty; give a date like 2017-11-14")
    if _DAY.fullmatch(text):
        try:
            day = date.fromisoformat(text)
        except ValueError as exc:
            raise PublishedError(f"{name} {text!r} is not a real date ({exc})") from exc
        return _in_range(name, text, datetime(day.year, day.month, day.day, tzinfo=UTC)), "day"
    try:
        moment = datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError as exc:
        raise PublishedError(
            f"{name} {text!r} is not an ISO 8601 date or date-time ({EXAMPLES})"
        ) from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return _in_range(name, text, moment), "second"


def parse_bound(value: str, name: str) -> datetime:
    """A window bound as a UTC instant: `2017` is the start of 2017, `2017-11` the start of
    November 2017, a day its midnight UTC, an instant itself (UTC when it has no zone).

    The same reading serves `start` (inclusive) and `end` (exclusive), so `start=2017&
    end=2018` is the year 2017. Numbers such as Unix seconds are refused."""
    text = value.strip()
    if _YEAR.fullmatch(text):
        return _in_range(name, text, datetime(int(text), 1, 1, tzinfo=UTC))
    if month := _MONTH.fullmatch(text):
        year, number = int(month[1]), int(month[2])
        if not 1 <= number <= 12:
            raise PublishedError(f"{name} {text!r} is not a real month")
        return _in_range(name, text, datetime(year, number, 1, tzinfo=UTC))
    try:
        moment, _ = parse_published(text, name)
    except PublishedError as exc:
        if text.isdigit() or text.lstrip("+-").replace(".", "", 1).isdigit():
            raise PublishedError(
                f"{name} {text!r} is a number; give an ISO 8601 year, month, day or "
                f"instant (2017, 2017-11, {EXAMPLES}), not Unix seconds"
            ) from exc
        raise PublishedError(f"{exc}; a year (2017) or a month (2017-11) also does") from exc
    return moment.astimezone(UTC)


def offset_minutes(moment: datetime) -> int:
    """Minutes east of UTC of an aware instant ("+03:00" → 180)."""
    delta = moment.utcoffset()
    return 0 if delta is None else round(delta.total_seconds() / 60)


def _in_range(name: str, text: str, moment: datetime) -> datetime:
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise PublishedError(
            f"{name} {text!r} is outside the years {FIRST_YEAR}-{LAST_YEAR} this service takes"
        )
    return moment
