"""Who did it and to whom, read off the dependency parse.

A verb's agent is its subject in the active voice and the "by" phrase in the passive; its
target is the object, or the passive subject, or what an attack is aimed "at", "on" or
"against". A participle or an infinitive shares the subject of the verb it hangs from
("began to depart"); a relative clause takes the noun it describes ("fighters that fled").
A nominal trigger takes its agent from its modifiers ("a U.S. missile strike", "Assad's
attack", "the strike by the coalition") and its target from "on"/"against".

Only actors named inside those phrases count, never ones in a relative clause or an aside
within them: "the coalition, which flies jets over Syria, rejected ..." has one agent.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from timeline.extract.mentions import Mention
from timeline.extract.syntax import token_at

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_CLAUSES = frozenset({"relcl", "acl", "advcl", "appos", "ccomp", "parataxis"})
_SHARED_SUBJECT = frozenset({"xcomp", "conj", "advcl", "pcomp"})
_AIMED = frozenset({"at", "on", "against", "upon", "onto"})
_NOMINAL_AGENT = frozenset({"compound", "amod", "poss", "nmod"})


@dataclass(frozen=True, slots=True)
class Arguments:
    agents: tuple[Mention, ...]
    targets: tuple[Mention, ...]
    passive: bool


def arguments(
    parsed: Doc,
    start: int,
    end: int,
    actors: Sequence[Mention],
    loser_prepositions: frozenset[str] = frozenset(),
    speech_lemmas: frozenset[str] = frozenset(),
) -> Arguments | None:
    """The trigger's agents and targets among `actors`; None when the parse has no token
    for the trigger or names none of them (the positional reading then stands).

    `loser_prepositions`: what else names the target: the side that loses ("captured the
    town from X"), the one asked ("requests to X").
    `speech_lemmas`: verbs whose subject only speaks of a nominal trigger ("denied the
    attack"), never its agent."""
    trigger = token_at(parsed, start, end)
    if trigger is None or _misparsed(parsed, start, end, trigger):
        return None
    actions = [m for m in actors if not m.modifier]
    if trigger.pos_ in {"VERB", "AUX"}:
        found = _verbal(trigger, actions, loser_prepositions)
    else:
        found = _nominal(trigger, actors, actions, speech_lemmas, loser_prepositions)
    return found if found.agents or found.targets else None


def _misparsed(parsed: Doc, start: int, end: int, trigger: Token) -> bool:
    """A verb parsed as a modifier, or a hyphenated word split into pieces the parser reads
    as separate words ("counter - attacked", the hyphen a passive auxiliary): the parse of
    this clause is no guide."""
    if trigger.dep_ in {"amod", "compound"} and trigger.pos_ == "VERB":
        return True
    span = parsed.char_span(start, end, alignment_mode="expand")
    return span is not None and len(span) > 1 and any(t.text == "-" for t in span)


def _verbal(verb: Token, actors: Sequence[Mention], losers: frozenset[str]) -> Arguments:
    children = list(verb.children)
    passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in children) or (
        verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in children)
    )
    if passive:
        by = [g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        subject = [c for c in children if c.dep_ == "nsubjpass"]
        if not subject and verb.dep_ == "acl":
            subject = [verb.head]  # "an offensive led by Hezbollah": the offensive
        return Arguments(_within(by, actors), _within(subject, actors), True)
    subject = _subjects(verb)
    objects = [c for c in children if c.dep_ in {"dobj", "dative"}]
    aimed = [
        g
        for c in children
        if c.dep_ == "prep" and (c.lower_ in _AIMED or c.lower_ in losers)
        for g in _pobjs(c)
    ]
    return Arguments(_within(subject, actors), _within([*objects, *aimed], actors), False)


def _subjects(verb: Token) -> list[Token]:
    current = verb
    for _ in range(4):
        found = [c for c in current.children if c.dep_ in {"nsubj", "csubj"}]
        if found:
            return found
        if current.dep_ == "relcl":
            return [current.head]  # "fighters that fled the town"
        if current.dep_ not in _SHARED_SUBJECT or current.head.i == current.i:
            return []
        current = current.head
        if current.pos_ not in {"VERB", "AUX"}:
            return []
    return []


def _nominal(
    noun: Token,
    actors: Sequence[Mention],
    actions: Sequence[Mention],
    speech: frozenset[str],
    extra: frozenset[str],
) -> Arguments:
    """ "a U.S. missile strike on the base", "the strike by the coalition"; and a noun told
    through a verb: "Hezbollah led the assault", "the assault was led by Hezbollah", "the
    command sent two requests" (not a speech verb: "Russia denied the attack")."""
    children = list(noun.children)
    modifiers = [c for c in children if c.dep_ in _NOMINAL_AGENT]
    by = [g for c in children if c.dep_ == "prep" and c.lower_ == "by" for g in _pobjs(c)]
    aimed = [
        g
        for c in children
        if c.dep_ == "prep" and (c.lower_ in _AIMED or c.lower_ in extra)
        for g in _pobjs(c)
    ]
    agents = _within([*modifiers, *by], actors)
    verb = noun.head
    if not agents and verb.pos_ == "VERB" and verb.lemma_.lower() not in speech:
        if noun.dep_ == "dobj":
            agents = _within(_subjects(verb), actions)
        elif noun.dep_ == "nsubjpass":
            agents = _within(
                [g for c in verb.children if c.dep_ == "agent" for g in _pobjs(c)], actions
            )
    return Arguments(agents, _within(aimed, actions), False)


def _pobjs(preposition: Token) -> Iterable[Token]:
    return (c for c in preposition.children if c.dep_ == "pobj")


def _within(heads: Sequence[Token], actors: Sequence[Mention]) -> tuple[Mention, ...]:
    """The actors named inside these phrases, leaving out clauses nested in them."""
    if not heads:
        return ()
    tokens = {t.i for head in heads for t in _phrase(head)}
    doc = heads[0].doc
    found = []
    for m in actors:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and any(t.i in tokens for t in span):
            found.append(m)
    return tuple(found)


def _phrase(head: Token) -> list[Token]:
    """The head's phrase with its conjuncts, without the clauses inside it."""
    kept = [head]
    stack = [c for c in head.children if c.dep_ not in _CLAUSES]
    while stack:
        token = stack.pop()
        kept.append(token)
        stack.extend(c for c in token.children if c.dep_ not in _CLAUSES)
    return kept
