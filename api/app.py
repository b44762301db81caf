"""The FastAPI application."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy.exc import IntegrityError

from api import problems
from api.middleware import BodyGuard
from api.routers import curation, documents, entities, events, misc
from timeline.entities import GazetteerCache, seed_gazetteer
from timeline.extract import load_gazetteer
from timeline.extract.parse import use_model
from timeline.language import warm_up as load_language_model
from timeline.settings import Settings, get_settings
from timeline.store.db import engine_for, unit_of_work

DESCRIPTION = """Time expressions, events and competing accounts from news text.

Errors are `application/problem+json` (RFC 9457). Intervals are `earliest` (inclusive) and
`latest` (exclusive) UTC instants; lists use keyset pagination (`limit`, `cursor`)."""


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Make sure the packaged actors and places are in the database (GET /entities lists them)."""
    try:
        with unit_of_work(app.state.engine) as session:
            seed_gazetteer(session, app.state.gazetteers.base)
    except IntegrityError:
        pass  # another worker seeded them at the same moment
    yield


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    use_model(settings.spacy_model)  # a missing pipeline stops the service here, clearly
    load_language_model()  # so that the first request without a language is not slow
    app = FastAPI(title="Timeline", version="0.1.0", description=DESCRIPTION, lifespan=_lifespan)
    app.state.settings = settings
    app.state.engine = engine_for(settings.database_url)
    app.state.gazetteers = GazetteerCache(load_gazetteer())
    problems.install(app)
    app.add_middleware(BodyGuard, limit=settings.max_body_bytes)
    for module in (documents, events, curation, entities, misc):
        app.include_router(module.router)
    return app
