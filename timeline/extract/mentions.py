"""Entity mentions in a document: gazetteer aliases, plus anaphors resolved by salience.

"The ministry" refers back to the most mentioned ministry so far (the first named on a tie);
with none before it, to the only ministry the gazetteer knows; otherwise it stays unresolved
(entity_key None, named as written) but still counts as a reference to some actor or place.
Mentions written as modifiers ("US-backed", "anti-ISIS") are flagged: they name an entity
without making it a participant.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from timeline.extract.gazetteer import Entry, Gazetteer
from timeline.extract.lexicon import phrase_pattern
from timeline.extract.spans import SpanSet
from timeline.extract.types import EntityKind

_ACTOR_SUBTYPES_PLACE = frozenset({"town", "country", "region", "river", "crossing", "base"})
_DETERMINERS = r"(?:the|this|that|its|their|his|her)"
_HEADED_NOUNS = (
    r"spokes\w+|officials?|sources?|commanders?|statements?|air\s*strikes?|strikes?|jets?|"
    r"aircraft|warplanes?|planes?|forces|troops|units?|fighters?|positions?|convoys?|artillery|"
    r"raids?|soldiers|officers?|headquarters"
)


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    name: str
    key: str | None
    kind: EntityKind
    subtype: str | None
    modifier: bool = False
    anaphor: bool = False


@dataclass(frozen=True, slots=True)
class Anaphora:
    pattern: re.Pattern[str]
    speaker: re.Pattern[str]
    subtypes_by_head: Mapping[str, tuple[str, ...]]


def compile_anaphora(groups: Sequence[Mapping[str, Any]]) -> Anaphora:
    subtypes_by_head: dict[str, tuple[str, ...]] = {}
    for group in groups:
        for head in group["heads"]:
            subtypes_by_head[" ".join(head.lower().split())] = tuple(group["subtypes"])
    heads = phrase_pattern(subtypes_by_head)
    pattern = re.compile(
        rf"\b{_DETERMINERS}\s+(?:(?!{_DETERMINERS}\b)[^\s,.;:()]+\s+){{0,3}}?"
        rf"(?P<head>{heads})(?![\w-])",
        re.IGNORECASE,
    )
    # "a coalition spokesman": an indefinite head that names who a speaker speaks for.
    # "coalition strikes", "army units": a bare head modifying a noun of its own kind.
    speaker = re.compile(
        rf"(?:\b(?:a|an)\s+)?(?<![\w-])(?P<head>{heads})(?=\s+(?P<noun>{_HEADED_NOUNS})\b)",
        re.IGNORECASE,
    )
    return Anaphora(pattern, speaker, subtypes_by_head)


def _is_modifier(text: str, start: int, end: int, cues: Mapping[str, Any]) -> bool:
    after = re.match(r"[-‐‑]([A-Za-z]+)", text[end : end + 20])
    if after and after.group(1).lower() in cues["modifier_suffixes"]:
        return True
    before = re.search(r"\b([A-Za-z]+)[-‐‑][\"“”']?$", text[max(0, start - 12) : start])
    return bool(before and before.group(1).lower() in cues["modifier_prefixes"])


def _kind_of(subtype: str) -> EntityKind:
    return "place" if subtype in _ACTOR_SUBTYPES_PLACE else "actor"


def _from_entry(entry: Entry, start: int, end: int, text: str, **flags: bool) -> Mention:
    return Mention(
        start, end, text[start:end], entry.name, entry.key, entry.kind, entry.subtype, **flags
    )


def find_mentions(
    text: str,
    gazetteer: Gazetteer,
    cues: Mapping[str, Any],
    anaphora: Anaphora,
    skip: SpanSet | None = None,
) -> list[Mention]:
    """All mentions in document order, anaphors resolved against what came before.

    Names and anaphors inside `skip` spans (datelines, photo captions) are no mentions:
    "DEIR EZ-ZOR —" says where the reporter is, and must not make Deir ez-Zor the town that
    "the town" refers to."""
    named = [
        _from_entry(
            m.entry, m.start, m.end, text, modifier=_is_modifier(text, m.start, m.end, cues)
        )
        for m in gazetteer.find(text)
        if skip is None or not skip.overlaps(m.start, m.end)
    ]
    taken = SpanSet((m.start, m.end) for m in named)
    candidates: list[_Candidate] = []
    matches = [*anaphora.pattern.finditer(text), *anaphora.speaker.finditer(text)]
    for match in sorted(matches, key=lambda m: m.start("head")):
        start, end = match.start("head"), match.end("head")
        if taken.overlaps(start, end) or _introduces_name(text, end):
            continue
        if skip is not None and skip.overlaps(start, end):
            continue
        if candidates and candidates[-1].start == start:
            continue  # both patterns found the same head
        head = " ".join(match.group("head").lower().split())
        phrase_end = match.end("noun") if match.groupdict().get("noun") else end
        phrase = " ".join(text[match.start() : phrase_end].split())
        candidates.append(_Candidate(start, end, anaphora.subtypes_by_head[head], phrase))
    return _resolve(text, named, candidates, gazetteer)


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    subtypes: tuple[str, ...]
    phrase: str  # "the ministry", "a military source": the name when it stays unresolved


def _introduces_name(text: str, end: int) -> bool:
    """'the town of Abu Kamal': the name follows, the anaphor is not a mention of its own."""
    return bool(
        re.match(
            r"\s+(?:of|called|named)\s+(?:[A-Z]|(?:al|el|ad|as|ar|an)-[A-Z])", text[end : end + 30]
        )
    )


def _resolve(
    text: str,
    named: list[Mention],
    candidates: list[_Candidate],
    gazetteer: Gazetteer,
) -> list[Mention]:
    ordered: list[Mention | _Candidate] = sorted([*named, *candidates], key=lambda m: m.start)
    salience = _Salience()
    result: list[Mention] = []
    for item in ordered:
        if isinstance(item, Mention):
            if item.key is not None and not item.modifier:
                salience.add(gazetteer.entries[item.key])
            result.append(item)
            continue
        entry = salience.best(item.subtypes) or _only(item.subtypes, gazetteer)
        if entry is not None:
            salience.add(entry)
            result.append(_from_entry(entry, item.start, item.end, text, anaphor=True))
            continue
        kind, subtype = _kind_of(item.subtypes[0]), item.subtypes[0]
        surface = text[item.start : item.end]
        result.append(
            Mention(item.start, item.end, surface, item.phrase, None, kind, subtype, anaphor=True)
        )
    return result


class _Salience:
    """Entities seen so far: an anaphor refers to the most mentioned one of its subtypes
    (the story's topic: "the ministry" after two Russian and one Iraqi ministry mention is
    the Russian one), the first mentioned on a tie (news names its topic first)."""

    def __init__(self) -> None:
        self._count: dict[str, int] = {}
        self._first: dict[str, int] = {}
        self._entries: dict[str, Entry] = {}
        self._clock = 0

    def add(self, entry: Entry) -> None:
        self._clock += 1
        self._count[entry.key] = self._count.get(entry.key, 0) + 1
        self._first.setdefault(entry.key, self._clock)
        self._entries[entry.key] = entry

    def best(self, subtypes: tuple[str, ...]) -> Entry | None:
        seen = [e for e in self._entries.values() if e.subtype in subtypes]
        if not seen:
            return None
        return max(seen, key=lambda e: (self._count[e.key], -self._first[e.key]))


def _only(subtypes: tuple[str, ...], gazetteer: Gazetteer) -> Entry | None:
    """Without an antecedent, the only gazetteer entity of the subtypes, if there is one."""
    only = [e for subtype in subtypes for e in gazetteer.of_subtype(subtype)]
    return only[0] if len(only) == 1 else None
