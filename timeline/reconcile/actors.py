"""How actors relate (sides, part-of) and which kinds depend on them, from a data file
validated on load. Pure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from timeline.yamldata import read_yaml


class ActorRulesError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class ActorRules:
    side_of: Mapping[str, str]  # entity key → side
    parent_of: Mapping[str, str]  # entity key → the institution it is part of
    contested_kinds: frozenset[str]
    agent_kinds: frozenset[str]
    # Families where an agent on the side another account names as the target opposes it
    # (one side takes the town from the other).
    loser_kinds: frozenset[str] = frozenset()

    def sides(self, keys: Iterable[str]) -> frozenset[str]:
        """The sides of these actors (unaligned actors have none)."""
        return frozenset(self.side_of[k] for k in keys if k in self.side_of)

    def with_wholes(self, key: str) -> frozenset[str]:
        """The actor and every institution it is part of."""
        found = [key]
        while found[-1] in self.parent_of and len(found) < 10:
            found.append(self.parent_of[found[-1]])
        return frozenset(found)


def _string_list(value: Any, what: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ActorRulesError(f"actors data: {what} must be a list of strings")
    return value


def _sides(raw: Any) -> dict[str, str]:
    if not isinstance(raw, Mapping):
        raise ActorRulesError("actors data: 'sides' must be a mapping")
    side_of: dict[str, str] = {}
    for name, side in raw.items():
        members = side.get("members") if isinstance(side, Mapping) else None
        for key in _string_list(members, f"side {name!r} 'members'"):
            if key in side_of:
                raise ActorRulesError(f"side {name!r}: {key!r} is already on side {side_of[key]!r}")
            side_of[key] = str(name)
    return side_of


def _part_of(raw: Any) -> dict[str, str]:
    if not isinstance(raw, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in raw.items()
    ):
        raise ActorRulesError("actors data: 'part_of' must map keys to keys")
    for key in raw:
        seen, current = {key}, raw[key]
        while current in raw:
            if current in seen:
                raise ActorRulesError(f"actors data: 'part_of' loops through {key!r}")
            seen.add(current)
            current = raw[current]
    return dict(raw)


def parse_actor_rules(raw: Any) -> ActorRules:
    if not isinstance(raw, Mapping):
        raise ActorRulesError("actors data: expected a mapping")
    return ActorRules(
        side_of=_sides(raw.get("sides", {})),
        parent_of=_part_of(raw.get("part_of", {})),
        contested_kinds=frozenset(_string_list(raw.get("contested_kinds", []), "contested_kinds")),
        agent_kinds=frozenset(_string_list(raw.get("agent_kinds", []), "agent_kinds")),
        loser_kinds=frozenset(_string_list(raw.get("loser_kinds", []), "loser_kinds")),
    )


@lru_cache(maxsize=1)
def load_actor_rules() -> ActorRules:
    text = resources.files("timeline.reconcile").joinpath("data/actors.yaml").read_text("utf-8")
    return parse_actor_rules(read_yaml(text))
