"""SQLAlchemy 2 models of the domain (DESIGN §2). The schema itself is built by Alembic only."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.sql import false

from timeline.store.types import UTCDateTime
from timeline.temporal.types import is_floating

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
    }


class Source(Base):
    """A publisher: a news outlet, a government, an NGO, a monitor."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20), default="news")
    url: Mapped[str | None] = mapped_column(String(500))
    # the IANA zone of its clock times and days, unless a document says otherwise
    timezone: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime]


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    url: Mapped[str | None] = mapped_column(String(2000))
    title: Mapped[str | None] = mapped_column(String(500))
    language: Mapped[str] = mapped_column(String(12), default="en")
    published: Mapped[datetime]
    published_precision: Mapped[str] = mapped_column(String(10))  # day | second
    # minutes east of UTC the publication instant was given at (None: a bare day, or before
    # zones were kept); its local day is what "yesterday" counts from
    published_offset: Mapped[int | None] = mapped_column(Integer)
    timezone: Mapped[str | None] = mapped_column(String(64))  # the IANA zone its times were read in
    # Deferred: an account loads its document with it (for the publication time), and
    # exports and event pages must not carry every article's full text along.
    text: Mapped[str] = mapped_column(Text, deferred=True)
    content_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    ingested_at: Mapped[datetime]

    source: Mapped[Source] = relationship(lazy="joined")
    mentions: Mapped[list[TimeMentionRow]] = relationship(
        back_populates="document", order_by="TimeMentionRow.ordinal"
    )


class TimeMentionRow(Base):
    """A TIMEX found in a document: its span, TIMEX3 value and the interval it denotes."""

    __tablename__ = "time_mentions"
    __table_args__ = (
        UniqueConstraint("document_id", "ordinal", name="uq_time_mentions_document_ordinal"),
        Index("ix_time_mentions_interval", "earliest", "latest"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    ordinal: Mapped[int] = mapped_column(Integer)  # position among the document's mentions
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(500))
    type: Mapped[str] = mapped_column(String(10))
    value: Mapped[str] = mapped_column(String(64))
    mod: Mapped[str | None] = mapped_column(String(16))
    earliest: Mapped[datetime | None]
    latest: Mapped[datetime | None]
    granularity: Mapped[str | None] = mapped_column(String(16))
    utc_offset: Mapped[str | None] = mapped_column(String(6))  # None: no zone known
    anchor_mention_id: Mapped[int | None] = mapped_column(ForeignKey("time_mentions.id"))
    rule: Mapped[str] = mapped_column(String(100), default="")

    @property
    def floating(self) -> bool:
        """A clock reading whose zone is unknown (as `TimeMention.floating`)."""
        return is_floating(self.granularity, self.utc_offset)

    document: Mapped[Document] = relationship(back_populates="mentions")


class Entity(Base):
    """An actor or a place; aliases resolve many spellings to it."""

    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(10))  # actor | place
    subtype: Mapped[str | None] = mapped_column(String(40))
    origin: Mapped[str] = mapped_column(
        String(10), default="gazetteer", server_default="gazetteer"
    )  # gazetteer | user
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)

    aliases: Mapped[list[EntityAlias]] = relationship(
        back_populates="entity",
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="EntityAlias.id",
    )


class EntityAlias(Base):
    __tablename__ = "entity_aliases"
    __table_args__ = (UniqueConstraint("entity_id", "alias_norm", name="uq_entity_aliases_pair"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(200))
    alias_norm: Mapped[str] = mapped_column(String(200), index=True)  # casefolded

    entity: Mapped[Entity] = relationship(back_populates="aliases")


class Event(Base):
    """One thing that happened, or is said to have: the set of its accounts and their envelope."""

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_interval", "earliest", "latest"),
        Index("ix_events_sort", "sort_at", "id"),
        Index("ix_events_listed", "listed_from", "latest"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(30), index=True)
    # What happened, whichever verb told it (timeline/extract/data/families.yaml): grouping
    # looks for events of the new accounts' families only.
    family: Mapped[str] = mapped_column(String(30), index=True)
    place_entity_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"))
    place_name: Mapped[str | None] = mapped_column(String(200))
    earliest: Mapped[datetime | None]
    latest: Mapped[datetime | None]
    sort_at: Mapped[datetime]  # never null: the time the event is ordered and paged by
    # Where window searches start finding it: `earliest`, or for an open start the
    # presumed one (reconcile.envelope.listed_from); `earliest` itself stays the truth.
    listed_from: Mapped[datetime]
    disputed: Mapped[bool] = mapped_column(Boolean, default=False)
    # Set by a curator's merge: the event lives on inside another and is listed no more.
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("events.id"), index=True)
    # A curator has shaped this event: automatic regrouping leaves its accounts alone.
    curated: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    accounts: Mapped[list[Account]] = relationship(
        back_populates="event", order_by="Account.id", lazy="selectin"
    )
    disputes: Mapped[list[DisputeRow]] = relationship(
        back_populates="event",
        order_by="DisputeRow.id",
        lazy="selectin",
        cascade="all, delete-orphan",
    )


class DisputeRow(Base):
    """One disagreement between the accounts of an event, recomputed when they change."""

    __tablename__ = "disputes"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    aspect: Mapped[str] = mapped_column(String(12))  # time | actor | polarity
    detail: Mapped[str] = mapped_column(Text)
    # [[label, [account ids]], ...]: the sides and the accounts on each
    sides: Mapped[list[Any]] = mapped_column(JSON)
    # For a quantity: {measure, low, best, high} across the accounts (UCDP style); else null
    figures: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    event: Mapped[Event] = relationship(back_populates="disputes")


