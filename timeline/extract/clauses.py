"""Small text helpers on one sentence: words around a point, clause windows, parentheses."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from timeline.extract.types import Sentence

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*|n't", re.UNICODE)


def words_before(text: str, start: int, stop: int, count: int) -> list[str]:
    """The last `count` words of text[start:stop], lowercased; the group name "IS" stays
    "IS" so that it is never read as the verb."""
    found = _WORD.findall(text, max(start, stop - 12 * count), stop)
    return [w if w == "IS" else w.lower().replace("’", "'") for w in found[-count:]]


def words_after(text: str, start: int, stop: int, count: int) -> list[str]:
    found = _WORD.findall(text, start, min(stop, start + 12 * count))
    return [w.lower().replace("’", "'") for w in found[:count]]


def starts_with_phrase(words: Sequence[str], phrases: Sequence[str]) -> str | None:
    """The first phrase (in order given) that the word sequence starts with."""
    for phrase in phrases:
        parts = phrase.split()
        if list(words[: len(parts)]) == parts:
            return phrase
    return None


def ends_with_phrase(words: Sequence[str], phrases: Sequence[str]) -> str | None:
    for phrase in phrases:
        parts = phrase.split()
        if len(parts) <= len(words) and list(words[-len(parts) :]) == parts:
            return phrase
    return None


@dataclass(frozen=True, slots=True)
class SentenceView:
    """A sentence with its clause breaks and parenthetical spans (absolute offsets)."""

    sentence: Sentence
    breaks: tuple[tuple[int, int], ...]
    parentheses: tuple[tuple[int, int], ...]

    def in_parentheses(self, pos: int) -> bool:
        return any(s < pos < e for s, e in self.parentheses)

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """The clause around [start, end): from the last break before to the next after."""
        inside = self.in_parentheses(start)
        left, right = self.sentence.start, self.sentence.end
        for b_start, b_end in self.breaks:
            if not inside and self.in_parentheses(b_start):
                continue
            if b_end <= start:
                left = max(left, b_end)
            elif b_start >= end:
                right = min(right, b_start)
        return left, right


def view(sentence: Sentence, break_pattern: re.Pattern[str]) -> SentenceView:
    text, offset = sentence.text, sentence.start
    breaks = tuple((offset + m.start(), offset + m.end()) for m in break_pattern.finditer(text))
    parens = tuple((offset + m.start(), offset + m.end()) for m in re.finditer(r"\([^()]*\)", text))
    return SentenceView(sentence, breaks, parens)


def break_regex(phrases: Sequence[str]) -> re.Pattern[str]:
    """Clause breaks: punctuation as is, phrases with spaces as word-bounded text."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    parts = [re.escape(p).replace(r"\ ", r"\s+") for p in ordered]
    return re.compile("|".join(parts), re.IGNORECASE)
