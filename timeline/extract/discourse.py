"""One story, several mentions: link each event mention to the story event it tells.

A news story tells its main event in the lead ("an attack killed dozens in Khan Sheikhoun on
Tuesday") and then keeps coming back to it without repeating where and when ("the attack",
"the army denied responsibility", "more than 50 people had been killed"). Each mention is
linked to a story event of its family whose place and time it does not contradict, and
takes from it what it leaves unsaid: the place, and the time. A mention whose own place or
time rules out every story event so far (a background sentence on an attack four years
before) starts a story event of its own. A denial or an accusation speaks of another event
and takes that event's family.

Which story event a silent mention joins: the one told most so far (the lead's, in practice),
not merely the last one, so that a background sentence does not capture what follows it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from timeline.extract.families import Families
from timeline.extract.gazetteer import Gazetteer
from timeline.extract.types import EventMention, Participant
from timeline.temporal.types import TimeMention

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(slots=True)
class _StoryEvent:
    family: str
    places: tuple[Participant, ...]  # the specific places it is told at
    time_index: int | None  # the first own time it is told with
    agents: frozenset[str] = frozenset()  # entity keys of the agents it is told with
    told: int = 0
    first: int = 0
    members: list[int] = field(default_factory=list)


def link_story(
    events: Sequence[EventMention],
    times: Sequence[TimeMention],
    gazetteer: Gazetteer,
    families: Families,
    opposed: Callable[[str, frozenset[str], frozenset[str]], bool] | None = None,
    parsed: Doc | None = None,
) -> list[EventMention]:
    """The mentions, each with its family and what its story event tells of place and time.

    `opposed(family, agents, other_agents)` tells agents whose tellings cannot be one event
    (opposing sides taking a town); by default none are."""
    story: list[_StoryEvent] = []
    linker = _Linker(times, gazetteer, families, opposed)
    chosen: dict[int, _StoryEvent] = {}
    order = sorted(range(len(events)), key=lambda i: (events[i].evidence_start, i))
    for position in order:
        em = events[position]
        own_family = families.family(em.kind)
        target = linker.choose(em, own_family, story)
        if target is None:
            family = own_family or families.fallback(em.kind)
            target = _StoryEvent(family, (), None, first=position)
            story.append(target)
        linker.absorb(target, em, position)
        chosen[position] = target
    _fold_lone_referrers(story, chosen, events, linker, families)
    story = [s for s in story if s.members]
    if parsed is not None:
        _date_by_anaphora(story, parsed, times, families)
    # What a mention leaves unsaid comes from its story event as the whole story tells it
    # (the headline's "gas attack" gets the lead's town and day).
    for s in story:
        s.places = linker.main_places([events[i] for i in s.members])
    number = {id(s): n for n, s in enumerate(story)}
    return [
        replace(linker.inherit(events[i], chosen[i]), story=number[id(chosen[i])])
        for i in range(len(events))
    ]


class _Linker:
    def __init__(
        self,
        times: Sequence[TimeMention],
        gazetteer: Gazetteer,
        families: Families,
        opposed: Callable[[str, frozenset[str], frozenset[str]], bool] | None,
    ) -> None:
        self.opposed = opposed
        self.times = times
        self.gazetteer = gazetteer
        self.reach = timedelta(days=families.reach_days)
        self.broad = families.broad_place_subtypes
        self.inheriting = families.place_inheriting
        self.referring = frozenset(families.referring)

    def specific(self, em: EventMention) -> tuple[Participant, ...]:
        """The places that tell one event from another: towns, sites, unknown names."""
        return tuple(p for p in em.participants if p.role == "location" and not self._is_broad(p))

    def _is_broad(self, p: Participant) -> bool:
        entry = self.gazetteer.entries.get(p.entity_key) if p.entity_key else None
        return entry is not None and entry.subtype in self.broad

    def own_time(self, em: EventMention) -> TimeMention | None:
        if em.time_index is None or em.time_source != "own":
            return None
        return self.times[em.time_index]

    def choose(
        self, em: EventMention, family: str | None, story: Sequence[_StoryEvent]
    ) -> _StoryEvent | None:
        fitting = [s for s in story if (family is None or s.family == family) and self._fits(em, s)]
        if not fitting:
            return None
        return max(fitting, key=lambda s: (s.told, -s.first))

    def _fits(self, em: EventMention, s: _StoryEvent) -> bool:
        agents = self.deed_agents(em)
        if self.opposed and agents and s.agents and self.opposed(s.family, agents, s.agents):
            return False
        places = self.specific(em)
        if places and s.places and not _same_place(places, s.places):
            return False
        told = self.times[s.time_index] if s.time_index is not None else None
        bound = self.said_by(em)
        # "X said on 8 Nov that it had fallen": not the fall of the 19th.
        if bound is not None and told is not None and told.earliest and told.earliest >= bound:
            return False
        # A denial's or an accusation's own date is when it was said, not when the deed was.
        if told is None or em.kind in self.referring:
            return True
        mine = self.own_time(em)
        if mine is None:
            # Dated by nothing of its own, but its sentence is about another day ("said on
            # November 8th that it had fallen that day"): background, not this story event.
            dated = self.sentence_times(em)
            return not dated or any(self._near(self.times[i], told) for i in dated)
        return self._near(mine, told)

    def sentence_times(self, em: EventMention) -> list[int]:
        """The dates and times in the mention's sentence (durations and sets date nothing)."""
        return [
            i
            for i, t in enumerate(self.times)
            if em.evidence_start <= t.start < em.evidence_end
            and t.type in {"DATE", "TIME"}
            and t.earliest is not None
            and t.latest is not None
        ]

    def background_time(self, em: EventMention) -> int | None:
        """The time a new story event starts with: none of its own, a telling with no time
        of its own is dated by its sentence's first date."""
        if self.own_time(em) is not None:
            return None
        dated = self.sentence_times(em)
        return dated[0] if dated else None

    def said_by(self, em: EventMention) -> datetime | None:
        """For a telling dated only by its statement ("said on Wednesday that ..."), when
        the statement ended: the event came before it."""
        if em.extras.get("time_rule") != "before_statement":
            return None
        ends = [
            t.latest
            for t in self.times
            if em.evidence_start <= t.start < em.evidence_end and t.latest is not None
        ]
        return min(ends) if ends else None

    def _near(self, a: TimeMention, b: TimeMention) -> bool:
        if None in (a.earliest, a.latest, b.earliest, b.latest):
            return a.value == b.value
        assert a.earliest and a.latest and b.earliest and b.latest
        return a.earliest < b.latest + self.reach and b.earliest < a.latest + self.reach

    def inherit(self, em: EventMention, s: _StoryEvent) -> EventMention:
        participants = em.participants
        if not self.specific(em) and s.places and s.family in self.inheriting:
            participants = (*participants, *s.places)
        time_index, time_source = em.time_index, em.time_source
        if self.own_time(em) is None and s.time_index is not None:
            time_index, time_source = s.time_index, "context"
        return replace(
            em,
            family=s.family,
            participants=participants,
            time_index=time_index,
            time_source=time_source,
        )

    def deed_agents(self, em: EventMention) -> frozenset[str]:
        """Who the mention says did it; a denial's or accusation's speaker did nothing."""
        if em.kind in self.referring:
            return frozenset()
        return _agent_keys(em)

    def main_places(self, members: Sequence[EventMention]) -> tuple[Participant, ...]:
        """The specific place its mentions name most often (the first on a tie)."""
        counts: dict[str, int] = {}
        first: dict[str, Participant] = {}
        for em in members:
            for p in self.specific(em):
                key = p.entity_key or p.name.casefold()
                counts[key] = counts.get(key, 0) + 1
                first.setdefault(key, p)
        if not counts:
            return ()
        best = max(counts, key=lambda k: counts[k])
        return (first[best],)

    def absorb(self, s: _StoryEvent, em: EventMention, position: int) -> None:
        if not s.places:
            s.places = self.specific(em)
        own = self.own_time(em)
        if s.time_index is None and own is not None and own.earliest is not None:
            s.time_index = em.time_index
        s.agents |= self.deed_agents(em)
        s.told += 1
        s.members.append(position)


