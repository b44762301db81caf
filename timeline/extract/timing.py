"""The time of an account: its sentence's own mention, the narrative context, or none.

Only DATE and TIME mentions date an account (a duration or a set is not a time). In its own
sentence a mention in the trigger's clause wins, then one not restated by the next ("a day
earlier, on Wednesday, Nov. 8": the date), then specific values over fuzzy references
(PAST_REF), then the nearest. Without one, the last mention earlier in the same paragraph,
else the last one in the previous narrative paragraph if the same source tells it, is
inherited; else the account is only known to precede publication. Mentions that date a
statement or the report (datelines) date no reported event.

A mention that is one side of a range or coordination ("on Nov. 9-10", "in June and July
2016") dates its account by the whole: `dating_of` gives the envelope of its sides.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise

from timeline.extract.types import Sentence, TimeSource
from timeline.temporal.types import GRANULARITIES, TimeMention

_DATING_TYPES = frozenset({"DATE", "TIME"})


@dataclass(frozen=True, slots=True)
class TimeChoice:
    index: int | None
    source: TimeSource
    rule: str  # own, same_paragraph, previous_paragraph, publication


PUBLICATION = TimeChoice(None, "publication", "publication")


@dataclass(frozen=True, slots=True)
class Dating:
    """The time an account gets from its mention: the mention's own, or for one side of a
    range the envelope of all its sides. `value` is then the ISO 8601 interval of the
    sides' values ("2017-11-09/2017-11-10"), so that it equals no single day's value and
    disputes compare the envelope ("Nov. 9-10" holds with "Nov. 10": they overlap)."""

    value: str
    earliest: datetime | None  # None: open
    latest: datetime | None
    granularity: str | None  # the coarsest of the sides'


def range_sides(mentions: Sequence[TimeMention], index: int) -> list[int]:
    """The indexes of the sides of the range the mention at `index` is a side of, in
    order; just `index` when it stands alone."""
    first = mentions[index].range_first
    if first is None:
        return [index]
    return [i for i in range(first, len(mentions)) if mentions[i].range_first == first]


def dating_of(mentions: Sequence[TimeMention], index: int) -> Dating:
    sides = [mentions[i] for i in range_sides(mentions, index)]
    if len(sides) == 1:
        m = sides[0]
        return Dating(m.value, m.earliest, m.latest, m.granularity)
    earliests = [m.earliest for m in sides]
    latests = [m.latest for m in sides]
    grans = [GRANULARITIES.index(m.granularity) for m in sides if m.granularity is not None]
    return Dating(
        f"{sides[0].value}/{sides[-1].value}",
        None if None in earliests else min(e for e in earliests if e is not None),
        None if None in latests else max(t for t in latests if t is not None),
        GRANULARITIES[min(grans)] if len(grans) == len(sides) else None,
    )


def _dating(mentions: Sequence[TimeMention]) -> list[int]:
    """Mentions that can date a reported event: dates and times, not the future."""
    return [
        i for i, m in enumerate(mentions) if m.type in _DATING_TYPES and m.value != "FUTURE_REF"
    ]


def _is_fuzzy(mention: TimeMention) -> bool:
    return mention.value.endswith("_REF")


_APPOSITION = re.compile(r"\s*,\s*(?:on\s+|in\s+|at\s+)?")


def _restated(
    sentences: Sequence[Sentence],
    mentions: Sequence[TimeMention],
    by_sentence: dict[int, list[int]],
) -> set[int]:
    """Mentions restated by the next one: 'a day earlier, on Wednesday, Nov. 8' (the
    restatement is the writer's precise date; the first may be resolved less surely)."""
    restated = set()
    for index, dating in by_sentence.items():
        s = sentences[index]
        for i, j in pairwise(dating):
            gap = s.text[mentions[i].end - s.start : mentions[j].start - s.start]
            if _APPOSITION.fullmatch(gap):
                restated.add(i)
    return restated


class TimeContext:
    """Time mentions of one document, indexed by sentence and paragraph.

    A mention that dates a speech act ("the ministry said on Tuesday") is a statement time:
    it dates the statement, not the events reported in it, so it neither dates those events
    nor becomes narrative context; such a sentence's events precede publication only.
    """

    def __init__(
        self,
        sentences: Sequence[Sentence],
        mentions: Sequence[TimeMention],
        narrative_paragraphs: set[int],
    ) -> None:
        self._mentions = mentions
        self._sentences = sentences
        self._narrative = narrative_paragraphs
        self._by_sentence: dict[int, list[int]] = {}
        self.statement_times: set[int] = set()
        self.tellers: dict[int, str | None] = {}  # sentence → who tells it (see tellers.py)
        dating = _dating(mentions)
        for index, s in enumerate(sentences):
            self._by_sentence[index] = [i for i in dating if s.start <= mentions[i].start < s.end]
        self._restated = _restated(sentences, mentions, self._by_sentence)

    def in_sentence(self, sentence_index: int) -> list[int]:
        return list(self._by_sentence.get(sentence_index, []))

    def mention(self, index: int) -> TimeMention:
        return self._mentions[index]

    def _narrative_in(self, sentence_index: int) -> list[int]:
        return [i for i in self._by_sentence[sentence_index] if i not in self.statement_times]

    def own(
        self,
        sentence_index: int,
        trigger_start: int,
        *,
        speech_act: bool = False,
        clause: tuple[int, int] | None = None,
    ) -> int | None:
        """The sentence's best mention for a trigger: in its clause, specific, nearest."""
        candidates = self.in_sentence(sentence_index)
        if not speech_act:
            candidates = [i for i in candidates if i not in self.statement_times]
        if not candidates:
            return None
        left, right = clause or (0, 0)
        return min(
            candidates,
            key=lambda i: (
                not left <= self._mentions[i].start < right,
                i in self._restated,
                _is_fuzzy(self._mentions[i]),
                abs(self._mentions[i].start - trigger_start),
            ),
        )

    def choose(
        self,
        sentence_index: int,
        trigger_start: int,
        *,
        speech_act: bool = False,
        teller: str | None = None,
        clause: tuple[int, int] | None = None,
    ) -> TimeChoice:
        """Own mention, else same paragraph, else the previous paragraph of the same teller."""
        own = self.own(sentence_index, trigger_start, speech_act=speech_act, clause=clause)
        if own is not None:
            return TimeChoice(own, "own", "own")
        if any(i in self.statement_times for i in self._by_sentence[sentence_index]):
            return TimeChoice(None, "publication", "before_statement")
        paragraph = self._sentences[sentence_index].paragraph
        earlier = [
            i
            for j in range(sentence_index)
            if self._sentences[j].paragraph == paragraph
            for i in self._narrative_in(j)
        ]
        if earlier:
            return TimeChoice(earlier[-1], "context", "same_paragraph")
        if self._paragraph_has_statement_time(paragraph, sentence_index):
            return TimeChoice(None, "publication", "before_statement")
        previous = self._previous_narrative(paragraph)
        if previous is not None:
            inherited = [
                i
                for j, s in enumerate(self._sentences)
                if s.paragraph == previous and self.tellers.get(j) == teller
                for i in self._narrative_in(j)
            ]
            if inherited:
                return TimeChoice(inherited[-1], "context", "previous_paragraph")
        return PUBLICATION

    def _paragraph_has_statement_time(self, paragraph: int, before_sentence: int) -> bool:
        """A paragraph opened by a dated statement frames what follows in it."""
        return any(
            i in self.statement_times
            for j in range(before_sentence)
            if self._sentences[j].paragraph == paragraph
            for i in self._by_sentence[j]
        )

    def _previous_narrative(self, paragraph: int) -> int | None:
        earlier = [p for p in self._narrative if p < paragraph]
        return max(earlier) if earlier else None
