"""Group accounts into events so that the grouping depends on the set of accounts only.

Accounts are taken in a canonical order the caller gives (publication, document, offset);
each joins the best-scoring group so far or starts one. The same accounts, in whatever
order they were ingested, therefore always make the same groups.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import reduce

from timeline.reconcile.envelope import Interval, envelope
from timeline.reconcile.scoring import DEFAULT_RULES, Facts, GroupingRules, match_score


def combine(group: Facts, member: Facts) -> Facts:
    """What a group looks like once `member` has joined it."""
    earliest, latest = _envelope(group, member)
    return Facts(
        kind=group.kind,
        place=group.place or member.place,
        area=group.area or member.area,
        place_at=group.place_at if group.place else member.place_at,
        place_known=group.place_known if group.place else member.place_known,
        agents=group.agents | member.agents,
        earliest=earliest,
        latest=latest,
        dated=group.dated or member.dated,
        sides=group.sides | member.sides,
        target_sides=group.target_sides | member.target_sides,
        strict_agents=group.strict_agents or member.strict_agents,
        claimants=group.claimants | member.claimants,
        others=group.others | member.others,
    )


def _envelope(a: Facts, b: Facts) -> tuple[datetime | None, datetime | None]:
    if a.dated != b.dated:  # undated accounts do not stretch a dated group
        dated = a if a.dated else b
        return dated.earliest, dated.latest
    starts, ends = (a.earliest, b.earliest), (a.latest, b.latest)
    earliest = None if None in starts else min(s for s in starts if s is not None)
    latest = None if None in ends else max(e for e in ends if e is not None)
    return earliest, latest


@dataclass(slots=True)
class _Group:
    facts: Facts
    members: list[int]
    intervals: list[Interval]  # of the dated members, or of all while none is dated

    def add(self, index: int, member: Facts) -> None:
        joined = combine(self.facts, member)
        if member.dated and not self.facts.dated:
            self.intervals = []
        if member.dated or not joined.dated:
            self.intervals.append((member.earliest, member.latest))
        # The group's time is that of its most specific accounts: "this month" must not
        # stretch a capture dated 8-9 November over the whole month.
        earliest, latest = envelope(self.intervals) or (joined.earliest, joined.latest)
        self.facts = replace(joined, earliest=earliest, latest=latest)
        self.members.append(index)


def _seed(members: Sequence[Facts]) -> _Group:
    """A group as its members left it, built in one pass (the same state `add` reaches)."""
    joined = reduce(combine, members[1:], members[0])
    dated = [m for m in members if m.dated] or list(members)
    intervals = [(m.earliest, m.latest) for m in dated]
    earliest, latest = envelope(intervals) or (joined.earliest, joined.latest)
    return _Group(replace(joined, earliest=earliest, latest=latest), [], intervals)


def as_one(members: Sequence[Facts]) -> Facts:
    """Accounts that must stay together (one story of one document) as one account: their
    union, timed by their most specific accounts ("this month" does not stretch a day)."""
    return _seed(members).facts


def cluster(
    accounts: Sequence[Facts],
    seeds: Sequence[Sequence[Facts]] = (),
    rules: GroupingRules = DEFAULT_RULES,
) -> list[list[int]]:
    """Indexes of `accounts` grouped into events.

    `seeds` are groups already formed by accounts earlier in the canonical order, each a
    non-empty list of member facts in that order; the result gives first, for each seed,
    the accounts that join it, then the new groups in order of their first member.
    """
    groups: list[_Group] = [_seed(members) for members in seeds]
    for index, facts in enumerate(accounts):
        best: tuple[float, int] | None = None
        for position, group in enumerate(groups):
            score = match_score(group.facts, facts, rules)
            if score >= rules.threshold and (best is None or score > best[0]):
                best = (score, position)
        if best is None:
            groups.append(_Group(facts, [index], [(facts.earliest, facts.latest)]))
        else:
            groups[best[1]].add(index, facts)
    return [group.members for group in groups]
