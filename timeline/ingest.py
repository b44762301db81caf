"""The flow of DESIGN §4 for one document, inside the caller's transaction.

text → one spaCy parse → time mentions (tense read within its sentences) → event mentions
with attribution (its sentences too) → accounts matched to events. The pure stages (tagging,
extraction, match scoring) know nothing of the store.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from timeline.entities import entry_fields
from timeline.extract import Gazetteer, extract_events
from timeline.extract.foreign import extract_foreign_events, foreign_sentences
from timeline.extract.parse import one_parse
from timeline.extract.sentences import sentence_bounds
from timeline.extract.timing import dating_of
from timeline.extract.types import EventMention, Quantity
from timeline.grouping import place_accounts
from timeline.published import offset_minutes
from timeline.reconcile.envelope import listed_from
from timeline.reconcile.scoring import UNDATED_REACH
from timeline.store.db import transact
from timeline.store.locks import hold
from timeline.store.models import Account, Document, Entity, Participant, Source, TimeMentionRow
from timeline.store.repositories import DocumentRepository, EntityRepository, SourceRepository
from timeline.temporal import TimeMention, tag
from timeline.temporal.mode import AutoMode
from timeline.temporal.zones import zone_of


@dataclass(frozen=True, slots=True)
class DocumentDraft:
    """A document as submitted; `published` is an aware instant at the offset it was given
    at (midnight UTC for a bare day), `published_precision` day|second. `timezone` is the
    IANA zone of its clock times and days (default: its source's); `source_timezone` sets
    the source's default zone. `language` is an ISO 639-1 code of
    `timeline.temporal.SUPPORTED_LANGUAGES` (given, or detected at the edge), `mode` how
    its relative expressions are resolved."""

    text: str
    published: datetime
    published_precision: str
    source: str
    source_kind: str = "news"
    url: str | None = None
    title: str | None = None
    language: str = "en"
    mode: AutoMode = "auto"
    timezone: str | None = None
    source_timezone: str | None = None

    @property
    def anchor(self) -> date | datetime:
        return self.published.date() if self.published_precision == "day" else self.published

    @property
    def published_offset(self) -> int | None:
        """Minutes east of UTC the instant was given at; None for a bare day."""
        return None if self.published_precision == "day" else offset_minutes(self.published)

    @property
    def published_end(self) -> datetime:
        """The end of what "before publication" can mean: the day's end for a bare date."""
        if self.published_precision == "day":
            return self.published + timedelta(days=1)
        return self.published


@dataclass(frozen=True, slots=True)
class IngestOutcome:
    document_id: int
    created: bool


def content_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def ingest(
    engine: Engine, draft: DocumentDraft, gazetteer_of: Callable[[Session], Gazetteer]
) -> IngestOutcome:
    """`ingest_document` in a writing unit of work of its own, rerun whole (bounded) when
    the database aborts it for a race with another writer (timeline.store.db.transact)."""

    def work(session: Session) -> IngestOutcome:
        return ingest_document(session, draft, gazetteer_of(session), datetime.now(UTC))

    return transact(engine, work)


def ingest_document(
    session: Session,
    draft: DocumentDraft,
    gazetteer: Gazetteer,
    now: datetime,
) -> IngestOutcome:
    """Store the document and what it reports; the same text again creates nothing.

    With other writers at once: a writer of the same text waits for this one (and then
    finds its document); nothing is written before the parse, and then the regrouping of
    the document's event families is this transaction's alone (timeline.store.locks), with
    its source and entities upserted first, in one order, so no two writers deadlock."""
    documents = DocumentRepository(session)
    digest = content_sha256(draft.text)
    hold(session, {f"document:{digest}"})
    existing = documents.by_sha256(digest)
    if existing is not None:
        return IngestOutcome(existing.id, created=False)

    sources = SourceRepository(session)
    known = sources.by_name(draft.source)
    zone_name = draft.timezone or draft.source_timezone or (known.timezone if known else None)
    zone = zone_of(zone_name) if zone_name else None
    mentions, found = read_document(
        draft.text,
        draft.anchor,
        gazetteer,
        draft.source,
        zone,
        language=draft.language,
        mode=draft.mode,
    )
    hold(session, {f"family:{em.family or em.kind}" for em in found})
    source = sources.get_or_create(
        draft.source, draft.source_kind, None, now, timezone=draft.source_timezone
    )
    document = _document(draft, source, digest, now, zone_name)
    mention_rows = documents.add(document, mentions)

    entities = EntityRepository(session).ensure(
        entry_fields(gazetteer.entries[key]) for key in _entity_keys(found) if key in gazetteer
    )
    accounts = [
        _account(em, document, draft, (mentions, mention_rows), entities, now) for em in found
    ]
    place_accounts(session, accounts, now)
    return IngestOutcome(document.id, created=True)


def read_document(
    text: str,
    anchor: date | datetime,
    gazetteer: Gazetteer,
    publisher: str,
    zone: tzinfo | None = None,
    *,
    language: str = "en",
    mode: AutoMode = "auto",
) -> tuple[list[TimeMention], list[EventMention]]:
    """The time mentions and event mentions of a text, from one parse: the tagger reads
    each expression's tense within the sentences the extractor reads events in, and
    places its times in `zone` (the document's time zone) when one is known. In "auto"
    mode the tagger reads the text as news unless it reads as a narrative. Other
    languages than English go to the foreign-language tagger and extractor, on the
    sentences of spaCy's sentencizer for the language."""
    if language != "en":
        sentences = foreign_sentences(text, language)
        bounds = [(s.start, s.end) for s in sentences]
        mentions = tag(text, anchor, mode=mode, sentences=bounds, zone=zone, language=language)
        return mentions, extract_foreign_events(text, mentions, language, sentences, gazetteer)
    with one_parse(text):
        bounds = sentence_bounds(text)
        mentions = tag(text, anchor, mode=mode, sentences=bounds, zone=zone)
        return mentions, extract_events(text, mentions, gazetteer, publisher=publisher)


def _document(
    draft: DocumentDraft, source: Source, digest: str, now: datetime, zone_name: str | None
) -> Document:
    return Document(
        source_id=source.id,
        url=draft.url,
        title=draft.title,
        language=draft.language,
        published=draft.published,
        published_precision=draft.published_precision,
        published_offset=draft.published_offset,
        timezone=zone_name,
        text=draft.text,
        content_sha256=digest,
        ingested_at=now,
    )


def _entity_keys(found: Sequence[EventMention]) -> set[str]:
    keys = {p.entity_key for em in found for p in em.participants if p.entity_key}
    keys |= {em.claimant.entity_key for em in found if em.claimant and em.claimant.entity_key}
    return keys


def _account(
    em: EventMention,
    document: Document,
    draft: DocumentDraft,
    tagged: tuple[Sequence[TimeMention], Sequence[TimeMentionRow]],  # same order
    entities: Mapping[str, Entity],
    now: datetime,
) -> Account:
    account = Account(
        document=document,
        document_id=document.id,
        publisher_id=document.source_id,
        kind=em.kind,
        family=em.family or em.kind,
        story=em.story,
        modality=em.modality,
        quantities=[_quantity_fields(q) for q in em.quantities],
        trigger=em.trigger[:100],
        trigger_start=em.trigger_start,
        trigger_end=em.trigger_end,
        evidence_start=em.evidence_start,
        evidence_end=em.evidence_end,
        quote=draft.text[em.evidence_start : em.evidence_end],
        polarity=em.polarity,
        hedged=em.hedged,
        hedge_cue=em.hedge_cue,
        rule=em.rule[:100],
        created_at=now,
    )
    _set_claimant(account, em, draft.source, entities)
    _set_time(account, em, tagged, draft.published_end)
    account.participants = [
        Participant(
            role=p.role,
            kind=p.kind,
            name=p.name[:200],
            entity=entities.get(p.entity_key) if p.entity_key else None,
            entity_id=_entity_id(entities, p.entity_key),  # matching reads it before a flush
            start=p.start,
            end=p.end,
        )
        for p in em.participants
    ]
    return account


def _quantity_fields(q: Quantity) -> dict[str, object]:
    return {
        "measure": q.measure,
        "low": q.low,
        "high": q.high,
        "best": q.best,
        "hedge": q.hedge,
        "text": q.text,
        "start": q.start,
        "end": q.end,
    }


def _set_claimant(
    account: Account, em: EventMention, publisher: str, entities: Mapping[str, Entity]
) -> None:
    if em.claimant is None:
        account.claimant_name, account.claimant_cue = publisher, "publisher"
        return
    account.claimant_name = em.claimant.name[:200]
    account.claimant_cue = em.claimant.cue[:40]
    via = em.extras.get("relayed_by")
    account.claimant_via = via[:200] if via else None
    account.claimant_entity_id = _entity_id(entities, em.claimant.entity_key)


def _entity_id(entities: Mapping[str, Entity], key: str | None) -> int | None:
    entity = entities.get(key) if key else None
    return entity.id if entity else None


def _set_time(
    account: Account,
    em: EventMention,
    tagged: tuple[Sequence[TimeMention], Sequence[TimeMentionRow]],  # same order
    published_end: datetime,
) -> None:
    mentions, rows = tagged
    if em.time_index is None:
        # Only known to have happened before it was reported.
        account.time_source, account.latest = "publication", published_end
    else:
        # one side of a range ("on Nov. 9-10") dates the account by the whole range
        dating = dating_of(mentions, em.time_index)
        account.time_mention_id = rows[em.time_index].id
        account.time_source = em.time_source
        account.time_value = dating.value
        account.earliest, account.latest = dating.earliest, dating.latest
        account.granularity = dating.granularity
    account.listed_from = listed_from(
        account.earliest, account.latest or published_end, UNDATED_REACH
    )
