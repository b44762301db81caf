"""Participants of one trigger with roles: agent, target, supporter, location.

Roles come from position inside the trigger's clause: in the active voice the nearest actor
before the trigger is the agent and the first actor after it the target; in the passive the
actor after "by" is the agent and the subject the target. Actors right after a support cue
("with the support of", "backed by") are supporters. Places in the clause are locations,
the finest first; countries and regions are dropped when a town or crossing is named.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from timeline.extract.clauses import SentenceView, words_before
from timeline.extract.mentions import Mention
from timeline.extract.triggers import Trigger
from timeline.extract.types import Participant, Role
from timeline.extract.unknown_entities import object_place

TARGET_KINDS = frozenset(
    {"capture", "attack", "request", "refusal", "denial", "accusation", "casualties"}
)
_COARSE_PLACES = frozenset({"country", "region"})
_PLACE_OBJECT_KINDS = frozenset({"capture", "movement"})
_NOT_AGENT_AFTER = frozenset(
    {"against", "from", "to", "toward", "towards", "into", "on", "at", "with", "for", "over"}
)
_WORD = re.compile(r"[^\W_]+")
_BE = frozenset({"is", "are", "was", "were", "been", "being"})
_PARTICIPLES = frozenset({"held", "led", "run", "taken", "seen", "made", "won", "built", "kept"})


def participant(role: Role, m: Mention) -> Participant:
    return Participant(role, m.name, m.key, m.kind, m.start, m.end)


def supporters(
    text: str, view: SentenceView, mentions: Sequence[Mention], cue_pattern: re.Pattern[str]
) -> list[Mention]:
    """Actors named right after a support cue anywhere in the sentence."""
    s = view.sentence
    found = []
    for cue in cue_pattern.finditer(text, s.start, s.end):
        for m in mentions:
            if m.kind == "actor" and m.start >= cue.end():
                if len(_WORD.findall(text[cue.end() : m.start])) <= 3:
                    found.append(m)
                break
    return found


def assign_roles(
    text: str,
    view: SentenceView,
    trigger: Trigger,
    mentions: Sequence[Mention],
    supporting: Sequence[Mention],
    excluded: Sequence[tuple[int, int]],
) -> list[Participant]:
    """Participants of the trigger; `excluded` spans (claimants) are never participants."""
    c_start, c_end = view.clause(trigger.start, trigger.end)
    inside_parens = view.in_parentheses(trigger.start)

    def usable(m: Mention) -> bool:
        return (
            not m.modifier
            and m not in supporting
            and not any(a < m.end and m.start < b for a, b in excluded)
            and (inside_parens or not view.in_parentheses(m.start))
        )

    clause = [m for m in mentions if c_start <= m.start < c_end and usable(m)]
    if trigger.kind in _PLACE_OBJECT_KINDS and not trigger.passive:
        place = object_place(text, trigger.end, clause)
        clause = [place if place is not None and m.start == place.start else m for m in clause]
    actors = [m for m in clause if m.kind == "actor"]
    sentence_actors = [m for m in mentions if m.kind == "actor" and usable(m)]
    before = (
        [m for m in actors if m.end <= trigger.start]
        or _relative_antecedent(text, view, trigger, sentence_actors)
        or _appositive_subject(text, view, trigger, sentence_actors)
    )
    after = [m for m in actors if m.start >= trigger.end]
    roles: list[Participant] = []
    agents, target = _agent_and_target(text, view, trigger, before, after)
    roles.extend(participant("agent", m) for m in agents)
    if target is not None and trigger.kind in TARGET_KINDS:
        roles.append(participant("target", target))
    roles.extend(participant("supporter", m) for m in supporting if c_start <= m.start < c_end)
    places = [m for m in clause if m.kind == "place"]
    roles.extend(participant("location", m) for m in _finest(places, trigger))
    return _unique(roles)


def _relative_antecedent(
    text: str, view: SentenceView, trigger: Trigger, actors: Sequence[Mention]
) -> list[Mention]:
    """'ISIS fighters that supposedly left Syria': the subject is before the relative word."""
    c_start, _ = view.clause(trigger.start, trigger.end)
    if len(_WORD.findall(text[c_start : trigger.start])) > 2:
        return []
    if words_before(text, view.sentence.start, c_start, 1) not in (["that"], ["which"], ["who"]):
        return []
    earlier = [m for m in actors if m.end <= c_start]
    if earlier and len(_WORD.findall(text[earlier[-1].end : c_start])) <= 3:
        return [earlier[-1]]
    return []


def _appositive_subject(
    text: str, view: SentenceView, trigger: Trigger, actors: Sequence[Mention]
) -> list[Mention]:
    """'The coalition, which flies F-16s over Syria, has repeatedly rejected ...'."""
    s = view.sentence
    comma = text.rfind(",", s.start, trigger.start)
    if comma < 0 or len(_WORD.findall(text[comma : trigger.start])) > 5:
        return []
    first = next((m for m in actors if m.start < comma), None)
    if first is None or len(_WORD.findall(text[s.start : first.start])) > 1:
        return []
    return [first] if text[first.end : comma + 1].lstrip().startswith(",") else []


def _agent_and_target(
    text: str, view: SentenceView, trigger: Trigger, before: list[Mention], after: list[Mention]
) -> tuple[list[Mention], Mention | None]:
    if trigger.passive:
        by_agent = next((m for m in after if _follows_by(text, trigger.end, m)), None)
        subject = before[-1] if before else None
        agents = _coordinated(text, after, by_agent, forward=True) if by_agent else []
        return agents, subject
    # The nearest actor is the agent unless it is governed by a preposition ("strikes on IS
    # convoys that left"): then no agent, rather than one from further back.
    nearest = before[-1] if before else None
    usable = nearest is not None and not _after_preposition(text, view, nearest)
    agents = _coordinated(text, before, nearest, forward=False) if nearest and usable else []
    by_agent = next((m for m in after if _follows_by(text, trigger.end, m)), None)
    if not agents and by_agent is not None:  # "the assault was led by Hezbollah"
        return _coordinated(text, after, by_agent, forward=True), None
    if trigger.rule.subject_is_target:  # "ISIS lost Abu Kamal to government forces"
        winner = next((m for m in after if _follows_to(text, trigger.end, m)), None)
        return ([winner] if winner else []), (agents[0] if agents else None)
    target = after[0] if after else None
    return agents, target


def _follows_to(text: str, trigger_end: int, m: Mention) -> bool:
    return bool(re.search(r"\bto\s+(?:the\s+)?$", text[trigger_end : m.start]))


_COORDINATION = re.compile(r"\s*,?\s*(?:and|as well as|along with)\s+(?:the\s+)?", re.I)
_LIST_COMMA = re.compile(r"\s*,\s*(?:the\s+)?", re.I)


def _coordinated(
    text: str, actors: list[Mention], head: Mention, *, forward: bool
) -> list[Mention]:
    """'Hezbollah and Iraqi paramilitaries crossed': both are agents."""
    group = [head]
    at = actors.index(head)
    step = 1 if forward else -1
    while 0 <= at + step < len(actors):
        nxt = actors[at + step]
        gap = text[group[-1].end : nxt.start] if forward else text[nxt.end : group[-1].start]
        # A bare comma joins only a list already closed by "and": "A, B and C".
        joined = _COORDINATION.fullmatch(gap) or (len(group) > 1 and _LIST_COMMA.fullmatch(gap))
        if not joined:
            break
        group.append(nxt)
        at += step
    return group if forward else group[::-1]


def _follows_by(text: str, trigger_end: int, m: Mention) -> bool:
    """'liberated last week by the army'; not 'regrouped in areas held by the coalition'."""
    gap = text[trigger_end : m.start] + " "
    match = re.match(r"\s+((?:[\w'’-]+\s+){0,3}?)by\s+(?:[\w'’-]+\s+){0,5}?$", gap)
    if match is None:
        return False
    words = match.group(1).lower().split()
    for i, word in enumerate(words):
        other_participle = word.endswith("ed") or word in _PARTICIPLES
        # "the assault was led by X" is the trigger's own predicate; "areas held by X" is not.
        if other_participle and (i == 0 or words[i - 1] not in _BE):
            return False
    return True


def _after_preposition(text: str, view: SentenceView, m: Mention) -> bool:
    before = words_before(text, view.sentence.start, m.start, 2)
    return bool(before) and (
        before[-1] in _NOT_AGENT_AFTER or (before[-1] == "the" and before[:1] == ["against"])
    )


def _finest(places: list[Mention], trigger: Trigger) -> list[Mention]:
    fine = [m for m in places if m.subtype not in _COARSE_PLACES]
    chosen = fine or places
    return sorted(chosen, key=lambda m: abs(m.start - trigger.start))


def _unique(roles: list[Participant]) -> list[Participant]:
    seen: set[tuple[str, str]] = set()
    result = []
    for p in roles:
        key = (p.role, p.entity_key or p.name.lower())
        if key not in seen:
            seen.add(key)
            result.append(p)
    return result
