"""Does a new account tell an event we already hold? A pure, deterministic score.

Accounts of one event may disagree on the day or on who did it (those become disputes),
so neither blocks a match. What does block one: another kind or place; times far apart, or
an event that starts after an undated account was published; agents on opposing sides of a
contested kind (one side took the town, the other took it back); and different agents for
kinds the agent defines (two movers, two speakers are two events).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any

from timeline.yamldata import read_yaml


class GroupingRulesError(ValueError):
    """Bad grouping parameters; the message names the entry."""


@dataclass(frozen=True, slots=True)
class GroupingRules:
    threshold: float
    far: timedelta
    recent: timedelta
    undated_reach: timedelta
    near_km: float
    weights: Mapping[str, float]

    def weight(self, name: str) -> float:
        return self.weights[name]


_WEIGHTS = frozenset(
    {
        "same_place",
        "near_place",
        "other_place",
        "same_area",
        "same_time",
        "near_time",
        "undated",
        "undated_recent",
        "same_agents",
        "unknown_agents",
        "same_claimant",
        "same_others",
    }
)


def parse_grouping_rules(raw: Any, where: str) -> GroupingRules:
    if not isinstance(raw, dict):
        raise GroupingRulesError(f"{where}: expected a mapping")
    weights = raw.get("weights")
    if not isinstance(weights, dict) or set(weights) != _WEIGHTS:
        raise GroupingRulesError(f"{where}: weights must give exactly {sorted(_WEIGHTS)}")
    numbers = {
        k: _number(raw, k, where) for k in ("threshold", "far_days", "recent_days", "near_km")
    }
    reach = _number(raw, "undated_reach_days", where)
    return GroupingRules(
        threshold=numbers["threshold"],
        far=timedelta(days=numbers["far_days"]),
        recent=timedelta(days=numbers["recent_days"]),
        undated_reach=timedelta(days=reach),
        near_km=numbers["near_km"],
        weights={str(k): _number(weights, k, where) for k in weights},
    )


def _number(raw: Mapping[str, Any], key: str, where: str) -> float:
    value = raw.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise GroupingRulesError(f"{where}: {key} must be a number >= 0")
    return float(value)


@cache
def load_grouping_rules(path: str | None = None) -> GroupingRules:
    """The packaged parameters, or those of the file at `path`."""
    if path is None:
        text = resources.files("timeline.reconcile").joinpath("data/grouping.yaml")
        return parse_grouping_rules(
            read_yaml(text.read_text("utf-8")), "timeline/reconcile/data/grouping.yaml"
        )
    with open(path, encoding="utf-8") as handle:
        return parse_grouping_rules(read_yaml(handle), path)


DEFAULT_RULES = load_grouping_rules()
MATCH_THRESHOLD = DEFAULT_RULES.threshold
FAR = DEFAULT_RULES.far
UNDATED_REACH = DEFAULT_RULES.undated_reach


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
    place_at: tuple[float, float] | None = None  # the place's latitude and longitude
    place_known: bool = False  # the place is a gazetteer entity (an unknown name never blocks)


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


def _too_long_before(a: Facts, b: Facts, rules: GroupingRules) -> bool:
    """An undated account published long after the other's time (or publication)."""
    for undated, other in ((a, b), (b, a)):
        if undated.dated or undated.latest is None or other.latest is None:
            continue
        if other.latest <= undated.latest - rules.undated_reach:
            return True
    return False


def _places_apart(a: Facts, b: Facts, rules: GroupingRules) -> bool:
    """Two known places that are neither the same nor close: two events."""
    if not (a.place and b.place) or a.place == b.place:
        return False
    if not (a.place_known and b.place_known):
        return False  # an unknown name may be a spelling or a misreading of the other
    km = _km(a.place_at, b.place_at)
    return km is None or km > rules.near_km


def _km(a: tuple[float, float] | None, b: tuple[float, float] | None) -> float | None:
    """Great-circle distance between two (lat, lon) points."""
    if a is None or b is None:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2
    h += math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _incompatible(event: Facts, account: Facts, rules: GroupingRules) -> bool:
    if event.kind != account.kind:
        return True
    if _places_apart(event, account, rules):
        return True
    if _opposed(event, account) or _reported_before_it_happened(event, account):
        return True
    if _too_long_before(event, account, rules):
        return True
    strict = event.strict_agents or account.strict_agents
    return (
        strict and bool(event.agents and account.agents) and event.agents.isdisjoint(account.agents)
    )


def within_reach(a: Facts, b: Facts, rules: GroupingRules = DEFAULT_RULES) -> bool:
    """Whether two tellings could be of one event at all: nothing that blocks a match
    (another family, places apart, opposed sides, times beyond `far`) stands between them."""
    if _incompatible(a, b, rules):
        return False
    distance = gap(a, b)
    return distance is None or distance <= rules.far


def match_score(event: Facts, account: Facts, rules: GroupingRules = DEFAULT_RULES) -> float:
    """0 when the account cannot belong to the event, else higher for a better fit."""
    if not within_reach(event, account, rules):
        return 0.0
    distance = gap(event, account)
    w = rules.weight
    score = _place_score(event, account, rules)
    score += _time_score(distance, rules, _recent(event, account, rules))
    score += _agent_score(event.agents, account.agents, rules)
    score += w("same_claimant") if event.claimants & account.claimants else 0.0
    score += w("same_others") if event.others & account.others else 0.0
    return round(score, 3)


def _place_score(event: Facts, account: Facts, rules: GroupingRules) -> float:
    w = rules.weight
    if event.place and event.place == account.place:
        return w("same_place")
    area = w("same_area") if event.area and event.area == account.area else 0.0
    if (event.place and account.place) or bool(event.place) != bool(account.place):
        return w("near_place") + area
    return w("other_place") + area


def _recent(a: Facts, b: Facts, rules: GroupingRules) -> bool:
    """One side is undated and the other ended within `recent` before its report: news
    tells what just happened."""
    for undated, other in ((a, b), (b, a)):
        if undated.dated or not other.dated or undated.latest is None or other.latest is None:
            continue
        if undated.latest - rules.recent <= other.latest <= undated.latest:
            return True
    return False


def _time_score(distance: timedelta | None, rules: GroupingRules, recent: bool = False) -> float:
    if distance is None:
        return rules.weight("undated_recent" if recent else "undated")
    return rules.weight("same_time") if distance == timedelta(0) else rules.weight("near_time")


def _agent_score(
    event_agents: frozenset[str], account_agents: frozenset[str], rules: GroupingRules
) -> float:
    if not event_agents or not account_agents:
        return rules.weight("unknown_agents")
    return rules.weight("same_agents") if event_agents & account_agents else 0.0


def best_match(
    candidates: Iterable[tuple[int, Facts]],
    account: Facts,
    rules: GroupingRules = DEFAULT_RULES,
) -> int | None:
    """The id of the best-scoring event at or above the threshold; ties go to the oldest."""
    best: tuple[float, int] | None = None
    for event_id, facts in candidates:
        score = match_score(facts, account, rules)
        if score < rules.threshold:
            continue
        if best is None or score > best[0] or (score == best[0] and event_id < best[1]):
            best = (score, event_id)
    return None if best is None else best[1]
