"""Denials tied to the claims they deny: 'Those claims were rejected as false by the
coalition's spokesman', 'The State Department also dismissed them as untrue', 'rejected the
ministry's accusations'.

When a denial's object refers back to claims (a determiner and a claim noun, a possessive
and a claim noun, or a pronoun right after the verb), each event mention those claims cover
is told again as denied by the denier: same kind, participants and time, polarity "denies",
the denial sentence as evidence. The claims are the earlier accounts in the document of the
claimant the object names ("the ministry's"), else of the claimant who spoke last. A singular
noun covers one sentence of claims, unless the sentence widens it ("like the rest of the
statement"): after a demonstrative ("that allegation") the last, after "the" ("rejected the
claim") the first, which in news is the claim the story is about. The denial's own account stays.
Cues: data/cues.yaml `denied_claims`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from timeline.extract.document import Document
from timeline.extract.lexicon import Lexicon, phrase_pattern
from timeline.extract.retell import denying_retelling
from timeline.extract.types import Claimant, EventMention, Participant

RULE = "denial-of-claims"
_DENIAL_KIND = "denial"
_OBJECT_CHARS = 80  # how far after an active denial verb its object is looked for


@dataclass(frozen=True, slots=True)
class _Cues:
    reference: re.Pattern[str]  # "those claims", "the ministry's accusations"
    pronoun: re.Pattern[str]  # "dismissed them"
    singular: frozenset[str]
    whole: re.Pattern[str]  # "like the rest of Tuesday's statement"
    not_claims: frozenset[str]  # kinds that are talk about claims, not claims


@cache
def _cues(lexicon: Lexicon) -> _Cues:
    raw: Mapping[str, Any] = lexicon.cues["denied_claims"]
    nouns = phrase_pattern([*raw["plural_nouns"], *raw["singular_nouns"]])
    determiners = phrase_pattern(raw["determiners"])
    return _Cues(
        reference=re.compile(
            rf"\b(?:(?:{determiners})\s+(?:[\w-]+\s+){{0,2}}?|[\w-]+['’]s?\s+(?:[\w-]+\s+)?)"
            rf"(?P<noun>{nouns})\b(?!\s+that\b)",
            re.IGNORECASE,
        ),
        pronoun=re.compile(rf"\s+(?:{phrase_pattern(raw['pronouns'])})\b", re.IGNORECASE),
        singular=frozenset(n.lower() for n in raw["singular_nouns"]),
        whole=re.compile(rf"\b(?:{phrase_pattern(raw['whole'])})\b", re.IGNORECASE),
        not_claims=frozenset(raw["not_claim_kinds"]),
    )


def denied_claims(
    doc: Document, index: int, found: Sequence[EventMention], earlier: Sequence[EventMention]
) -> list[EventMention]:
    """Denying accounts of the earlier claims that sentence `index`'s denials refer back to."""
    cues = _cues(doc.lexicon)
    result: list[EventMention] = []
    for denial in _denials(doc, index, found):
        reference = _reference(doc, denial, cues)
        if reference is None or not denial.deniers:
            continue
        claims = _claims(doc, reference, earlier, denial.deniers, cues)
        result.extend(_denying(denial, claim, d) for claim in claims for d in denial.deniers)
    return result


Who = Participant | Claimant


@dataclass(frozen=True, slots=True)
class _Denial:
    """A denial verb: an event of kind denial, or a speech cue that only denies
    ('Washington rejected the ministry's accusations')."""

    start: int
    end: int
    text: str
    passive: bool
    deniers: tuple[Who, ...]
    evidence: tuple[int, int]
    sentence_index: int


