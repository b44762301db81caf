"""Streaming CSV of events and accounts. The columns are documented in COLUMNS (and the README)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import datetime

from timeline.export.edtf import edtf
from timeline.export.vis import instant
from timeline.store.models import TimeMentionRow
from timeline.store.repositories.export_rows import AccountLine, EventLine

EVENT_COLUMNS = {
    "event_id": "the event's id (GET /events/{id})",
    "title": "a generated title",
    "kind": "capture, attack, movement, request, refusal, statement, discovery, casualties",
    "place": "the place the event happened, as the gazetteer names it",
    "earliest": "start of the time envelope of its accounts (inclusive, UTC; empty: open)",
    "latest": "end of that envelope (exclusive, UTC; empty: open)",
    "edtf": "the envelope in EDTF",
    "disputed": "true when its accounts disagree",
    "account_count": "how many accounts tell it",
    "claimants": "who claims it, ' | '-separated",
    "publishers": "who published those accounts, ' | '-separated",
}

ACCOUNT_COLUMNS = {
    "account_id": "the account's id",
    "event_id": "the event it tells",
    "event_title": "that event's title",
    "kind": "the kind of event this account reports",
    "document_id": "the document it comes from (GET /documents/{id})",
    "publisher": "who published the document",
    "published": "when the document was published (UTC)",
    "claimant": "who asserts it (the publisher when nobody else is named)",
    "claimant_cue": "how the claimant was found: 'according to', 'said', ..., or 'publisher'",
    "time_source": "own (its sentence), context (an earlier one), publication (only before it)",
    "time_text": "the time expression as written",
    "time_value": "its TIMEX3 value",
    "earliest": "start of the account's interval (inclusive, UTC; empty: open)",
    "latest": "end of the interval (exclusive, UTC; empty: open)",
    "granularity": "day, week, month, ...",
    "edtf": "the interval in EDTF",
    "polarity": "asserts or denies",
    "hedged": "true when hedged (reportedly, allegedly, claimed)",
    "agents": "who did it, ' | '-separated",
    "targets": "to whom or what",
    "supporters": "who helped",
    "locations": "where",
    "trigger": "the word that reports the event",
    "evidence_start": "character offset where the evidence begins in the document",
    "evidence_end": "character offset where it ends (exclusive)",
    "quote": "the evidence text",
}


MENTION_COLUMNS = {
    "ordinal": "its position among the document's time mentions (0 first)",
    "start": "character offset where it begins in the document",
    "end": "character offset where it ends (exclusive)",
    "text": "the expression as written",
    "type": "TIMEX3 type: DATE, TIME, DURATION or SET",
    "value": "TIMEX3 value, the time as the text tells it",
    "mod": "TIMEX3 mod (START, END, APPROX, BEFORE, ...), empty when none",
    "earliest": "start of its interval (inclusive, UTC; empty: open or none)",
    "latest": "end of its interval (exclusive, UTC; empty: open or none)",
    "granularity": "day, week, month, ..., empty for durations and sets",
    "utc_offset": "the UTC offset its interval was placed with, empty when no zone is known",
    "floating": "true for a clock time whose zone is unknown",
    "edtf": "its interval in EDTF",
    "anchor": "'publication', or 'mention:<ordinal>' of the mention it was counted from",
}


def _when(value: datetime | None) -> str:
    return instant(value) if value else ""


def _names(line: AccountLine, role: str) -> str:
    return " | ".join(line.names.get(role, ()))


def event_row(e: EventLine) -> list[str]:
    return [
        str(e.id),
        e.title,
        e.kind,
        e.place_name or "",
        _when(e.earliest),
        _when(e.latest),
        edtf(e.earliest, e.latest, None) or "",
        "true" if e.disputed else "false",
        str(len(e.claimants)),
        " | ".join(dict.fromkeys(e.claimants)),
        " | ".join(dict.fromkeys(e.publishers)),
    ]


def account_row(a: AccountLine) -> list[str]:
    return [
        str(a.id),
        str(a.event_id),
        a.event_title,
        a.kind,
        str(a.document_id),
        a.publisher,
        _when(a.published),
        a.claimant,
        a.claimant_cue,
        a.time_source,
        a.time_text or "",
        a.time_value or "",
        _when(a.earliest),
        _when(a.latest),
        a.granularity or "",
        edtf(a.earliest, a.latest, a.granularity) or "",
        a.polarity,
        "true" if a.hedged else "false",
        _names(a, "agent"),
        _names(a, "target"),
        _names(a, "supporter"),
        _names(a, "location"),
        a.trigger,
        str(a.evidence_start),
        str(a.evidence_end),
        a.quote,
    ]


# A cell a spreadsheet would read as a formula (OWASP, "CSV Injection"): articles are
# untrusted text, and "=HYPERLINK(...)" in a quote must reach Excel as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(cell: str) -> str:
    """`cell`, with a leading apostrophe if a spreadsheet would run it as a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def mention_row(m: TimeMentionRow, ordinals: dict[int, int]) -> list[str]:
    """One time mention; `ordinals` maps the ids of the mentions before it to theirs."""
    anchor = ordinals.get(m.anchor_mention_id) if m.anchor_mention_id is not None else None
    return [
        str(m.ordinal),
        str(m.start),
        str(m.end),
        m.text,
        m.type,
        m.value,
        m.mod or "",
        _when(m.earliest),
        _when(m.latest),
        m.granularity or "",
        m.utc_offset or "",
        "true" if m.floating else "false",
        (edtf(m.earliest, m.latest, m.granularity, m.mod) if m.type != "DURATION" else None) or "",
        "publication" if anchor is None else f"mention:{anchor}",
    ]


# The columns whose text comes from articles or from people (names, quotes, titles): only
# they are neutralised, so that our own values ("+03:00", "-05:00") stay as they are.
FREE_TEXT = frozenset(
    {
        "title",
        "place",
        "claimants",
        "publishers",
        "event_title",
        "publisher",
        "claimant",
        "time_text",
        "agents",
        "targets",
        "supporters",
        "locations",
        "trigger",
        "quote",
        "text",
    }
)


def csv_chunks(header: Iterable[str], rows: Iterable[list[str]], every: int = 100) -> Iterator[str]:
    """CSV text in chunks of `every` rows, header first (RFC 4180 quoting, CRLF line ends),
    each free-text cell that could run as a formula neutralised (`neutralised`)."""
    columns = list(header)
    free = [name in FREE_TEXT for name in columns]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for count, row in enumerate(rows, start=1):
        writer.writerow([neutralised(c) if f else c for c, f in zip(row, free, strict=True)])
        if count % every == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
