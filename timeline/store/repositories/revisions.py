"""Queries on revisions: one by id, and an event's history."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from timeline.store.models import Revision, RevisionEvent


class RevisionRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, revision_id: int) -> Revision | None:
        return self.session.get(Revision, revision_id)

    def for_event(self, event_id: int) -> list[Revision]:
        query = (
            select(Revision)
            .join(RevisionEvent, RevisionEvent.revision_id == Revision.id)
            .where(RevisionEvent.event_id == event_id)
            .order_by(Revision.id)
        )
        return list(self.session.scalars(query))
