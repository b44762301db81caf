"""Paragraphs (layout) and sentences (the parse) with exact character offsets.

A blank line always ends a paragraph. A single line break ends one too, unless it looks
like a hard wrap inside running text: the line before does not end a sentence and either
the next line starts in lowercase or the line before is long (hard-wrapped copy).
Within a paragraph, sentences are spaCy's: a pipeline component marks each paragraph's
first token as a sentence start before the parser runs, and the parser decides the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from timeline.extract.types import Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc

_WRAP_LINE_LENGTH = 60
_LINE_END_PUNCT = ".!?:;\"'”’)»"


def _paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    """Start and end offsets of each non-empty paragraph, leading/trailing blanks trimmed."""
    # Every line, empty ones included: an empty line between two breaks ends a paragraph.
    lines = [(m.start(), m.end() - 1) for m in re.finditer(r"[^\n]*\n", text)]
    tail = text.rfind("\n") + 1
    if tail < len(text):
        lines.append((tail, len(text)))
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


def paragraph_starts(text: str) -> list[int]:
    """The offset of each paragraph's first visible character."""
    return [
        start + len(text[start:end]) - len(text[start:end].lstrip())
        for start, end in _paragraph_spans(text)
    ]


def sentences_of(doc: Doc) -> list[Sentence]:
    """The parse's sentences, cut at paragraph ends, trimmed, with their paragraph index."""
    text = doc.text
    spans = list(_paragraph_spans(text))
    sentences: list[Sentence] = []
    first = 0  # the first paragraph that can still meet a sentence: both run in text order
    for sent in doc.sents:
        while first < len(spans) and spans[first][1] <= sent.start_char:
            first += 1
        paragraph = first
        while paragraph < len(spans) and spans[paragraph][0] < sent.end_char:
            p_start, p_end = spans[paragraph]
            start, end = max(sent.start_char, p_start), min(sent.end_char, p_end)
            if start < end:
                _append(sentences, text, start, end, paragraph)
            paragraph += 1
    return sentences


def _append(sentences: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    s_start = start + len(chunk) - len(chunk.lstrip())
    s_end = s_start + len(stripped)
    previous = sentences[-1] if sentences else None
    if previous and previous.paragraph == paragraph and _continues(previous.text, stripped):
        s_start = previous.start
        sentences.pop()
    sentences.append(Sentence(s_start, s_end, text[s_start:s_end], paragraph))


def _continues(previous: str, following: str) -> bool:
    """The parser's split is a slip: a lone bullet or symbol before a sentence, or a
    lowercase start ("e.g. this") that no new sentence has."""
    return not any(c.isalnum() for c in previous) or following[:1].islower()


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of text in order, each with exact offsets and its paragraph index."""
    from timeline.extract.parse import parse

    return sentences_of(parse(text))


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of the sentences of `text`, in order: the one segmentation
    that the time tagger (`timeline.temporal.tag(..., sentences=)`) and the extractor share.
    Only the parser runs for it, unless the text is parsed whole already (`one_parse`)."""
    from timeline.extract.parse import segment

    return [(s.start, s.end) for s in sentences_of(segment(text))]
