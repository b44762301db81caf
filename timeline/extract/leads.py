"""Leads, read off the parse: "The ministry has provided some information, regarding ...".

A lead is a verb of making public (cues `lead_verbs`, by lemma) whose subject names an actor
and whose direct object is a piece of information (cues `lead_objects`, by lemma) close
after it. The actor becomes the document's running claimant (tellers.py). What is only
planned or denied ("will issue a statement", "did not release a statement", "gave no
details") leads nothing,
nor does a verb with another object ("released the prisoners") or a noun ("the release").
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from timeline.extract.attribution import Attribution, claimant_of
from timeline.extract.lexicon import Lexicon
from timeline.extract.mentions import Mention
from timeline.extract.types import Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# The object stands at most this many tokens after the verb ("provided some more detailed
# information", "gave reporters a briefing"); further on it is another clause's.
_OBJECT_REACH = 5
# Branches of the subject that are about it, not part of who it is: "the group that
# attacked the army" is the group, not the army.
_NOT_SUBJECT = frozenset({"relcl", "acl", "advcl"})


def lead_attributions(
    parsed: Doc, s: Sentence, mentions: Sequence[Mention], lexicon: Lexicon
) -> list[Attribution]:
    """The sentence's first lead, as an attribution of the whole sentence."""
    span = parsed.char_span(s.start, s.end, alignment_mode="expand")
    if span is None:
        return []
    verbs: frozenset[str] = lexicon.cues["_lead_verbs"]
    objects: frozenset[str] = lexicon.cues["_lead_objects"]
    for verb in span:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in verbs or not _asserted(verb):
            continue
        thing = next((o for o in _objects(verb) if o.lemma_.lower() in objects and _some(o)), None)
        actor = _subject_actor(verb, mentions)
        if thing is None or actor is None:
            continue
        cue = (verb.idx, thing.idx + len(thing.text))
        return [Attribution(claimant_of(actor, "lead"), (s.start, s.end), cue, True)]
    return []


def _asserted(verb: Token) -> bool:
    """Not negated, not under a modal ("did not release", "will issue", "may publish")."""
    return not any(c.dep_ == "neg" or (c.dep_ == "aux" and c.tag_ == "MD") for c in verb.children)


def _some(thing: Token) -> bool:
    """Not "gave no details": nothing was made public."""
    return not any(c.dep_ == "det" and c.lower_ == "no" for c in thing.children)


def _objects(verb: Token) -> Iterator[Token]:
    """The verb's direct objects and their conjuncts ("released images and a statement")."""
    for child in verb.children:
        if child.dep_ != "dobj":
            continue
        for token in (child, *child.conjuncts):
            if 0 < token.i - verb.i <= _OBJECT_REACH:
                yield token


def _subject_actor(verb: Token, mentions: Sequence[Mention]) -> Mention | None:
    """The actor the verb's subject names: the one at its head, else one inside it ("a
    spokesman for the coalition"). A conjunct shares the subject of the verb before it."""
    subject = _subject(verb)
    if subject is None:
        return None
    offsets = {t.idx for t in _subject_tokens(subject)}
    inside = [
        m
        for m in mentions
        if m.kind == "actor" and not m.modifier and any(m.start <= o < m.end for o in offsets)
    ]
    at_head = [m for m in inside if m.start <= subject.idx < m.end]
    return next(iter(at_head or inside), None)


def _subject(verb: Token) -> Token | None:
    own = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if own is None and verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        return next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    return own


def _subject_tokens(subject: Token) -> Iterator[Token]:
    yield subject
    for child in subject.children:
        if child.dep_ not in _NOT_SUBJECT:
            yield from _subject_tokens(child)
