"""Queries on actors and places and their aliases."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from timeline.store.models import Entity, EntityAlias


class EntityRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def by_keys(self, keys: Iterable[str]) -> dict[str, Entity]:
        wanted = set(keys)
        if not wanted:
            return {}
        rows = self.session.scalars(select(Entity).where(Entity.key.in_(wanted)))
        return {entity.key: entity for entity in rows}

    def ensure(self, entries: Iterable[Mapping[str, Any]]) -> dict[str, Entity]:
        """Make sure an entity exists for each gazetteer entry; existing ones stay as they are."""
        entries_by_key = {str(entry["key"]): entry for entry in entries}
        found = self.by_keys(entries_by_key)
        for key, entry in entries_by_key.items():
            if key not in found:
                found[key] = self._create(entry)
        self.session.flush()
        return found

    def _create(self, entry: Mapping[str, Any]) -> Entity:
        entity = Entity(
            key=str(entry["key"]),
            name=str(entry["name"]),
            kind=str(entry["kind"]),
            subtype=entry.get("subtype"),
            lat=entry.get("lat"),
            lon=entry.get("lon"),
        )
        seen: set[str] = set()
        for alias in [entity.name, *entry.get("aliases", [])]:
            norm = str(alias).casefold()
            if norm not in seen:
                seen.add(norm)
                entity.aliases.append(EntityAlias(alias=str(alias), alias_norm=norm))
        self.session.add(entity)
        return entity