def _fold_lone_referrers(
    story: list[_StoryEvent],
    chosen: dict[int, _StoryEvent],
    events: Sequence[EventMention],
    linker: _Linker,
    families: Families,
) -> None:
    """A denial or an accusation told before (or without) any deed in its document took a
    family of its own; a story that does tell a deed later is about that deed ("Syria
    denies using gas ... the attack killed 58"): it joins the story's main event."""
    deeds = [s for s in story if any(events[i].kind not in families.referring for i in s.members)]
    if not deeds:
        return
    main = max(deeds, key=lambda s: (s.told, -s.first))
    for s in story:
        if s is main or s in deeds:
            continue
        if all(linker._fits(events[i], main) for i in s.members):
            for i in s.members:
                chosen[i] = main
            main.members.extend(s.members)
            main.told += s.told
            s.members = []


def _date_by_anaphora(
    story: Sequence[_StoryEvent], parsed: Doc, times: Sequence[TimeMention], families: Families
) -> None:
    """ "Footage from the town following the incident on Tuesday": the time a sentence gives
    next to a noun referring back to the event dates the family's main story event, when
    none of its tellings has a time of its own."""
    for family, nouns in families.anaphoric_nouns.items():
        told = [s for s in story if s.family == family]
        if not told:
            continue
        main = max(told, key=lambda s: (s.told, -s.first))
        if main.time_index is not None:
            continue
        main.time_index = _time_near_noun(parsed, times, nouns)


def _time_near_noun(parsed: Doc, times: Sequence[TimeMention], nouns: frozenset[str]) -> int | None:
    for token in parsed:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in nouns:
            continue
        if not any(c.dep_ in {"det", "poss"} for c in token.children):
            continue
        sent = token.sent
        for i, t in enumerate(times):
            bounded = t.earliest is not None and t.latest is not None
            inside = sent.start_char <= t.start < sent.end_char
            if inside and bounded and t.type in {"DATE", "TIME"}:
                return i
    return None


def _agent_keys(em: EventMention) -> frozenset[str]:
    return frozenset(p.entity_key for p in em.participants if p.role == "agent" and p.entity_key)


def _same_place(a: Sequence[Participant], b: Sequence[Participant]) -> bool:
    names = {p.entity_key or p.name.casefold() for p in a}
    return bool(names & {p.entity_key or p.name.casefold() for p in b})
