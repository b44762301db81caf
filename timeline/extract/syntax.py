"""What the dependency parse says about a trigger and its arguments.

The trigger rules find candidate words; the parse decides whether they are events here:
a verbal trigger must be a verb ("Observatory head NAME told" is no movement), a photo
"taken" is no capture, a place is the event's place only when it hangs from the trigger's
own clause and is not the speaker ("Damascus blamed rebels") or the one told ("told
al-Mayadeen"). Modality comes from the governing words: "would", "if", "tried to",
"prevented from", "plans to".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from timeline.extract.types import Modality, Participant
from timeline.yamldata import read_yaml

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


class SyntaxCuesError(ValueError):
    """Bad syntax cue data; the message names the entry."""


@dataclass(frozen=True, slots=True)
class SyntaxCues:
    # Governing lemmas that make a telling other than actual: attempted (try, attempt),
    # prevented (prevent, stop, block), planned (plan, intend, threaten, vow, prepare).
    modal_lemmas: dict[str, Modality]
    hypothetical_markers: frozenset[str]  # "if", "unless", "whether" opening the clause
    hypothetical_auxiliaries: frozenset[str]  # would, could, might
    photo_nouns: frozenset[str]  # "a photo taken in": the picture is no capture
    not_place_roles: frozenset[str]  # dependency labels of a place that is not where
    speaker_heads: frozenset[str]  # nouns that can speak: group, ministry, official, ...


def parse_syntax_cues(raw: Any, where: str) -> SyntaxCues:
    if not isinstance(raw, dict):
        raise SyntaxCuesError(f"{where}: expected a mapping")
    modal: dict[str, Modality] = {}
    allowed = {"attempted", "prevented", "planned", "hypothetical"}
    for modality, lemmas in _section(raw, "modal_lemmas", where, dict).items():
        if modality not in allowed:
            raise SyntaxCuesError(f"{where}: modal_lemmas: unknown modality {modality!r}")
        for lemma in lemmas:
            modal[str(lemma)] = modality
    return SyntaxCues(
        modal_lemmas=modal,
        hypothetical_markers=_words(raw, "hypothetical_markers", where),
        hypothetical_auxiliaries=_words(raw, "hypothetical_auxiliaries", where),
        photo_nouns=_words(raw, "photo_nouns", where),
        not_place_roles=_words(raw, "not_place_roles", where),
        speaker_heads=_words(raw, "speaker_heads", where),
    )


def _section(raw: dict[str, Any], key: str, where: str, kind: type) -> Any:
    value = raw.get(key)
    if not isinstance(value, kind):
        raise SyntaxCuesError(f"{where}: {key!r} must be a {kind.__name__}")
    return value


def _words(raw: dict[str, Any], key: str, where: str) -> frozenset[str]:
    value = _section(raw, key, where, list)
    if not all(isinstance(v, str) and v for v in value):
        raise SyntaxCuesError(f"{where}: {key!r} must list words")
    return frozenset(v.lower() for v in value)


@cache
def syntax_cues() -> SyntaxCues:
    text = resources.files("timeline.extract").joinpath("data/syntax.yaml").read_text("utf-8")
    return parse_syntax_cues(read_yaml(text), "timeline/extract/data/syntax.yaml")


def token_at(parsed: Doc, start: int, end: int) -> Token | None:
    """The syntactic head of the text at [start, end)."""
    span = parsed.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _clause_verb(token: Token) -> Token:
    """The verb of the clause a word belongs to (the word itself when it is one)."""
    current = token
    for _ in range(40):
        if current.pos_ in {"VERB", "AUX"} or current.head.i == current.i:
            return current
        current = current.head
    return current


def is_verbal_use(
    parsed: Doc, start: int, end: int, cues: SyntaxCues, noun_shaped: bool = True
) -> bool:
    """A trigger written as a verb is used as one: not a noun ("Observatory head NAME
    told"), nor the photo sense of "taken".

    `noun_shaped`: the form could be a noun as written ("head", "attacks"); a past form
    ("retook") cannot, whatever the small model tags it."""
    token = token_at(parsed, start, end)
    if token is None:
        return True
    if token.pos_ not in {"VERB", "AUX"}:
        return not (noun_shaped and token.pos_ in {"NOUN", "PROPN"})
    return not (token.dep_ == "acl" and token.head.lemma_.lower() in cues.photo_nouns)


def event_places(
    parsed: Doc,
    trigger_start: int,
    trigger_end: int,
    participants: Sequence[Participant],
    cues: SyntaxCues,
    speech_act: bool = False,
    movement: bool = False,
) -> tuple[Participant, ...]:
    """The participants with the locations that are not this event's place removed.

    A place that is the subject of the trigger is where it happened ("Raqqa fell"), unless
    the trigger is a speech act ("Damascus blamed rebels": the government speaks). Where a
    strike came "from" (ships at sea, an air base) is not where it happened; for a movement
    or a withdrawal (`movement`) the origin is one of its places."""
    trigger = token_at(parsed, trigger_start, trigger_end)
    if trigger is None:
        return tuple(participants)
    clause = _clause_verb(trigger)
    kept = []
    for p in participants:
        if p.role == "location" and not _where(parsed, p, trigger, clause, cues, speech_act):
            continue
        if p.role == "location" and not movement and _origin(parsed, p):
            continue
        kept.append(p)
    return tuple(kept)


def _where(
    parsed: Doc, p: Participant, trigger: Token, clause: Token, cues: SyntaxCues, speech: bool
) -> bool:
    token = token_at(parsed, p.start, p.end)
    if token is None:
        return True
    head = _phrase_head(token)
    if head.dep_ in cues.not_place_roles and (speech or head.head.i != trigger.i):
        return False  # the speaker of another verb, a possessor, the agent
    if head.dep_ in {"dobj", "dative"} and head.head.lemma_.lower() == "tell":
        return False
    if trigger in token.ancestors or token in trigger.subtree:
        return True
    return _clause_verb(head.head) in (clause, trigger)


def _origin(parsed: Doc, p: Participant) -> bool:
    """The place is where something came from: "fired from the USS Porter in the Eastern
    Mediterranean", "jets from Shayrat"."""
    token = token_at(parsed, p.start, p.end)
    for current in [token, *(token.ancestors if token is not None else [])][:6]:
        if current is None:
            return False
        if current.dep_ == "prep" and current.lower_ == "from":
            return True
        if current.pos_ in {"VERB", "AUX"}:
            return False
    return False


def _phrase_head(token: Token) -> Token:
    """'the town of Khan Sheikhoun', 'Idlib province': the noun the name stands in."""
    current = token
    for _ in range(4):
        if current.dep_ in {"compound", "pobj", "appos", "poss"} and current.head.pos_ in {
            "NOUN",
            "PROPN",
            "ADP",
        }:
            if current.dep_ == "pobj" and current.head.lower_ != "of":
                return current
            current = current.head if current.dep_ != "pobj" else current.head.head
            continue
        return current
    return current


def modality(parsed: Doc, start: int, end: int, cues: SyntaxCues) -> Modality:
    """Whether the telling says it happened, or only that it would, was tried, was stopped
    or is planned: read off the words that govern the trigger."""
    token = token_at(parsed, start, end)
    if token is None:
        return "actual"
    current: Token = token
    for _ in range(6):
        if _hypothetical(current, cues):
            return "hypothetical"
        lemma = current.lemma_.lower()
        if current.i != token.i and lemma in cues.modal_lemmas:
            return cues.modal_lemmas[lemma]
        if current.dep_ not in {"xcomp", "pcomp", "pobj", "prep", "csubj", "nsubj", "dobj"}:
            break
        current = current.head
    return "actual"


def _hypothetical(token: Token, cues: SyntaxCues) -> bool:
    for child in token.children:
        if child.dep_ == "aux" and child.lower_ in cues.hypothetical_auxiliaries:
            return True
        if child.dep_ == "mark" and child.lower_ in cues.hypothetical_markers:
            return True
    return False


def subject_of(parsed: Doc, start: int, end: int) -> Token | None:
    """The subject of a verbal trigger ("Damascus blamed rebels": Damascus)."""
    token = token_at(parsed, start, end)
    if token is None or token.pos_ not in {"VERB", "AUX"}:
        return None
    return next((c for c in token.children if c.dep_ == "nsubj"), None)


def can_speak(token: Token, cues: SyntaxCues, named_actor: bool) -> bool:
    """Whether a subject can be a source: a known actor, a person or organisation by NER,
    or a noun that names people or bodies ("a monitoring group", "medics")."""
    if named_actor or token.lower_ in {"he", "she", "they", "we", "i", "it"}:
        return True
    if token.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}:
        return True
    return token.lemma_.lower() in cues.speaker_heads or token.lower_ in cues.speaker_heads
