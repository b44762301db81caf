"""POST /documents runs the whole flow in one transaction; GET returns what was found."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status
from fastapi.responses import StreamingResponse
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError

from api.deps import (
    BOUND,
    PAGE_PARAMS,
    SORT_PARAMS,
    Cursor,
    IdPath,
    Limit,
    SortParam,
    Text,
    get_engine,
    get_gazetteers,
    only_params,
    require_writer,
    search_words,
    sort_order,
    window_bounds,
)
from api.drafts import draft_of
from api.problems import Problem
from api.schemas import DocumentIn, DocumentOut, DocumentPage
from api.streaming import primed
from api.views import document_out, document_summary
from timeline.entities import GazetteerCache
from timeline.export.run import mentions_csv_stream
from timeline.ingest import DocumentDraft, IngestOutcome, ingest
from timeline.store.db import unit_of_work
from timeline.store.repositories import AccountRepository, DocumentFilter, DocumentRepository

router = APIRouter(tags=["documents"])
NO_PARAMS = [Depends(only_params())]
LISTING = [Depends(only_params("q", "source", "start", "end", *PAGE_PARAMS, *SORT_PARAMS))]
Db = Annotated[Engine, Depends(get_engine)]


def _ingest(engine: Engine, draft: DocumentDraft, gazetteers: GazetteerCache) -> IngestOutcome:
    try:
        return ingest(engine, draft, gazetteers.current)
    except DBAPIError as exc:
        problem = index_limit_problem(exc)
        if problem is None:
            raise
        raise problem from exc


# PostgreSQL's program_limit_exceeded: here, "string is too long for tsvector" (1 MB)
PROGRAM_LIMIT_EXCEEDED = "54000"


def index_limit_problem(exc: DBAPIError) -> Problem | None:
    """A text whose distinct words overflow PostgreSQL's search vector is the client's
    to split (real articles come nowhere near: words repeat); anything else is not."""
    if getattr(exc.orig, "sqlstate", None) != PROGRAM_LIMIT_EXCEEDED:
        return None
    return Problem(
        422,
        "text has too many distinct words for the search index (PostgreSQL keeps at most "
        "1 MB of them per document); send it in parts",
    )


def _load(engine: Engine, document_id: int) -> DocumentOut:
    with unit_of_work(engine) as session:
        document = DocumentRepository(session).get(document_id)
        if document is None:
            raise Problem(404, f"no document with id {document_id}")
        return document_out(document, AccountRepository(session).for_document(document_id))


def document_filter(
    q: Annotated[
        Text,
        Query(
            max_length=200,
            description="words, all of which must match (stemmed; case and accents "
            "ignored), in the document's title or text",
        ),
    ] = None,
    source: Annotated[Text, Query(max_length=200, description="publisher name")] = None,
    start: Annotated[
        str | None, Query(max_length=40, description=f"published at or after: {BOUND}")
    ] = None,
    end: Annotated[
        str | None, Query(max_length=40, description="published before (read as start is)")
    ] = None,
) -> DocumentFilter:
    first, last = window_bounds(start, end)
    return DocumentFilter(q=search_words(q), source=source or None, start=first, end=last)


@router.get("/documents", dependencies=LISTING)
def list_documents(
    f: Annotated[DocumentFilter, Depends(document_filter)],
    engine: Db,
    limit: Limit = 50,
    cursor: Cursor = None,
    sort: SortParam = None,
) -> DocumentPage:
    """Documents by publication, oldest first; with q, those with all its words, best
    match first (sort=time: by publication), each with a snippet of its text."""
    order = sort_order(f.q, sort)
    with unit_of_work(engine) as session:
        page = DocumentRepository(session).page(f, limit, cursor, order)
        return DocumentPage(
            items=[document_summary(hit) for hit in page.items], next_cursor=page.next_cursor
        )


@router.post(
    "/documents",
    dependencies=NO_PARAMS,
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
    draft = draft_of(body)
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
    dependencies=NO_PARAMS,
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
        primed(mentions_csv_stream(engine, document_id)),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="document-{document_id}-mentions.csv"'
        },
    )


@router.get("/documents/{document_id}", dependencies=NO_PARAMS)
def get_document(
    document_id: IdPath, engine: Annotated[Engine, Depends(get_engine)]
) -> DocumentOut:
    """A document with its time mentions and accounts (spans, values, intervals)."""
    return _load(engine, document_id)
