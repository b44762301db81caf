"""INSERT ... ON CONFLICT DO NOTHING on either database: a get-or-create that a concurrent
writer of the same key cannot turn into a unique violation (it waits for that writer, then
inserts nothing)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def insert_new(session: Session, model: Any, *keys: str) -> Any:
    """An INSERT into `model`'s table that skips rows whose `keys` are already taken."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(model).on_conflict_do_nothing(index_elements=list(keys))
    return sqlite.insert(model).on_conflict_do_nothing(index_elements=list(keys))
