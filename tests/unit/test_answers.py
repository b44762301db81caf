"""Which claims a rebuttal answers (timeline.reconcile.answers), on small examples of our own."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from timeline.reconcile.answers import Telling, answer_links, answered
from timeline.reconcile.disputes import AccountView
from timeline.reconcile.scoring import Facts

AIR_FORCE = frozenset({"syrian-air-force", "syrian-army", "syrian-government"})
ISIS = frozenset({"isis"})
RUSSIAN_JETS = frozenset({"russian-air-force", "russian-armed-forces"})


def day(d: int) -> tuple[datetime, datetime]:
    return datetime(2017, 4, d, tzinfo=UTC), datetime(2017, 4, d + 1, tzinfo=UTC)


def telling(
    account_id: int,
    claimant: str,
    *,
    kind: str = "attack",
    on: int | None = 4,
    place: str = "key:khan-shaykhun",
    named: frozenset[str] = frozenset(),
    **view_fields: Any,
) -> Telling:
    """An account of the attack at one place, on day `on` of April 2017 (None: undated,
    reported on the 6th)."""
    earliest, latest = day(on) if on is not None else (None, day(6)[1])
    view = AccountView(account_id, None, earliest, latest, on is not None, frozenset(), "asserts")
    view = replace(view, claimant=claimant, claimant_id=claimant, **view_fields)
    facts = Facts(
        kind="violence",
        place=place,
        place_known=True,
        agents=frozenset(view.agent_ids),
        earliest=earliest,
        latest=latest,
        dated=on is not None,
    )
    return Telling(view=view, facts=facts, kind=kind, named=named)


def claim(account_id: int, claimant: str, doers: frozenset[str], **fields: Any) -> Telling:
    return telling(account_id, claimant, agent_ids=doers, **fields)


def denial(account_id: int, claimant: str, **fields: Any) -> Telling:
    return telling(account_id, claimant, polarity="denies", **fields)


def test_the_accused_party_answers_the_claims_that_accuse_it() -> None:
    blames_air_force = claim(1, "sohr", AIR_FORCE)
    blames_isis = claim(2, "amaq", ISIS)
    army_denies = denial(3, "syrian-army", on=None)  # "the army denied it used gas"
    assert answered(army_denies, [blames_air_force, blames_isis]) == (1,)
    # a party that names the accused instead of itself clears it: the same claims
    russia_clears = denial(4, "russia", agent_ids=AIR_FORCE)
    assert answered(russia_clears, [blames_air_force, blames_isis]) == (1,)
    # the army answers what is said of the government it is part of, once it is known to be
    blames_government = claim(5, "hrw", frozenset({"syrian-government"}))
    claims = [blames_air_force, blames_isis, blames_government]
    assert answered(army_denies, claims) == (1,)
    army_in_government = replace(
        army_denies, claimant_wholes=frozenset({"syrian-army", "syrian-government"})
    )
    assert answered(army_in_government, claims) == (1, 5)


def test_a_denial_naming_whose_claim_it_rejects_answers_that_party() -> None:
    by_monitor = claim(1, "sohr", RUSSIAN_JETS)
    by_rescuers = claim(2, "syrian-civil-defence", RUSSIAN_JETS)
    # "The ministry rejected the Observatory's claim ...": a denial told as a speech act,
    # naming itself as the one denying and the Observatory as a participant
    rejects = telling(
        3,
        "russian-defense-ministry",
        kind="denial",
        named=frozenset({"sohr", "russian-defense-ministry"}),
    )
    assert answered(rejects, [by_monitor, by_rescuers]) == (1,)
    # naming nobody whose claim is here: every claim of the event
    vague = replace(rejects, named=frozenset({"united-nations"}))
    assert answered(vague, [by_monitor, by_rescuers]) == (1, 2)


def test_without_a_named_party_every_claim_by_another_source_is_answered() -> None:
    claims = [claim(1, "sohr", frozenset()), claim(2, "msf", ISIS), claim(3, "sana", frozenset())]
    rebuttal = denial(4, "sana")
    assert answered(rebuttal, claims) == (1, 2)  # not its own claimant's
    planned = claim(5, "msf", frozenset(), modality="planned")
    other_denial = denial(6, "msf")
    assert answered(rebuttal, [*claims, planned, other_denial]) == (1, 2)
    imagined = replace(rebuttal, view=replace(rebuttal.view, modality="hypothetical"))
    assert answered(imagined, claims) == ()


def test_a_rebuttal_answers_only_claims_within_the_grouping_reach() -> None:
    here = claim(1, "sohr", frozenset())
    elsewhere = claim(2, "msf", frozenset(), place="key:saraqib")  # a town far away
    undated = denial(3, "syrian-army", on=None)
    assert answered(undated, [here, elsewhere]) == (1,)
    retold = denial(4, "syrian-army", on=12)  # denies a deed it dates eight days later
    assert answered(retold, [here, elsewhere]) == ()


def test_a_denial_is_dated_when_it_was_said_after_the_deed() -> None:
    deed = claim(1, "sohr", AIR_FORCE, on=4)
    said_days_later = telling(2, "syrian-army", kind="denial", on=9)
    assert answered(said_days_later, [deed]) == (1,)
    said_before = telling(3, "syrian-army", kind="denial", on=1)
    assert answered(said_before, [deed]) == ()


def test_links_are_the_same_in_any_order() -> None:
    tellings = [
        claim(1, "sohr", AIR_FORCE),
        claim(2, "amaq", ISIS),
        claim(3, "msf", frozenset(), on=5),
        denial(4, "syrian-army", on=None),
        telling(5, "russian-defense-ministry", kind="denial", on=6, named=frozenset({"msf"})),
        denial(6, "russia", agent_ids=ISIS),
    ]
    expected = answer_links(tellings)
    assert expected == [(4, 1), (5, 3), (6, 2)]
    shuffled = tellings[:]
    for seed in range(20):
        random.Random(seed).shuffle(shuffled)
        assert answer_links(shuffled) == expected
