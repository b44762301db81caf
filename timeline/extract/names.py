"""Unknown capitalized names: actors and places the gazetteer does not know, kept as written.

A run of capitalized words (with "of", "al", "bin" ... inside) is a name unless it is only a
function word, a day, a month or a demonym. A single capitalized word opening a sentence is a
name only when the document also writes it capitalized mid-sentence ("Hamas" yes, "Formation"
no). After a locative preposition ("in", "near", "toward") a name is a place, else an actor.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from timeline.extract.mentions import Mention
from timeline.extract.spans import SpanSet
from timeline.extract.types import EntityKind, Sentence

_NAME_WORD = r"(?:(?:al|el|ad|as|ash|ar|an|at|az|ad-d|bin|abu)-)?[A-Z][\w'’]*(?:-[A-Za-z][\w'’]*)*"
_NAME = re.compile(
    rf"(?<![\w-]){_NAME_WORD}"
    rf"(?:\s+(?:(?:of|the|al|el|de|bin|ibn|for|and)\s+)?{_NAME_WORD})*"
    r"(?![\w-])"
)
# "the village of Maan": a name after a settlement noun and "of" is a place.
_PLACE_OF = re.compile(
    r"\b(?:town|village|city|province|governorate|region|district|area|neighbou?rhood|outskirts|"
    r"suburbs?|camp|base|airport|countryside|desert|valley|river)\s+of\s+$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w'’]+(?:-[\w'’]+)*")
_DIRECTIONS = frozenset(
    {
        "the",
        "eastern",
        "western",
        "northern",
        "southern",
        "central",
        "rural",
        "east",
        "west",
        "north",
        "south",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "nearby",
    }
)
_CONNECTORS = frozenset({"of", "the", "al", "el", "de", "bin", "ibn", "for", "and"})


def _mid_sentence_capitals(text: str, sentences: Sequence[Sentence]) -> set[str]:
    capitals: set[str] = set()
    for s in sentences:
        words = _WORD.findall(s.text)
        capitals.update(w for w in words[1:] if w[:1].isupper())
    return capitals


def unknown_names(
    text: str,
    sentences: Sequence[Sentence],
    known: Sequence[tuple[int, int]],
    cues: Mapping[str, Any],
) -> list[Mention]:
    """Names not covered by `known` spans (gazetteer mentions, time expressions)."""
    not_names: frozenset[str] = cues["_not_names"]
    never_alone: frozenset[str] = not_names | cues["_name_parts"]
    locative: frozenset[str] = cues["_locative"]
    mid_caps = _mid_sentence_capitals(text, sentences)
    taken = SpanSet(known)
    found: list[Mention] = []
    for s in sentences:
        for match in _NAME.finditer(text, s.start, s.end):
            span = _trim(text, match.start(), match.end(), not_names)
            if span is None or taken.overlaps(*span):
                continue
            start, end = span
            surface = text[start:end]
            words = surface.split()
            if any(ch.isdigit() for ch in surface) or _is_modifier(text, end):
                continue
            if all(part.lower() in never_alone for part in re.split(r"[\s-]+", surface)):
                continue  # "Syrian-Iraqi", "Last", "Air Force"
            if len(words) == 1 and (
                words[0].lower() in never_alone or (start == s.start and words[0] not in mid_caps)
            ):
                continue
            before = [w.lower() for w in _WORD.findall(text[max(s.start, start - 40) : start])]
            directed = False
            while before and before[-1] in _DIRECTIONS:  # "in eastern Ghouta"
                word = before.pop()  # popped first: `or` would skip it once directed
                directed = directed or word != "the"
            locative_word = directed or (bool(before) and before[-1] in locative)
            place_of = _PLACE_OF.search(text, max(s.start, start - 30), start)
            kind: EntityKind = "place" if locative_word or place_of else "actor"
            found.append(Mention(start, end, surface, surface, None, kind, None))
    return found


def _trim(text: str, start: int, end: int, not_names: frozenset[str]) -> tuple[int, int] | None:
    """Drop leading function words and trailing connectors: 'However Moscow' → 'Moscow'."""
    words = [(m.start() + start, m.end() + start) for m in _WORD.finditer(text[start:end])]
    while (
        words
        and (
            text[words[0][0] : words[0][1]].lower() in not_names
            or text[words[0][0] : words[0][1]].lower() in _CONNECTORS
        )
        and len(words) > 1
    ):
        words.pop(0)
    while words and text[words[-1][0] : words[-1][1]].lower() in _CONNECTORS:
        words.pop()
    if not words or not text[words[0][0]].isupper():
        return None
    return words[0][0], words[-1][1]


def _is_modifier(text: str, end: int) -> bool:
    return text[end : end + 1] == "-"


_OBJECT_GAP = re.compile(r"\s+(?:(?:the|of|back|control|full|most|part|parts)\s+){0,3}$")


def object_place(text: str, trigger_end: int, mentions: Sequence[Mention]) -> Mention | None:
    """An unknown name right after a capture or movement verb is the place it names:
    "troops captured Hatla", "took control of Hatla" (the gazetteer cannot know every town)."""
    for m in mentions:
        if m.start < trigger_end:
            continue
        unknown = m.key is None and not m.anaphor and m.kind == "actor"
        if unknown and _OBJECT_GAP.fullmatch(text[trigger_end : m.start] + " "):
            return replace(m, kind="place")
        return None
    return None
