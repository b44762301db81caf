"""Actors and places users add through the API, and the gazetteer that extraction then uses."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict
from typing import Any

from sqlalchemy.orm import Session

from timeline.extract import Gazetteer, GazetteerError
from timeline.extract.gazetteer import Entry
from timeline.store.models import Entity
from timeline.store.repositories import EntityRepository


class EntityError(ValueError):
    def __init__(self, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.status = status


def slugify(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:100] or "entity"


def entry_fields(entry: Entry) -> dict[str, Any]:
    """A gazetteer entry as the plain mapping the gazetteer and the store both take."""
    return {**asdict(entry), "aliases": list(entry.aliases)}


def _entry(entity: Entity) -> dict[str, Any]:
    return {
        "key": entity.key,
        "name": entity.name,
        "kind": entity.kind,
        "subtype": entity.subtype or "other",
        "aliases": [a.alias for a in entity.aliases],
        "lat": entity.lat,
        "lon": entity.lon,
    }


def create_entity(session: Session, base: Gazetteer, fields: dict[str, Any]) -> Entity:
    """Add a user entity; its key and aliases may not already name another entity."""
    entry = {**fields, "key": fields.get("key") or slugify(fields["name"])}
    entry["subtype"] = entry.get("subtype") or "other"
    repository = EntityRepository(session)
    if entry["key"] in base or repository.by_keys([entry["key"]]):
        raise EntityError(f"an entity with key {entry['key']!r} already exists", 409)
    users = [_entry(e) for e in repository.user_entities()]
    try:
        Gazetteer.from_entries([*(entry_fields(e) for e in base.entries.values()), *users, entry])
    except GazetteerError as exc:
        status = 409 if "already names" in str(exc) else 422
        raise EntityError(str(exc), status) from exc
    return repository.ensure([entry], origin="user")[entry["key"]]


class GazetteerCache:
    """The packaged gazetteer plus the users' entities, rebuilt only when those change."""

    def __init__(self, base: Gazetteer) -> None:
        self.base = base
        # (signature, gazetteer) as one value: a request thread never sees one's signature
        # with the other's gazetteer; two rebuilding at once both build the same one
        self._current: tuple[tuple[int, int], Gazetteer] = ((0, 0), base)

    def current(self, session: Session) -> Gazetteer:
        repository = EntityRepository(session)
        signature = repository.user_signature()
        known, combined = self._current
        if signature != known:
            users = [_entry(e) for e in repository.user_entities()]
            entries = [*(entry_fields(e) for e in self.base.entries.values()), *users]
            combined = Gazetteer.from_entries(entries) if users else self.base
            self._current = (signature, combined)
        return combined


def seed_gazetteer(session: Session, base: Gazetteer) -> int:
    """Store every packaged gazetteer entry not yet stored; returns how many there are."""
    entries = [entry_fields(e) for e in base.entries.values()]
    return len(EntityRepository(session).ensure(entries))
