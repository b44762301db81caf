"""Where the accounts of one event disagree: on the time, on who did it, on whether it happened.

Pure. Granularity is respected through the intervals themselves: "November 8" and
"November 9" are disjoint days and disagree; "last week" contains both and disagrees with
neither. Only an account's own time counts: a time inherited from context is too weak to
accuse a source of contradicting another.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

Aspect = Literal["time", "actor", "polarity"]


@dataclass(frozen=True, slots=True)
class AccountView:
    id: int
    time_value: str | None
    earliest: datetime | None
    latest: datetime | None
    own_time: bool
    agents: frozenset[str]  # display names of the agents
    polarity: Literal["asserts", "denies"]
    # Who the agents are, with the institutions they are part of ("Syrian Army" is also
    # "Syrian government"); compared instead of the names when given.
    agent_ids: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Dispute:
    aspect: Aspect
    detail: str
    sides: tuple[tuple[str, tuple[int, ...]], ...]  # (label, account ids), labels sorted


def find_disputes(accounts: Sequence[AccountView]) -> list[Dispute]:
    found = [_time_dispute(accounts), _actor_dispute(accounts), _polarity_dispute(accounts)]
    return [d for d in found if d is not None]


def _disjoint(a: AccountView, b: AccountView) -> bool:
    if None in (a.earliest, a.latest, b.earliest, b.latest):
        return False
    assert a.earliest and a.latest and b.earliest and b.latest
    return a.latest <= b.earliest or b.latest <= a.earliest


def _time_dispute(accounts: Sequence[AccountView]) -> Dispute | None:
    dated = [a for a in accounts if a.own_time and a.earliest and a.latest and a.time_value]
    clashing = {
        a.id for a in dated for b in dated if a.time_value != b.time_value and _disjoint(a, b)
    }
    if not clashing:
        return None
    sides = _group((a.time_value or "", a.id) for a in dated if a.id in clashing)
    labels = " vs ".join(label for label, _ in sides)
    return Dispute("time", f"the accounts give times that cannot all hold: {labels}", sides)


def _actor_dispute(accounts: Sequence[AccountView]) -> Dispute | None:
    with_agents = [a for a in accounts if a.agents]
    clashing = {a.id for a in with_agents for b in with_agents if _who(a).isdisjoint(_who(b))}
    if not clashing:
        return None
    sides = _group((" + ".join(sorted(a.agents)), a.id) for a in with_agents if a.id in clashing)
    labels = " vs ".join(label for label, _ in sides)
    return Dispute("actor", f"the accounts name different agents: {labels}", sides)


def _who(account: AccountView) -> frozenset[str]:
    return account.agent_ids or account.agents


def _polarity_dispute(accounts: Sequence[AccountView]) -> Dispute | None:
    sides = _group((a.polarity, a.id) for a in accounts)
    if len(sides) < 2:
        return None
    return Dispute("polarity", "some accounts assert it, others deny it", sides)


def _group(pairs: Iterable[tuple[str, int]]) -> tuple[tuple[str, tuple[int, ...]], ...]:
    groups: dict[str, list[int]] = {}
    for label, account_id in pairs:
        groups.setdefault(label, []).append(account_id)
    return tuple((label, tuple(sorted(ids))) for label, ids in sorted(groups.items()))
