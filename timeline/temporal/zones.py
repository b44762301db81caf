"""Time zones: what a zone word names, and how a wall-clock reading becomes a UTC instant.

A TIMEX3 value is the time as the text tells it (`2017-11-14T15:00`); the zone it was told
in is kept beside it, as the UTC offset in effect (`+03:00`), and moves the interval onto
the UTC axis. A zone is named in the text ("15:00 GMT", "3:42 a.m. Moscow time",
"( GMT +8 )"), or is the document's own (its source's default time zone, an IANA name).
With neither, a clock time is *floating*: its wall-clock reading is kept, labelled UTC,
and whoever compares it with another time must allow for any offset
(`timeline.reconcile.disputes`). Calendar days without a zone are plain calendar days.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .lexicon import lexicon

# "GMT+8", "UTC +03:00", "gmt-5": a fixed offset from UTC, at most 14 hours.
_OFFSET = re.compile(r"(?:gmt|utc)\s?(?P<sign>[+-])\s?(?P<h>0?\d|1[0-4])(?::?(?P<m>[0-5]\d))?")


class ZoneError(ValueError):
    """An IANA time zone name that the zone database does not know."""


@cache
def zone_of(name: str) -> tzinfo:
    """The IANA zone `name` ("Europe/Moscow"); ZoneError if there is none of that name."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ZoneError(
            f"{name!r} is not an IANA time zone name (e.g. Europe/Moscow, Asia/Damascus, UTC)"
        ) from exc


def fixed(hours: float) -> tzinfo:
    return UTC if hours == 0 else timezone(timedelta(minutes=round(hours * 60)))


def named_zone(words: str) -> tzinfo | None:
    """The zone that words of the text name: a lexicon entry ("est", "moscow time") or an
    offset ("gmt+8"); None for anything else."""
    key = " ".join(words.lower().split())
    offset = _OFFSET.fullmatch(key.replace(" ", ""))
    if offset is not None:
        return signed_offset(offset["sign"], int(offset["h"]), int(offset["m"] or 0))
    lex = lexicon()
    place = key.removesuffix(" time").removesuffix(" local").removeprefix("in ")
    if place in lex.zone_places:
        return zone_of(lex.zone_places[place])
    entry = lex.timezones.get(key)
    if entry is None:
        return None
    return zone_of(entry) if isinstance(entry, str) else fixed(entry)


def signed_offset(sign: str, hours: int, minutes: int) -> tzinfo:
    """The fixed zone "+03:00" or "-05:30" written as a sign, hours and minutes."""
    total = hours * 60 + minutes
    return timezone(timedelta(minutes=-total if sign == "-" else total))


def wall_to_utc(wall: datetime, zone: tzinfo) -> datetime:
    """The UTC instant of a wall-clock reading (given labelled UTC) in `zone`."""
    return wall.replace(tzinfo=None).replace(tzinfo=zone).astimezone(UTC)


def offset_text(wall: datetime, zone: tzinfo) -> str:
    """The "+03:00" in effect in `zone` at the wall-clock reading `wall`."""
    delta = wall.replace(tzinfo=None).replace(tzinfo=zone).utcoffset() or timedelta(0)
    return format_offset(round(delta.total_seconds() / 60))


def format_offset(minutes: int) -> str:
    """180 → "+03:00", -330 → "-05:30"."""
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def on_local_clock(moment: datetime, zone: tzinfo | None) -> datetime:
    """`moment` on the clock of `zone`, else on its own offset (UTC if it has none)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone) if zone is not None else moment


_CLOCK_VALUE = re.compile(r".*T\d\d:\d\d")


def with_offset(value: str, utc_offset: str | None) -> str:
    """An ISO 8601 reading with its zone, for people comparing accounts: a clock value
    placed at an offset gets it ("2017-11-14T09:00+03:00", "…T15:00Z"); others as they
    are."""
    if utc_offset is None or not _CLOCK_VALUE.fullmatch(value):
        return value
    return value + ("Z" if utc_offset == "+00:00" else utc_offset)