class Account(Base):
    """One source's telling of one event, with its evidence, attribution and time."""

    __tablename__ = "accounts"
    __table_args__ = (
        Index("ix_accounts_interval", "earliest", "latest"),
        Index("ix_accounts_listed", "listed_from", "latest"),
        CheckConstraint("polarity in ('asserts', 'denies')", name="polarity"),
        CheckConstraint("time_source in ('own', 'context', 'publication')", name="time_source"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(30))
    family: Mapped[str] = mapped_column(String(30), index=True)
    # The story event of its document it tells (extraction links the mentions of one story):
    # accounts of one story join one event together. Null: on its own (curated, or older).
    story: Mapped[int | None] = mapped_column(Integer)
    # actual | hypothetical | attempted | prevented | planned: only actual tellings dispute
    modality: Mapped[str] = mapped_column(String(12), default="actual", server_default="actual")
    # The figures it gives: [{measure, low, high, best, hedge, text, start, end}, ...]
    quantities: Mapped[list[Any] | None] = mapped_column(JSON, default=list)
    trigger: Mapped[str] = mapped_column(String(100))
    trigger_start: Mapped[int] = mapped_column(Integer)
    trigger_end: Mapped[int] = mapped_column(Integer)
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    claimant_name: Mapped[str] = mapped_column(String(200))
    claimant_entity_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"))
    claimant_cue: Mapped[str] = mapped_column(String(40))  # "publisher" when none was found
    # The medium that relayed the claimant to the publisher ("via TASS"), when named.
    claimant_via: Mapped[str | None] = mapped_column(String(200))
    publisher_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    time_mention_id: Mapped[int | None] = mapped_column(ForeignKey("time_mentions.id"))
    time_source: Mapped[str] = mapped_column(String(12))
    time_value: Mapped[str | None] = mapped_column(String(64))
    earliest: Mapped[datetime | None]
    latest: Mapped[datetime | None]
    granularity: Mapped[str | None] = mapped_column(String(16))
    listed_from: Mapped[datetime]  # as for events
    polarity: Mapped[str] = mapped_column(String(8), default="asserts")
    hedged: Mapped[bool] = mapped_column(Boolean, default=False)
    hedge_cue: Mapped[str | None] = mapped_column(String(40))
    rule: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime]

    event: Mapped[Event] = relationship(back_populates="accounts")
    document: Mapped[Document] = relationship(lazy="joined")
    publisher: Mapped[Source] = relationship(lazy="joined")
    claimant_entity: Mapped[Entity | None] = relationship(lazy="joined")
    time_mention: Mapped[TimeMentionRow | None] = relationship(lazy="joined")
    participants: Mapped[list[Participant]] = relationship(
        back_populates="account",
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="Participant.id",  # "the first place named" must not depend on the database
    )
    # Links to the claims this rebuttal answers, and from the rebuttals answering it. Written
    # by AccountRepository.replace_answers only (the links are derived, like disputes).
    answer_links: Mapped[list[AccountAnswer]] = relationship(
        foreign_keys="AccountAnswer.account_id",
        lazy="selectin",
        viewonly=True,
        order_by="AccountAnswer.answers_id",
    )
    answered_links: Mapped[list[AccountAnswer]] = relationship(
        foreign_keys="AccountAnswer.answers_id",
        lazy="selectin",
        viewonly=True,
        order_by="AccountAnswer.account_id",
    )

    @property
    def answers(self) -> list[int]:
        """The ids of the claims this account answers."""
        return [link.answers_id for link in self.answer_links]

    @property
    def answered_by(self) -> list[int]:
        """The ids of the rebuttals answering this account."""
        return [link.account_id for link in self.answered_links]


class AccountAnswer(Base):
    """A rebuttal (a denial, a debunking) and one claim of its event it answers."""

    __tablename__ = "account_answers"

    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    answers_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Participant(Base):
    """Who or where an account names, and in what role."""

    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(12))  # agent | target | supporter | location
    kind: Mapped[str] = mapped_column(String(10))  # actor | place
    name: Mapped[str] = mapped_column(String(200), index=True)
    entity_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)

    account: Mapped[Account] = relationship(back_populates="participants")
    entity: Mapped[Entity | None] = relationship(lazy="joined")


class Revision(Base):
    """A recorded change: who, when, what before and after, and why. Nothing changes silently."""

    __tablename__ = "revisions"
    __table_args__ = (Index("ix_revisions_target", "target_type", "target_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    target_type: Mapped[str] = mapped_column(String(20))  # event | account | entity
    target_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(30))
    actor: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str | None] = mapped_column(Text)
    before: Mapped[dict[str, Any] | None]
    after: Mapped[dict[str, Any] | None]
    created_at: Mapped[datetime]
    undone_at: Mapped[datetime | None]
    undoes_id: Mapped[int | None] = mapped_column(ForeignKey("revisions.id"))

    events: Mapped[list[RevisionEvent]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )


class RevisionEvent(Base):
    """Which events a revision touched, so that each event's history can be listed."""

    __tablename__ = "revision_events"

    revision_id: Mapped[int] = mapped_column(
        ForeignKey("revisions.id", ondelete="CASCADE"), primary_key=True
    )
    event_id: Mapped[int] = mapped_column(Integer, primary_key=True, index=True)
