"""EDTF (ISO 8601-2) strings derived from a stored interval and its granularity."""

from __future__ import annotations

from datetime import datetime, timedelta

APPROXIMATE = {"APPROX", "ABOUT", "AROUND"}


def edtf(
    earliest: datetime | None,
    latest: datetime | None,
    granularity: str | None,
    mod: str | None = None,
) -> str | None:
    """`2017-11-14`, `2017-11`, `2017`, `2017-11-06/2017-11-12`, `../2017-11-14`, or None."""
    if earliest is None and latest is None:
        return None
    suffix = "~" if mod in APPROXIMATE else ""
    if earliest is not None and latest is not None:
        single = _single(earliest, latest, granularity)
        if single is not None:
            return single + suffix
        return f"{earliest.date().isoformat()}/{_last_day(latest)}{suffix}"
    if earliest is None:
        return f"../{_last_day(latest)}" if latest is not None else None
    return f"{earliest.date().isoformat()}/.."


def _last_day(latest: datetime | None) -> str:
    assert latest is not None
    return (latest - timedelta(microseconds=1)).date().isoformat()


def _single(earliest: datetime, latest: datetime, granularity: str | None) -> str | None:
    """One unit of the granularity, if the interval lies within one (a range of days
    dates an account by an interval of day granularity that spans several)."""
    last = latest - timedelta(microseconds=1)
    if granularity == "year" and earliest.year == last.year:
        return f"{earliest.year:04d}"
    if granularity == "month" and (earliest.year, earliest.month) == (last.year, last.month):
        return f"{earliest.year:04d}-{earliest.month:02d}"
    one_day = latest - earliest == timedelta(days=1)
    if one_day or (granularity == "day" and earliest.date() == last.date()):
        return earliest.date().isoformat()
    return None
