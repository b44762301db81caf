"""Where the accounts of one event disagree: on the time, on who did it, on whether it
happened, on the figures. Every dispute is one a journalist would sign. Pure.

Only accounts of what actually happened take part (modality "actual": not what was planned,
attempted, prevented or imagined). One claimant in one document is one telling and never
disputes itself (`same_telling`).

Time: two accounts conflict only when their intervals cannot both hold. Granularity is
respected through the intervals themselves: "November 8" and "November 9" are disjoint days
and disagree; "last week" contains both and disagrees with neither, and an hour inside a day
agrees with the day. Only an account's own time counts: a time inherited from context is too
weak to accuse a source of contradicting another. Two stages of one progression ("entered"
then "captured") are told at different times without contradiction. A floating reading
(zone unknown) may lie anywhere within `FLOATING_REACH` of its wall-clock instant, whatever
its granularity (a calendar day told without a zone, if marked floating, is widened alike;
two floating readings are each widened). Clock readings are rounded by those who give them,
so two readings closer than `CLOCK_ROUNDING` agree.

Actor: agents are compared on identity (`agent_ids`, which carry the wholes: "Syrian Army"
is also "Syrian government"), never on spelling; accounts naming no common actor disagree.
A denial ("X denied responsibility", "Russia denied that Syrian jets struck") stands as a
side against the accounts that name the denied actor (or a part of it).

Polarity: accounts asserting it against accounts denying it (a rebuttal is on the denying
side); accounts presenting themselves as disputing another are listed as their own side.
A rebuttal that answers only some of the claimants (`AccountView.answers`) names them.

Quantity: see `quantity_disputes`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from timeline.reconcile.dispute_model import (
    AccountView,
    Aspect,
    Dispute,
    Side,
    bare,
    clusters,
    denied,
    doers,
    most_common,
    same_telling,
    side_of,
)
from timeline.reconcile.quantity_disputes import quantity_disputes
from timeline.reconcile.wording import said, time_words, who, who_answering

__all__ = ["AccountView", "Aspect", "Dispute", "find_disputes"]

# The widest offset of a civil time zone from UTC: a reading of unknown zone is somewhere
# within this of its wall-clock instant.
FLOATING_REACH = timedelta(hours=14)
CLOCK_ROUNDING = timedelta(minutes=5)
CLOCK_GRANULARITIES = frozenset({"hour", "minute", "second"})
ASPECT_ORDER: dict[str, int] = {"time": 0, "actor": 1, "polarity": 2, "quantity": 3}


def find_disputes(accounts: Sequence[AccountView]) -> list[Dispute]:
    """The disputes among these accounts, the same for any order they come in."""
    actual = sorted((a for a in accounts if a.modality == "actual"), key=lambda a: a.id)
    found = [
        *_time_disputes(actual),
        *_actor_disputes(actual),
        *_polarity_disputes(actual),
        *quantity_disputes(actual),
    ]
    return sorted(found, key=_order)


def _order(dispute: Dispute) -> tuple[int, str, tuple[int, ...], tuple[Side, ...]]:
    ids = tuple(sorted({i for _, side in dispute.sides for i in side}))
    return ASPECT_ORDER[dispute.aspect], dispute.measure or "", ids, dispute.sides


def _by_id(account: AccountView) -> tuple[int, ...]:
    return (account.id,)


# --- time ---------------------------------------------------------------------------


def _reach(account: AccountView) -> tuple[datetime, datetime]:
    assert account.earliest is not None and account.latest is not None
    reach = FLOATING_REACH if account.floating else timedelta(0)
    return account.earliest - reach, account.latest + reach


def _is_clock(account: AccountView) -> bool:
    if account.granularity is not None:
        return account.granularity in CLOCK_GRANULARITIES
    assert account.earliest is not None and account.latest is not None
    return account.latest - account.earliest <= timedelta(hours=1)


def _times_clash(a: AccountView, b: AccountView) -> bool:
    if a.time_value == b.time_value or same_telling(a, b):
        return False
    if a.stage and b.stage and a.stage != b.stage:  # a progression: entered, then captured
        return False
    (a0, a1), (b0, b1) = _reach(a), _reach(b)
    slack = CLOCK_ROUNDING if _is_clock(a) and _is_clock(b) else timedelta(0)
    return a1 + slack <= b0 or b1 + slack <= a0


def _time_disputes(accounts: Sequence[AccountView]) -> list[Dispute]:
    dated = [a for a in accounts if a.own_time and a.earliest and a.latest and a.time_value]
    return [_time_dispute(group) for group in clusters(dated, _times_clash, _by_id)]


def _time_dispute(group: list[AccountView]) -> Dispute:
    by_value: dict[str, list[AccountView]] = {}
    for account in group:
        by_value.setdefault(account.time_value or "", []).append(account)

    def when(told: list[AccountView]) -> tuple[datetime, str]:
        return min(a.earliest for a in told if a.earliest), told[0].time_value or ""

    ordered = sorted(by_value.values(), key=when)
    words = [
        said(time_words(told[0].time_value or "", _as_written(told)), told) for told in ordered
    ]
    sides = tuple((told[0].time_value or "", _ids(told)) for told in ordered)
    return Dispute("time", "; ".join(words), sides)


def _as_written(told: list[AccountView]) -> str | None:
    texts = [a.time_text for a in told if a.time_text]
    return most_common(texts) if texts else None


# --- actor --------------------------------------------------------------------------


def _denies_own_part(account: AccountView) -> bool:
    return bool(account.claimant_id) and bare(account.claimant_id) in denied(account)


def _actors_clash(a: AccountView, b: AccountView) -> bool:
    if same_telling(a, b):
        return False
    a_denies, b_denies = side_of(a) == "denies", side_of(b) == "denies"
    if a_denies and b_denies:
        return False
    if a_denies or b_denies:
        denial, claim = (a, b) if a_denies else (b, a)
        return not denied(denial).isdisjoint(doers(claim))
    return doers(a).isdisjoint(doers(b))


def _actor_disputes(accounts: Sequence[AccountView]) -> list[Dispute]:
    taking_part = [a for a in accounts if (denied if side_of(a) == "denies" else doers)(a)]
    return [_actor_dispute(group) for group in clusters(taking_part, _actors_clash, _by_id)]


def _actor_dispute(group: list[AccountView]) -> Dispute:
    # Each identity is named one way: the spelling most of its accounts use.
    spelled: dict[tuple[bool, frozenset[str]], list[str]] = {}
    for account in group:
        spelled.setdefault(_actor_key(account), []).append(_actor_names(account))
    asserted: dict[str, list[AccountView]] = {}
    denying: dict[str, list[AccountView]] = {}
    for account in group:
        denies, identity = _actor_key(account)
        label = most_common(spelled[(denies, identity)])
        (denying if denies else asserted).setdefault(label, []).append(account)
    words: list[str] = []
    sides: list[Side] = []
    for label in sorted(asserted, key=_alphabetical):
        words.append(said(label, asserted[label]))
        sides.append((label, _ids(asserted[label])))
    for label in sorted(denying, key=_alphabetical):
        told = denying[label]
        own = all(_denies_own_part(a) for a in told)
        words.append(f"denied by {who(told)}" if own else said(f"not {label}", told))
        sides.append((f"not {label}", _ids(told)))
    return Dispute("actor", "; ".join(words), tuple(sides))


def _actor_key(account: AccountView) -> tuple[bool, frozenset[str]]:
    denies = side_of(account) == "denies"
    return denies, (denied(account) if denies else doers(account))


def _actor_names(account: AccountView) -> str:
    if account.agents:
        return " + ".join(sorted(account.agents))
    if side_of(account) == "denies" and not account.agent_ids and account.claimant:
        name = account.claimant  # "not Syrian Army", from "the Syrian Army"
        return name[4:] if name[:4].casefold() == "the " else name
    return " + ".join(sorted(doers(account) or denied(account)))


def _alphabetical(label: str) -> tuple[str, str]:
    return label.casefold(), label


# --- polarity -----------------------------------------------------------------------

POLARITY_WORDS = {"asserts": "claimed by", "denies": "denied by", "disputes": "disputed by"}


def _polarities_clash(a: AccountView, b: AccountView) -> bool:
    sides = {side_of(a), side_of(b)}
    return len(sides) == 2 and "denies" in sides and not same_telling(a, b)


def _polarity_disputes(accounts: Sequence[AccountView]) -> list[Dispute]:
    return [_polarity_dispute(group) for group in clusters(accounts, _polarities_clash, _by_id)]


def _polarity_dispute(group: list[AccountView]) -> Dispute:
    """Claim and rebuttal sides: "claimed by A and C; denied by B (answering A)"."""
    by_side: dict[str, list[AccountView]] = {}
    for account in group:
        by_side.setdefault(side_of(account), []).append(account)
    ordered = sorted(by_side.items())
    claims = by_side.get("asserts", [])
    words = [
        f"{POLARITY_WORDS[side]} {who(told) if side == 'asserts' else who_answering(told, claims)}"
        for side, told in ordered
    ]
    return Dispute("polarity", "; ".join(words), tuple((s, _ids(t)) for s, t in ordered))


def _ids(accounts: Sequence[AccountView]) -> tuple[int, ...]:
    return tuple(sorted({a.id for a in accounts}))
