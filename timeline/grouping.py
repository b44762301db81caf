"""Put a new account under the event it tells, or start one; keep the event's envelope true.

The decision is the pure `reconcile.scoring`; this module only feeds it from the store.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from sqlalchemy.orm import Session

from timeline.reconcile.disputes import AccountView, find_disputes
from timeline.reconcile.scoring import FAR, Facts, best_match
from timeline.store.models import Account, DisputeRow, Event
from timeline.store.repositories import AccountRepository, EventRepository

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


def attach_account(session: Session, account: Account, now: datetime) -> Event:
    events = EventRepository(session)
    facts = account_facts(account)
    candidates = events.candidates(facts.kind, account.earliest, account.latest, FAR)
    chosen = best_match(((e.id, event_facts(e)) for e in candidates), facts)
    event = events.get(chosen) if chosen is not None else None
    if event is None:
        event = events.add(_new_event(account, now))
    account.event_id = event.id
    AccountRepository(session).add(account)
    session.refresh(event, ["accounts"])
    refresh_event(event, now)
    return event


def _place(account: Account) -> tuple[int | None, str | None]:
    for p in account.participants:
        if p.role == "location":
            return p.entity_id, p.name
    return None, None


def _identity(entity_id: int | None, name: str) -> str:
    return f"#{entity_id}" if entity_id is not None else f"name:{name.casefold()}"


def account_facts(account: Account) -> Facts:
    place_id, place_name = _place(account)
    agents = frozenset(
        _identity(p.entity_id, p.name) for p in account.participants if p.role == "agent"
    )
    return Facts(
        kind=account.kind,
        place=_identity(place_id, place_name) if place_name else None,
        agents=agents,
        earliest=account.earliest,
        latest=account.latest,
        dated=is_dated(account),
    )


def event_facts(event: Event) -> Facts:
    agents = frozenset(a for account in event.accounts for a in account_facts(account).agents)
    place = _identity(event.place_entity_id, event.place_name) if event.place_name else None
    return Facts(
        kind=event.kind,
        place=place,
        agents=agents,
        earliest=event.earliest,
        latest=event.latest,
        dated=any(is_dated(a) for a in event.accounts),
    )


def is_dated(account: Account) -> bool:
    return account.time_source != "publication" and account.earliest is not None


def _new_event(account: Account, now: datetime) -> Event:
    place_id, place_name = _place(account)
    return Event(
        title=_title(account, place_name),
        kind=account.kind,
        place_entity_id=place_id,
        place_name=place_name,
        earliest=account.earliest,
        latest=account.latest,
        sort_at=account.earliest or account.latest or now,
        created_at=now,
        updated_at=now,
    )


def _title(account: Account, place_name: str | None) -> str:
    agent = next((p.name for p in account.participants if p.role == "agent"), None)
    label = KIND_TITLES.get(account.kind, account.kind.capitalize())
    parts = [label, f"of {place_name}" if place_name and account.kind == "capture" else None]
    if place_name and account.kind != "capture":
        parts.append(f"at {place_name}")
    if agent:
        parts.append(f"({agent})")
    return " ".join(p for p in parts if p)[:300]


def refresh_event(event: Event, now: datetime) -> None:
    """Recompute what an event derives from its accounts: its envelope and its disputes."""
    refresh_envelope(event, now)
    refresh_disputes(event)


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
        agents=frozenset(p.name for p in account.participants if p.role == "agent"),
        polarity=polarity,
    )


def refresh_envelope(event: Event, now: datetime) -> None:
    """The event's interval spans its dated accounts; undated ones count only when alone.

    An event emptied by a merge keeps the envelope it had, for its history to make sense.
    """
    dated = [a for a in event.accounts if is_dated(a)] or list(event.accounts)
    if not dated:
        event.updated_at = now
        return
    starts = [a.earliest for a in dated]
    ends = [a.latest for a in dated]
    event.earliest = None if None in starts else min(s for s in starts if s is not None)
    event.latest = None if None in ends else max(e for e in ends if e is not None)
    event.sort_at = event.earliest or event.latest or event.created_at
    event.updated_at = now
