"""Event families as data: which kinds tell one kind of event, and which speak of another."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from timeline.yamldata import read_yaml


class FamiliesError(ValueError):
    """Bad families data; the message names the entry."""


@dataclass(frozen=True, slots=True)
class Families:
    family_of_kind: Mapping[str, str]
    referring: Mapping[str, str]  # kind -> the family it takes when it refers to nothing
    reach_days: int
    broad_place_subtypes: frozenset[str]
    place_inheriting: frozenset[str] = frozenset()
    anaphoric_nouns: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def family(self, kind: str) -> str | None:
        """The kind's own family; None for a referring kind (it takes its referent's)."""
        if kind in self.referring:
            return None
        return self.family_of_kind.get(kind, kind)

    def fallback(self, kind: str) -> str:
        return self.referring.get(kind) or self.family_of_kind.get(kind, kind)


def parse_families(raw: Any, where: str) -> Families:
    if not isinstance(raw, dict):
        raise FamiliesError(f"{where}: expected a mapping at the top")
    kinds: dict[str, str] = {}
    for family, members in _mapping(raw, "families", where).items():
        if not isinstance(members, list) or not all(isinstance(k, str) for k in members):
            raise FamiliesError(f"{where}: family {family!r} must list kinds")
        for kind in members:
            if kind in kinds:
                raise FamiliesError(f"{where}: kind {kind!r} is in {kinds[kind]!r} and {family!r}")
            kinds[kind] = str(family)
    referring = {str(k): str(v) for k, v in _mapping(raw, "referring", where).items()}
    for kind, family in referring.items():
        if kind in kinds:
            raise FamiliesError(f"{where}: referring kind {kind!r} also has a family")
        if family not in kinds.values():
            raise FamiliesError(
                f"{where}: referring kind {kind!r} falls back to unknown {family!r}"
            )
    reach = raw.get("reach_days")
    if not isinstance(reach, int) or reach < 0:
        raise FamiliesError(f"{where}: reach_days must be a whole number of days")
    broad = raw.get("broad_place_subtypes", [])
    if not isinstance(broad, list):
        raise FamiliesError(f"{where}: broad_place_subtypes must be a list")
    inheriting = raw.get("place_inheriting", [])
    if not isinstance(inheriting, list) or not set(inheriting) <= set(kinds.values()):
        raise FamiliesError(f"{where}: place_inheriting must list families")
    nouns = raw.get("anaphoric_nouns", {})
    if not isinstance(nouns, dict) or not set(nouns) <= set(kinds.values()):
        raise FamiliesError(f"{where}: anaphoric_nouns must map families to nouns")
    return Families(
        kinds,
        referring,
        reach,
        frozenset(str(b) for b in broad),
        frozenset(str(f) for f in inheriting),
        {str(k): frozenset(str(n) for n in v) for k, v in nouns.items()},
    )


def _mapping(raw: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    value = raw.get(key)
    if not isinstance(value, dict):
        raise FamiliesError(f"{where}: {key!r} must be a mapping")
    return value


@cache
def default_families() -> Families:
    text = resources.files("timeline.extract").joinpath("data/families.yaml").read_text("utf-8")
    return parse_families(read_yaml(text), "timeline/extract/data/families.yaml")
