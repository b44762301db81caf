"""Which claims a rebuttal answers: a denial, a rebuttal or a debunking points at the
asserting accounts of its event that it contradicts. Pure, and order-independent: the links
depend on the set of accounts only, whatever order their documents came in.

A rebuttal is an account on the denying side (polarity "denies", or a disputing stance), or
the telling of a denial itself (kind "denial": "the ministry rejected the claim"). It answers
claims of its event that are actual tellings (not what was planned or imagined, as for
disputes), told by another claimant, within the grouping's reach of it (`scoring.within_reach`:
the same family, places not apart, times within `far`). A denial is a speech act dated when
it was said, not when the deed was done: it is compared as an account known only to come
after the deed (the grouping's rules for undated accounts: said before the deed, or
`undated_reach` after it, it answers nothing).

Among those claims it prefers, in this order:
1. the claims of a party it names besides its doers and denier ("the ministry rejected the
   Observatory's claim": the Observatory, named as a participant);
2. the claims that accuse the party whose part it denies: the agents it names, else its own
   claimant with the institutions it is part of ("the army denied it used gas" answers the
   accounts naming the army, its air force or the government as doer);
and answers every claim of the best kind; when none is preferred, all of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from timeline.reconcile.dispute_model import AccountView, bare, denied, doers, side_of
from timeline.reconcile.scoring import DEFAULT_RULES, Facts, GroupingRules, within_reach

# Kinds whose telling is itself a denial of another event ("X denied the attack").
REBUTTING_KINDS = frozenset({"denial"})

Link = tuple[int, int]  # (rebuttal id, id of the claim it answers)


@dataclass(frozen=True, slots=True)
class Telling:
    """What linking reads of an account."""

    view: AccountView  # as dispute finding reads it: side, claimant, doers, modality
    facts: Facts  # as grouping reads it: family, place, time
    kind: str = ""
    # Identities (as `AccountView.claimant_id`) of the actors it names besides its agents
    # (a denial's agent is its denier): whose claim it rejects ("rejected the Observatory's
    # claim").
    named: frozenset[str] = frozenset()
    # The claimant and the institutions it is part of ("syrian-army", "syrian-government");
    # empty: the claimant identity alone.
    claimant_wholes: frozenset[str] = frozenset()


def is_rebuttal(telling: Telling) -> bool:
    return side_of(telling.view) != "asserts" or telling.kind in REBUTTING_KINDS


def is_claim(telling: Telling) -> bool:
    return not is_rebuttal(telling) and telling.view.modality == "actual"


def answer_links(tellings: Sequence[Telling], rules: GroupingRules = DEFAULT_RULES) -> list[Link]:
    """Every (rebuttal, claim) link among the accounts of one event, sorted."""
    claims = [t for t in tellings if is_claim(t)]
    return sorted(
        (rebuttal.view.id, claim_id)
        for rebuttal in tellings
        if is_rebuttal(rebuttal)
        for claim_id in answered(rebuttal, claims, rules)
    )


def answered(
    rebuttal: Telling, candidates: Sequence[Telling], rules: GroupingRules = DEFAULT_RULES
) -> tuple[int, ...]:
    """The ids of the candidate claims this rebuttal answers, sorted."""
    if rebuttal.view.modality != "actual":
        return ()
    claims = [c for c in candidates if is_claim(c) and _answerable(rebuttal, c, rules)]
    if not claims:
        return ()
    ranks = {c.view.id: _preference(rebuttal, c) for c in claims}
    best = max(ranks.values())
    return tuple(sorted(i for i, rank in ranks.items() if rank == best))


def _answerable(rebuttal: Telling, claim: Telling, rules: GroupingRules) -> bool:
    if _claimant(rebuttal) == _claimant(claim):
        return False  # a source does not answer itself
    return within_reach(claim.facts, _as_compared(rebuttal), rules)


def _as_compared(rebuttal: Telling) -> Facts:
    """A denial's own time is when it was said: it only comes after the deed."""
    if rebuttal.kind in REBUTTING_KINDS:
        return replace(rebuttal.facts, dated=False)
    return rebuttal.facts


def _claimant(telling: Telling) -> str:
    """One source: its claimant identity, else (unknown claimant) the account alone."""
    claimant = telling.view.claimant_id
    return bare(claimant) if claimant else f"#{telling.view.id}"


def _preference(rebuttal: Telling, claim: Telling) -> tuple[bool, bool]:
    """(by a party the rebuttal names, accusing the party whose part it denies)."""
    by_named = _claimant(claim) in _parties_named(rebuttal)
    accuses = not _accused(rebuttal).isdisjoint(doers(claim.view))
    return by_named, accuses


def _accused(rebuttal: Telling) -> frozenset[str]:
    """Whose part a rebuttal denies: the agents it names, else its claimant and the
    institutions it is part of (an army denying answers what is said of its government)."""
    if doers(rebuttal.view) or not rebuttal.claimant_wholes:
        return denied(rebuttal.view)
    return frozenset(bare(i) for i in rebuttal.claimant_wholes)


def _parties_named(rebuttal: Telling) -> frozenset[str]:
    """The actors a rebuttal names besides its doers (the accused, whose claims are not
    the ones answered) and its own claimant."""
    named = frozenset(bare(i) for i in rebuttal.named)
    return named - doers(rebuttal.view) - {_claimant(rebuttal)}
