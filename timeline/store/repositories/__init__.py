"""Repositories: every query the service makes lives here."""

from timeline.store.repositories.accounts import AccountRepository
from timeline.store.repositories.documents import DocumentRepository, SourceRepository
from timeline.store.repositories.entities import EntityRepository
from timeline.store.repositories.events import EventRepository
from timeline.store.repositories.filters import EventFilter, InvalidCursorError, Page
from timeline.store.repositories.revisions import RevisionRepository

__all__ = [
    "AccountRepository",
    "DocumentRepository",
    "EntityRepository",
    "EventFilter",
    "EventRepository",
    "InvalidCursorError",
    "Page",
    "RevisionRepository",
    "SourceRepository",
]
