"""Turn store rows into API schemas (inside the unit of work, while rows are loaded)."""

from __future__ import annotations

from collections.abc import Sequence

from api.schemas import (
    AccountOut,
    AccountTimeOut,
    ClaimantOut,
    DisputeOut,
    DisputeSideOut,
    DocumentOut,
    DocumentSummary,
    EntityOut,
    EventDetail,
    EventOut,
    EvidenceOut,
    FiguresOut,
    ParticipantOut,
    PlaceOut,
    QuantityOut,
    RevisionOut,
    SourceOut,
    TimeMentionOut,
)
from timeline.export.edtf import edtf
from timeline.store.models import (
    Account,
    Document,
    Entity,
    Event,
    Revision,
    Source,
    TimeMentionRow,
)
from timeline.store.repositories import DocumentHit
from timeline.temporal.types import TIMEX_FIELDS, TimeMention
from timeline.temporal.zones import format_offset


def source_out(source: Source) -> SourceOut:
    return SourceOut(id=source.id, name=source.name, kind=source.kind, timezone=source.timezone)


def mention_out(
    m: TimeMention | TimeMentionRow, ordinal_by_id: dict[int, int] | None = None
) -> TimeMentionOut:
    if isinstance(m, TimeMentionRow):
        anchor_ordinal = (ordinal_by_id or {}).get(m.anchor_mention_id or -1)
    else:
        anchor_ordinal = m.anchor_index
    return TimeMentionOut(
        **{name: getattr(m, name) for name in TIMEX_FIELDS},
        floating=m.floating,
        anchor="publication" if anchor_ordinal is None else f"mention:{anchor_ordinal}",
        edtf=edtf(m.earliest, m.latest, m.granularity, m.mod) if m.type != "DURATION" else None,
    )


def account_out(a: Account) -> AccountOut:
    return AccountOut(
        id=a.id,
        event_id=a.event_id,
        document_id=a.document_id,
        kind=a.kind,
        family=a.family,
        modality=a.modality,
        quantities=[QuantityOut(**q) for q in a.quantities or []],
        claimant=ClaimantOut(
            name=a.claimant_name,
            entity_id=a.claimant_entity_id,
            cue=a.claimant_cue,
            via=a.claimant_via,
        ),
        publisher=source_out(a.publisher),
        published=a.document.published,
        time=AccountTimeOut(
            source=a.time_source,
            value=a.time_value,
            text=a.time_mention.text if a.time_mention else None,
            earliest=a.earliest,
            latest=a.latest,
            granularity=a.granularity,
            floating=a.time_mention.floating if a.time_mention else False,
            start=a.time_mention.start if a.time_mention else None,
            end=a.time_mention.end if a.time_mention else None,
        ),
        participants=[
            ParticipantOut(role=p.role, kind=p.kind, name=p.name, entity_id=p.entity_id)
            for p in a.participants
        ],
        polarity=a.polarity,
        hedged=a.hedged,
        hedge_cue=a.hedge_cue,
        evidence=EvidenceOut(
            start=a.evidence_start,
            end=a.evidence_end,
            quote=a.quote,
            trigger=a.trigger,
            trigger_start=a.trigger_start,
            trigger_end=a.trigger_end,
        ),
        rule=a.rule,
        answers=a.answers,
        answered_by=a.answered_by,
    )


def _distinct(values: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(values))


def event_out(e: Event) -> EventOut:
    return EventOut(**_event_fields(e))


def event_detail(e: Event) -> EventDetail:
    return EventDetail(
        **_event_fields(e),
        merged_into=e.merged_into_id,
        accounts=[account_out(a) for a in e.accounts],
        disputes=[
            DisputeOut(
                aspect=d.aspect,
                detail=d.detail,
                sides=[DisputeSideOut(label=label, account_ids=ids) for label, ids in d.sides],
                figures=FiguresOut(**d.figures) if d.figures else None,
            )
            for d in e.disputes
        ],
    )


def _event_fields(e: Event) -> dict[str, object]:
    place = PlaceOut(name=e.place_name, entity_id=e.place_entity_id) if e.place_name else None
    return {
        "id": e.id,
        "title": e.title,
        "kind": e.kind,
        "place": place,
        "earliest": e.earliest,
        "latest": e.latest,
        "disputed": e.disputed,
        "account_count": len(e.accounts),
        "claimants": _distinct([a.claimant_name for a in e.accounts]),
        "publishers": _distinct([a.publisher.name for a in e.accounts]),
    }


def document_out(d: Document, accounts: Sequence[Account]) -> DocumentOut:
    ordinal_by_id = {m.id: m.ordinal for m in d.mentions}
    return DocumentOut(
        id=d.id,
        source=source_out(d.source),
        url=d.url,
        title=d.title,
        language=d.language,
        published=d.published,
        published_precision=d.published_precision,
        published_offset=None if d.published_offset is None else format_offset(d.published_offset),
        timezone=d.timezone,
        content_sha256=d.content_sha256,
        ingested_at=d.ingested_at,
        text=d.text,
        time_mentions=[mention_out(m, ordinal_by_id) for m in d.mentions],
        accounts=[account_out(a) for a in accounts],
    )


def document_summary(hit: DocumentHit) -> DocumentSummary:
    d = hit.document
    return DocumentSummary(
        id=d.id,
        title=d.title,
        source=d.source.name,
        published=d.published,
        url=d.url,
        language=d.language,
        snippet=hit.snippet,
    )


def revision_out(r: Revision) -> RevisionOut:
    return RevisionOut(
        id=r.id,
        action=r.action,
        target_type=r.target_type,
        target_id=r.target_id,
        actor=r.actor,
        reason=r.reason,
        before=r.before,
        after=r.after,
        created_at=r.created_at,
        undone_at=r.undone_at,
        undoes=r.undoes_id,
        event_ids=[link.event_id for link in r.events],
    )


def entity_out(e: Entity) -> EntityOut:
    return EntityOut(
        id=e.id,
        key=e.key,
        name=e.name,
        kind=e.kind,
        subtype=e.subtype,
        aliases=[a.alias for a in e.aliases],
        lat=e.lat,
        lon=e.lon,
        origin=e.origin,
    )