def _denials(doc: Document, index: int, found: Sequence[EventMention]) -> list[_Denial]:
    s = doc.sentences[index]
    denials = [
        _Denial(
            e.trigger_start,
            e.trigger_end,
            e.trigger,
            e.extras.get("voice") == "passive",
            _deniers(e),
            (e.evidence_start, e.evidence_end),
            index,
        )
        for e in found
        if e.kind == _DENIAL_KIND and e.polarity == "asserts" and e.rule != RULE
    ]
    taken = {d.start for d in denials}
    for a in doc.attributions[index]:
        if a.polarity == "denies" and a.claimant is not None and a.cue[0] not in taken:
            text = doc.text[a.cue[0] : a.cue[1]]
            denials.append(_Denial(*a.cue, text, False, (a.claimant,), (s.start, s.end), index))
    return denials


@dataclass(frozen=True, slots=True)
class _Reference:
    start: int
    end: int
    singular: bool
    demonstrative: bool  # "that allegation": the last claim, not the story's first


def _reference(doc: Document, denial: _Denial, cues: _Cues) -> _Reference | None:
    """The object that refers back: after an active verb, before a passive one."""
    text = doc.text
    if denial.passive:
        start, end = denial.evidence[0], denial.start
    else:
        start = denial.end
        end = min(denial.evidence[1], start + _OBJECT_CHARS)
        pronoun = cues.pronoun.match(text, start, end)
        if pronoun:
            return _Reference(pronoun.start(), pronoun.end(), False, False)
    matches = list(cues.reference.finditer(text, start, end))
    if not matches:
        return None
    match = matches[-1] if denial.passive else matches[0]
    singular = match.group("noun").lower() in cues.singular and not cues.whole.search(
        text, *denial.evidence
    )
    demonstrative = match.group().split()[0].lower() in ("that", "this")
    return _Reference(match.start(), match.end(), singular, demonstrative)


def _deniers(denial: EventMention) -> tuple[Who, ...]:
    agents = tuple(p for p in denial.participants if p.role == "agent")
    if agents:
        return agents
    return (denial.claimant,) if denial.claimant is not None else ()


def _identity(who: Who | None) -> str | None:
    if who is None:
        return None
    return who.entity_key or who.name.lower()


def _claims(
    doc: Document,
    reference: _Reference,
    earlier: Sequence[EventMention],
    deniers: Sequence[Who],
    cues: _Cues,
) -> list[EventMention]:
    denying = {_identity(d) for d in deniers}
    candidates = [
        e
        for e in earlier
        if e.kind not in cues.not_claims
        and e.rule != RULE
        and e.polarity == "asserts"
        and e.claimant is not None
        and _identity(e.claimant) not in denying
    ]
    owner = _owner(doc, reference)
    claimant = owner or (_identity(candidates[-1].claimant) if candidates else None)
    claims = [e for e in candidates if _identity(e.claimant) == claimant]
    if reference.singular and claims:
        one = claims[-1 if reference.demonstrative else 0].sentence_index
        claims = [e for e in claims if e.sentence_index == one]
    return _distinct(claims)


def _owner(doc: Document, reference: _Reference) -> str | None:
    """'the ministry's accusations': the actor named in the reference is the claimant."""
    for m in doc.mentions:
        if reference.start <= m.start < reference.end and m.kind == "actor":
            return m.key or m.name.lower()
    return None


def _distinct(claims: list[EventMention]) -> list[EventMention]:
    """One claim per kind and actors: a story tells its claims more than once, naming more
    or fewer places."""
    seen: set[tuple[str, frozenset[tuple[str, str]]]] = set()
    kept = []
    for claim in claims:
        actors = frozenset(
            (p.role, p.entity_key or p.name) for p in claim.participants if p.role != "location"
        )
        key = (claim.kind, actors)
        if key not in seen:
            seen.add(key)
            kept.append(claim)
    return kept


def _denying(denial: _Denial, claim: EventMention, denier: Who) -> EventMention:
    claimant = Claimant(
        denier.name, denier.entity_key, denial.text.lower(), denier.start, denier.end
    )
    return denying_retelling(
        claim,
        cue=(denial.text, denial.start, denial.end),
        evidence=denial.evidence,
        sentence_index=denial.sentence_index,
        claimant=claimant,
        rule=RULE,
        extras={
            "voice": "passive" if denial.passive else "active",
            "time_rule": "denied_claim",
        },
    )
