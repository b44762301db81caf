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
from datetime import datetime, timedelta
from functools import reduce
from typing import Any, Literal

from sqlalchemy.orm import Session

from timeline.extract.families import default_families
from timeline.extract.types import Quantity
from timeline.reconcile.actors import ActorRules, load_actor_rules
from timeline.reconcile.answers import REBUTTING_KINDS, Telling, answer_links
from timeline.reconcile.clustering import as_one, cluster, combine
from timeline.reconcile.disputes import AccountView, Dispute, find_disputes
from timeline.reconcile.envelope import envelope, listed_from
from timeline.reconcile.scoring import UNDATED_REACH, Facts, GroupingRules, best_match
from timeline.reconcile.scoring import load_grouping_rules as _load_rules
from timeline.settings import get_settings
from timeline.store.models import Account, DisputeRow, Event, Participant
from timeline.store.repositories import AccountRepository, EventRepository
from timeline.temporal.zones import with_offset

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


def grouping_rules() -> GroupingRules:
    """The grouping parameters: the packaged ones, or TIMELINE_GROUPING_RULES (a YAML file
    of the same shape, for fitting them: bench/fit_grouping.py)."""
    return _load_rules(get_settings().grouping_rules)


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
    for family in sorted({a.family for a in accounts}):
        fresh = sorted((a for a in accounts if a.family == family), key=canonical_key)
        curated = events.candidates(family, *_window(fresh), curated=True)
        loose = [a for a in fresh if not _join_curated(session, a, curated)]
        if loose:
            _regroup_from(session, family, loose, now)
        for event in curated:
            refresh_event(session, event, now)


def _window(accounts: Sequence[Account]) -> tuple[datetime | None, datetime | None]:
    """Where events that could match these accounts lie (scoring is zero outside)."""
    starts, ends = [], []
    for account in accounts:
        if is_dated(account):
            far = grouping_rules().far
            starts.append(account.earliest - far if account.earliest else None)
            ends.append(account.latest + far if account.latest else None)
        else:
            reported = report_end(account)
            starts.append(reported - grouping_rules().undated_reach)
            ends.append(reported)
    earliest = None if None in starts else min(s for s in starts if s is not None)
    latest = None if None in ends else max(e for e in ends if e is not None)
    return earliest, latest


def _join_curated(session: Session, account: Account, curated: Sequence[Event]) -> bool:
    chosen = best_match(
        ((e.id, event_facts(e)) for e in curated), account_facts(account), grouping_rules()
    )
    if chosen is None:
        return False
    account.event = next(e for e in curated if e.id == chosen)
    session.add(account)
    return True


def _regroup_from(session: Session, family: str, fresh: Sequence[Account], now: datetime) -> None:
    """Redo the canonical grouping from the first new account on.

    Accounts before it keep the groups they formed (seeds); it and every later account of
    the family are placed again, in canonical order, exactly as if all had come in that order.
    News mostly arrives in publication order, so usually only the new accounts move.
    """
    first = canonical_key(fresh[0])
    later = [
        a
        for a in AccountRepository(session).of_family_since(family, first[0])
        if canonical_key(a) > first
    ]
    pool = sorted([*fresh, *later], key=canonical_key)
    nearby = EventRepository(session).candidates(family, *_window(pool), curated=False)
    events = list({e.id: e for e in [*nearby, *(a.event for a in later)]}.values())
    members = {
        e.id: sorted((a for a in e.accounts if canonical_key(a) < first), key=canonical_key)
        for e in events
    }
    seeded = sorted(
        (e for e in events if members[e.id]), key=lambda e: canonical_key(members[e.id][0])
    )
    spare = {e.id: e for e in events if not members[e.id]}
    units = story_units(pool)
    unit_groups = cluster(
        [as_one([account_facts(pool[i]) for i in unit]) for unit in units],
        [[account_facts(a) for a in members[e.id]] for e in seeded],
        grouping_rules(),
    )
    groups = [sorted(i for u in group for i in units[u]) for group in unit_groups]
    moved = {a.event_id for a in later}
    touched = [e for e in seeded if e.id in moved]  # may have lost later members
    for position, indexes in enumerate(groups):
        if not indexes:
            continue
        joining = [pool[i] for i in indexes]
        if position < len(seeded):
            event = seeded[position]
        else:
            event = _reuse(joining, spare) or _new_event(session, joining[0], now)
        for account in joining:
            account.event = event
        if event not in touched:
            touched.append(event)
    session.add_all(fresh)  # new accounts do not reach the session through `event`
    session.flush()
    for emptied in spare.values():
        session.delete(emptied)
    for event in touched:
        session.refresh(event, ["accounts"])
        refresh_event(session, event, now)
    session.flush()


def story_units(accounts: Sequence[Account]) -> list[list[int]]:
    """Indexes of the accounts, gathered by the story event their document tells them as
    (extraction links "the attack", the denial and the toll of one story): a unit joins an
    event whole, in the order of its first account."""
    units: dict[tuple[object, ...], list[int]] = {}
    for index, account in enumerate(accounts):
        document = account.document
        key: tuple[object, ...] = (
            (document.content_sha256, account.story)
            if account.story is not None
            else ("alone", index)
        )
        units.setdefault(key, []).append(index)
    return sorted(units.values(), key=lambda unit: unit[0])


