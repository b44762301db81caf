"""What the API takes and returns (pydantic). Built from store rows, never the other way."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, field_validator

from timeline.extract.parse import MAX_CHARS
from timeline.language import check_language
from timeline.published import PublishedError, parse_published
from timeline.temporal.zones import zone_of

BOM = "\ufeff"
# What no column of ours can hold: PostgreSQL refuses NUL in text, and a lone surrogate
# cannot be encoded as UTF-8 (the database, the JSON answer and the CSV would all fail).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def clean_text(value: str) -> str:
    """A string any database stores and any encoder writes: a leading byte-order mark is
    dropped (an editor's, not the writer's), NUL and lone surrogates are refused."""
    if found := _UNSTORABLE.search(value):
        what = "a NUL character" if found[0] == "\x00" else "a lone surrogate"
        raise ValueError(f"contains {what} (U+{ord(found[0]):04X}) at offset {found.start()}")
    return value.removeprefix(BOM)


def clean_optional(value: str | None) -> str | None:
    return None if value is None else clean_text(value)


# Every string an API client (or `timeline ingest`) sends is one of these.
CleanStr = Annotated[str, AfterValidator(clean_text)]
# (not `CleanStr | None`: length constraints could not reach into it, and null would fail)
MaybeCleanStr = Annotated[str | None, AfterValidator(clean_optional)]


def _to_utc(value: datetime) -> datetime:
    try:
        return value.astimezone(UTC)
    except OverflowError as exc:
        raise ValueError("is outside the years a UTC instant can have") from exc


# An instant with its UTC offset (a naive date-time says nothing about when it was)
UtcInstant = Annotated[AwareDatetime, AfterValidator(_to_utc)]


def _check_published(value: str) -> str:
    try:
        parse_published(value)
    except PublishedError as exc:
        raise ValueError(str(exc)) from exc
    return value


Published = Annotated[str, AfterValidator(clean_text), AfterValidator(_check_published)]


def _check_zone(value: str | None) -> str | None:
    if value is None:
        return None
    zone_of(value)  # ZoneError (a ValueError) says what is wrong: a 422 naming the field
    return value


TimeZoneName = Annotated[
    str | None,
    Field(
        default=None,
        max_length=64,
        description="an IANA time zone name (Europe/Moscow, Asia/Damascus, UTC)",
        examples=["Europe/Moscow"],
    ),
    AfterValidator(clean_optional),
    AfterValidator(_check_zone),
]
Language = Annotated[
    str | None,
    AfterValidator(clean_optional),
    AfterValidator(lambda code: None if code is None else check_language(code)),
    Field(
        default=None,
        description="ISO 639-1 code of the text's language (en, ru, uk, ar, fr, de, es); "
        "detected from the text when absent",
        examples=["en"],
    ),
]
# How relative expressions are resolved: from publication (news), from the story's own
# times (narrative), or whichever the text reads as (auto).
TagMode = Literal["auto", "news", "narrative"]
# Row ids are 32-bit integers in the database: a larger number is simply no id of ours.
RowId = Annotated[int, Field(ge=1, le=2_147_483_647)]
SourceKind = Literal["news", "government", "ngo", "monitor", "social", "other"]


class DocumentIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)

    text: CleanStr = Field(
        description="the article or statement, plain text (a leading byte-order mark is dropped)"
    )
    published: Published = Field(
        description="publication date (2017-11-14) or instant (2017-11-14T09:30:00Z)",
        examples=["2017-11-14"],
    )
    source: CleanStr = Field(min_length=1, max_length=200, description="publisher name")
    source_kind: SourceKind = "news"
    url: MaybeCleanStr = Field(default=None, max_length=2000)
    title: MaybeCleanStr = Field(default=None, max_length=500)
    language: Language = None
    mode: TagMode = "auto"
    timezone: TimeZoneName = Field(
        default=None,
        description="the IANA zone of the article's clock times and days "
        "(default: the source's); without any, clock times float",
    )
    source_timezone: TimeZoneName = Field(
        default=None, description="sets the source's default IANA time zone"
    )

    @field_validator("text")
    @classmethod
    def _text_has_words(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text is empty; send the article's text")
        return value

    @field_validator("source")
    @classmethod
    def _source_named(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("source is blank; name the publisher")
        return value.strip()


class TagIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # /tag reads the sentences of the parse, which takes at most MAX_CHARS characters
    text: CleanStr = Field(max_length=MAX_CHARS)
    published: Published = Field(examples=["2017-11-14"])
    mode: TagMode = "auto"
    language: Language = None
    timezone: TimeZoneName = Field(
        default=None, description="the IANA zone of the text's clock times and days"
    )


class TimeMentionOut(BaseModel):
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None
    earliest: datetime | None
    latest: datetime | None
    granularity: str | None
    utc_offset: str | None = Field(
        description='the UTC offset the interval was placed with ("+03:00"): a zone the text '
        "names, or the document's; null when no zone is known"
    )
    floating: bool = Field(
        description="a clock time whose zone is unknown: its interval is the wall-clock "
        "reading labelled UTC, and it may lie up to 14 hours either side"
    )
    anchor: str = Field(description='"publication" or "mention:<ordinal>" it was resolved against')
    edtf: str | None = None


class SourceOut(BaseModel):
    id: int
    name: str
    kind: str
    timezone: str | None = Field(description="its default IANA time zone, when known")


class ClaimantOut(BaseModel):
    name: str
    entity_id: int | None
    cue: str = Field(description='the attribution cue, or "publisher" when none was found')
    via: str | None = Field(
        default=None,
        description="the medium that relayed the claimant's words to the publisher "
        "('the ministry said ..., TASS reported'), when the text names one",
    )


class AccountTimeOut(BaseModel):
    source: Literal["own", "context", "publication"]
    value: str | None
    text: str | None
    earliest: datetime | None
    latest: datetime | None
    granularity: str | None
    floating: bool = Field(
        default=False, description="a clock time whose zone is unknown (see time mentions)"
    )
    start: int | None = Field(
        default=None, description="where its time mention starts in the document text, if any"
    )
    end: int | None = Field(default=None, description="where its time mention ends (exclusive)")


class ParticipantOut(BaseModel):
    role: str
    kind: str
    name: str
    entity_id: int | None


class EvidenceOut(BaseModel):
    start: int
    end: int
    quote: str
    trigger: str
    trigger_start: int
    trigger_end: int


class QuantityOut(BaseModel):
    measure: str = Field(description="what is counted: deaths, injured, missiles_fired, ...")
    low: float | None = Field(description="the least the wording allows (null: unbounded)")
    high: float | None = Field(description="the most the wording allows (null: unbounded)")
    best: float | None = Field(description="the figure as stated ('dozens': null)")
    hedge: str | None = Field(description="'at least', 'about', 'dozens', ... as written")
    text: str
    start: int
    end: int


class AccountOut(BaseModel):
    id: int
    event_id: int
    document_id: int
    kind: str
    family: str = Field(description="what happened, whichever verb told it: violence, control, ...")
    modality: str = Field(
        description="actual, or hypothetical / attempted / prevented / planned (never disputed)"
    )
    quantities: list[QuantityOut]
    claimant: ClaimantOut
    publisher: SourceOut
    published: datetime
    time: AccountTimeOut
    participants: list[ParticipantOut]
    polarity: str
    hedged: bool
    hedge_cue: str | None
    evidence: EvidenceOut
    rule: str
    answers: list[int] = Field(
        description="for a denial, a rebuttal or a debunking: the ids of the accounts of its "
        "event it answers (the claims it contradicts, told by other claimants; those of the "
        "party it names or clears first)"
    )
    answered_by: list[int] = Field(
        description="for a claim: the ids of the denials, rebuttals and debunkings answering it"
    )


class PlaceOut(BaseModel):
    name: str
    entity_id: int | None


class EventOut(BaseModel):
    id: int
    title: str
    kind: str
    place: PlaceOut | None
    earliest: datetime | None
    latest: datetime | None
    disputed: bool
    account_count: int
    claimants: list[str]
    publishers: list[str]


class DisputeSideOut(BaseModel):
    label: str = Field(description="what this side says: a time value, agents, asserts/denies")
    account_ids: list[int]


class FiguresOut(BaseModel):
    measure: str
    low: float | None
    best: float | None
    high: float | None


class DisputeOut(BaseModel):
    aspect: Literal["time", "actor", "polarity", "quantity"]
    detail: str = Field(description="the sides in words: '8 Nov 2017 according to SANA; ...'")
    sides: list[DisputeSideOut]
    figures: FiguresOut | None = Field(
        default=None, description="for a quantity: the low / best / high across the accounts"
    )


class EventDetail(EventOut):
    merged_into: int | None = Field(description="set when a curator merged it into another")
    accounts: list[AccountOut]
    disputes: list[DisputeOut]


class EventPage(BaseModel):
    items: list[EventOut]
    next_cursor: str | None


class AccountPage(BaseModel):
    items: list[AccountOut]
    next_cursor: str | None


class DocumentOut(BaseModel):
    id: int
    source: SourceOut
    url: str | None
    title: str | None
    language: str
    published: datetime
    published_precision: str
    published_offset: str | None = Field(
        description='the UTC offset the publication instant was given at ("+03:00"); '
        "null for a bare day"
    )
    timezone: str | None = Field(
        description="the IANA time zone its clock times and days were read in (the "
        "document's, else its source's); null when none is known"
    )
    content_sha256: str
    ingested_at: datetime
    text: str
    time_mentions: list[TimeMentionOut]
    accounts: list[AccountOut]


class DocumentSummary(BaseModel):
    """A document in a listing or a search: what it is, not its text."""

    id: int
    title: str | None
    source: str = Field(description="the publisher's name")
    published: datetime
    url: str | None
    language: str
    snippet: str | None = Field(
        description="with q: some words of the text around the match, matched words "
        "between ** (plain text, never HTML); null without q"
    )


class DocumentPage(BaseModel):
    items: list[DocumentSummary]
    next_cursor: str | None


class TagOut(BaseModel):
    time_mentions: list[TimeMentionOut]
    language: str = Field(description="the language the text was read in: as given, or detected")


class HealthOut(BaseModel):
    status: Literal["ok", "degraded"]
    database: Literal["ok", "unreachable"]


class CurationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: MaybeCleanStr = Field(default=None, max_length=2000, description="why, for the history")


class MergeIn(CurationIn):
    event_ids: list[RowId] = Field(
        min_length=1, max_length=1000, description="events to merge into this one"
    )


class SplitIn(CurationIn):
    account_ids: list[RowId] = Field(
        min_length=1, max_length=1000, description="accounts to move to a new event"
    )


def _absent(**constraints: Any) -> Any:
    """A field that may be left out but, when given, may not be null: its default (None,
    never validated) stays out of the schema, which declares it non-nullable."""

    def drop_default(schema: dict[str, Any]) -> None:
        schema.pop("default", None)

    return Field(default=None, json_schema_extra=drop_default, **constraints)


class AccountPatch(CurationIn):
    """Move an account to another event, or correct what extraction got wrong."""

    # Absent means "leave it"; null clears the fields that may be empty (a time), and is
    # refused, naming the field, for those an account always has.
    event_id: RowId = _absent(description="the event to move the account to")
    claimant_name: CleanStr = _absent(min_length=1, max_length=200)
    time_value: MaybeCleanStr = Field(default=None, max_length=64)
    earliest: UtcInstant | None = None
    latest: UtcInstant | None = None
    granularity: MaybeCleanStr = Field(default=None, max_length=16)
    polarity: Literal["asserts", "denies"] = _absent()
    hedged: bool = _absent()


class RevisionOut(BaseModel):
    id: int
    action: str
    target_type: str
    target_id: int
    actor: str
    reason: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    created_at: datetime
    undone_at: datetime | None
    undoes: int | None
    event_ids: list[int]


class CurationOut(BaseModel):
    revision: RevisionOut
    events: list[EventDetail] = Field(description="the events the change touched, as they are now")


class HistoryOut(BaseModel):
    event_id: int
    revisions: list[RevisionOut]


class EntityIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: MaybeCleanStr = Field(default=None, pattern=r"^[a-z0-9][a-z0-9-]{0,99}$")
    name: CleanStr = Field(min_length=1, max_length=200)
    kind: Literal["actor", "place"]
    subtype: MaybeCleanStr = Field(default=None, max_length=40)
    aliases: list[Annotated[CleanStr, Field(max_length=200)]] = Field(
        default_factory=list, max_length=100
    )
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)


class EntityOut(BaseModel):
    id: int
    key: str
    name: str
    kind: str
    subtype: str | None
    aliases: list[str]
    lat: float | None
    lon: float | None
    origin: str


class EntityPage(BaseModel):
    items: list[EntityOut]
    next_cursor: str | None
