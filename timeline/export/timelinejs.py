"""Events as TimelineJS 3 JSON (Knight Lab), ready for `new TL.Timeline(el, data)`.

A date object carries only the parts the interval knows: `year` always, `month` and `day`
only when the interval is that precise, `hour` and `minute` for a reading of the clock. The
interval decides, as for EDTF: a whole year is `{year}`, a whole month `{year, month}`, a
span of days a start and an (inclusive) end day. `display_date` keeps the original wording
("last week"). TimelineJS renders `headline` and `text` as HTML, so every text from an
article is escaped here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from html import escape
from typing import Any

from timeline.export.edtf import at_midnight, whole_unit
from timeline.store.models import Event

_DAY = timedelta(days=1)
_TICK = timedelta(microseconds=1)


def _parts(moment: datetime, precision: str) -> dict[str, str]:
    """The date parts of `moment` (UTC) down to `precision`: year, month, day or minute."""
    at = moment.astimezone(UTC)
    parts = {"year": str(at.year)}
    if precision in ("month", "day", "minute"):
        parts["month"] = str(at.month)
    if precision in ("day", "minute"):
        parts["day"] = str(at.day)
    if precision == "minute":
        parts |= {"hour": str(at.hour), "minute": str(at.minute)}
    return parts


def _is_month_start(moment: datetime) -> bool:
    return at_midnight(moment) and moment.astimezone(UTC).day == 1


def slide_dates(
    earliest: datetime, latest: datetime | None
) -> tuple[dict[str, str], dict[str, str] | None]:
    """start_date and end_date (None when one date says it all) for [earliest, latest)."""
    if latest is None:
        return _parts(earliest, "day"), None
    unit = whole_unit(earliest, latest)
    if unit is not None:  # "2017", "2017-11", "2017-11-14"
        precision = {1: "year", 2: "month", 3: "day"}[len(unit.split("-"))]
        middle = earliest + (latest - earliest) / 2 if precision == "day" else earliest
        return _parts(middle, precision), None
    if _is_month_start(earliest) and _is_month_start(latest):  # August to September
        return _parts(earliest, "month"), _parts(latest - _TICK, "month")
    if (latest - earliest) % _DAY == timedelta(0):
        # whole days, perhaps placed in a zone (22:00 to 22:00 UTC): name each by its middle
        return _parts(earliest + _DAY / 2, "day"), _parts(latest - _DAY / 2, "day")
    if latest - earliest <= _DAY:
        return _parts(earliest, "minute"), None  # a reading of the clock
    return _parts(earliest, "minute"), _parts(latest, "minute")


def _wording(event: Event) -> str | None:
    """The time expressions the accounts used, in the order they were stored."""
    said: list[str] = []
    for account in event.accounts:
        mention = account.time_mention
        if mention is not None and mention.text not in said:
            said.append(mention.text)
    return " / ".join(said) if said else None


def _text(event: Event) -> str:
    claimants = sorted({a.claimant_name for a in event.accounts})
    body = f"{len(event.accounts)} account(s); claimed by {', '.join(claimants)}."
    if event.disputed:
        body += " Disputed: " + "; ".join(d.detail for d in event.disputes)
    return escape(body)


def timelinejs_slide(event: Event) -> dict[str, Any]:
    """One TimelineJS slide: dates as precise as the event's envelope, escaped text."""
    earliest = event.earliest or event.listed_from  # an open start is placed where it is listed
    start, end = slide_dates(earliest, event.latest)
    slide: dict[str, Any] = {
        "unique_id": f"event-{event.id}",
        "start_date": start,
        "text": {"headline": escape(event.title), "text": _text(event)},
        "group": event.kind,
    }
    if end is not None:
        slide["end_date"] = end
    wording = _wording(event)
    if wording is not None:
        slide["display_date"] = escape(wording)
    return slide


def timelinejs(events: Iterable[Event], title: str) -> dict[str, Any]:
    return {
        "title": {"text": {"headline": escape(title)}},
        "events": [timelinejs_slide(event) for event in events],
    }
