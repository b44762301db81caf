"""Events as TimelineJS 3 JSON, for front ends to render as they are (vis-timeline: vis.py)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from timeline.store.models import Event

# TimelineJS shows only the parts of a date it is given: keep the precision we know.
_DAY = timedelta(days=1)


def _date(moment: datetime, with_time: bool) -> dict[str, str]:
    parts = {"year": str(moment.year), "month": str(moment.month), "day": str(moment.day)}
    if with_time:
        parts |= {"hour": str(moment.hour), "minute": str(moment.minute)}
    return parts


def _is_midnight(moment: datetime) -> bool:
    return (moment.hour, moment.minute, moment.second) == (0, 0, 0)


def _span(event: Event) -> tuple[datetime, datetime | None]:
    start = event.earliest or event.sort_at
    return start, event.latest


def _text(event: Event) -> str:
    claimants = sorted({a.claimant_name for a in event.accounts})
    dispute = " Disputed: " + "; ".join(d.detail for d in event.disputes) if event.disputed else ""
    return f"{len(event.accounts)} account(s); claimed by {', '.join(claimants)}.{dispute}"


def timelinejs(events: Iterable[Event], title: str) -> dict[str, Any]:
    items = []
    for event in events:
        start, end = _span(event)
        with_time = not _is_midnight(start) or (end is not None and not _is_midnight(end))
        item: dict[str, Any] = {
            "unique_id": f"event-{event.id}",
            "start_date": _date(start, with_time),
            "text": {"headline": event.title, "text": _text(event)},
            "group": event.kind,
        }
        if end is not None and end - start > _DAY:
            last = end - timedelta(microseconds=1) if not with_time else end
            item["end_date"] = _date(last, with_time)
        items.append(item)
    return {"title": {"text": {"headline": title}}, "events": items}
