"""extract_events: sentences → triggers → participants, attribution and time → EventMention.

One account per event kind per sentence (a second trigger of the same kind adds its
participants). A nominal trigger ("the strikes") yields an account only when no verb in
the sentence does, and never in commentary. The claimant is the sentence's own attribution,
else the document's running claimant (a lead or the last sentence-level attribution), else
None, meaning the publisher.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from timeline.extract.attribution import Attribution, find_attributions
from timeline.extract.clauses import break_regex, view
from timeline.extract.gazetteer import Gazetteer
from timeline.extract.lexicon import Lexicon, default_lexicon
from timeline.extract.mentions import Anaphora, Mention, compile_anaphora, find_mentions
from timeline.extract.names import unknown_names
from timeline.extract.participants import assign_roles, supporters
from timeline.extract.sentences import split_sentences
from timeline.extract.timing import TimeContext
from timeline.extract.triggers import Trigger, find_triggers
from timeline.extract.types import Claimant, EventMention, Participant, Polarity, Sentence
from timeline.temporal.types import TimeMention


@dataclass(frozen=True, slots=True)
class _Document:
    text: str
    sentences: list[Sentence]
    skipped: frozenset[int]  # boilerplate sentences
    mentions: list[Mention]
    times: TimeContext
    lexicon: Lexicon
    publisher_key: str | None
    publisher_name: str | None


@cache
def _compiled(lexicon: Lexicon) -> tuple[Anaphora, re.Pattern[str]]:
    return compile_anaphora(lexicon.cues["anaphora"]), break_regex(lexicon.cues["clause_breaks"])


def is_boilerplate(sentence: Sentence, lexicon: Lexicon) -> bool:
    return any(p.search(sentence.text) for p in lexicon.cues["_boilerplate"])


def extract_events(
    text: str,
    mentions: Sequence[TimeMention],
    gazetteer: Gazetteer,
    *,
    publisher: str | None = None,
) -> list[EventMention]:
    """Event mentions of a document, in text order. Pure."""
    lexicon = default_lexicon()
    sentences = split_sentences(text)
    skipped = frozenset(i for i, s in enumerate(sentences) if is_boilerplate(s, lexicon))
    narrative = {
        s.paragraph for i, s in enumerate(sentences) if i not in skipped and _is_narrative(s)
    }
    entry = gazetteer.lookup(publisher) if publisher else None
    doc = _Document(
        text=text,
        sentences=sentences,
        skipped=skipped,
        mentions=_all_mentions(text, sentences, gazetteer, lexicon, mentions),
        times=TimeContext(sentences, mentions, narrative),
        lexicon=lexicon,
        publisher_key=entry.key if entry else None,
        publisher_name=publisher,
    )
    running: Claimant | None = None
    events: list[EventMention] = []
    for index in range(len(sentences)):
        if index in skipped:
            continue
        found, running = _sentence_events(doc, index, running)
        events.extend(found)
    return events


def _all_mentions(
    text: str,
    sentences: Sequence[Sentence],
    gazetteer: Gazetteer,
    lexicon: Lexicon,
    times: Sequence[TimeMention],
) -> list[Mention]:
    """Gazetteer mentions and anaphors, then unknown names in what is left."""
    anaphora, _ = _compiled(lexicon)
    known = find_mentions(text, gazetteer, lexicon.cues, anaphora)
    taken = [(m.start, m.end) for m in known] + [(t.start, t.end) for t in times]
    names = unknown_names(text, sentences, taken, lexicon.cues)
    return sorted([*known, *names], key=lambda m: m.start)


def _is_narrative(sentence: Sentence) -> bool:
    return sentence.text.rstrip()[-1:] in '.!?"”’' or len(sentence.text) > 80


def _sentence_events(
    doc: _Document, index: int, running: Claimant | None
) -> tuple[list[EventMention], Claimant | None]:
    s = doc.sentences[index]
    _, breaks = _compiled(doc.lexicon)
    sview = view(s, breaks)
    in_sentence = [m for m in doc.mentions if s.start <= m.start < s.end]
    attributions = find_attributions(doc.text, s, in_sentence, doc.lexicon)
    doc.times.statement_times.update(_statement_times(doc, index, attributions))
    triggers = _reported(
        doc, s, find_triggers(doc.text, sview, doc.lexicon, in_sentence), attributions
    )
    support = supporters(doc.text, sview, in_sentence, doc.lexicon.cues["_supporters"])
    events: list[EventMention] = []
    for kind_triggers in _by_kind(triggers):
        first = kind_triggers[0]
        roles: list[Participant] = []
        for trigger in kind_triggers:
            excluded = _claimant_spans(attributions, trigger)
            roles.extend(assign_roles(doc.text, sview, trigger, in_sentence, support, excluded))
        attribution = _attribution_for(first, attributions)
        events.append(
            _event(doc, index, first, kind_triggers[1:], _dedupe(roles), attribution, running)
        )
    return events, _next_running(attributions, running)


def _reported(
    doc: _Document, s: Sentence, triggers: list[Trigger], attributions: Sequence[Attribution]
) -> list[Trigger]:
    """Drop speech verbs that only introduce other events, then nominal-only leftovers."""
    kept = []
    for trigger in triggers:
        cue_of = [a for a in attributions if a.cue == (trigger.start, trigger.end)]
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


_STATEMENT_TIME_GAP = re.compile(r"[\s,]*(?:(?:on|late|early|in|a|an|the|statement)\s+)*")


def _statement_times(doc: _Document, index: int, attributions: Sequence[Attribution]) -> set[int]:
    """Mentions that date a speech act: 'X said on Tuesday', 'X on Tuesday said'."""
    found = set()
    for i in doc.times.in_sentence(index):
        mention = doc.times.mention(i)
        for a in attributions:
            speaker_start = a.claimant.start if a.claimant and a.claimant.start else a.cue[0]
            between = speaker_start <= mention.start and mention.end <= a.cue[0]
            right_after = mention.start >= a.cue[1] and _STATEMENT_TIME_GAP.fullmatch(
                doc.text, a.cue[1], mention.start
            )
            if between or right_after:
                found.add(i)
    return found


def _is_own_cue(attribution: Attribution, trigger: Trigger) -> bool:
    """The trigger is the attribution's own verb ("The coalition denied the claims")."""
    return attribution.cue[0] <= trigger.start and trigger.end <= attribution.cue[1]


