"""A cheap guess of the tense of the clause around a time expression, which decides
whether "on Thursday" or "in May" lies before or after the reference time."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

from .lexicon import alternation, lexicon

Tense = Literal["past", "present", "future"]


@cache
def _markers() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Regexes of the future and past markers and reporting verbs of the lexicon (past
    also: any word in -ed, checked against auxiliaries below)."""
    lex = lexicon()
    future = re.compile(r"\b" + alternation(lex.future_markers) + r"\b")
    past = re.compile(r"\b(?:" + alternation(lex.past_markers) + r"|[a-z]{2,}ed)\b")
    reporting = re.compile(
        r"\b" + alternation(lex.reporting_verbs) + r"\s+(?:on\s+|over\s+|during\s+)?$"
    )
    return future, past, reporting


# Participles after these are not past tense ("will be held", "is expected").
_AUXILIARY = re.compile(r"\b(?:be|been|being|is|are|am|to|will|would)\s+(?:\w+\s+)?$")
# A word in -ed after these describes a noun ("the revised plan", "a still undecided date").
_ADJECTIVAL = re.compile(r"\b(?:a|an|the|its|his|her|their|our|this|that|these|those|still)\s+$")
# A plan in the past perfect is past ("had been scheduled to lapse Friday").
_PLUPERFECT = re.compile(r"\bhad\s+(?:been\s+|previously\s+|been\s+previously\s+)?$")
# Past markers that are never participles.
_FINITE_PAST = {"was", "were", "had", "did", "ago", "last", "earlier", "since"}
REACH = 250  # characters either side of an expression that its tense is read from

Bounds = Sequence[tuple[int, int]]


@dataclass(frozen=True, slots=True)
class Sentences:
    """Sentence bounds, sorted (`start`, `end`) character offsets, for lookups by offset."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, bounds: Bounds) -> Sentences:
        """ValueError unless each sentence ends after it starts and none starts before
        the one before it ends."""
        previous_end = 0
        for start, end in bounds:
            if start < previous_end or end < start:
                raise ValueError(f"sentences must be sorted, non-overlapping: {start}-{end}")
            previous_end = end
        return cls(tuple(s for s, _ in bounds), tuple(e for _, e in bounds))

    def around(self, start: int, length: int) -> tuple[int, int]:
        """The sentence holding offset `start`; between two sentences, the gap."""
        i = bisect_right(self.starts, start) - 1
        if i >= 0 and start < self.ends[i]:
            return self.starts[i], self.ends[i]
        left = self.ends[i] if i >= 0 else 0
        return left, self.starts[i + 1] if i + 1 < len(self.starts) else length


def clause_bounds(
    low: str, start: int, end: int, sentences: Sentences | None = None
) -> tuple[int, int]:
    """The sentence around [start, end), at most REACH characters either side; without
    sentences, just those characters, whatever sentences they span."""
    left, right = max(0, start - REACH), min(len(low), end + REACH)
    if sentences is None:
        return left, right
    s_start, s_end = sentences.around(start, len(low))
    return max(left, s_start), min(right, max(s_end, end))


def tense_near(
    low: str, start: int, end: int, sentences: Sentences | None = None
) -> tuple[Tense, int]:
    """The tense of the verb nearest to the expression in its sentence, and how far
    that verb is (in characters); "present" when no verb says (reporting verbs like
    "said" do not: the reported event has its own tense)."""
    left, right = clause_bounds(low, start, end, sentences)
    best: tuple[int, Tense] | None = None
    future, past, _ = _markers()
    candidates: tuple[tuple[re.Pattern[str], Tense], ...] = ((future, "future"), (past, "past"))
    for pattern, tense in candidates:
        for m in pattern.finditer(low, left, right):
            if start <= m.start() < end or _participle(low, m, tense) or _next_to(low, m):
                continue
            found: Tense = tense
            if tense == "future" and _PLUPERFECT.search(low, left, m.start()):
                found = "past"
            distance = start - m.end() if m.end() <= start else m.start() - end
            # verbs before the expression govern it more often than those after
            distance += 0 if m.end() <= start else 15
            if best is None or distance < best[0]:
                best = (distance, found)
    return (best[1], best[0]) if best else ("present", 10_000)


def reported_before(low: str, start: int) -> bool:
    """Whether a reporting verb comes right before ("said Friday", "announced on Monday"):
    the weekday then dates the saying, which is past."""
    return _markers()[2].search(low, max(0, start - 20), start) is not None


def _next_to(low: str, m: re.Match[str]) -> bool:
    """ "next to the embassy" is a place, not a future."""
    return m.group() == "next" and low.startswith(" to ", m.end())


def _participle(low: str, m: re.Match[str], tense: Tense) -> bool:
    """Whether a past marker is a participle or an adjective, not a finite verb: after an
    auxiliary ("will be held"), a determiner ("a still undecided date"), or before
    "by" ("towns untouched by the slump")."""
    if tense != "past" or m.group() in _FINITE_PAST:
        return False
    if _ADJECTIVAL.search(low, max(0, m.start() - 25), m.start()):
        return True
    if low.startswith(" by ", m.end()):
        return True
    return _AUXILIARY.search(low, max(0, m.start() - 25), m.start()) is not None
