"""Queries on actors and places and their aliases."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import func, select
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

    def ensure(
        self, entries: Iterable[Mapping[str, Any]], origin: str = "gazetteer"
    ) -> dict[str, Entity]:
        """Make sure an entity exists for each gazetteer entry; existing ones stay as they are."""
        entries_by_key = {str(entry["key"]): entry for entry in entries}
        found = self.by_keys(entries_by_key)
        for key, entry in entries_by_key.items():
            if key not in found:
                found[key] = self._create(entry, origin)
        self.session.flush()
        return found

    def _create(self, entry: Mapping[str, Any], origin: str) -> Entity:
        entity = Entity(
            origin=origin,
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

    def user_entities(self) -> list[Entity]:
        query = select(Entity).where(Entity.origin == "user").order_by(Entity.id)
        return list(self.session.scalars(query))

    def user_signature(self) -> tuple[int, int]:
        """Changes whenever a user entity is added: (how many, the newest id)."""
        row = self.session.execute(
            select(func.count(Entity.id), func.coalesce(func.max(Entity.id), 0)).where(
                Entity.origin == "user"
            )
        ).one()
        return int(row[0]), int(row[1])

    def page(
        self, q: str | None, kind: str | None, limit: int, after_id: int | None
    ) -> tuple[list[Entity], int | None]:
        query = select(Entity).order_by(Entity.id)
        if q:
            matching = select(EntityAlias.entity_id).where(
                EntityAlias.alias_norm.contains(q.casefold(), autoescape=True)
            )
            query = query.where(Entity.id.in_(matching))
        if kind:
            query = query.where(Entity.kind == kind)
        if after_id is not None:
            query = query.where(Entity.id > after_id)
        rows = list(self.session.scalars(query.limit(limit + 1)))
        more = len(rows) > limit
        return rows[:limit], (rows[limit - 1].id if more else None)
