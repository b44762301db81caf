"""Put new accounts under the events they tell, and keep each event's derived fields true.

The decisions are the pure `reconcile` functions; this module feeds them from the store.
A curator's events keep their shape; all other events near the new accounts are regrouped
from scratch in a canonical order, so that ingesting the same documents in any order gives
the same events.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from functools import reduce
from typing import Any, Literal

from sqlalchemy.orm import Session

from timeline.reconcile.actors import ActorRules, load_actor_rules
from timeline.reconcile.clustering import cluster, combine
from timeline.reconcile.disputes import AccountView, find_disputes
from timeline.reconcile.envelope import envelope
from timeline.reconcile.scoring import FAR, Facts, best_match
from timeline.store.models import Account, DisputeRow, Event, Participant
from timeline.store.repositories import EventRepository

KIND_TITLES = {
    "capture": "Capture",
    "attack": "Attack",
    "movement": "Movement",
    "request": "Request",
    "refusal": "Refusal",
    "statement": "Statement",
    "discovery": "Discovery",
    "casualties": "Casualties",
}


def canonical_key(account: Account) -> tuple[Any, ...]:
    """An order of accounts that does not depend on when they were ingested."""
    document = account.document
    return (
        document.published,
        document.content_sha256,
        account.evidence_start,
        account.trigger_start,
        account.kind,
    )


def place_accounts(session: Session, accounts: Sequence[Account], now: datetime) -> None:
    """Give each new (not yet stored) account its event, creating and regrouping as needed."""
    events = EventRepository(session)
    for kind in sorted({a.kind for a in accounts}):
        fresh = [a for a in accounts if a.kind == kind]
        curated = events.candidates(kind, *_span(fresh), FAR, curated=True)
        loose = [a for a in fresh if not _join_curated(session, a, curated)]
        # Every other event of the kind is regrouped: a partial window would let earlier
        # arrival orders survive outside it (undated accounts can join at any time).
        _regroup(session, loose, events.of_kind(kind, curated=False), now)
        for event in curated:
            refresh_event(event, now)


def _span(accounts: Sequence[Account]) -> tuple[datetime | None, datetime | None]:
    """The window the accounts cover; open when any of them is undated."""
    if not all(is_dated(a) for a in accounts):
        return None, None
    starts = [a.earliest for a in accounts if a.earliest is not None]
    ends = [a.latest for a in accounts if a.latest is not None]
    return min(starts, default=None), max(ends, default=None)


def _join_curated(session: Session, account: Account, curated: Sequence[Event]) -> bool:
    chosen = best_match(((e.id, event_facts(e)) for e in curated), account_facts(account))
    if chosen is None:
        return False
    account.event = next(e for e in curated if e.id == chosen)
    session.add(account)
    return True


def _regroup(
    session: Session, fresh: Sequence[Account], events: Sequence[Event], now: datetime
) -> None:
    pool = sorted([*fresh, *(a for e in events for a in e.accounts)], key=canonical_key)
    available = {e.id: e for e in events}
    touched = []
    for members in cluster([account_facts(a) for a in pool]):
        accounts = [pool[i] for i in members]
        event = _reuse(accounts, available) or _new_event(session, accounts[0], now)
        for account in accounts:
            account.event = event
        touched.append(event)
    session.add_all(fresh)  # new accounts do not reach the session through `event`
    session.flush()
    for emptied in available.values():
        session.delete(emptied)
    for event in touched:
        session.refresh(event, ["accounts"])
        refresh_event(event, now)
    session.flush()


def _reuse(accounts: Iterable[Account], available: dict[int, Event]) -> Event | None:
    """The existing event holding most of these accounts (the oldest on a tie), if any."""
    counts = Counter(a.event_id for a in accounts if a.event_id in available)
    if not counts:
        return None
    chosen = min(counts, key=lambda event_id: (-counts[event_id], event_id))
    return available.pop(chosen)


def _location(account: Account) -> tuple[int | None, str | None]:
    for p in account.participants:
        if p.role == "location":
            return p.entity_id, p.name
    return None, None


def _identities(participant: Participant, rules: ActorRules) -> frozenset[str]:
    """Who a participant is, with every institution it is part of."""
    if participant.entity is None:
        return frozenset({f"name:{participant.name.casefold()}"})
    return frozenset(f"key:{key}" for key in rules.with_wholes(participant.entity.key))


def _role(account: Account, *roles: str) -> list[Participant]:
    return [p for p in account.participants if p.role in roles]


def _keys(participants: Sequence[Participant]) -> list[str]:
    return [p.entity.key for p in participants if p.entity is not None]


def account_facts(account: Account) -> Facts:
    rules = load_actor_rules()
    placed = next(iter(_role(account, "location")), None)
    agents, others = _role(account, "agent"), _role(account, "target", "supporter")
    contested = account.kind in rules.contested_kinds
    return Facts(
        kind=account.kind,
        place=min(_identities(placed, rules)) if placed else None,
        agents=frozenset(i for p in agents for i in _identities(p, rules)),
        earliest=account.earliest,
        latest=account.latest,
        dated=is_dated(account),
        sides=rules.sides(_keys(agents)) if contested else frozenset(),
        target_sides=rules.sides(_keys(_role(account, "target"))) if contested else frozenset(),
        strict_agents=account.kind in rules.agent_kinds,
        claimants=frozenset({_claimant(account)}),
        others=frozenset(i for p in others for i in _identities(p, rules)),
    )


def _claimant(account: Account) -> str:
    if account.claimant_entity_id is not None:
        return f"#{account.claimant_entity_id}"
    return f"name:{account.claimant_name.casefold()}"


def event_facts(event: Event) -> Facts:
    """The event as its accounts make it, with the envelope the event keeps."""
    members = [account_facts(account) for account in event.accounts]
    joined = reduce(combine, members[1:], members[0])
    return replace(joined, earliest=event.earliest, latest=event.latest)


def is_dated(account: Account) -> bool:
    return account.time_source != "publication" and account.earliest is not None


def _new_event(session: Session, account: Account, now: datetime) -> Event:
    event = Event(
        title=KIND_TITLES.get(account.kind, account.kind.capitalize()),
        kind=account.kind,
        sort_at=account.earliest or account.latest or now,
        created_at=now,
        updated_at=now,
    )
    session.add(event)
    return event


def refresh_event(event: Event, now: datetime) -> None:
    """Recompute what an event derives from its accounts: label, envelope and disputes."""
    refresh_label(event)
    refresh_envelope(event, now)
    refresh_disputes(event)


def refresh_label(event: Event) -> None:
    """Title and place from the first account (canonically) that names a place."""
    accounts = sorted(event.accounts, key=canonical_key)
    if not accounts:
        return
    placed = next((a for a in accounts if _location(a)[1]), accounts[0])
    event.place_entity_id, event.place_name = _location(placed)
    event.title = _title(placed, event.place_name)


def _title(account: Account, place_name: str | None) -> str:
    agent = next((p.name for p in account.participants if p.role == "agent"), None)
    label = KIND_TITLES.get(account.kind, account.kind.capitalize())
    parts = [label]
    if place_name:
        parts.append(f"{'of' if account.kind == 'capture' else 'at'} {place_name}")
    if agent:
        parts.append(f"({agent})")
    return " ".join(parts)[:300]


def refresh_disputes(event: Event) -> None:
    found = find_disputes([_view(a) for a in event.accounts])
    event.disputes = [
        DisputeRow(
            aspect=d.aspect,
            detail=d.detail,
            sides=[[label, list(ids)] for label, ids in d.sides],
        )
        for d in found
    ]
    event.disputed = bool(found)


def _view(account: Account) -> AccountView:
    polarity: Literal["asserts", "denies"] = "denies" if account.polarity == "denies" else "asserts"
    return AccountView(
        id=account.id,
        time_value=account.time_value,
        earliest=account.earliest,
        latest=account.latest,
        own_time=account.time_source == "own",
        agents=frozenset(p.name for p in _role(account, "agent")),
        polarity=polarity,
        agent_ids=account_facts(account).agents,
    )


def refresh_envelope(event: Event, now: datetime) -> None:
    """The event's interval spans its dated accounts' most specific intervals; undated
    accounts count only when there is nothing else.

    An event emptied by a merge keeps the envelope it had, for its history to make sense.
    """
    dated = [a for a in event.accounts if is_dated(a)] or list(event.accounts)
    covered = envelope([(a.earliest, a.latest) for a in dated])
    if covered is None:
        event.updated_at = now
        return
    event.earliest, event.latest = covered
    event.sort_at = event.earliest or event.latest or event.created_at
    event.updated_at = now
