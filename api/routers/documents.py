"""POST /documents runs the whole flow in one transaction; GET returns what was found."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Response, status
from fastapi.responses import StreamingResponse
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from api.deps import IdPath, get_engine, get_gazetteers, only_params, require_writer
from api.problems import Problem
from api.schemas import DocumentIn, DocumentOut
from api.views import document_out
from timeline.entities import GazetteerCache
from timeline.export.run import mentions_csv_stream
from timeline.ingest import DocumentDraft, IngestOutcome, ingest_document
from timeline.language import detect_language
from timeline.published import parse_published
from timeline.store.db import unit_of_work
from timeline.store.repositories import AccountRepository, DocumentRepository

router = APIRouter(tags=["documents"], dependencies=[Depends(only_params())])


def _draft(body: DocumentIn) -> DocumentDraft:
    published, precision = parse_published(body.published)
    return DocumentDraft(
        text=body.text,
        published=published,
        published_precision=precision,
        source=body.source,
        source_kind=body.source_kind,
        url=body.url,
        title=body.title,
        language=body.language or detect_language(body.text),
        mode=body.mode,
        timezone=body.timezone,
        source_timezone=body.source_timezone,
    )


def _ingest(engine: Engine, draft: DocumentDraft, gazetteers: GazetteerCache) -> IngestOutcome:
    with unit_of_work(engine) as session:
        return ingest_document(session, draft, gazetteers.current(session), datetime.now(UTC))


def _load(engine: Engine, document_id: int) -> DocumentOut:
    with unit_of_work(engine) as session:
        document = DocumentRepository(session).get(document_id)
        if document is None:
            raise Problem(404, f"no document with id {document_id}")
        return document_out(document, AccountRepository(session).for_document(document_id))


@router.post(
    "/documents",
    status_code=status.HTTP_201_CREATED,
    responses={200: {"model": DocumentOut, "description": "the same text was already ingested"}},
)
def post_document(
    body: DocumentIn,
    response: Response,
    engine: Annotated[Engine, Depends(get_engine)],
    gazetteers: Annotated[GazetteerCache, Depends(get_gazetteers)],
    _writer: Annotated[str, Depends(require_writer)],
) -> DocumentOut:
    """Ingest an article: time mentions, events and accounts, all or nothing."""
    draft = _draft(body)
    try:
        outcome = _ingest(engine, draft, gazetteers)
    except IntegrityError:
        # The same text arrived concurrently and won the race: answer with that document.
        outcome = _ingest(engine, draft, gazetteers)
    if not outcome.created:
        response.status_code = status.HTTP_200_OK
    return _load(engine, outcome.document_id)


@router.get(
    "/documents/{document_id}/mentions.csv",
    response_class=StreamingResponse,
    responses={404: {"description": "no such document"}},
)
def document_mentions_csv(
    document_id: IdPath, engine: Annotated[Engine, Depends(get_engine)]
) -> StreamingResponse:
    """The document's time mentions, one row each in text order (columns in the README)."""
    with unit_of_work(engine) as session:
        if not DocumentRepository(session).exists(document_id):
            raise Problem(404, f"no document with id {document_id}")
    return StreamingResponse(
        mentions_csv_stream(engine, document_id),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="document-{document_id}-mentions.csv"'
        },
    )


@router.get("/documents/{document_id}")
def get_document(
    document_id: IdPath, engine: Annotated[Engine, Depends(get_engine)]
) -> DocumentOut:
    """A document with its time mentions and accounts (spans, values, intervals)."""
    return _load(engine, document_id)