def _claimant_spans(attributions: Sequence[Attribution], trigger: Trigger) -> list[tuple[int, int]]:
    """Speakers are not participants of what they report, but are of their own speech act."""
    return [
        (a.claimant.start, a.claimant.end)
        for a in attributions
        if a.sentence_level
        and a.claimant
        and a.claimant.start is not None
        and a.claimant.end is not None
        and not _is_own_cue(a, trigger)
    ]


def _attribution_for(trigger: Trigger, attributions: Sequence[Attribution]) -> Attribution | None:
    own = [a for a in attributions if _is_own_cue(a, trigger)]
    if own:
        return own[0]
    covering = [a for a in attributions if a.scope[0] <= trigger.start < a.scope[1]]
    return min(covering, key=lambda a: a.scope[1] - a.scope[0]) if covering else None


def _event(
    doc: _Document,
    index: int,
    trigger: Trigger,
    others: list[Trigger],
    participants: tuple[Participant, ...],
    attribution: Attribution | None,
    running: Claimant | None,
) -> EventMention:
    s = doc.sentences[index]
    claimant = _claimant_for(attribution, running)
    if claimant is not None and _is_publisher(doc, claimant):
        claimant = None
    reported = attribution if attribution and not _is_own_cue(attribution, trigger) else None
    denied = reported is not None and reported.polarity == "denies"
    polarity: Polarity = "denies" if trigger.negated or denied else "asserts"
    hedge = trigger.hedge or (reported.hedge if reported else None)
    speech_act = attribution is not None and _is_own_cue(attribution, trigger)
    time = doc.times.choose(index, trigger.start, speech_act=speech_act)
    extras = {
        "category": trigger.rule.category,
        "voice": "passive" if trigger.passive else "active",
        "time_rule": time.rule,
    }
    if others:
        extras["other_triggers"] = "; ".join(t.text for t in others)
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


def _claimant_for(attribution: Attribution | None, running: Claimant | None) -> Claimant | None:
    if attribution is not None and attribution.claimant is not None:
        return attribution.claimant
    if running is None:
        return None
    return replace(running, cue="inherited")


def _is_publisher(doc: _Document, claimant: Claimant) -> bool:
    if doc.publisher_key is not None and claimant.entity_key == doc.publisher_key:
        return True
    return (
        bool(doc.publisher_name)
        and claimant.name.casefold() == (doc.publisher_name or "").casefold()
    )


def _next_running(attributions: Sequence[Attribution], running: Claimant | None) -> Claimant | None:
    for attribution in attributions:
        if attribution.sentence_level and attribution.claimant is not None:
            running = attribution.claimant
    return running
