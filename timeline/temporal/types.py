"""The value objects the time tagger returns. Pure: no clock, no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Mode = Literal["news", "narrative"]

# Granularities that read a clock: without a zone, they float.
CLOCK_GRANULARITIES = frozenset({"part_of_day", "hour", "minute", "second"})


def is_floating(granularity: str | None, utc_offset: str | None) -> bool:
    """Whether a mention (or its stored row) is a clock reading whose zone is unknown."""
    return utc_offset is None and granularity in CLOCK_GRANULARITIES


# Granularities, coarse to fine. A value's interval is one unit of its granularity
# (a week is Monday to next Monday); fuzzy references have none.
GRANULARITIES = (
    "century",
    "decade",
    "year",
    "half",
    "quarter",
    "season",
    "month",
    "week",
    "day",
    "part_of_day",
    "hour",
    "minute",
    "second",
)


# What a stored or served time mention carries of the tagger's output, by name.
TIMEX_FIELDS = (
    "start",
    "end",
    "text",
    "type",
    "value",
    "mod",
    "earliest",
    "latest",
    "granularity",
    "utc_offset",
)


@dataclass(frozen=True, slots=True)
class TimeMention:
    """One time expression found in a text, normalized to TIMEX3 and to an interval.

    `earliest` is inclusive and `latest` exclusive; both are timezone-aware UTC
    datetimes or None for an open end (durations have neither).
    `anchor_index` is None when the mention was resolved against the anchor time
    (publication), else the index in the returned list of the earlier mention it
    was resolved against ("two days later").
    `range_first` links the sides of a range ("Nov. 9-10", "from 1990 to 1995") or a
    coordination ("on 3 and 4 March"): every side holds the index in the returned list
    of the first side (the first side its own); None for a mention that stands alone.
    """

    start: int
    end: int
    text: str
    type: TimexType
    value: str
    mod: str | None = None
    earliest: datetime | None = None
    latest: datetime | None = None
    granularity: str | None = None
    anchor_index: int | None = None
    rule: str = ""
    # The UTC offset the interval was placed with ("+03:00"): a zone the text names, or the
    # document's; None when no zone is known (a clock time then floats, `zones.py`).
    utc_offset: str | None = None
    range_first: int | None = None  # see the class docstring

    @property
    def floating(self) -> bool:
        """A clock reading whose zone is unknown: its interval is the wall-clock reading
        labelled UTC, and it may lie up to 14 hours either side."""
        return is_floating(self.granularity, self.utc_offset)
