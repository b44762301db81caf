"""Find time expressions in text and normalize them to TIMEX3 values and UTC intervals.

    from timeline.temporal import tag
    tag("Last week, the army took the town.", date(2017, 11, 14))
    tag("На прошлой неделе армия взяла город.", date(2017, 11, 14), language="ru")

Pure: no clock, no I/O beyond reading the packaged rule files once.
"""

from .foreign_lexicon import SUPPORTED_LANGUAGES, UnsupportedLanguage
from .tagger import tag, warm
from .types import GRANULARITIES, TimeMention

__all__ = [
    "GRANULARITIES",
    "SUPPORTED_LANGUAGES",
    "TimeMention",
    "UnsupportedLanguage",
    "tag",
    "warm",
]
