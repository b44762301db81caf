"""Events as vis-timeline items and groups, for a page to draw as they are (no reshaping).

An item is a range when its interval is longer than a day and a point otherwise. A bound is
"soft" (drawn faded) when it is open, when an account's time is approximate ("around", "early
2017"), when the accounts dispute the time, or when an account's own interval reaches beyond
it ("last week" beside "Wednesday"): the page shows where the event may lie, not a false edge.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from timeline.store.models import Account, Event

POINT_AT_MOST = timedelta(days=1)


def instant(moment: datetime) -> str:
    """ISO 8601 in UTC with a Z, as the rest of the API writes instants."""
    return moment.isoformat().replace("+00:00", "Z")


def _bounds(event: Event) -> tuple[datetime, datetime | None]:
    # An open start is drawn from where window searches start finding the event.
    return event.earliest or event.listed_from, event.latest


def _approximate(accounts: Sequence[Account]) -> bool:
    return any(a.time_mention is not None and a.time_mention.mod for a in accounts)


def _reach(accounts: Sequence[Account]) -> tuple[datetime | None, datetime | None]:
    """The earliest start and the latest end any account's bounded interval gives."""
    starts = [a.earliest for a in accounts if a.earliest is not None]
    ends = [a.latest for a in accounts if a.latest is not None]
    return (min(starts) if starts else None), (max(ends) if ends else None)


def soft_bounds(event: Event) -> tuple[bool, bool]:
    """Whether the start and the end of the event's drawn interval are uncertain."""
    accounts = event.accounts
    uncertain = _approximate(accounts) or any(d.aspect == "time" for d in event.disputes)
    start, end = _bounds(event)
    reach_start, reach_end = _reach(accounts)
    soft_start = uncertain or event.earliest is None or (reach_start or start) < start
    soft_end = uncertain or end is None or (end is not None and (reach_end or end) > end)
    return soft_start, soft_end


def _classes(event: Event, soft_start: bool, soft_end: bool) -> str:
    names = [
        "disputed" if event.disputed else "",
        "soft-start" if soft_start else "",
        "soft-end" if soft_end else "",
        "open-start" if event.earliest is None else "",
        "open-end" if event.latest is None else "",
    ]
    return " ".join(n for n in names if n)


def _when(event: Event) -> str:
    earliest = instant(event.earliest) if event.earliest else "an open start"
    latest = instant(event.latest) if event.latest else "an open end"
    return f"from {earliest} to {latest}"


def _title(event: Event, soft_start: bool, soft_end: bool) -> str:
    claimants = sorted({a.claimant_name for a in event.accounts})
    lines = [
        event.title,
        _when(event) + (" (bounds uncertain)" if soft_start or soft_end else ""),
        f"{len(event.accounts)} account(s); claimed by {', '.join(claimants)}",
    ]
    lines += [f"Disputed ({d.aspect}): {d.detail}" for d in event.disputes]
    return "\n".join(lines)


def vis_item(event: Event) -> dict[str, Any]:
    start, end = _bounds(event)
    soft_start, soft_end = soft_bounds(event)
    item: dict[str, Any] = {
        "id": event.id,
        "content": event.title,
        "start": instant(start),
        "group": event.kind,
        "className": _classes(event, soft_start, soft_end),
        "title": _title(event, soft_start, soft_end),
        # the envelope as it is (null: open), for lists beside the axis
        "earliest": instant(event.earliest) if event.earliest else None,
        "latest": instant(event.latest) if event.latest else None,
    }
    if end is not None and end - start > POINT_AT_MOST:
        item |= {"end": instant(end), "type": "range"}
    else:
        item["type"] = "point"
    return item


def vis_items(events: Iterable[Event]) -> dict[str, Any]:
    """Items and groups (one per event kind, in name order) as vis-timeline takes them."""
    items = [vis_item(event) for event in events]
    kinds = sorted({item["group"] for item in items})
    return {"items": items, "groups": [{"id": kind, "content": kind} for kind in kinds]}
