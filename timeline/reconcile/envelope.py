"""The time envelope of an event, from the most specific of its accounts' intervals. Pure.

An interval that strictly contains another account's interval ("this month" around
"November 9") says nothing the smaller one does not, so it does not widen the envelope;
intervals that disagree (8 vs 9 November) are all kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

Interval = tuple[datetime | None, datetime | None]


def _within(inner: Interval, outer: Interval) -> bool:
    starts_after = outer[0] is None or (inner[0] is not None and inner[0] >= outer[0])
    ends_before = outer[1] is None or (inner[1] is not None and inner[1] <= outer[1])
    return starts_after and ends_before


def most_specific(intervals: Sequence[Interval]) -> list[Interval]:
    """The intervals that strictly contain no other interval of the list (each once)."""
    distinct = list(dict.fromkeys(intervals))
    return [
        outer
        for outer in distinct
        if not any(inner != outer and _within(inner, outer) for inner in distinct)
    ]


def envelope(intervals: Sequence[Interval]) -> Interval | None:
    """The smallest interval covering the most specific ones; None for no intervals."""
    kept = most_specific(intervals)
    if not kept:
        return None
    starts = [start for start, _ in kept]
    ends = [end for _, end in kept]
    earliest = None if None in starts else min(s for s in starts if s is not None)
    latest = None if None in ends else max(e for e in ends if e is not None)
    return earliest, latest


def listed_from(earliest: datetime | None, latest: datetime | None, reach: timedelta) -> datetime:
    """Where a time window search starts finding something with this interval.

    A known start is used as it is. With none ("before publication", "recently"), news
    is taken to tell what happened within `reach` before the end, so a search for 2016
    does not list what a 2017 report tells without a date.
    """
    if earliest is not None:
        return earliest
    if latest is None:
        raise ValueError("an interval open at both ends has no place in a time window")
    return latest - reach
