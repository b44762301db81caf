"""Paragraphs and sentences with exact character offsets.

A blank line always ends a paragraph. A single line break ends one too, unless it looks
like a hard wrap inside running text: the line before does not end a sentence and either
the next line starts in lowercase or the line before is long (hard-wrapped copy).
Sentences end at . ! ? (and closing quotes or brackets after them) followed by space and
a plausible sentence start, except after known abbreviations and initials.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from timeline.extract.types import Sentence

# Words that end with a period without ending the sentence (compared case-folded).
ABBREVIATIONS: frozenset[str] = frozenset(
    {
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "cpt",
        "sgt",
        "cmdr",
        "adm",
        "brig",
        "rep",
        "sen",
        "gov",
        "pres",
        "amb",
        "rev",
        "st",
        "mt",
        "ft",
        "no",
        "nos",
        "vol",
        "vs",
        "al",
        "approx",
        "dept",
        "est",
        "inc",
        "corp",
        "ltd",
        "co",
        "jr",
        "sr",
        "fig",
        "op",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
        "u.s.a",
        "u.a.e",
    }
)
_CAN_END = frozenset(
    {"u.s", "u.k", "u.n", "u.s.a", "inc", "ltd", "co", "corp", "jr", "sr", "a.m", "p.m", "etc"}
)
_SENTENCE_STARTERS = frozenset(
    {
        "The",
        "A",
        "An",
        "It",
        "He",
        "She",
        "They",
        "We",
        "I",
        "This",
        "That",
        "These",
        "Those",
        "But",
        "And",
        "In",
        "On",
        "At",
        "However",
        "Meanwhile",
        "Earlier",
        "Later",
        "According",
        "There",
        "His",
        "Her",
        "Their",
        "Its",
        "Some",
        "Many",
        "Russia",
        "Syria",
        "Moscow",
    }
)
_WRAP_LINE_LENGTH = 60
_LINE_END_PUNCT = ".!?:;\"'”’)»"
_TERMINATOR = re.compile(r"[.!?]+[\"'”’)\]»]*(?=\s+)")
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")
_NEXT_START = re.compile(r"\s+([\"'“‘(\[«]?)(\S)")


def _paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    """Start and end offsets of each non-empty paragraph, leading/trailing blanks trimmed."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*", text) if m.start() != m.end()]
    current: tuple[int, int] | None = None
    previous_end = 0
    for start, end in lines:
        line = text[start:end]
        if not line.strip():
            if current:
                yield current
            current = None
            continue
        if current is not None and not _is_soft_wrap(text[current[0] : previous_end], line):
            yield current
            current = None
        current = (start, end) if current is None else (current[0], end)
        previous_end = end
    if current:
        yield current


def _is_soft_wrap(before: str, line: str) -> bool:
    last_line = before.rsplit("\n", 1)[-1].rstrip()
    if not last_line or last_line[-1] in _LINE_END_PUNCT:
        return False
    first = line.lstrip()[:1]
    return first.islower() or len(last_line) >= _WRAP_LINE_LENGTH


def _ends_with_abbreviation(chunk: str) -> bool:
    word = _WORD_BEFORE.search(chunk)
    if word is None:
        return False
    token = word.group(1).casefold()
    if token in ABBREVIATIONS:
        return True
    # Initials ("J. Smith") and dotted acronyms ("U.S.") other than the known ones.
    return (len(token) == 1 and token.isalpha()) or bool(re.fullmatch(r"(?:\w\.)+\w", token))


def _abbreviation_ends(chunk: str, text: str, next_start: int, end: int) -> bool:
    """'... backed by the U.S. The coalition said': some abbreviations end sentences, seen
    when the next word is one that opens sentences rather than continues names."""
    word = _WORD_BEFORE.search(chunk.rstrip("\"'”’)]»"))
    if word is None or word.group(1).casefold() not in _CAN_END:
        return False
    following = re.match(r"[A-Za-z]+", text[next_start:end])
    return following is not None and following.group() in _SENTENCE_STARTERS


def _sentence_ends(text: str, start: int, end: int) -> Iterator[int]:
    for match in _TERMINATOR.finditer(text, start, end):
        stop = match.end()
        after = _NEXT_START.match(text, stop, end)
        if after is None:
            continue
        following = after.group(2)
        if not (following.isupper() or following.isdigit() or after.group(1)):
            continue  # "e.g. the" or a lowercase continuation
        if match.group().startswith(".") and len(match.group().rstrip("\"'”’)]»")) == 1:
            chunk = text[max(start, stop - 40) : match.start() + 1]
            if _ends_with_abbreviation(chunk.rstrip("\"'”’)]»")) and not _abbreviation_ends(
                chunk, text, after.start(2), end
            ):
                continue
        yield stop


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of text in order, each with exact offsets and its paragraph index."""
    sentences: list[Sentence] = []
    for paragraph, (p_start, p_end) in enumerate(_paragraph_spans(text)):
        cursor = p_start
        for stop in [*_sentence_ends(text, p_start, p_end), p_end]:
            _append_trimmed(sentences, text, cursor, stop, paragraph)
            cursor = stop
    return sentences


def _append_trimmed(
    sentences: list[Sentence], text: str, start: int, end: int, paragraph: int
) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    s_start = start + lead
    s_end = s_start + len(stripped)
    sentences.append(Sentence(s_start, s_end, text[s_start:s_end], paragraph))
