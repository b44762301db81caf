"""Does a new account tell an event we already hold? A pure, deterministic score.

Accounts of one event may disagree on the day or on who did it (those become disputes),
so neither blocks a match. What does block one: another kind or place; times far apart, or
an event that starts after an undated account was published; agents on opposing sides of a
contested kind (one side took the town, the other took it back); and different agents for
kinds the agent defines (two movers, two speakers are two events).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

MATCH_THRESHOLD = 0.6
# "8 vs 9 November" is one event told two ways; further apart than this, it is another
# event ("re-entered on the 16th" and "fully retaken on the 19th").
FAR = timedelta(days=3)
# News tells recent events: an account known only to come before its publication does not
# tell an event that ended more than this before it (nor one told that long apart).
UNDATED_REACH = timedelta(days=30)


@dataclass(frozen=True, slots=True)
class Facts:
    """What matching looks at, for an event (its envelope and members) or for an account."""

    kind: str  # the event family
    place: str | None  # an identity: gazetteer key, or the casefolded name of an unknown place
    agents: frozenset[str]  # identities, with the institutions each is part of
    earliest: datetime | None
    latest: datetime | None
    dated: bool  # False when the only time known is "before publication"
    sides: frozenset[str] = frozenset()  # the agents' sides, for contested kinds only
    target_sides: frozenset[str] = frozenset()  # the targets' sides, for contested kinds only
    strict_agents: bool = False  # the agent is part of what the event is
    claimants: frozenset[str] = frozenset()
    others: frozenset[str] = frozenset()  # actors in other roles (targets, supporters)
    area: str | None = None  # a broad place (country, province): a weak sign, never a block


def gap(a: Facts, b: Facts) -> timedelta | None:
    """Time between two intervals (zero when they overlap); None when either is undated."""
    if not (a.dated and b.dated):
        return None
    return max(_gap_after(a, b), _gap_after(b, a), timedelta(0))


def _gap_after(first: Facts, second: Facts) -> timedelta:
    if first.latest is None or second.earliest is None:
        return timedelta(0)
    return second.earliest - first.latest


def _opposed(a: Facts, b: Facts) -> bool:
    if a.sides and b.sides and a.sides.isdisjoint(b.sides):
        return True
    return bool(a.sides & b.target_sides or b.sides & a.target_sides)


def _reported_before_it_happened(a: Facts, b: Facts) -> bool:
    """An undated account was published before the dated one's time began."""
    return any(
        not undated.dated
        and dated.dated
        and undated.latest is not None
        and dated.earliest is not None
        and dated.earliest >= undated.latest
        for undated, dated in ((a, b), (b, a))
    )


def _too_long_before(a: Facts, b: Facts) -> bool:
    """An undated account published long after the other's time (or publication)."""
    for undated, other in ((a, b), (b, a)):
        if undated.dated or undated.latest is None or other.latest is None:
            continue
        if other.latest <= undated.latest - UNDATED_REACH:
            return True
    return False


def _incompatible(event: Facts, account: Facts) -> bool:
    if event.kind != account.kind:
        return True
    if event.place and account.place and event.place != account.place:
        return True
    if _opposed(event, account) or _reported_before_it_happened(event, account):
        return True
    if _too_long_before(event, account):
        return True
    strict = event.strict_agents or account.strict_agents
    return (
        strict and bool(event.agents and account.agents) and event.agents.isdisjoint(account.agents)
    )


def match_score(event: Facts, account: Facts) -> float:
    """0 when the account cannot belong to the event, else higher for a better fit."""
    if _incompatible(event, account):
        return 0.0
    distance = gap(event, account)
    if distance is not None and distance > FAR:
        return 0.0
    score = 0.4 if (event.place and event.place == account.place) else 0.1
    if score < 0.4 and event.area and event.area == account.area:
        score += 0.1
    score += _time_score(distance) + _agent_score(event.agents, account.agents)
    score += 0.1 if event.claimants & account.claimants else 0.0
    score += 0.1 if event.others & account.others else 0.0
    return round(score, 3)


def _time_score(distance: timedelta | None) -> float:
    if distance is None:
        return 0.1
    return 0.4 if distance == timedelta(0) else 0.2


def _agent_score(event_agents: frozenset[str], account_agents: frozenset[str]) -> float:
    if not event_agents or not account_agents:
        return 0.1
    return 0.2 if event_agents & account_agents else 0.0


def best_match(candidates: Iterable[tuple[int, Facts]], account: Facts) -> int | None:
    """The id of the best-scoring event at or above the threshold; ties go to the oldest."""
    best: tuple[float, int] | None = None
    for event_id, facts in candidates:
        score = match_score(facts, account)
        if score < MATCH_THRESHOLD:
            continue
        if best is None or score > best[0] or (score == best[0] and event_id < best[1]):
            best = (score, event_id)
    return None if best is None else best[1]
