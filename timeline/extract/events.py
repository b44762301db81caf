"""extract_events: sentences → triggers → participants, attribution and time → EventMention.

One account per event kind per sentence (a second trigger of the same kind adds its
participants). A nominal trigger ("the strikes") yields an account only when no verb in
the sentence does, and never in commentary. Attribution and time are assembled in
assemble.py; the document-wide preparation is in document.py.
"""

from __future__ import annotations

from collections.abc import Sequence

from timeline.extract.assemble import attribution_for, build_event, claimant_spans, is_own_cue
from timeline.extract.attribution import Attribution
from timeline.extract.clauses import view
from timeline.extract.document import Document, build_document, compiled
from timeline.extract.gazetteer import Gazetteer
from timeline.extract.lexicon import default_lexicon
from timeline.extract.participants import assign_roles, supporters
from timeline.extract.tellers import Tellers, identity
from timeline.extract.triggers import Trigger, find_triggers
from timeline.extract.types import EventMention, Participant, Sentence
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
        events.extend(_sentence_events(doc, index, tellers))
        tellers.update(doc, index)
    return events


def _sentence_events(doc: Document, index: int, tellers: Tellers) -> list[EventMention]:
    s = doc.sentences[index]
    _, breaks = compiled(doc.lexicon)
    sview = view(s, breaks)
    in_sentence = doc.mentions_in(s)
    attributions = doc.attributions[index]
    triggers = _reported(
        doc, s, find_triggers(doc.text, sview, doc.lexicon, in_sentence), attributions
    )
    support = supporters(doc.text, sview, in_sentence, doc.lexicon.cues["_supporters"])
    events: list[EventMention] = []
    for group in _by_kind(triggers):
        roles: list[Participant] = []
        for trigger in group:
            excluded = claimant_spans(attributions, trigger)
            found = assign_roles(doc.text, sview, trigger, in_sentence, support, excluded)
            # A second trigger of the kind adds places, and roles the first one left empty.
            filled = {p.role for p in roles} - {"location"}
            roles.extend(p for p in found if p.role not in filled)
        attribution = attribution_for(group[0], attributions, doc.quoted.get(index))
        clause = sview.clause(group[0].start, group[0].end)
        events.append(build_event(doc, index, group, _dedupe(roles), attribution, tellers, clause))
    return events


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
