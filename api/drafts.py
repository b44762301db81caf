"""A validated document (the API's body, or a file `timeline ingest` reads) as a draft
for ingestion: both paths share DocumentIn, so one input is refused or taken alike."""

from __future__ import annotations

from pydantic import ValidationError

from api.schemas import DocumentIn
from timeline.ingest import DocumentDraft
from timeline.language import detect_language
from timeline.published import parse_published


def draft_of(body: DocumentIn) -> DocumentDraft:
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


def problems_of(exc: ValidationError) -> list[tuple[str, str]]:
    """(field, what is wrong) for each error, as the API's 422 names them."""
    found = []
    for error in exc.errors():
        field = ".".join(str(part) for part in error.get("loc", ())) or "document"
        found.append((field, str(error.get("msg", "invalid")).removeprefix("Value error, ")))
    return found
