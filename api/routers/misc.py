"""Health and the time tagger as a service."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from api.deps import get_engine, only_params
from api.schemas import HealthOut, TagIn, TagOut
from api.views import mention_out
from timeline.extract.sentences import sentence_bounds
from timeline.published import parse_published
from timeline.temporal import tag
from timeline.temporal.zones import zone_of

router = APIRouter(dependencies=[Depends(only_params())])


@router.get("/health", tags=["health"], responses={503: {"model": HealthOut}})
def health(engine: Annotated[Engine, Depends(get_engine)]) -> JSONResponse:
    """Liveness and database reachability."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError:
        body = HealthOut(status="degraded", database="unreachable")
        return JSONResponse(body.model_dump(), status_code=503)
    return JSONResponse(HealthOut(status="ok", database="ok").model_dump())


@router.post("/tag", tags=["time"])
def tag_text(body: TagIn) -> TagOut:
    """Time mentions only: the normalizer as a service, within the sentences ingestion
    reads (the same mentions as `POST /documents` in news mode). Nothing is stored."""
    published, precision = parse_published(body.published)
    anchor = published.date() if precision == "day" else published
    zone = zone_of(body.timezone) if body.timezone else None
    found = tag(body.text, anchor, mode=body.mode, sentences=sentence_bounds(body.text), zone=zone)
    return TagOut(time_mentions=[mention_out(m) for m in found])
