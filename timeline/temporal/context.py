"""What a rule handler sees (the match, the anchor, the last mentioned time) and what it
returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, tzinfo

from .cal import Period
from .reference import YearsAhead, sentence_stop
from .tense import Sentences, Tense, clause_bounds, tense_near
from .types import Mode, TimexType


@dataclass(slots=True)
class Context:
    text: str  # the original text (case kept)
    low: str  # the same text lowercased, same length
    start: int  # span of the rule's own match (without a modifier prefix)
    end: int
    anchor: date  # the reference time of the document (publication day)
    ref: Period | None  # the last mentioned specific time, for anaphora
    mode: Mode
    report: Period | None = None  # the period results news reports on (first quarter named)
    sentences: Sentences | None = None  # the text's sentences; None: no bounds known
    ahead: YearsAhead | None = None  # narratives: the text's explicit years (look-ahead)
    _tense: tuple[Tense, int] | None = field(default=None)

    @property
    def tense(self) -> Tense:
        return self._tense_near()[0]

    @property
    def tense_distance(self) -> int:
        """Characters between the expression and the verb that gave its tense."""
        return self._tense_near()[1]

    def _tense_near(self) -> tuple[Tense, int]:
        if self._tense is None:
            self._tense = tense_near(self.low, self.start, self.end, self.sentences)
        return self._tense

    def deadline(self) -> bool:
        """Whether the expression is a deadline ("until Tuesday", "by February") in a
        clause that does not look back ("had"): its tense says when the deadline was set,
        not which side of the anchor it lies on."""
        words = self.before(12).split()
        if not words or words[-1] not in ("until", "till", "by", "through"):
            return False
        return "had" not in self.before(80).split()

    def reported(self) -> Period | None:
        """The period results news reports on: the first recent quarter or half the text
        named, else the last mentioned current period."""
        return self.report if self.report is not None else self.current_ref()

    def fronted(self) -> bool:
        """Whether the expression opens its sentence ("On Thursday, the council
        plans to..."): the main verb that gives its tense then comes after the subject."""
        left, _ = clause_bounds(self.low, self.start, self.end, self.sentences)
        return self.low[left : self.start].strip() in ("", "on", "and on", "but on")

    def before(self, chars: int = 30) -> str:
        """The lowercased text just before the match."""
        return self.low[max(0, self.start - chars) : self.start]

    def after(self, chars: int = 30) -> str:
        return self.low[self.end : self.end + chars]

    def year_ahead(self, month: int) -> int | None:
        """In a narrative, the year a year-less `month` takes from an explicit year later
        in its sentence ("In June, ... in August and ... in September 1940")."""
        if self.ahead is None or self.mode != "narrative":
            return None
        stop = sentence_stop(self.text, self.end, self.sentences)
        return self.ahead.year_for(month, self.end, stop)

    def deictic_base(self) -> tuple[date, bool]:
        """The day "yesterday" or "last week" counts from, and whether it is the last
        mentioned time: publication in news, the story's current time in narratives."""
        if self.mode == "narrative" and self.ref is not None:
            return self.ref.first, True
        return self.anchor, False

    def current_ref(self) -> Period | None:
        """The last mentioned time if it is a current reporting period (this year, or a
        quarter or month of the last twelve months), which results compare with the same
        period a year before; not a past period that was itself a comparison."""
        ref = self.ref
        if ref is None or ref.first > self.anchor:
            return None
        if ref.first.year == self.anchor.year:
            return ref
        recent = (self.anchor - ref.first).days <= 366
        return ref if recent and ref.gran in ("half", "quarter", "month") else None


@dataclass(frozen=True, slots=True)
class Result:
    type: TimexType
    value: str
    on_ref: bool = False  # resolved against the last mentioned time, not the anchor
    mod: str | None = None  # a modifier implied by the words of the rule itself
    sets_ref: bool = True  # whether later anaphora count from it ("a year earlier" does not)
    zone: tzinfo | None = None  # the zone the text names for a clock time ("15:00 GMT")
    # the second side of a range or coordination ("Nov. 9-10": the 10th); its rule spans
    # each side with the groups `side1` and `side2`
    other: Result | None = None
