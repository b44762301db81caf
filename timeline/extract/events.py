"""extract_events: sentences → triggers → participants, attribution and time → EventMention.

One account per event kind per sentence (a second trigger of the same kind adds its
participants). A nominal trigger ("the strikes") yields an account only when no verb in
the sentence does, and never in commentary. Attribution and time are assembled in
assemble.py; the document-wide preparation is in document.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from timeline.extract.arguments import arguments
from timeline.extract.assemble import attribution_for, build_event, claimant_spans, is_own_cue
from timeline.extract.attribution import Attribution
from timeline.extract.clauses import view
from timeline.extract.debunking import debunked, retarget
from timeline.extract.denials import denied_claims
from timeline.extract.discourse import link_story
from timeline.extract.document import Document, build_document, compiled
from timeline.extract.families import default_families
from timeline.extract.gazetteer import Gazetteer
from timeline.extract.leaders import apply_leads
from timeline.extract.lexicon import default_lexicon
from timeline.extract.mentions import Mention
from timeline.extract.participants import TARGET_KINDS, assign_roles, participant, supporters
from timeline.extract.quantities import find_quantities
from timeline.extract.speech import claimant_from
from timeline.extract.syntax import (
    event_places,
    is_verbal_use,
    modality,
    subject_of,
    syntax_cues,
)
from timeline.extract.tellers import Tellers, identity
from timeline.extract.triggers import Trigger, find_triggers
from timeline.extract.types import Claimant, EventMention, Participant, Sentence
from timeline.reconcile.actors import load_actor_rules
from timeline.temporal.types import TimeMention


def extract_events(
    text: str,
    mentions: Sequence[TimeMention],
    gazetteer: Gazetteer,
    *,
    publisher: str | None = None,
) -> list[EventMention]:
    """Event mentions of a document, in text order. Pure: no clock, no I/O."""
    doc = build_document(text, mentions, gazetteer, default_lexicon(), publisher)
    tellers = Tellers()
    heads = doc.lexicon.cues["_anonymous_heads"]
    events: list[EventMention] = []
    for index in range(len(doc.sentences)):
        if index in doc.skipped:
            continue
        doc.times.tellers[index] = identity(tellers.effective(doc, index), heads)
        found = apply_leads(doc, index, tellers, _sentence_events(doc, index, tellers), events)
        events.extend([*found, *denied_claims(doc, index, found, events)])
        events.extend(debunked(doc, index, found, events))
        tellers.update(doc, index)
    linked = link_story(
        retarget(events), mentions, gazetteer, default_families(), _opposed, doc.parsed
    )
    return _one_per_sentence(_named_once(linked))


def _agent_keys(em: EventMention) -> frozenset[str]:
    return frozenset(p.entity_key or p.name for p in em.participants if p.role == "agent")


def _one_per_sentence(events: list[EventMention]) -> list[EventMention]:
    """One account per claimant per story event per sentence: "an air strike killed 20 and
    wounded 40, the monitor said" is one telling, with both figures and every participant;
    the first trigger names it, the others are kept in extras."""
    kept: dict[tuple[object, ...], int] = {}
    merged: list[EventMention] = []
    for em in events:
        who = em.claimant.entity_key or em.claimant.name if em.claimant else None
        # Where the agent is part of what the event is, two movers are two events.
        doers = _agent_keys(em) if em.family in load_actor_rules().agent_kinds else frozenset()
        key = (em.sentence_index, em.family, em.story, who, em.polarity, em.modality, doers)
        if em.story is None or key not in kept:
            kept[key] = len(merged)
            merged.append(em)
            continue
        first = merged[kept[key]]
        seen = {(p.role, p.entity_key or p.name) for p in first.participants}
        extra = [p for p in em.participants if (p.role, p.entity_key or p.name) not in seen]
        figures = first.quantities + tuple(q for q in em.quantities if q not in first.quantities)
        others = "; ".join(t for t in (first.extras.get("other_triggers"), em.trigger) if t)
        merged[kept[key]] = replace(
            first,
            participants=(*first.participants, *extra),
            quantities=figures,
            extras={**first.extras, "other_triggers": others},
        )
    return merged


def _named_once(events: list[EventMention]) -> list[EventMention]:
    """ "A U.S. official said ... The official noted ...": an anonymous source named again
    by its head noun with "the" is the one introduced before."""
    introduced: dict[str, Claimant] = {}
    resolved = list(events)
    for i in sorted(range(len(events)), key=lambda i: (events[i].evidence_start, i)):
        claimant = events[i].claimant
        if claimant is None or claimant.entity_key is not None:
            continue
        words = claimant.name.lower().split()
        if len(words) == 2 and words[0] == "the" and words[1] in introduced:
            earlier = introduced[words[1]]
            named = replace(claimant, name=earlier.name, entity_key=earlier.entity_key)
            resolved[i] = replace(events[i], claimant=named)
        elif words and words[0] != "the":
            introduced[words[-1]] = claimant
    return resolved


def _opposed(family: str, agents: frozenset[str], others: frozenset[str]) -> bool:
    """Agents on opposing sides of a contested family (one side takes the town, the other
    takes it back) tell two events."""
    rules = load_actor_rules()
    if family not in rules.contested_kinds:
        return False
    mine, theirs = rules.sides(agents), rules.sides(others)
    return bool(mine and theirs and mine.isdisjoint(theirs))


def _sentence_events(doc: Document, index: int, tellers: Tellers) -> list[EventMention]:
    s = doc.sentences[index]
    _, breaks = compiled(doc.lexicon)
    sview = view(s, breaks)
    in_sentence = doc.mentions_in(s)
    attributions = doc.attributions[index]
    cues = syntax_cues()
    candidates = [
        read
        for t in find_triggers(doc.text, sview, doc.lexicon, in_sentence, doc.parsed)
        if (read := _as_parsed(doc, t)) is not None
    ]
    triggers = _reported(doc, s, candidates, attributions)
    support = supporters(doc.text, sview, in_sentence, doc.lexicon.cues["_supporters"])
    events: list[EventMention] = []
    roles_of = {}
    for t in triggers:
        excluded = claimant_spans(attributions, t)
        positional = assign_roles(doc.text, sview, t, in_sentence, support, excluded)
        placed = event_places(
            doc.parsed,
            t.start,
            t.end,
            positional,
            cues,
            speech_act=t.kind in _SPEECH_KINDS,
            movement=t.rule.category != "attack",
        )
        roles_of[t.start] = _parsed_arguments(doc, t, list(placed), in_sentence, excluded)
    # ", killing 12 soldiers": a participle after a comma shares the clause's subject.
    participles = {
        t.start
        for t in triggers
        if t.form.verb_form == "gerund" and doc.text[s.start : t.start].rstrip().endswith(",")
    }
    for group in _tellings(triggers, roles_of, participles):
        roles: list[Participant] = []
        for trigger in group:
            # A second trigger of the telling adds places, and roles the first one left empty.
            filled = {p.role for p in roles} - {"location"}
            roles.extend(p for p in roles_of[trigger.start] if p.role not in filled)
        attribution = attribution_for(group[0], attributions, doc.quoted.get(index))
        clause = sview.clause(group[0].start, group[0].end)
        built = build_event(doc, index, group, _dedupe(roles), attribution, tellers, clause)
        events.append(_read_off_parse(doc, built, in_sentence))
    return events


def _parsed_arguments(
    doc: Document,
    trigger: Trigger,
    roles: list[Participant],
    mentions: Sequence[Mention],
    excluded: Sequence[tuple[int, int]],
) -> list[Participant]:
    """Agents and targets from the parse where it reads the trigger; places, supporters
    and the rules that turn the subject into the loser stay as they were found."""
    if trigger.rule.subject_is_target:
        return roles
    actors = [
        m
        for m in mentions
        if m.kind == "actor" and not any(a < m.end and m.start < b for a, b in excluded)
    ]
    losers = _TARGET_PREPOSITIONS.get(trigger.rule.category, frozenset())
    speech = doc.lexicon.speech_lemmas
    found = arguments(doc.parsed, trigger.start, trigger.end, actors, losers, speech)
    if found is None:
        return roles
    kept = [p for p in roles if p.role not in {"agent", "target"}]
    taken = {(p.start, p.end) for p in kept}
    agents = [participant("agent", m) for m in found.agents if (m.start, m.end) not in taken]
    targets = [
        participant("target", m)
        for m in found.targets
        if trigger.kind in TARGET_KINDS and (m.start, m.end) not in taken
    ]
    return [*agents, *targets, *kept]


# Beyond "at/on/against": "captured the town from Islamic State" (the side that loses it),
# "requests to the coalition" (the one asked).
_TARGET_PREPOSITIONS = {
    "control_change": frozenset({"from"}),
    "communication": frozenset({"to"}),
}


def _as_parsed(doc: Document, trigger: Trigger) -> Trigger | None:
    """The trigger as the parse reads it: a verb form the parse takes for a noun is the
    rule's noun ("announced the full capture"), or no trigger at all ("Observatory head")."""
    if trigger.form.pos != "verb":
        return trigger
    noun_shaped = trigger.form.verb_form in _NOUN_SHAPED
    if is_verbal_use(doc.parsed, trigger.start, trigger.end, syntax_cues(), noun_shaped):
        return trigger
    nominal = next(
        (f for f in trigger.rule.forms if f.pos == "noun" and f.text == trigger.form.text), None
    )
    return replace(trigger, form=nominal) if nominal is not None else None


