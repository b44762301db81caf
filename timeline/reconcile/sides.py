"""Which side an actor fights on, from a data file validated on load. Pure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


class SidesError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Sides:
    side_of: Mapping[str, str]  # entity key → side
    contested_kinds: frozenset[str]

    def of(self, keys: Iterable[str]) -> frozenset[str]:
        """The sides of these actors (unaligned actors have none)."""
        return frozenset(self.side_of[k] for k in keys if k in self.side_of)


def parse_sides(raw: Any) -> Sides:
    if not isinstance(raw, Mapping) or not isinstance(raw.get("sides"), Mapping):
        raise SidesError("sides data: expected a mapping with 'sides'")
    side_of: dict[str, str] = {}
    for name, side in raw["sides"].items():
        members = side.get("members") if isinstance(side, Mapping) else None
        if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
            raise SidesError(f"side {name!r}: 'members' must be a list of gazetteer keys")
        for key in members:
            if key in side_of:
                raise SidesError(f"side {name!r}: {key!r} is already on side {side_of[key]!r}")
            side_of[key] = str(name)
    kinds = raw.get("contested_kinds", [])
    if not isinstance(kinds, list) or not all(isinstance(k, str) for k in kinds):
        raise SidesError("sides data: 'contested_kinds' must be a list of event kinds")
    return Sides(side_of, frozenset(kinds))


@lru_cache(maxsize=1)
def load_sides() -> Sides:
    text = resources.files("timeline.reconcile").joinpath("data/sides.yaml").read_text("utf-8")
    return parse_sides(yaml.safe_load(text))
