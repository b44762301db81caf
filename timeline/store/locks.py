"""Transaction-scoped locks on names, for writers that touch the same rows (issue 11).

On PostgreSQL a name is a `pg_advisory_xact_lock`, held until the transaction ends: two
ingestions of one text wait for each other (the second then finds the document), and two
that regroup one event family take turns instead of deadlocking or deleting an event the
other is filling. Every transaction takes its names in one global order (sorted keys), so
waiting never goes round in a circle. On SQLite the process's write lock and the file's
write lock already admit one writer at a time (timeline.store.db), so there is nothing to do.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import func, select
from sqlalchemy.orm import Session


def lock_key(name: str) -> int:
    """A signed 64-bit advisory lock key for `name` (a collision only serialises more)."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


def hold(session: Session, names: set[str]) -> None:
    """Wait for, then hold until commit or rollback, the lock of each name, in key order."""
    if not names or session.get_bind().dialect.name != "postgresql":
        return
    for key in sorted({lock_key(name) for name in names}):
        session.execute(select(func.pg_advisory_xact_lock(key)))
