"""Who led an event already told: 'The assault was led by Hezbollah', 'Hezbollah and militias
backed by Iran did most of the fighting', 'in an assault spearheaded by Hezbollah'.

Such a sentence names the agent of a capture or attack without a trigger of its own, or with
only an event noun that refers back ("the assault", "the offensive"). Within the sentence of
the event it adds the leader as agent; otherwise it tells the event reported last in the same
or the previous paragraph again (same kind, places, targets and time), with the leader as its
agent, and replaces the event noun's own account. Leaders on the same side as another
account's agent then make an actor dispute when accounts are grouped. Cues: data/cues.yaml
`leaders`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from timeline.extract.assemble import attribution_for, build_event
from timeline.extract.document import Document
from timeline.extract.lexicon import Form, Lexicon, phrase_pattern
from timeline.extract.mentions import Mention
from timeline.extract.tellers import Tellers
from timeline.extract.triggers import Trigger
from timeline.extract.types import EventMention, Participant, TimeSource

LED_KINDS = ("capture", "attack")  # what a leader can lead, the likelier first
_WORD = re.compile(r"[^\W_]+")
_AND = re.compile(r"\s*,?\s*(?:and|as well as|along with)\s+(?:the\s+)?", re.IGNORECASE)
_MAX_GAP_WORDS = 3  # "led by fighters of Lebanon's Hezbollah"
_PARAGRAPHS_BACK = 3


@dataclass(frozen=True, slots=True)
class Lead:
    cue: tuple[int, int]
    leaders: tuple[Mention, ...]
    noun: tuple[int, int] | None  # the event noun that refers back, when there is one


@dataclass(frozen=True, slots=True)
class _Cues:
    after: re.Pattern[str]  # "the assault was led by X", "in an assault led by X"
    before: re.Pattern[str]  # "X did most of the fighting", "X led the offensive"
    excluded: re.Pattern[str]  # "rather than the army": named to be set aside
    attack_nouns: frozenset[str]  # "the counter-attack was led by": an attack, not a capture


@cache
def _cues(lexicon: Lexicon) -> _Cues:
    raw: Mapping[str, Any] = lexicon.cues["leaders"]
    nouns = phrase_pattern(raw["event_nouns"])
    be = r"(?:(?:was|were|is|are|had\s+been|has\s+been|have\s+been)\s+)?"
    return _Cues(
        after=re.compile(
            rf"\b(?P<noun>{nouns})\s+(?P<cue>{be}(?:{phrase_pattern(raw['agent_after'])}))\b",
            re.I,
        ),
        before=re.compile(
            rf"\b(?:{phrase_pattern(raw['agent_before'])})\s+(?:the\s+)?(?:{nouns})\b", re.I
        ),
        excluded=re.compile(
            rf"\b(?:{phrase_pattern(raw['not_leader_after'])})\s+(?:the\s+)?$", re.IGNORECASE
        ),
        attack_nouns=frozenset(n.lower() for n in raw["attack_nouns"]),
    )


def find_leads(
    text: str, start: int, end: int, actors: Sequence[Mention], cues: _Cues
) -> list[Lead]:
    leads = []
    for match in cues.after.finditer(text, start, end):
        leaders = _following(text, match.end(), actors)
        if leaders:
            leads.append(Lead(match.span("cue"), leaders, match.span("noun")))
    for match in cues.before.finditer(text, start, end):
        leaders = _preceding(text, start, match.start(), actors, cues)
        if leaders:
            leads.append(Lead(match.span(), leaders, None))
    return leads


def _following(text: str, cue_end: int, actors: Sequence[Mention]) -> tuple[Mention, ...]:
    after = [m for m in actors if m.start >= cue_end]
    if not after or len(_WORD.findall(text[cue_end : after[0].start])) > _MAX_GAP_WORDS:
        return ()
    group = [after[0]]
    for nxt in after[1:]:
        if not _AND.fullmatch(text, group[-1].end, nxt.start):
            break
        group.append(nxt)
    return tuple(group)


def _preceding(
    text: str, floor: int, cue_start: int, actors: Sequence[Mention], cues: _Cues
) -> tuple[Mention, ...]:
    """The subject before the cue, back to 'that' or the sentence start, without what
    'rather than' or 'not' sets aside."""
    thats = [floor + m.end() for m in re.finditer(r"\bthat\b", text[floor:cue_start])]
    subject_start = thats[-1] if thats else floor
    inside = [m for m in actors if subject_start <= m.start and m.end <= cue_start]
    kept = [m for m in inside if not cues.excluded.search(text, max(floor, m.start - 30), m.start)]
    if not kept or len(_WORD.findall(text[kept[-1].end : cue_start])) > _MAX_GAP_WORDS + 5:
        return ()
    return tuple(kept)


def apply_leads(
    doc: Document,
    index: int,
    tellers: Tellers,
    current: list[EventMention],
    earlier: Sequence[EventMention],
) -> list[EventMention]:
    """The sentence's event mentions with what its leads say about who led."""
    s = doc.sentences[index]
    claimants = [
        (a.claimant.start, a.claimant.end)
        for a in doc.attributions[index]
        if a.claimant and a.claimant.start is not None and a.claimant.end is not None
    ]
    actors = [
        m
        for m in doc.mentions_in(s)
        if m.kind == "actor"
        and not m.modifier
        and not any(a < m.end and m.start < b for a, b in claimants)
    ]
    result = list(current)
    for lead in find_leads(doc.text, s.start, s.end, actors, _cues(doc.lexicon)):
        at = next((i for i, e in enumerate(result) if _led_here(e, lead)), None)
        if at is not None:
            if _leads_it(doc.text, result[at], lead):
                result[at] = _with_leaders(result[at], lead)
            continue
        antecedent = _antecedent(doc, index, earlier, _kinds(doc, lead))
        if antecedent is not None:
            result = [e for e in result if not _is_noun(e, lead)]
            result.append(_retold(doc, index, tellers, antecedent, lead))
    return result


