"""The reference time a text has reached: what later anaphora ("two days later") and, in
narratives, year-less dates ("in July") count from. Pure: no clock.

The model is the one HeidelTime and UWTime use for narratives:

- the reference is the last *event time* mentioned: not a year inside a name ("the Treaty
  of 1919", "the 1936 Olympics") nor an aside in parentheses or an appositive ("(born
  1890)", "(1890-1945)", "Operation X (1944)", ", born in 1874,"); in a narrative, nor a
  flashback ("Wilson had been re-elected the year before. In June ..."). An aside is
  kept only as a fallback, for a text that has named no event time yet;
- a decade or a century does not displace a reference that names a year: "In 1940 ... the
  1930s had been hard ... In July" is July 1940;
- a year-less date takes the year given later in its sentence ("In June ... in August and
  ... in September 1940"), when the next explicit year there dates a month or a day and
  that date is introduced as an adverbial like the first ("in", "on", "and": a word of
  the lexicon's `month_cues`), not as a noun's ("debentures due March 1, 2011");
- BC is carried: a BC period is shifted into Python's calendar (which starts at year 1)
  by `BC_SHIFT` years, so calendar arithmetic works on it, and the values computed from
  it are written back in their era (`BC0055-FA`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from .cal import Period, period_of
from .lexicon import lexicon
from .tense import REACH, Sentences
from .types import TimeMention

# A BC year n is year 1 - n of the astronomical calendar (1 BC is year 0); shifted by this
# many years it fits Python's dates: 55 BC is year 7946, AD 1 is 8001.
BC_SHIFT = 8000
COARSE = ("decade", "century")  # granularities that name no year

_BC_VALUE = re.compile(r"BC(?P<year>\d{4})(?P<rest>.*)")
_SHIFTED_VALUE = re.compile(r"(?P<year>\d{4})(?P<rest>(?:-.*)?)")
# An aside's opening: an unclosed parenthesis or bracket before the mention, or an
# appositive birth or death (", born in 1874,"; "(died 1945)").
_OPEN = re.compile(r"[(\[][^()\[\]]*$")
_LIFE = re.compile(r"[,(]\s*(?:born|died|b\.|d\.)\s+(?:in\s+|on\s+)?$")
# A year inside a name: after a capitalized word and "of" ("the Treaty of 1919", "the War
# of 1812"; not a sentence's first word: "Most of 1940 was quiet"), or between a
# determiner and a capitalized word ("the 1936 Olympics").
_NAME_OF = re.compile(r"[\w,;’']\s+[A-Z][a-z]+ of\s+$")
_DETERMINER = re.compile(r"(?:^|\s)(?:the|a|an|his|her|its|their)\s+$", re.IGNORECASE)
_CAPITALIZED_NEXT = re.compile(r"\s+[A-Z]")
# A sentence end when no bounds are given: a stop before a capital (an abbreviation
# before a name may cut early, which only loses a look-ahead).
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z])")
_YEAR_OF_VALUE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d\d))?")
ASIDE_WINDOW = 60  # characters before a mention where an aside may open
_CLAUSE_END = re.compile(r"[.!?;]")


@dataclass(frozen=True, slots=True)
class Mark:
    """A time the text has mentioned: its period (BC ones shifted by BC_SHIFT), its index
    in the mentions, and whether it is BC."""

    period: Period
    index: int
    bc: bool = False


def mark_of(value: str, index: int) -> Mark | None:
    """The mark of a specific DATE/TIME value, BC ones included; None for values that
    name no single period (XXXX-02-29, PRESENT_REF, XXXX-XX-XXTEV)."""
    bc = _BC_VALUE.fullmatch(value)
    if bc is None:
        found = period_of(value)
        return Mark(found, index) if found is not None else None
    shifted_year = 1 - int(bc["year"]) + BC_SHIFT
    if not 1 <= shifted_year <= 9999:
        return None
    found = period_of(f"{shifted_year:04d}{bc['rest']}")
    return Mark(found, index, bc=True) if found is not None else None


def in_era(value: str) -> str:
    """A value computed from a shifted BC reference, written back in its era: 7948 is
    53 BC (`BC0053`), 8003 is AD 3. Values without a year are returned unchanged."""
    m = _SHIFTED_VALUE.fullmatch(value)
    if m is None:
        return value
    year = int(m["year"]) - BC_SHIFT
    if year >= 1:
        return f"{year:04d}{m['rest']}"
    return f"BC{1 - year:04d}{m['rest']}"


def is_aside(text: str, start: int, end: int) -> bool:
    """Whether the mention at [start, end) of `text` (case kept) is an aside or part of a
    name rather than the time of the events told: inside parentheses, an appositive
    birth or death, or a year inside a name."""
    before = text[max(0, start - ASIDE_WINDOW) : start]
    if _OPEN.search(before) or _LIFE.search(before) or _NAME_OF.search(before):
        return True
    return bool(_DETERMINER.search(before)) and _CAPITALIZED_NEXT.match(text, end) is not None


def looks_back(low: str, start: int) -> bool:
    """Whether the clause before offset `start` of the lowercased text is in the past
    perfect ("had been re-elected the year before"): a flashback, which a story tells
    without moving on."""
    before = low[max(0, start - ASIDE_WINDOW) : start]
    ends = list(_CLAUSE_END.finditer(before))
    clause = before[ends[-1].end() :] if ends else before
    return "had" in clause.split()


@dataclass(slots=True)
class StoryTime:
    """The reference the text has reached: the last event time, else the last aside."""

    event: Mark | None = None
    aside: Mark | None = None

    @property
    def current(self) -> Mark | None:
        return self.event if self.event is not None else self.aside

    def note(self, mark: Mark, aside: bool) -> None:
        if aside:
            self.aside = mark
            return
        named_year = self.event is not None and self.event.period.gran not in COARSE
        if mark.period.gran in COARSE and named_year:
            return  # "the 1930s" does not undo the year the story is in
        self.event = mark


@dataclass(frozen=True, slots=True)
class Bearer:
    """A mention with an explicit year: where it starts, its year, and its month when it
    dates a month or a finer unit (None: a year, a season, a quarter...)."""

    start: int
    year: int
    month: int | None


def bearer_of(mention: TimeMention, text: str) -> Bearer | None:
    """The bearer a mention is if it writes its year out ("September 1940", "1940"), is
    introduced by a date's word ("in", "on", "and") and is no aside; None for year-less
    and BC mentions."""
    m = _YEAR_OF_VALUE.match(mention.value)
    if m is None or mention.type not in ("DATE", "TIME"):
        return None
    if re.search(rf"(?<!\d){m['year']}(?!\d)", mention.text) is None:
        return None  # the year was inferred, not written
    words = text[max(0, mention.start - 20) : mention.start].lower().split()
    if not words or words[-1].strip(",;") not in lexicon().month_cues:
        return None
    if is_aside(text, mention.start, mention.end):
        return None
    return Bearer(mention.start, int(m["year"]), int(m["month"]) if m["month"] else None)


@dataclass(frozen=True, slots=True)
class YearsAhead:
    """The explicit years of a text (found by a first reading), for the year-less dates
    before them in the same sentence."""

    starts: tuple[int, ...]
    bearers: tuple[Bearer, ...]

    @classmethod
    def of(cls, mentions: Sequence[TimeMention], text: str) -> YearsAhead:
        found = [b for m in mentions if (b := bearer_of(m, text)) is not None]
        return cls(tuple(b.start for b in found), tuple(found))

    def year_for(self, month: int, end: int, stop: int) -> int | None:
        """The year of a year-less `month` ending at `end`: that of the next explicit year
        before `stop` (its sentence's end) if it dates a month or day, the year before
        when `month` comes later in the calendar ("in December ... in January 1942")."""
        i = bisect_left(self.starts, end)
        if i >= len(self.bearers) or self.starts[i] >= stop:
            return None
        bearer = self.bearers[i]
        if bearer.month is None:
            return None  # "in June ... by 1941": a bare year is not the date's own year
        return bearer.year - 1 if month > bearer.month else bearer.year


def sentence_stop(text: str, end: int, sentences: Sentences | None) -> int:
    """Where the sentence holding offset `end` of `text` (case kept) ends: by the given
    bounds, else at the first sentence-like stop within REACH characters."""
    if sentences is not None:
        return sentences.around(max(0, end - 1), len(text))[1]
    limit = min(len(text), end + REACH)
    found = _SENTENCE_END.search(text, end, limit)
    return found.start() if found is not None else limit
