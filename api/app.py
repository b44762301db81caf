"""The FastAPI application."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date

import httpx
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from sqlalchemy.exc import IntegrityError

from api import openapi, problems
from api.middleware import BodyGuard, UnexpectedErrors
from api.routers import curation, documents, entities, events, misc, page
from timeline import temporal
from timeline.entities import GazetteerCache, seed_gazetteer
from timeline.extract import Gazetteer, load_gazetteer
from timeline.extract.parse import use_model
from timeline.ingest import read_document
from timeline.language import warm_up as load_language_model
from timeline.settings import Settings, get_settings, origins
from timeline.store.db import engine_for, unit_of_work
from timeline.temporal import SUPPORTED_LANGUAGES

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
    await _first_request(app)
    yield


async def _first_request(app: FastAPI) -> None:
    """Serve one POST /tag in-process before listening: the framework's first request
    (routing, validation, the thread pool of sync endpoints) costs ~40 ms once, and a
    client should not be the one to pay it. It reads and stores nothing."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://warm-up") as client:
        await client.post("/tag", json={"text": _WARM_TEXT, "published": "2017-11-14"})


def warm_up(gazetteer: Gazetteer) -> None:
    """Pay every one-time cost of the request path (the grammar and its fallback regexes,
    the first parse, the gazetteer's patterns) before the first request."""
    temporal.warm()
    load_language_model()  # a request without a language would load it (about a second)
    read_document(_WARM_TEXT, date(2017, 11, 14), gazetteer, "warm-up")
    for language in SUPPORTED_LANGUAGES[1:]:
        # each language's words and spaCy tokenizer (French's takes ~3 s to build)
        read_document("14.11.2017.", date(2017, 11, 14), gazetteer, "warm-up", language=language)


_WARM_TEXT = (
    "The ministry said on Tuesday that Syrian troops had captured Abu Kamal. "
    "Rebels denied the claim, a monitor said. Talks resume today at 3 p.m. GMT."
)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    use_model(settings.spacy_model)  # a missing pipeline stops the service here, clearly
    app = FastAPI(title="Timeline", version="0.1.0", description=DESCRIPTION, lifespan=_lifespan)
    app.state.settings = settings
    app.state.engine = engine_for(settings.database_url)
    app.state.gazetteers = GazetteerCache(load_gazetteer())
    warm_up(app.state.gazetteers.base)  # the first request is then as fast as the others
    problems.install(app)
    app.add_middleware(UnexpectedErrors)  # a 500 that keeps the connection open
    app.add_middleware(BodyGuard, limit=settings.max_body_bytes)
    if allowed := origins(settings):
        # outermost, so that preflights and refused bodies carry the headers too
        app.add_middleware(
            CORSMiddleware,
            allow_origins=allowed,
            allow_methods=["GET", "POST", "PATCH"],
            allow_headers=["Authorization", "Content-Type", "X-Curator"],
        )
    for module in (documents, events, curation, entities, misc):
        app.include_router(module.router)
    page.install(app)  # the timeline page at /
    openapi.install(app)  # every problem each operation can answer with
    return app
