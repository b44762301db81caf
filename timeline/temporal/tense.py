"""A cheap guess of the tense of the clause around a time expression, which decides
whether "on Thursday" or "in May" lies before or after the reference time."""

from __future__ import annotations

import re
from typing import Literal

Tense = Literal["past", "present", "future"]

_FUTURE = re.compile(
    r"\b(?:will|shall|won't|wo n't|'ll|going to|expected to|expects to|plans?|planned|planning|"
    r"scheduled|set to|due|is to|are to|would|intends? to|aims? to|upcoming|next|"
    r"until|as soon as|as early as|postponed|deadline)\b"
)
_PAST = re.compile(
    r"\b(?:was|were|had|did|took|came|went|made|began|fell|rose|won|lost|left|"
    r"met|saw|gave|got|found|held|sold|bought|paid|became|brought|kept|led|ran|sent|spent|"
    r"struck|hit|killed|shot|wrote|spoke|chose|drew|grew|knew|threw|flew|broke|stood|"
    r"ago|last|earlier|since|[a-z]{2,}ed)\b"
)
# Participles after these are not past tense ("will be held", "is expected").
_AUXILIARY = re.compile(r"\b(?:be|been|being|is|are|am|to|will|would|has|have)\s+(?:\w+\s+)?$")
_FINITE_PAST = {"was", "were", "had", "did", "ago", "last", "earlier", "since"}
_SENTENCE_END = re.compile(r"[.!?]\s|\n\s*\n")


def clause_bounds(low: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end), at most 250 characters either side."""
    left = max(0, start - 250)
    ends = [m.end() for m in _SENTENCE_END.finditer(low, left, start)]
    left = ends[-1] if ends else left
    m = _SENTENCE_END.search(low, end, min(len(low), end + 250))
    return left, m.start() + 1 if m else min(len(low), end + 250)


def tense_at(low: str, start: int, end: int) -> Tense:
    return tense_near(low, start, end)[0]


def tense_near(low: str, start: int, end: int) -> tuple[Tense, int]:
    """The tense of the verb nearest to the expression in its sentence, and how far
    that verb is (in characters); "present" when no verb says (reporting verbs like
    "said" do not: the reported event has its own tense)."""
    left, right = clause_bounds(low, start, end)
    best: tuple[int, Tense] | None = None
    candidates: tuple[tuple[re.Pattern[str], Tense], ...] = ((_FUTURE, "future"), (_PAST, "past"))
    for pattern, tense in candidates:
        for m in pattern.finditer(low, left, right):
            if start <= m.start() < end or _participle(low, m, tense):
                continue
            distance = start - m.end() if m.end() <= start else m.start() - end
            # verbs before the expression govern it more often than those after
            distance += 0 if m.end() <= start else 15
            if best is None or distance < best[0]:
                best = (distance, tense)
    return (best[1], best[0]) if best else ("present", 10_000)


# A weekday right after one of these ("said Friday") dates the saying: past.
REPORTING = re.compile(
    r"\b(?:said|told|announced|reported|added|stated|confirmed|denied|declared|disclosed|"
    r"warned|revealed|predicted|claimed|wrote|estimated)\s+(?:on\s+)?$"
)


def reported_before(low: str, start: int) -> bool:
    return REPORTING.search(low, max(0, start - 20), start) is not None


def _participle(low: str, m: re.Match[str], tense: Tense) -> bool:
    if tense != "past" or m.group() in _FINITE_PAST:
        return False
    return _AUXILIARY.search(low, max(0, m.start() - 25), m.start()) is not None
