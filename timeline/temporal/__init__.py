"""Find time expressions in text and normalize them to TIMEX3 values and UTC intervals.

    from timeline.temporal import tag
    tag("Last week, the army took the town.", date(2017, 11, 14))

Pure: no clock, no I/O beyond reading the packaged rule files once.
"""

from .tagger import tag, warm
from .types import GRANULARITIES, TimeMention

__all__ = ["GRANULARITIES", "TimeMention", "tag", "warm"]
