"""Validity of TIMEX3 values, and the intervals of the values that are not calendar
units (fuzzy references) or that a modifier narrows ("early 2017")."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

# BC years take the same parts as others ("BC0055-FA": counted from "In 55 BC").
_DATE_PART = r"(?:W\d\d(?:-WE|-[1-7])?|Q[1-4]|H[12]|SP|SU|FA|WI|\d\d(?:-\d\d)?)"
_DATE = rf"(?:\d{{2,4}}|(?:BC)?\d{{4}}(?:-{_DATE_PART})?)"
_UNDERSPECIFIED = r"(?:XXXX(?:-WXX-(?:[1-7]|WE)|-\d\d(?:-\d\d)?|-XX-XX|-SP|-SU|-FA|-WI)?)"
_TIME = r"(?:T(?:MO|MI|AF|EV|NI|DT|\d\d(?::\d\d(?::\d\d)?)?(?:[+-]\d\d:\d\d)?))"
# one or more components: P2Y6M, P1DT12H, PT1M30S
_DURATION = r"P(?:(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|Q|DE|CE|WE))*(?:T(?:(?:\d+(?:\.\d+)?|X)[HMS])+)?"
VALID_VALUE = re.compile(
    rf"(?:{_DATE}{_TIME}?|{_UNDERSPECIFIED}{_TIME}?|{_DURATION}|PAST_REF|PRESENT_REF|FUTURE_REF)"
)

Interval = tuple[datetime | None, datetime | None]


def is_valid_value(value: str) -> bool:
    return value not in ("P", "PT") and VALID_VALUE.fullmatch(value) is not None


def day_start(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def fuzzy_interval(value: str, anchor: date) -> Interval:
    """Past: everything before the anchor's day; present: that day; future: after it."""
    today = day_start(anchor)
    if value == "PAST_REF":
        return None, today
    if value == "PRESENT_REF":
        return today, today + timedelta(days=1)
    return today + timedelta(days=1), None


def narrow(earliest: datetime, latest: datetime, mod: str | None) -> Interval:
    """The part of [earliest, latest) a modifier selects (thirds for START/MID/END,
    rounded to days when the interval is long enough)."""
    if mod in ("START", "MID", "END"):
        third = (latest - earliest) / 3
        if third >= timedelta(days=1):
            third = timedelta(days=round(third / timedelta(days=1)))
        if mod == "START":
            return earliest, earliest + third
        if mod == "END":
            return latest - third, latest
        return earliest + third, latest - third
    if mod == "BEFORE":
        return None, earliest
    if mod == "AFTER":
        return latest, None
    if mod == "ON_OR_BEFORE":
        return None, latest
    if mod == "ON_OR_AFTER":
        return earliest, None
    return earliest, latest
