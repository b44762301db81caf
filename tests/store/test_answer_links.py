"""Links from rebuttals to the claims they answer, kept true as events are regrouped.

The texts are our own, written from the facts of the April 2017 attack on Khan Sheikhoun.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, func, select

from timeline.curation import Curator, merge_events, split_event
from timeline.entities import GazetteerCache
from timeline.extract import load_gazetteer
from timeline.ingest import DocumentDraft, ingest_document
from timeline.store.db import unit_of_work
from timeline.store.models import Account, AccountAnswer

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def _draft(text: str, day: int, source: str) -> DocumentDraft:
    return DocumentDraft(
        text=text,
        published=datetime(2017, 4, day, tzinfo=UTC),
        published_precision="day",
        source=source,
    )


MONITOR = _draft(
    "Syrian government aircraft dropped chemical bombs on Khan Sheikhoun on Tuesday, "
    "killing at least 70 people, the Syrian Observatory for Human Rights said.",
    5,
    "Levant Wire",
)
ARMY = _draft(
    "The Syrian Army denied on Thursday that it had used chemical weapons in Khan "
    "Sheikhoun, saying it has never used them anywhere.",
    6,
    "Damascus Daily",
)
# Published before both: grouping places every later account again.
DOCTORS = _draft(
    "Doctors in Khan Sheikhoun said Syrian army jets attacked the town with poison gas on "
    "Tuesday morning.\n\nRescue workers said warplanes struck the town again in the afternoon.",
    4,
    "Gulf Courier",
)

Key = tuple[str, str]  # (publisher, claimant) of an account


def _ingest(engine: Engine, *drafts: DocumentDraft) -> None:
    gazetteers = GazetteerCache(load_gazetteer())
    for draft in drafts:
        with unit_of_work(engine) as session:
            ingest_document(session, draft, gazetteers.current(session), NOW)


def _key(account: Account) -> Key:
    return account.publisher.name, account.claimant_name


def _links(engine: Engine) -> set[tuple[Key, Key]]:
    """Every stored link as (rebuttal, claim), checking that no link is stored twice and
    that each joins two accounts of one event."""
    with unit_of_work(engine) as session:
        rows = session.scalars(select(AccountAnswer)).all()
        assert session.scalar(select(func.count()).select_from(AccountAnswer)) == len(
            {(r.account_id, r.answers_id) for r in rows}
        )
        links = set()
        for row in rows:
            rebuttal = session.get_one(Account, row.account_id)
            claim = session.get_one(Account, row.answers_id)
            assert rebuttal.event_id == claim.event_id
            assert claim.id in rebuttal.answers and rebuttal.id in claim.answered_by
            links.add((_key(rebuttal), _key(claim)))
        return links


ARMY_DENIAL = ("Damascus Daily", "Syrian Army")
MONITOR_CLAIM = ("Levant Wire", "Syrian Observatory for Human Rights")
DOCTORS_CLAIM = ("Gulf Courier", "Doctors in Khan Sheikhoun")


def test_a_denial_in_another_document_answers_the_claims_accusing_its_party(
    engine: Engine,
) -> None:
    _ingest(engine, MONITOR)
    assert _links(engine) == set()
    _ingest(engine, ARMY)
    assert _links(engine) == {(ARMY_DENIAL, MONITOR_CLAIM)}
    # A third document, published earlier: everything is placed again, and the links with
    # it. The doctors accuse the army too; the rescue workers name nobody and are not answered.
    _ingest(engine, DOCTORS)
    assert _links(engine) == {(ARMY_DENIAL, MONITOR_CLAIM), (ARMY_DENIAL, DOCTORS_CLAIM)}


def test_the_links_do_not_depend_on_the_order_documents_arrive_in(engine: Engine) -> None:
    _ingest(engine, DOCTORS, ARMY, MONITOR)
    assert _links(engine) == {(ARMY_DENIAL, MONITOR_CLAIM), (ARMY_DENIAL, DOCTORS_CLAIM)}


def test_a_claim_moved_out_of_the_event_keeps_no_link(engine: Engine) -> None:
    _ingest(engine, MONITOR, ARMY)
    who = Curator(actor="desk", reason="a test", now=NOW)
    with unit_of_work(engine) as session:
        claim = session.scalars(
            select(Account).where(Account.claimant_name == MONITOR_CLAIM[1])
        ).one()
        event_id = claim.event_id
        split_event(session, event_id, [claim.id], who)
        new_event_id = claim.event_id
    assert new_event_id != event_id
    assert _links(engine) == set()
    with unit_of_work(engine) as session:
        merge_events(session, event_id, [new_event_id], who)
    assert _links(engine) == {(ARMY_DENIAL, MONITOR_CLAIM)}
