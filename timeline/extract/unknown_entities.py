"""Actors and places the gazetteer does not know: the parse's named entities, kept as written.

The one spaCy parse already labels names (ORG, PERSON, GPE, ...); what its label makes of each
is data (data/unknown_entities.yaml). An entity that a gazetteer mention, a time mention or a
dateline covers is theirs. NER takes many towns it has never seen for organisations or
people, so the dependency parse has the last word on places: a name governed by a locative
preposition ("near Tal Hamis"), naming a settlement noun ("the village of Maan", "Idlib
province") or placed by a direction ("eastern Sheikh Maqsoud") is a place.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, get_args

from timeline.extract.mentions import Mention
from timeline.extract.spans import SpanSet
from timeline.extract.types import EntityKind
from timeline.yamldata import read_yaml

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_WHERE = "timeline/extract/data/unknown_entities.yaml"


class UnknownEntitiesError(ValueError):
    """Bad unknown-entity data; the message names the entry."""


@dataclass(frozen=True, slots=True)
class Reading:
    """What a name of one NER label is."""

    kind: EntityKind
    subtype: str | None


@dataclass(frozen=True, slots=True)
class EntityRules:
    labels: Mapping[str, Reading]  # NER label → kind and subtype
    ignored: frozenset[str]  # labels that name nothing we keep
    not_alone: frozenset[str]  # words that are no name by themselves ("Command")
    locative_prepositions: frozenset[str]
    settlement_nouns: frozenset[str]  # lemmas
    toponym_words: frozenset[str]  # the first words of place names ("Kafr", "Tal")
    directions: frozenset[str]
    examples: Mapping[str, tuple[Mapping[str, str], ...]]  # place / actor / none


def parse_entity_rules(raw: Any, where: str) -> EntityRules:
    if not isinstance(raw, dict):
        raise UnknownEntitiesError(f"{where}: expected a mapping")
    labels = {label: _reading(label, value, where) for label, value in _labels(raw, where)}
    ignored = _words(raw, "ignored", where, lower=False)
    if both := sorted(ignored & labels.keys()):
        raise UnknownEntitiesError(f"{where}: labels both read and ignored: {both}")
    return EntityRules(
        labels=labels,
        ignored=ignored,
        not_alone=_words(raw, "not_alone", where),
        locative_prepositions=_words(raw, "locative_prepositions", where),
        settlement_nouns=_words(raw, "settlement_nouns", where),
        toponym_words=_words(raw, "toponym_words", where),
        directions=_words(raw, "directions", where),
        examples=_examples(raw, where),
    )


def _labels(raw: dict[str, Any], where: str) -> list[tuple[str, Any]]:
    labels = raw.get("labels")
    if not isinstance(labels, dict) or not labels:
        raise UnknownEntitiesError(f"{where}: 'labels' must map NER labels to readings")
    return list(labels.items())


def _reading(label: str, value: Any, where: str) -> Reading:
    if not isinstance(value, dict) or value.get("kind") not in get_args(EntityKind):
        raise UnknownEntitiesError(f"{where}: labels.{label}: kind must be actor or place")
    if set(value) - {"kind", "subtype"}:
        raise UnknownEntitiesError(f"{where}: labels.{label}: only kind and subtype")
    subtype = value.get("subtype")
    if subtype is not None and not (isinstance(subtype, str) and subtype):
        raise UnknownEntitiesError(f"{where}: labels.{label}: subtype must be a word")
    return Reading(value["kind"], subtype)


def _words(raw: dict[str, Any], key: str, where: str, *, lower: bool = True) -> frozenset[str]:
    value = raw.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise UnknownEntitiesError(f"{where}: {key!r} must list words")
    return frozenset(v.lower() if lower else v for v in value)


def _examples(raw: dict[str, Any], where: str) -> dict[str, tuple[Mapping[str, str], ...]]:
    examples = raw.get("examples")
    if not isinstance(examples, dict) or set(examples) != {"place", "actor", "none"}:
        raise UnknownEntitiesError(f"{where}: 'examples' needs place, actor and none")
    for reading, items in examples.items():
        if not isinstance(items, list) or not items:
            raise UnknownEntitiesError(f"{where}: examples.{reading}: a list of {{text, name}}")
        for item in items:
            if not (isinstance(item, dict) and item.get("name") in item.get("text", "")):
                raise UnknownEntitiesError(f"{where}: examples.{reading}: {item!r}")
    return {reading: tuple(items) for reading, items in examples.items()}


@cache
def entity_rules() -> EntityRules:
    text = resources.files("timeline.extract").joinpath("data/unknown_entities.yaml")
    return parse_entity_rules(read_yaml(text.read_text("utf-8")), _WHERE)


def unknown_entities(
    parsed: Doc, known: Sequence[tuple[int, int]], rules: EntityRules | None = None
) -> list[Mention]:
    """The parse's named entities that no `known` span (gazetteer mentions, time
    expressions, datelines) touches, as mentions with no entity key."""
    rules = rules or entity_rules()
    taken = SpanSet(known)
    found = []
    for entity in parsed.ents:
        reading = rules.labels.get(entity.label_)
        span = _trimmed(entity)
        if reading is None or span is None or not _a_name(span, rules):
            continue
        reading = _reread(span, reading, rules)
        if reading.kind == "place":
            span = _with_leading_names(span)
        if taken.overlaps(span.start_char, span.end_char):
            continue
        found.append(_mention(span, reading, modifier=_hyphened(span)))
    return found


def _a_name(span: Span, rules: EntityRules) -> bool:
    """Not across a paragraph break, not an adjective ("Kurdish fighters" names no one),
    not a capitalised common word alone ("the Command staff")."""
    if "\n" in span.text or span.root.pos_ == "ADJ":
        return False
    return not all(t.lower_ in rules.not_alone or t.is_punct for t in span)


def _mention(span: Span, reading: Reading, *, modifier: bool) -> Mention:
    text = span.text
    return Mention(
        span.start_char,
        span.end_char,
        text,
        text,
        None,
        reading.kind,
        reading.subtype,
        modifier=modifier,
    )


def _trimmed(entity: Span) -> Span | None:
    """The name without a leading determiner or punctuation, nor a possessive ending:
    "the Hamza Brigade's" → "Hamza Brigade" (gazetteer mentions are spanned so too)."""
    start, end = entity.start, entity.end
    while start < end and entity.doc[start].pos_ in {"DET", "PUNCT"}:
        start += 1
    while end > start and (entity.doc[end - 1].tag_ == "POS" or entity.doc[end - 1].is_punct):
        end -= 1
    return entity.doc[start:end] if start < end else None


def _with_leading_names(span: Span) -> Span:
    """A place name with the proper nouns NER left before it ("Umm" of "Umm Sahrij"): the
    parse hangs them on the name. Not for people, whose titles come so ("President")."""
    start = span.start
    while start > 0:
        before = span.doc[start - 1]
        if before.pos_ != "PROPN" or before.ent_type_ or not start <= before.head.i < span.end:
            break
        start -= 1
    return span.doc[start : span.end]


def _reread(span: Span, reading: Reading, rules: EntityRules) -> Reading:
    """A town where the words or the parse say so, whatever NER labelled it: an actor
    ("Kafr Tala" as a PERSON) or a region ("Tal Jijeh" as a LOC)."""
    town = Reading("place", None)
    if len(span) > 1 and span[0].lower_ in rules.toponym_words:
        return town
    return town if reading.kind == "actor" and _placed(span.root, rules) else reading


def _placed(root: Token, rules: EntityRules) -> bool:
    """The parse says the name is a place: "near X", "the village of X", "X province",
    "X, a village", "eastern X" (the first of coordinated names decides: "toward Suluk and
    Qasr Ibrahim")."""
    for child in root.children:
        if child.dep_ == "amod" and child.lower_ in rules.directions:
            return True
        if child.dep_ == "appos" and child.lemma_.lower() in rules.settlement_nouns:
            return True
    if root.dep_ in {"compound", "appos"} and root.head.lemma_.lower() in rules.settlement_nouns:
        return True
    first = root
    # Only a name coordinated with a name: "between the army and Hamza Brigade" is no place.
    while _coordinated(first) and first.head.pos_ == "PROPN":
        first = first.head
    if first.dep_ != "pobj":
        return False
    preposition = first.head.lower_
    if preposition in rules.locative_prepositions:
        return True
    return preposition == "of" and first.head.head.lemma_.lower() in rules.settlement_nouns


def _coordinated(token: Token) -> bool:
    """A conjunct, or the first of two names the small model hangs one on the other
    ("toward Suluk and Qasr Ibrahim": Suluk, with its "and", modifies Ibrahim)."""
    if token.dep_ == "conj":
        return True
    return token.dep_ in {"nmod", "compound"} and any(c.dep_ == "cc" for c in token.children)


def _hyphened(span: Span) -> bool:
    """ "Tiyas-based", "Hamza-led": a name written into a compound modifier names no
    participant."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    return after is not None and after.text in _HYPHENS and not doc[span.end - 1].whitespace_


_HYPHENS = frozenset({"-", "‐", "‑"})


_OBJECT_GAP = re.compile(r"\s+(?:(?:the|of|back|control|full|most|part|parts)\s+){0,3}$")


def object_place(text: str, trigger_end: int, mentions: Sequence[Mention]) -> Mention | None:
    """An unknown actor right after a capture or movement verb is the place it names:
    "troops captured Hatla", "took control of Hatla" (the gazetteer cannot know every town,
    and NER takes many for organisations)."""
    for m in mentions:
        if m.start < trigger_end:
            continue
        unknown = m.key is None and not m.anaphor and m.kind == "actor"
        if unknown and _OBJECT_GAP.fullmatch(text[trigger_end : m.start] + " "):
            return replace(m, kind="place")
        return None
    return None
