"""Repositories: every query the service makes lives here."""

from timeline.store.repositories.accounts import AccountRepository
from timeline.store.repositories.documents import (
    DocumentFilter,
    DocumentHit,
    DocumentRepository,
    SourceRepository,
)
from timeline.store.repositories.entities import EntityRepository
from timeline.store.repositories.events import EventRepository
from timeline.store.repositories.filters import EventFilter, InvalidCursorError, Page, Sort
from timeline.store.repositories.revisions import RevisionRepository
from timeline.store.repositories.search import TextQuery, UnsearchableQueryError

__all__ = [
    "AccountRepository",
    "DocumentFilter",
    "DocumentHit",
    "DocumentRepository",
    "EntityRepository",
    "EventFilter",
    "EventRepository",
    "InvalidCursorError",
    "Page",
    "RevisionRepository",
    "Sort",
    "SourceRepository",
    "TextQuery",
    "UnsearchableQueryError",
]
