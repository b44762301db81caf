"""Calendar arithmetic on TIMEX3 values: periods, shifting, formatting, intervals.

A `Period` is one unit of a granularity (a day, an ISO week, a quarter...) named by its
first day; its TIMEX3 value and its half-open UTC interval are both derived from it, so
the two can never disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

# Month on which each season starts (meteorological seasons); winter runs December to
# February and is named by the year of its December.
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
# Parts of day: (first hour, length in hours).
PART_OF_DAY = {
    "MO": (6, 6),
    "MI": (11, 3),
    "AF": (12, 6),
    "EV": (18, 4),
    "NI": (21, 9),
    "DT": (8, 10),
}
COARSE_UNITS = ("century", "decade", "year", "half", "quarter", "season", "month", "week", "day")


@dataclass(frozen=True, slots=True)
class Period:
    """One calendar unit. `first` is its first day; `part` a part of day (MO, AF...),
    `hour`/`minute` a clock time for the finer granularities."""

    gran: str
    first: date
    part: str = ""
    hour: int = 0
    minute: int = 0


def add_months(d: date, n: int) -> date:
    months = d.year * 12 + d.month - 1 + n
    year, month = divmod(months, 12)
    if not 1 <= year <= 9998:  # the next unit must stay representable
        raise OverflowError(f"year {year} is out of range")
    return date(year, month + 1, 1)


def floor(gran: str, d: date) -> date:
    """First day of the unit of `gran` that contains `d`."""
    if gran == "century":
        return date(max(1, d.year // 100 * 100), 1, 1)
    if gran == "decade":
        return date(max(1, d.year // 10 * 10), 1, 1)
    if gran == "year":
        return date(d.year, 1, 1)
    if gran == "half":
        return date(d.year, 1 if d.month <= 6 else 7, 1)
    if gran == "quarter":
        return date(d.year, (d.month - 1) // 3 * 3 + 1, 1)
    if gran == "season":
        if d.month <= 2:
            return date(d.year - 1, 12, 1) if d.year > 1 else date(1, 1, 1)
        return date(d.year, (d.month - 3) // 3 * 3 + 3, 1)
    if gran == "month":
        return date(d.year, d.month, 1)
    if gran == "week":
        return d - timedelta(days=d.weekday())
    return d


def shift(gran: str, d: date, n: int) -> date:
    """Move `d` by `n` units of `gran`, clamped to the representable years."""
    if gran == "day":
        return d + timedelta(days=n)
    if gran == "week":
        return d + timedelta(weeks=n)
    months = {"month": 1, "season": 3, "quarter": 3, "half": 6, "year": 12}
    years = {"decade": 10, "century": 100}
    if gran in months:
        return add_months(d, months[gran] * n)
    if gran in years:
        return add_months(d, 12 * years[gran] * n)
    return d


def period(gran: str, d: date, part: str = "") -> Period:
    return Period(gran, floor(gran, d) if gran in COARSE_UNITS else d, part)


def move(p: Period, n: int, unit: str | None = None) -> Period:
    """The period `n` units of `unit` (default: its own granularity) away, same granularity."""
    step = unit or p.gran
    if step not in COARSE_UNITS:
        step = "day"
    first = shift(step, p.first, n)
    gran = p.gran if p.gran in COARSE_UNITS else "day"
    return Period(p.gran, floor(gran, first), p.part, p.hour, p.minute)


def value_of(p: Period) -> str:
    """The TIMEX3 value naming `p`."""
    d = p.first
    y = f"{d.year:04d}"
    g = p.gran
    if g == "century":
        return y[:2]
    if g == "decade":
        return y[:3]
    if g == "year":
        return y
    if g == "half":
        return f"{y}-H{1 if d.month <= 6 else 2}"
    if g == "quarter":
        return f"{y}-Q{(d.month - 1) // 3 + 1}"
    if g == "season":
        code = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}.get(d.month, "WI")
        return f"{y}-{code}"
    if g == "month":
        return f"{y}-{d.month:02d}"
    if g == "week":
        iso = d.isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}" + ("-WE" if p.part == "WE" else "")
    day = d.isoformat()
    if g == "part_of_day":
        return f"{day}T{p.part}"
    if g == "hour" or g == "minute":
        return f"{day}T{p.hour:02d}:{p.minute:02d}"
    return day


_VALUE = re.compile(
    r"(?P<y>\d{2,4})(?:-(?:W(?P<w>\d\d)(?P<we>-WE)?|Q(?P<q>[1-4])|H(?P<h>[12])|(?P<s>SP|SU|FA|WI)"
    r"|(?P<m>\d\d)(?:-(?P<d>\d\d)(?:T(?:(?P<pod>MO|MI|AF|EV|NI|DT)|(?P<hh>\d\d):(?P<mm>\d\d)"
    r"(?P<tz>(?P<tzh>[+-]\d\d):(?P<tzm>[0-5]\d))?))?)?))?"
)


def _utc(d: date, hours: float = 0) -> datetime:
    return datetime(d.year, d.month, d.day, tzinfo=UTC) + timedelta(hours=hours)


def interval_of(value: str) -> tuple[datetime, datetime, str] | None:
    """The half-open UTC interval and granularity of a specific TIMEX3 date/time value,
    or None for values that name no single interval (PAST_REF, XXXX-WXX-2, P3D)."""
    m = _VALUE.fullmatch(value)
    if m is None:
        return None
    try:
        return _interval(m)
    except (ValueError, OverflowError):
        return None


def _interval(m: re.Match[str]) -> tuple[datetime, datetime, str]:
    ys = m["y"]
    if len(ys) == 2:
        first = date(max(1, int(ys) * 100), 1, 1)
        return _utc(first), _utc(shift("century", first, 1)), "century"
    if len(ys) == 3:
        first = date(max(1, int(ys) * 10), 1, 1)
        return _utc(first), _utc(shift("decade", first, 1)), "decade"
    year = int(ys)
    if m["w"]:
        first = date.fromisocalendar(year, int(m["w"]), 1)
        if m["we"]:
            return _utc(first + timedelta(days=5)), _utc(first + timedelta(days=7)), "day"
        return _utc(first), _utc(first + timedelta(weeks=1)), "week"
    for key, gran, month in (("q", "quarter", 3), ("h", "half", 6)):
        if m[key]:
            first = date(year, (int(m[key]) - 1) * month + 1, 1)
            return _utc(first), _utc(shift(gran, first, 1)), gran
    if m["s"]:
        first = date(year, SEASON_START[m["s"]], 1)
        return _utc(first), _utc(shift("season", first, 1)), "season"
    if not m["m"]:
        first = date(year, 1, 1)
        return _utc(first), _utc(shift("year", first, 1)), "year"
    if not m["d"]:
        first = date(year, int(m["m"]), 1)
        return _utc(first), _utc(shift("month", first, 1)), "month"
    day = date(year, int(m["m"]), int(m["d"]))
    if m["pod"]:
        begin, length = PART_OF_DAY[m["pod"]]
        return _utc(day, begin), _utc(day, begin + length), "part_of_day"
    if m["hh"]:
        hour, minute = int(m["hh"]), int(m["mm"])
        if hour > 24 or minute > 59:
            raise ValueError(f"not a valid TIMEX3 time: {m.string!r}")
        start = _utc(day, hour) + timedelta(minutes=minute)
        if m["tz"]:  # local time at a UTC offset
            sign = -1 if m["tzh"][0] == "-" else 1
            start -= timedelta(hours=int(m["tzh"]), minutes=sign * int(m["tzm"]))
        if minute == 0:
            return start, start + timedelta(hours=1), "hour"
        return start, start + timedelta(minutes=1), "minute"
    return _utc(day), _utc(day, 24), "day"


def period_of(value: str) -> Period | None:
    """The period a specific value names (for counting "two days later" from it)."""
    found = interval_of(value)
    if found is None:
        return None
    start, _, gran = found
    if value.endswith("-WE"):
        return Period("week", start.date(), "WE")
    if gran == "part_of_day":
        return Period(gran, start.date(), value[-2:])
    if gran in ("hour", "minute"):
        return Period(gran, start.date(), "", start.hour, start.minute)
    return Period(gran, start.date())