def _led_here(event: EventMention, lead: Lead) -> bool:
    """A capture or attack of the sentence itself, not the event noun that refers back."""
    return event.kind in LED_KINDS and not _is_noun(event, lead) and event.rule != RULE


_IN_THE = re.compile(r"\b(?:in|during|with)\s+(?:an?|the|their|its)\s+$", re.IGNORECASE)


def _leads_it(text: str, event: EventMention, lead: Lead) -> bool:
    """An event of the sentence with no agent yet, or one told as done 'in an assault led
    by X' (not 'ISIS retook the town, weeks after an offensive led by Hezbollah')."""
    if not any(p.role == "agent" for p in event.participants):
        return True
    return lead.noun is not None and bool(_IN_THE.search(text, 0, lead.noun[0]))


def _is_noun(event: EventMention, lead: Lead) -> bool:
    return lead.noun is not None and event.trigger_start == lead.noun[0]


def _agents(leaders: Sequence[Mention]) -> list[Participant]:
    return [Participant("agent", m.name, m.key, m.kind, m.start, m.end) for m in leaders]


def _with_leaders(event: EventMention, lead: Lead) -> EventMention:
    keys = {m.key or m.name for m in lead.leaders}
    others = [p for p in event.participants if (p.entity_key or p.name) not in keys]
    return replace(event, participants=(*_agents(lead.leaders), *others))


RULE = "lead-of-event"


def _kinds(doc: Document, lead: Lead) -> tuple[str, ...]:
    """What the lead's event noun can refer back to, the likelier first."""
    span = lead.noun or lead.cue
    nouns: frozenset[str] = _cues(doc.lexicon).attack_nouns
    if any(w in nouns for w in doc.text[span[0] : span[1]].lower().split()):
        return ("attack",)
    return LED_KINDS


def _antecedent(
    doc: Document, index: int, earlier: Sequence[EventMention], kinds: tuple[str, ...]
) -> EventMention | None:
    """The event of `kinds` asserted last in this paragraph or the few before it (wire
    paragraphs are a sentence or two long)."""
    paragraph = doc.sentences[index].paragraph
    rules = {r.id for r in doc.lexicon.rules}
    near = [
        e
        for e in earlier
        if e.polarity == "asserts"
        and e.rule in rules
        and paragraph - _PARAGRAPHS_BACK <= doc.sentences[e.sentence_index].paragraph <= paragraph
    ]
    for kind in kinds:
        of_kind = [e for e in near if e.kind == kind]
        if of_kind:
            return of_kind[-1]
    return None


def _retold(
    doc: Document, index: int, tellers: Tellers, antecedent: EventMention, lead: Lead
) -> EventMention:
    rule = next(r for r in doc.lexicon.rules if r.id == antecedent.rule)
    start, end = lead.cue
    text = doc.text[start:end]
    trigger = Trigger(
        rule,
        Form(text.lower(), "verb", "past"),
        start,
        end,
        text,
        antecedent.kind,
        False,
        False,
        None,
    )
    attribution = attribution_for(trigger, doc.attributions[index], doc.quoted.get(index))
    keys = {m.key or m.name for m in lead.leaders}
    kept = [
        p
        for p in antecedent.participants
        if p.role in ("target", "location") and (p.entity_key or p.name) not in keys
    ]
    s = doc.sentences[index]
    participants = (*_agents(lead.leaders), *kept)
    event = build_event(doc, index, [trigger], participants, attribution, tellers, (s.start, s.end))
    # Same event, same time: the antecedent's time, as context rather than the lead's own.
    source: TimeSource = "context" if antecedent.time_index is not None else "publication"
    extras = {**event.extras, "time_rule": "antecedent", "antecedent": antecedent.trigger}
    return replace(
        event, time_index=antecedent.time_index, time_source=source, rule=RULE, extras=extras
    )