def _reuse(accounts: Iterable[Account], available: dict[int, Event]) -> Event | None:
    """The spare event holding most of these accounts (the oldest on a tie), if any."""
    counts = Counter(a.event_id for a in accounts if a.event_id in available)
    if not counts:
        return None
    chosen = min(counts, key=lambda event_id: (-counts[event_id], event_id))
    return available.pop(chosen)


def _location(account: Account, *, specific: bool = False) -> tuple[int | None, str | None]:
    """The account's first place; with `specific`, its first that is no country or province."""
    for p in account.participants:
        if p.role == "location" and not (specific and _broad(p)):
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
    places = _role(account, "location")
    specific = next((p for p in places if not _broad(p)), None)
    broad = next((p for p in places if _broad(p)), None)
    agents, others = _said_to_have_done_it(account), _role(account, "target", "supporter")
    # Sides come only from tellings of the deed itself, not from who accuses or denies.
    contested = account.family in rules.contested_kinds and account.kind not in _REFERRING
    return Facts(
        kind=account.family,
        place=min(_identities(specific, rules)) if specific else None,
        area=min(_identities(broad, rules)) if broad else None,
        place_at=_coordinates(specific),
        place_known=specific is not None and specific.entity is not None,
        agents=frozenset(i for p in agents for i in _identities(p, rules)),
        earliest=account.earliest,
        latest=account.latest,
        dated=is_dated(account),
        sides=rules.sides(_keys(agents)) if contested else frozenset(),
        target_sides=(
            rules.sides(_keys(_role(account, "target")))
            if contested and account.family in rules.loser_kinds
            else frozenset()
        ),
        strict_agents=account.family in rules.agent_kinds,
        claimants=frozenset({_claimant(account)}),
        others=frozenset(i for p in others for i in _identities(p, rules)),
    )


_REFERRING = frozenset(default_families().referring)


def _said_to_have_done_it(account: Account) -> list[Participant]:
    """The agents of the deed: for an accusation its accused, for a denial nobody (the
    denier says it did not do it), else the agents."""
    if account.kind == "accusation":
        return _role(account, "target")
    if account.kind == "denial":
        return []
    return _role(account, "agent")


def _coordinates(place: Participant | None) -> tuple[float, float] | None:
    entity = place.entity if place is not None else None
    if entity is None or entity.lat is None or entity.lon is None:
        return None
    return entity.lat, entity.lon


