"""What dispute finding reads of an account, what it returns, and the pieces the aspects
share: who counts as one telling, and how clashing accounts gather into disputes. Pure."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal, TypeVar

from timeline.extract.types import Quantity

Aspect = Literal["time", "actor", "polarity", "quantity"]
Stance = Literal["asserts", "denies", "disputes"]
Modality = Literal["actual", "hypothetical", "attempted", "prevented", "planned"]
Side = tuple[str, tuple[int, ...]]  # (label, account ids, sorted)


@dataclass(frozen=True, slots=True)
class AccountView:
    id: int
    time_value: str | None
    earliest: datetime | None
    latest: datetime | None
    own_time: bool
    agents: frozenset[str]  # display names of the agents
    polarity: Literal["asserts", "denies"]
    # Who the agents are, with the institutions they are part of ("Syrian Army" is also
    # "Syrian government"); compared instead of the names when given.
    agent_ids: frozenset[str] = frozenset()
    claimant: str = ""  # display name
    # Identity of the claimant (entity key or casefolded name): one claimant_id is one source.
    claimant_id: str = ""
    publisher: str = ""
    reported: date | None = None  # the publication day of the account's document
    document_id: int | None = None
    quote: str = ""
    time_text: str | None = None  # the time expression as written
    granularity: str | None = None  # year, month, week, day, hour, minute... or None
    floating: bool = False  # a wall-clock reading whose zone is unknown
    stance: Stance = "asserts"
    modality: Modality = "actual"
    quantities: tuple[Quantity, ...] = ()
    # The stage of the event the trigger tells ("entered", "captured", "retook"): two
    # stages of one progression are told at different times without contradiction.
    stage: str | None = None
    # The claims a rebuttal answers (`answers.answer_links`): the dispute names them.
    answers: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class Dispute:
    aspect: Aspect
    detail: str  # the sides in words: "8 Nov 2017 according to SANA; 9 Nov 2017 according to ..."
    sides: tuple[Side, ...]  # in reading order: times, figures ascending; names alphabetical
    figures: tuple[float | None, float | None, float | None] | None = None  # low, best, high
    measure: str | None = None  # the measure of a quantity dispute ("deaths")


def same_telling(a: AccountView, b: AccountView) -> bool:
    """One claimant in one document is one telling: its parts never contradict each other
    (successive times, two figures, a progression told by one source)."""
    if a.id == b.id:
        return True
    return (
        bool(a.claimant_id)
        and a.claimant_id == b.claimant_id
        and a.document_id is not None
        and a.document_id == b.document_id
    )


def side_of(account: AccountView) -> Stance:
    """Which side of whether it happened an account is on. A rebuttal (polarity "denies",
    whatever its stance) is on the denying side; "disputes" is its own side."""
    if account.stance == "denies" or account.polarity == "denies":
        return "denies"
    return account.stance


def bare(identity: str) -> str:
    """An identity without its kind prefix ("key:syrian-army" → "syrian-army")."""
    kind, _, rest = identity.partition(":")
    return (rest if rest and kind in ("key", "name") else identity).strip().casefold()


def doers(account: AccountView) -> frozenset[str]:
    """Who the account says did it: identities when known, else the names casefolded."""
    return frozenset(bare(i) for i in (account.agent_ids or account.agents) if i.strip())


def denied(account: AccountView) -> frozenset[str]:
    """Whose part a denial denies: the agents it names, else the claimant's own."""
    named = doers(account)
    if named or not account.claimant_id:
        return named
    return frozenset({bare(account.claimant_id)})


N = TypeVar("N")


def clusters(
    nodes: Sequence[N], clash: Callable[[N, N], bool], key: Callable[[N], tuple[int, ...]]
) -> list[list[N]]:
    """The groups of nodes joined by clashes (connected components), nodes that clash with
    none left out. Each group is sorted by `key`; the groups by their first node."""
    ordered = sorted(nodes, key=key)
    parent = list(range(len(ordered)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    touched: set[int] = set()
    for i, a in enumerate(ordered):
        for j in range(i + 1, len(ordered)):
            if clash(a, ordered[j]):
                touched.update((i, j))
                ri, rj = root(i), root(j)
                parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[N]] = {}
    for i in sorted(touched):
        groups.setdefault(root(i), []).append(ordered[i])
    return [groups[r] for r in sorted(groups)]


def most_common(values: Sequence[str]) -> str:
    """The most frequent value, ties broken alphabetically: the same for any order."""
    return min(set(values), key=lambda v: (-values.count(v), v))