def _read_off_parse(doc: Document, em: EventMention, mentions: Sequence[Mention]) -> EventMention:
    """Modality, and the speaker of a telling that is itself a speech act ("Damascus blamed
    rebels", "the army denied responsibility"): its subject, not the running claimant."""
    cues = syntax_cues()
    told_as = modality(doc.parsed, em.trigger_start, em.trigger_end, cues)
    claimant = em.claimant
    if em.kind in _SELF_TOLD and (claimant is None or claimant.cue == "inherited"):
        subject = subject_of(doc.parsed, em.trigger_start, em.trigger_end)
        own = claimant_from(subject, mentions, em.trigger.lower()) if subject else None
        if own is not None and not (doc.publisher_key and own.entity_key == doc.publisher_key):
            claimant = own
    figures = find_quantities(doc.parsed, em.evidence_start, em.evidence_end)
    return replace(em, modality=told_as, claimant=claimant, quantities=figures)


# Verb forms that can be read as nouns as written ("head", "attacks").
_NOUN_SHAPED = frozenset({"base", "third", None})

# Kinds whose trigger is a speech act: a place as its subject is a government speaking.
_SPEECH_KINDS = frozenset({"accusation", "denial", "statement", "refusal", "request"})
# Of those, the ones whose subject claims what they tell ("Damascus blamed rebels"); a
# refusal or a request is told by whoever reports it, its subject is only its agent.
_SELF_TOLD = frozenset({"accusation", "denial", "statement"})


