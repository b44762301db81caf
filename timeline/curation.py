"""A curator's changes to events and accounts. Each is a revision (who, when, before, after, why)
and each can be undone; nothing is overwritten without a trace."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from timeline.grouping import refresh_event, report_end
from timeline.reconcile.envelope import listed_from
from timeline.reconcile.scoring import UNDATED_REACH
from timeline.store.models import Account, Event, Revision, RevisionEvent
from timeline.store.repositories import EventRepository, RevisionRepository


class CurationError(ValueError):
    """The change cannot be made as asked; `status` says how an API should answer."""

    def __init__(self, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class Curator:
    actor: str
    reason: str | None
    now: datetime


# Account fields a curator may correct, and how they are kept in a revision.
CORRECTABLE = (
    "claimant_name",
    "time_value",
    "earliest",
    "latest",
    "granularity",
    "polarity",
    "hedged",
)


def _live_event(session: Session, event_id: int) -> Event:
    event = EventRepository(session).get(event_id)
    if event is None:
        raise CurationError(f"no event with id {event_id}", 404)
    if event.merged_into_id is not None:
        raise CurationError(f"event {event_id} was merged into {event.merged_into_id}", 409)
    return event


def _record(
    session: Session,
    who: Curator,
    action: str,
    target: tuple[str, int],
    events: set[int],
    **states: Any,
) -> Revision:
    revision = Revision(
        target_type=target[0],
        target_id=target[1],
        action=action,
        actor=who.actor,
        reason=who.reason,
        before=states.get("before"),
        after=states.get("after"),
        created_at=who.now,
        undoes_id=states.get("undoes"),
    )
    revision.events = [RevisionEvent(event_id=event_id) for event_id in sorted(events)]
    session.add(revision)
    session.flush()
    return revision


def _move(session: Session, accounts: Sequence[Account], event: Event) -> None:
    for account in accounts:
        account.event_id = event.id
    session.flush()


def _refresh(session: Session, events: Sequence[Event], who: Curator) -> None:
    for event in events:
        session.refresh(event, ["accounts"])
        event.curated = True
        refresh_event(session, event, who.now)
    session.flush()


def merge_events(
    session: Session, target_id: int, other_ids: Sequence[int], who: Curator
) -> Revision:
    """Move every account of the other events into the target; the others point at it."""
    others = sorted(set(other_ids) - {target_id})
    if not others:
        raise CurationError("name at least one other event to merge into this one")
    target = _live_event(session, target_id)
    merged = [_live_event(session, other_id) for other_id in others]
    before = {str(e.id): [a.id for a in e.accounts] for e in merged}
    for event in merged:
        _move(session, list(event.accounts), target)
        event.merged_into_id = target.id
    _refresh(session, [target, *merged], who)
    after = {"target": target.id, "account_ids": [a.id for a in target.accounts]}
    return _record(
        session,
        who,
        "merge",
        ("event", target.id),
        {target.id, *others},
        before={"events": before},
        after=after,
    )


def split_event(
    session: Session, event_id: int, account_ids: Sequence[int], who: Curator
) -> Revision:
    """Move some accounts of an event into a new event of their own."""
    event = _live_event(session, event_id)
    wanted = set(account_ids)
    moving = [a for a in event.accounts if a.id in wanted]
    if missing := wanted - {a.id for a in moving}:
        raise CurationError(f"accounts {sorted(missing)} are not in event {event_id}")
    if not moving or len(moving) == len(event.accounts):
        raise CurationError("a split moves some, but not all, of the event's accounts")
    fresh = EventRepository(session).add(_copy_of(event, who.now))
    _move(session, moving, fresh)
    _refresh(session, [event, fresh], who)
    return _record(
        session,
        who,
        "split",
        ("event", event.id),
        {event.id, fresh.id},
        before={"event_id": event.id, "account_ids": sorted(wanted)},
        after={"event_id": fresh.id, "account_ids": sorted(wanted)},
    )


def _copy_of(event: Event, now: datetime) -> Event:
    return Event(
        title=event.title,
        kind=event.kind,
        family=event.family,
        place_entity_id=event.place_entity_id,
        place_name=event.place_name,
        earliest=event.earliest,
        latest=event.latest,
        sort_at=event.sort_at,
        listed_from=event.listed_from,
        created_at=now,
        updated_at=now,
    )


def _account(session: Session, account_id: int) -> Account:
    account = session.get(Account, account_id)
    if account is None:
        raise CurationError(f"no account with id {account_id}", 404)
    return account


def move_account(session: Session, account_id: int, event_id: int, who: Curator) -> Revision:
    account = _account(session, account_id)
    source, target = _live_event(session, account.event_id), _live_event(session, event_id)
    if source.id == target.id:
        raise CurationError(f"account {account_id} is already in event {event_id}")
    _move(session, [account], target)
    _refresh(session, [source, target], who)
    return _record(
        session,
        who,
        "move_account",
        ("account", account.id),
        {source.id, target.id},
        before={"event_id": source.id},
        after={"event_id": target.id},
    )


def correct_account(
    session: Session, account_id: int, changes: dict[str, Any], who: Curator
) -> Revision:
    """Correct what extraction got wrong about an account: its claimant, time, polarity."""
    unknown = sorted(set(changes) - set(CORRECTABLE))
    if unknown:
        raise CurationError(f"cannot correct {', '.join(unknown)}")
    account = _account(session, account_id)
    fields = list(changes)
    retimed = bool(set(fields) & RETIMING)
    if retimed:  # a curator's time is the account's own, no longer the tagger's mention
        fields += ["time_source", "time_mention_id"]
        changes = {**changes, "time_source": "own", "time_mention_id": None}
    before = {name: _dump(getattr(account, name)) for name in fields}
    _apply(account, changes)
    _refresh(session, [_live_event(session, account.event_id)], who)
    after = {name: _dump(getattr(account, name)) for name in fields}
    return _record(
        session,
        who,
        "correct_account",
        ("account", account.id),
        {account.event_id},
        before=before,
        after=after,
    )


RETIMING = {"earliest", "latest", "time_value", "granularity"}


def _apply(account: Account, values: dict[str, Any]) -> None:
    for name, value in values.items():
        if name in ("earliest", "latest") and isinstance(value, str):
            value = datetime.fromisoformat(value)
        setattr(account, name, value)
    if account.earliest and account.latest and account.earliest >= account.latest:
        raise CurationError("earliest must be before latest")
    account.listed_from = listed_from(
        account.earliest, account.latest or report_end(account), UNDATED_REACH
    )
    if account.polarity not in ("asserts", "denies"):
        raise CurationError("polarity is 'asserts' or 'denies'")


def _dump(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def undo(session: Session, revision_id: int, who: Curator) -> Revision:
    """Reverse a revision if nothing has changed the same things since; record the undo."""
    revision = RevisionRepository(session).get(revision_id)
    if revision is None:
        raise CurationError(f"no revision with id {revision_id}", 404)
    if revision.undone_at is not None:
        raise CurationError(f"revision {revision_id} was already undone", 409)
    if revision.undoes_id is not None:
        raise CurationError("an undo cannot be undone; make the change again", 409)
    touched = _UNDO[revision.action](session, revision)
    _refresh(session, touched, who)
    revision.undone_at = who.now
    events = {link.event_id for link in revision.events}
    return _record(
        session,
        who,
        f"undo_{revision.action}",
        (revision.target_type, revision.target_id),
        events,
        before=revision.after,
        after=revision.before,
        undoes=revision.id,
    )


def _changed_since() -> CurationError:
    return CurationError("changed since this revision; undo the later revisions first", 409)


def _undo_merge(session: Session, revision: Revision) -> list[Event]:
    before, after = revision.before or {}, revision.after or {}
    target = _live_event(session, int(after["target"]))
    current = {a.id for a in target.accounts}
    restored = []
    for other_id, account_ids in before["events"].items():
        other = session.get(Event, int(other_id))
        if other is None or other.merged_into_id != target.id or not set(account_ids) <= current:
            raise _changed_since()
        _move(session, [a for a in target.accounts if a.id in set(account_ids)], other)
        other.merged_into_id = None
        restored.append(other)
    return [target, *restored]


def _undo_split(session: Session, revision: Revision) -> list[Event]:
    before, after = revision.before or {}, revision.after or {}
    origin = _live_event(session, int(before["event_id"]))
    fresh = _live_event(session, int(after["event_id"]))
    if sorted(a.id for a in fresh.accounts) != sorted(after["account_ids"]):
        raise _changed_since()
    _move(session, list(fresh.accounts), origin)
    fresh.merged_into_id = origin.id
    return [origin, fresh]


def _undo_move(session: Session, revision: Revision) -> list[Event]:
    before, after = revision.before or {}, revision.after or {}
    account = _account(session, revision.target_id)
    if account.event_id != after["event_id"]:
        raise _changed_since()
    origin = _live_event(session, int(before["event_id"]))
    current = _live_event(session, account.event_id)
    _move(session, [account], origin)
    return [origin, current]


def _undo_correction(session: Session, revision: Revision) -> list[Event]:
    before, after = revision.before or {}, revision.after or {}
    account = _account(session, revision.target_id)
    if any(_dump(getattr(account, name)) != value for name, value in after.items()):
        raise _changed_since()
    _apply(account, before)
    return [_live_event(session, account.event_id)]


_UNDO = {
    "merge": _undo_merge,
    "split": _undo_split,
    "move_account": _undo_move,
    "correct_account": _undo_correction,
}
