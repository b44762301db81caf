"""Queries on actors and places and their aliases."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from timeline.store.models import Entity, EntityAlias
from timeline.store.repositories.upsert import insert_new


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
        """Make sure an entity exists for each gazetteer entry; existing ones stay as they are.
        New ones are upserted in key order, so that writers creating the same entities at
        once wait for one another in one order (no deadlock) and none fails on the key."""
        entries_by_key = {str(entry["key"]): entry for entry in entries}
        missing = sorted(set(entries_by_key) - set(self.by_keys(entries_by_key)))
        if missing:
            rows = [_entity_row(entries_by_key[key], origin) for key in missing]
            made = self.session.execute(
                insert_new(self.session, Entity, "key").returning(Entity.id, Entity.key), rows
            ).all()
            aliases = [
                a for entity_id, key in made for a in _alias_rows(entity_id, entries_by_key[key])
            ]
            if aliases:
                self.session.execute(insert(EntityAlias), aliases)
        return self.by_keys(entries_by_key)

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


def _entity_row(entry: Mapping[str, Any], origin: str) -> dict[str, Any]:
    return {
        "origin": origin,
        "key": str(entry["key"]),
        "name": str(entry["name"]),
        "kind": str(entry["kind"]),
        "subtype": entry.get("subtype"),
        "lat": entry.get("lat"),
        "lon": entry.get("lon"),
    }


def _alias_rows(entity_id: int, entry: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The entry's name and aliases, once each as casefolded."""
    rows: dict[str, dict[str, Any]] = {}
    for alias in [str(entry["name"]), *entry.get("aliases", [])]:
        norm = str(alias).casefold()
        rows.setdefault(norm, {"entity_id": entity_id, "alias": str(alias), "alias_norm": norm})
    return list(rows.values())
