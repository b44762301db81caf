"""The FastAPI application."""

from __future__ import annotations

from fastapi import FastAPI

from api import problems
from api.middleware import BodyGuard
from api.routers import curation, documents, events, misc
from timeline.extract import load_gazetteer
from timeline.settings import Settings, get_settings
from timeline.store.db import engine_for

DESCRIPTION = """Time expressions, events and competing accounts from news text.

Errors are `application/problem+json` (RFC 9457). Intervals are `earliest` (inclusive) and
`latest` (exclusive) UTC instants; lists use keyset pagination (`limit`, `cursor`)."""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(title="Timeline", version="0.1.0", description=DESCRIPTION)
    app.state.settings = settings
    app.state.engine = engine_for(settings.database_url)
    app.state.gazetteer = load_gazetteer()
    problems.install(app)
    app.add_middleware(BodyGuard, limit=settings.max_body_bytes)
    for module in (documents, events, curation, misc):
        app.include_router(module.router)
    return app
