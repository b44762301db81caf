"""What the extraction stage returns: sentences, event mentions and their attribution. Pure."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Role = Literal["agent", "target", "supporter", "location"]
EntityKind = Literal["actor", "place"]
Polarity = Literal["asserts", "denies"]
# Whether the telling says it happened: "would cap", "tried to take", "was prevented from
# entering", "plans to strike" are kept, but never set against what happened.
Modality = Literal["actual", "hypothetical", "attempted", "prevented", "planned"]
# Where an account's time came from: its own sentence, the narrative context, or only
# the knowledge that it was reported before publication.
TimeSource = Literal["own", "context", "publication"]


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


@dataclass(frozen=True, slots=True)
class Participant:
    role: Role
    name: str  # canonical name when the gazetteer knows it, else the text as written
    entity_key: str | None  # gazetteer key, None for a name it does not know
    kind: EntityKind
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Claimant:
    name: str
    entity_key: str | None
    cue: str  # "according to", "said", "inherited", ...
    start: int | None = None  # span of the claimant's name in the text, when it is there
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure an account gives: "at least 58 people were killed", "23 of the 59 missiles".

    `low`/`high` bound what the wording allows (None: unbounded on that side); `best` is
    the figure as stated ("dozens": none). Two figures of one measure conflict when their
    [low, high] ranges do not meet.
    """

    measure: str  # a measure name of data/quantities.yaml: deaths, injured, missiles, ...
    low: float | None
    high: float | None
    best: float | None
    hedge: str | None  # "at least", "about", "more than", "dozens", ... as written
    text: str  # the figure and its unit as written
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class EventMention:
    """One sentence-level telling of an event, ready to become an account."""

    kind: str  # capture, attack, movement, request, refusal, statement, discovery, casualties
    trigger: str  # the trigger word as written
    trigger_start: int
    trigger_end: int
    evidence_start: int  # the sentence (or clause) that is the evidence
    evidence_end: int
    sentence_index: int
    participants: tuple[Participant, ...] = ()
    claimant: Claimant | None = None  # None: the publisher is the claimant
    polarity: Polarity = "asserts"
    hedged: bool = False
    hedge_cue: str | None = None
    time_index: int | None = None  # index into the tagger's mentions, None: before publication
    time_source: TimeSource = "publication"
    rule: str = ""
    modality: Modality = "actual"
    family: str = ""  # the event family (data/families.yaml); set by the discourse pass
    story: int | None = None  # which story event of its document it tells (discourse pass)
    quantities: tuple[Quantity, ...] = ()
    extras: dict[str, str] = field(default_factory=dict)
