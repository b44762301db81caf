"""Assembling one EventMention: claimant, polarity, hedging and time for a trigger.

The claimant is the attribution whose scope holds the trigger (the innermost), or the
speaker of the quotation it stands in, else the document's running claimant ("inherited"),
else None, meaning the publisher; a claimant who is the publisher is None as well. A speech
verb that is itself the event ("the coalition denied the claims") has its speaker as
claimant and agent, and is dated by its own statement time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from timeline.extract.attribution import Attribution
from timeline.extract.document import Document
from timeline.extract.tellers import Tellers, identity
from timeline.extract.triggers import Trigger
from timeline.extract.types import Claimant, EventMention, Participant, Polarity

_COUNT = re.compile(
    r"\b(\d+|two|three|four|five|six|seven|eight|nine|ten|both|several|dozens of|hundreds of)\s+$",
    re.IGNORECASE,
)


def is_own_cue(attribution: Attribution, trigger: Trigger) -> bool:
    """The trigger is the attribution's own verb ("The coalition denied the claims")."""
    return attribution.cue[0] < trigger.end and trigger.start < attribution.cue[1]


def claimant_spans(attributions: Sequence[Attribution], trigger: Trigger) -> list[tuple[int, int]]:
    """Speakers are not participants of what they report, but are of their own speech act.

    The span runs over the cue too: in "according to the group's Amaq agency" no one is a
    participant."""
    spans = []
    for a in attributions:
        claimant = a.claimant
        if not a.sentence_level or claimant is None or is_own_cue(a, trigger):
            continue
        if claimant.start is None or claimant.end is None:
            continue
        spans.append((min(claimant.start, a.cue[0]), max(claimant.end, a.cue[1])))
    return spans


def attribution_for(
    trigger: Trigger, attributions: Sequence[Attribution], quoted: Attribution | None
) -> Attribution | None:
    own = [a for a in attributions if is_own_cue(a, trigger)]
    if own:
        return own[0]
    covering = [a for a in attributions if a.scope[0] <= trigger.start < a.scope[1]]
    # "TASS reported, citing the ministry, that ...": the relayed source, not the relay.
    relays = {a.relay.name for a in covering if a.relay is not None}
    inner = [a for a in covering if not (a.claimant and a.claimant.name in relays)] or covering
    if inner:
        return min(inner, key=lambda a: a.scope[1] - a.scope[0])
    return quoted


def build_event(
    doc: Document,
    index: int,
    triggers: Sequence[Trigger],
    participants: tuple[Participant, ...],
    attribution: Attribution | None,
    tellers: Tellers,
    clause: tuple[int, int],
) -> EventMention:
    trigger, others = triggers[0], triggers[1:]
    s = doc.sentences[index]
    claimant = _claimant_for(attribution, doc.attributions[index], tellers, s.paragraph)
    teller = identity(claimant, doc.lexicon.cues["_anonymous_heads"])
    if claimant is not None and _is_publisher(doc, claimant):
        claimant = None
    speech_act = attribution is not None and is_own_cue(attribution, trigger)
    # "posted the pictures yesterday, saying ...": the time of the saying is the posting's.
    dated_as_speech = speech_act or trigger.kind == "publication"
    reported = None if speech_act else attribution
    denied = reported is not None and reported.polarity == "denies"
    polarity: Polarity = "denies" if trigger.negated or denied else "asserts"
    hedge = trigger.hedge or (reported.hedge if reported else None)
    time = doc.times.choose(
        index, trigger.start, speech_act=dated_as_speech, teller=teller, clause=clause
    )
    extras = {
        "category": trigger.rule.category,
        "voice": "passive" if trigger.passive else "active",
        "time_rule": time.rule,
    }
    if others:
        extras["other_triggers"] = "; ".join(t.text for t in others)
    count = _COUNT.search(doc.text, max(s.start, trigger.start - 20), trigger.start)
    if count is not None and trigger.form.pos == "noun":  # "sent two requests"
        extras["count"] = count.group(1).lower()
    if attribution is not None and attribution.relay is not None:
        extras["relayed_by"] = attribution.relay.name
        if attribution.relay.entity_key:
            extras["relayed_by_key"] = attribution.relay.entity_key
    return EventMention(
        kind=trigger.kind,
        trigger=trigger.text,
        trigger_start=trigger.start,
        trigger_end=trigger.end,
        evidence_start=s.start,
        evidence_end=s.end,
        sentence_index=index,
        participants=participants,
        claimant=claimant,
        polarity=polarity,
        hedged=hedge is not None,
        hedge_cue=hedge,
        time_index=time.index,
        time_source=time.source,
        rule=trigger.rule.id,
        extras=extras,
    )


def _claimant_for(
    attribution: Attribution | None,
    in_sentence: Sequence[Attribution],
    tellers: Tellers,
    paragraph: int,
) -> Claimant | None:
    if attribution is not None and attribution.claimant is not None:
        return attribution.claimant
    if attribution is not None:  # a pronoun speaker: "It said ...", "... it said"
        earlier = [a.claimant for a in in_sentence if a.claimant and a.cue[0] < attribution.cue[0]]
        return replace(earlier[-1], cue="pronoun") if earlier else tellers.pronoun()
    return tellers.inherited(paragraph)


def _is_publisher(doc: Document, claimant: Claimant) -> bool:
    if doc.publisher_key is not None and claimant.entity_key == doc.publisher_key:
        return True
    name = doc.publisher_name
    return bool(name) and claimant.name.casefold() == (name or "").casefold()
