"""Does a new account tell an event we already hold? A pure, deterministic score.

Accounts of one event may disagree on the day or on who did it (those become disputes),
so neither blocks a match; a different kind or a different place does, a time far apart
does, and so do agents on opposing sides of a contested kind (capture, attack).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

MATCH_THRESHOLD = 0.6
NEAR = timedelta(days=3)  # "8 vs 9 November" is one event told two ways
FAR = timedelta(days=7)  # further apart than this, it is another event


@dataclass(frozen=True, slots=True)
class Facts:
    """What matching looks at, for an event (its envelope) or for an account."""

    kind: str
    place: str | None  # entity key, or the casefolded name of an unknown place
    agents: frozenset[str]
    earliest: datetime | None
    latest: datetime | None
    dated: bool  # False when the only time known is "before publication"
    sides: frozenset[str] = frozenset()  # the agents' sides, for contested kinds only


def gap(a: Facts, b: Facts) -> timedelta | None:
    """Time between two intervals (zero when they overlap); None when either is undated."""
    if not (a.dated and b.dated):
        return None
    after = _gap_after(a, b)
    before = _gap_after(b, a)
    return max(after, before, timedelta(0))


def _gap_after(first: Facts, second: Facts) -> timedelta:
    if first.latest is None or second.earliest is None:
        return timedelta(0)
    return second.earliest - first.latest


def match_score(event: Facts, account: Facts) -> float:
    """0 when the account cannot belong to the event, else higher for a better fit."""
    if event.kind != account.kind:
        return 0.0
    if event.place and account.place and event.place != account.place:
        return 0.0
    if event.sides and account.sides and event.sides.isdisjoint(account.sides):
        return 0.0  # one side took it, the other took it back: two events
    distance = gap(event, account)
    if distance is not None and distance > FAR:
        return 0.0
    score = 0.4 if (event.place and event.place == account.place) else 0.1
    score += _time_score(distance)
    score += _agent_score(event.agents, account.agents)
    return round(score, 3)


def _time_score(distance: timedelta | None) -> float:
    if distance is None:
        return 0.1
    if distance == timedelta(0):
        return 0.4
    return 0.2 if distance <= NEAR else 0.05


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