def _broad(place: Participant) -> bool:
    """A country or a province: it does not tell one event from another."""
    return (
        place.entity is not None and place.entity.subtype in default_families().broad_place_subtypes
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


def report_end(account: Account) -> datetime:
    """The latest time a report can attest: the end of its publication day, or instant."""
    document = account.document
    extra = timedelta(days=1) if document.published_precision == "day" else timedelta(0)
    return document.published + extra


def is_dated(account: Account) -> bool:
    """Whether the account's time bounds it on both sides.

    "Since 2014" or "soon" bound nothing on one side; for matching, such an account is as
    undated as one known only to come before its publication.
    """
    return (
        account.time_source != "publication"
        and account.earliest is not None
        and account.latest is not None
    )


def _new_event(session: Session, account: Account, now: datetime) -> Event:
    event = Event(
        title=KIND_TITLES.get(account.kind, account.kind.capitalize()),
        kind=account.kind,
        family=account.family,
        sort_at=account.earliest or account.latest or now,
        listed_from=account.listed_from,
        created_at=now,
        updated_at=now,
    )
    session.add(event)
    return event


def refresh_event(session: Session, event: Event, now: datetime) -> None:
    """Recompute what an event derives from its accounts: label, envelope, disputes and
    which claims its rebuttals answer."""
    refresh_label(event)
    refresh_envelope(event, now)
    refresh_disputes(session, event)


def refresh_label(event: Event) -> None:
    """Title and place from the first account (canonically) that names a town or a site,
    else from the first that names a place: a country never stands for a town it holds."""
    accounts = sorted(event.accounts, key=canonical_key)
    if not accounts:
        return
    town = next((a for a in accounts if _location(a, specific=True)[1]), None)
    placed = town or next((a for a in accounts if _location(a)[1]), accounts[0])
    event.place_entity_id, event.place_name = _location(placed, specific=town is not None)
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


def refresh_disputes(session: Session, event: Event) -> None:
    """The event's disputes and answer links, from its accounts as they are now: the links
    touching its accounts are replaced, so a regrouping leaves none to an account gone."""
    if any(a.id is None for a in event.accounts):
        session.flush()  # new accounts get the ids that disputes and links name
    tellings = [_telling(a) for a in event.accounts]
    links = answer_links(tellings, grouping_rules())
    answering: dict[int, set[int]] = {}
    for rebuttal, claim in links:
        answering.setdefault(rebuttal, set()).add(claim)
    found = find_disputes(
        [replace(t.view, answers=frozenset(answering.get(t.view.id, ()))) for t in tellings]
    )
    event.disputes = [
        DisputeRow(
            aspect=d.aspect,
            detail=d.detail,
            sides=[[label, list(ids)] for label, ids in d.sides],
            figures=_figures(d),
        )
        for d in found
    ]
    event.disputed = bool(found)
    AccountRepository(session).replace_answers(event.accounts, links)


def _telling(account: Account) -> Telling:
    claimant = account.claimant_entity
    return Telling(
        view=_view(account),
        facts=account_facts(account),
        kind=account.kind,
        # A denial's agent is who denies; a retold deed's, who is accused: neither is whose
        # claim it answers.
        named=frozenset(
            _actor_identity(p)
            for p in account.participants
            if p.kind == "actor" and p.role != "agent"
        ),
        claimant_wholes=(
            load_actor_rules().with_wholes(claimant.key) if claimant is not None else frozenset()
        ),
    )


def _actor_identity(participant: Participant) -> str:
    """As a claimant's identity (`_claimant_identity`): the entity key, else the name."""
    entity = participant.entity
    return entity.key if entity is not None else participant.name.casefold()


def _figures(d: Dispute) -> dict[str, object] | None:
    if d.figures is None:
        return None
    low, best, high = d.figures
    return {"measure": d.measure or "", "low": low, "best": best, "high": high}


def _view(account: Account) -> AccountView:
    polarity: Literal["asserts", "denies"] = "denies" if account.polarity == "denies" else "asserts"
    modality = account.modality if account.modality in _MODALITIES else "actual"
    return AccountView(
        id=account.id,
        time_value=_zoned_value(account),
        earliest=account.earliest,
        latest=account.latest,
        own_time=account.time_source == "own",
        agents=frozenset(p.name for p in _doers(account)),
        polarity=polarity,
        agent_ids=frozenset(
            i.removeprefix("key:")
            for p in _doers(account)
            for i in _identities(p, load_actor_rules())
        ),
        claimant=account.claimant_name,
        claimant_id=_claimant_identity(account),
        publisher=account.publisher.name,
        reported=account.document.published.date(),
        document_id=account.document_id,
        quote=account.quote,
        time_text=account.time_mention.text if account.time_mention else None,
        granularity=account.granularity,
        floating=account.time_mention.floating if account.time_mention else False,
        # Telling that someone denied it ("the ministry rejected the claim") is a rebuttal.
        stance="denies" if account.kind in REBUTTING_KINDS else polarity,
        modality=modality,  # type: ignore[arg-type]
        quantities=tuple(_quantity(q) for q in account.quantities or []),
        stage=account.kind,
    )


def _zoned_value(account: Account) -> str | None:
    """The account's time as disputes name it: a clock reading with its zone, if known."""
    mention = account.time_mention
    if account.time_value is None or mention is None or mention.value != account.time_value:
        return account.time_value  # no mention, or a curator's correction
    return with_offset(account.time_value, mention.utc_offset)


_MODALITIES = frozenset({"actual", "hypothetical", "attempted", "prevented", "planned"})


# Who can be said to have done a deed: not a medium, a monitor or an aid group (named as
# agents only by a misreading: "told the Associated Press that the attack ...").
_NOT_DOERS = frozenset({"media", "monitor", "ngo"})


def _doers(account: Account) -> list[Participant]:
    """The deed's agents that an actor dispute compares: known entities that can act."""
    return [
        p
        for p in _said_to_have_done_it(account)
        if p.entity is not None and p.entity.subtype not in _NOT_DOERS
    ]


def _claimant_identity(account: Account) -> str:
    """The claimant's entity key, else its name: one identity is one source."""
    entity = account.claimant_entity
    if entity is not None:
        return entity.key
    return account.claimant_name.casefold()


def _quantity(fields: dict[str, Any]) -> Quantity:
    return Quantity(
        measure=str(fields["measure"]),
        low=fields.get("low"),
        high=fields.get("high"),
        best=fields.get("best"),
        hedge=fields.get("hedge"),
        text=str(fields.get("text", "")),
        start=int(fields.get("start", 0)),
        end=int(fields.get("end", 0)),
    )


def refresh_envelope(event: Event, now: datetime) -> None:
    """The event's interval spans its dated accounts' most specific intervals; undated
    accounts count only when there is nothing else.

    An event emptied by a merge keeps the envelope it had, for its history to make sense.
    """
    dated = [(a.earliest, a.latest) for a in event.accounts if is_dated(a)]
    # With no account bounded on both sides, the reports themselves bound the event.
    undated = [(a.earliest, report_end(a)) for a in event.accounts]
    covered = envelope(dated or undated)
    if covered is None:
        event.updated_at = now
        return
    event.earliest, event.latest = covered
    event.listed_from = listed_from(event.earliest, event.latest, UNDATED_REACH)
    event.sort_at = event.earliest or event.latest or event.created_at
    event.updated_at = now
