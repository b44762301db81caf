"""Parse a publication date as people give it: a day, or an instant."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# Time arithmetic around a publication (the day after it, windows of weeks) must stay on
# the calendar, so a publication is refused far from the years any source can have.
FIRST_YEAR, LAST_YEAR = 1000, 8999


class PublishedError(ValueError):
    pass


def parse_published(value: str) -> tuple[datetime, str]:
    """`2017-11-14` → (midnight UTC, "day"); `2017-11-14T09:30:00+03:00` → (the instant at
    the offset it was given at, "second"): its local day is what "yesterday" counts from,
    and the store keeps the offset beside the UTC instant.

    An instant without a zone is taken as UTC.
    """
    text = value.strip()
    if not text:
        raise PublishedError("published is empty; give a date like 2017-11-14")
    if _DAY.fullmatch(text):
        try:
            day = date.fromisoformat(text)
        except ValueError as exc:
            raise PublishedError(f"published {text!r} is not a real date ({exc})") from exc
        return _in_range(text, datetime(day.year, day.month, day.day, tzinfo=UTC)), "day"
    try:
        moment = datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError as exc:
        raise PublishedError(
            f"published {text!r} is not an ISO 8601 date or date-time "
            "(e.g. 2017-11-14 or 2017-11-14T09:30:00Z)"
        ) from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return _in_range(text, moment), "second"


def offset_minutes(moment: datetime) -> int:
    """Minutes east of UTC of an aware instant ("+03:00" → 180)."""
    delta = moment.utcoffset()
    return 0 if delta is None else round(delta.total_seconds() / 60)


def _in_range(text: str, moment: datetime) -> datetime:
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise PublishedError(
            f"published {text!r} is outside the years {FIRST_YEAR}-{LAST_YEAR} this service takes"
        )
    return moment