def _tellings(
    triggers: list[Trigger], roles_of: dict[int, list[Participant]], participles: set[int]
) -> list[list[Trigger]]:
    """Triggers of one kind in a sentence tell one event ("began to depart ..., making their
    way for ..."), unless they name different agents ("ISIS fled as Hezbollah entered")."""
    groups: list[list[Trigger]] = []
    for group in _by_kind(triggers):
        current: list[Trigger] = []
        agents: set[str] = set()
        for trigger in group:
            mine = _agents(roles_of[trigger.start])
            separate = trigger.start not in participles and not mine & agents
            if current and mine and agents and separate:
                groups.append(current)
                current, agents = [], set()
            current.append(trigger)
            agents |= mine
        groups.append(current)
    return sorted(groups, key=lambda g: g[0].start)


def _agents(roles: list[Participant]) -> set[str]:
    return {p.entity_key or p.name.lower() for p in roles if p.role == "agent"}


def _reported(
    doc: Document, s: Sentence, triggers: list[Trigger], attributions: Sequence[Attribution]
) -> list[Trigger]:
    """Drop speech verbs that only introduce other events, then nominal-only leftovers."""
    kept = []
    for trigger in triggers:
        # A lead's verb ("published images") is an event of its own, never only a cue.
        cue_of = [
            a
            for a in attributions
            if is_own_cue(a, trigger) and not (a.claimant and a.claimant.cue == "lead")
        ]
        if cue_of and any(
            t is not trigger and cue_of[0].scope[0] <= t.start < cue_of[0].scope[1]
            for t in triggers
        ):
            continue
        kept.append(trigger)
    verbal = [t for t in kept if t.form.pos == "verb"]
    if verbal:
        return verbal
    if doc.lexicon.cues["_opinion"].search(s.text):
        return []
    return kept


def _by_kind(triggers: list[Trigger]) -> list[list[Trigger]]:
    groups: dict[str, list[Trigger]] = {}
    for trigger in triggers:
        groups.setdefault(trigger.kind, []).append(trigger)
    return list(groups.values())


def _dedupe(roles: list[Participant]) -> tuple[Participant, ...]:
    seen: set[tuple[str, str]] = set()
    unique = []
    for p in roles:
        key = (p.role, p.entity_key or p.name.lower())
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return tuple(unique)
