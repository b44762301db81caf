from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.reconcile.disputes import AccountView, Dispute, find_disputes

ARMY = frozenset({"key:syrian-army", "key:syrian-government"})
GOVERNMENT = frozenset({"key:syrian-government"})
HEZBOLLAH = frozenset({"key:hezbollah"})
ISIS = frozenset({"key:isis"})


def at(d: int, hour: int = 0, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2017, month, d, hour, minute, tzinfo=UTC)


def view(account_id: int, **fields: Any) -> AccountView:
    base = AccountView(account_id, None, None, None, True, frozenset(), "asserts")
    return replace(base, **fields)


def on_day(account_id: int, d: int, **fields: Any) -> AccountView:
    return view(
        account_id,
        time_value=f"2017-11-{d:02d}",
        earliest=at(d),
        latest=at(d + 1),
        granularity="day",
        **fields,
    )


def clock(account_id: int, d: int, hour: int, minute: int, **fields: Any) -> AccountView:
    """A reading to the minute on day `d` of April 2017."""
    start = at(d, hour, minute, month=4)
    return view(
        account_id,
        time_value=f"2017-04-{d:02d}T{hour:02d}:{minute:02d}",
        earliest=start,
        latest=start + timedelta(minutes=1),
        granularity="minute",
        **fields,
    )


def aspects(*accounts: AccountView) -> set[str]:
    return {d.aspect for d in find_disputes(accounts)}


def only(aspect: str, *accounts: AccountView) -> Dispute:
    [dispute] = [d for d in find_disputes(accounts) if d.aspect == aspect]
    return dispute


# --- time ---------------------------------------------------------------------------


def test_the_eighth_and_the_ninth_disagree_in_words() -> None:
    sana = on_day(1, 8, claimant="SANA", claimant_id="sana")
    monitor = on_day(2, 9, claimant="the Syrian Observatory", claimant_id="sohr")
    [dispute] = find_disputes([monitor, sana])
    assert dispute.aspect == "time"
    assert dispute.sides == (("2017-11-08", (1,)), ("2017-11-09", (2,)))
    assert dispute.detail == (
        "8 Nov 2017 according to SANA; 9 Nov 2017 according to the Syrian Observatory"
    )
    assert dispute.figures is None


def test_a_day_inside_the_week_is_no_dispute() -> None:
    week = view(1, time_value="2017-W45", earliest=at(6), latest=at(13), granularity="week")
    assert aspects(week, on_day(2, 9)) == set()


def test_the_week_stays_out_of_a_dispute_between_two_days() -> None:
    week = view(1, time_value="2017-W45", earliest=at(6), latest=at(13), granularity="week")
    dispute = only("time", week, on_day(2, 8), on_day(3, 9))
    assert [ids for _, ids in dispute.sides] == [(2,), (3,)]


def test_an_hour_inside_the_day_is_no_dispute_an_hour_outside_is() -> None:
    day = view(1, time_value="2017-04-04", earliest=at(4, month=4), latest=at(5, month=4))
    assert aspects(day, clock(2, 4, 6, 30)) == set()
    dispute = only("time", day, clock(3, 5, 6, 30))
    assert dispute.sides == (("2017-04-04", (1,)), ("2017-04-05T06:30", (3,)))
    assert "06:30 on 5 Apr 2017 according to account 3" in dispute.detail


def test_inherited_times_do_not_make_disputes() -> None:
    assert aspects(on_day(1, 8), on_day(2, 9, own_time=False)) == set()


def test_two_stages_of_one_progression_are_no_dispute() -> None:
    entered = on_day(1, 8, stage="entered", claimant_id="ministry")
    captured = on_day(2, 10, stage="captured", claimant_id="monitor")
    assert aspects(entered, captured) == set()
    # the same stage on different days is a dispute, and so is an unknown stage
    assert aspects(entered, replace(captured, stage="entered")) == {"time"}
    assert aspects(entered, replace(captured, stage=None)) == {"time"}


def test_one_claimant_in_one_document_tells_successive_times() -> None:
    first = on_day(1, 8, claimant_id="ministry", document_id=7)
    later = on_day(2, 10, claimant_id="ministry", document_id=7)
    assert aspects(first, later) == set()
    # the same claimant in another document, or an unknown claimant, can disagree
    assert aspects(first, replace(later, document_id=8)) == {"time"}
    assert aspects(replace(first, claimant_id=""), replace(later, claimant_id="")) == {"time"}


def test_a_floating_clock_time_is_compared_with_the_widest_zone_gap() -> None:
    zoned = clock(1, 4, 11, 30)
    floating = clock(2, 4, 6, 30, floating=True)
    assert aspects(zoned, floating) == set()  # 06:30 somewhere may be 11:30 UTC
    assert aspects(zoned, replace(floating, floating=False)) == {"time"}
    # 13 h after a zoned reading: still within reach; 15 h: too far in any zone
    assert aspects(zoned, clock(3, 5, 0, 30, floating=True)) == set()
    assert aspects(zoned, clock(4, 5, 2, 31, floating=True)) == {"time"}
    # two floating readings: each may be off by up to 14 h
    assert aspects(clock(5, 4, 6, 30, floating=True), clock(6, 5, 9, 0, floating=True)) == set()
    far = clock(7, 6, 12, 0, floating=True)
    assert aspects(clock(5, 4, 6, 30, floating=True), far) == {"time"}


def test_thursday_evening_in_washington_is_friday_morning_in_syria() -> None:
    evening = clock(1, 6, 20, 45, floating=True, claimant="a US newspaper")
    moscow = view(
        2,
        time_value="2017-04-07T03:42",
        earliest=at(7, 0, 42, month=4),  # 03:42 Moscow time, in UTC
        latest=at(7, 0, 57, month=4),
        granularity="minute",
    )
    assert aspects(evening, moscow) == set()


def test_clock_readings_a_few_minutes_apart_agree_an_hour_apart_do_not() -> None:
    window = view(
        1,
        time_value="2017-04-07T03:42",
        earliest=at(7, 3, 42, month=4),
        latest=at(7, 3, 57, month=4),
        granularity="minute",
        claimant="the ministry",
    )
    assert aspects(window, clock(2, 7, 3, 40)) == set()
    dispute = only("time", window, clock(3, 7, 4, 40, claimant="the Pentagon"))
    assert dispute.detail == (
        "03:42 on 7 Apr 2017 according to the ministry; 04:40 on 7 Apr 2017 according to the "
        "Pentagon"
    )


def test_only_actual_accounts_take_part() -> None:
    for modality in ("hypothetical", "attempted", "prevented", "planned"):
        planned = on_day(
            2, 9, modality=modality, agent_ids=HEZBOLLAH, agents=frozenset({"Hezbollah"})
        )
        denied = replace(planned, id=3, polarity="denies")
        told = [on_day(1, 8, agent_ids=ARMY, agents=frozenset({"Syrian Army"})), planned, denied]
        assert find_disputes(told) == [], modality


# --- actor --------------------------------------------------------------------------


def test_different_agents_disagree_shared_ones_do_not() -> None:
    army = view(1, agents=frozenset({"Syrian Army"}))
    militia = view(2, agents=frozenset({"Hezbollah", "Iranian-backed militias"}))
    both = view(3, agents=frozenset({"Syrian Army", "Hezbollah"}))
    [dispute] = find_disputes([army, militia])
    assert dispute.aspect == "actor"
    assert dict(dispute.sides) == {"Hezbollah + Iranian-backed militias": (2,), "Syrian Army": (1,)}
    assert aspects(army, both) == set()
    assert aspects(army, view(4)) == set()  # an account naming no agent disputes nothing


def test_the_part_and_its_whole_are_no_dispute() -> None:
    army = view(1, agents=frozenset({"Syrian Army"}), agent_ids=ARMY)
    government = view(2, agents=frozenset({"Syrian government"}), agent_ids=GOVERNMENT)
    assert aspects(army, government) == set()
    militia = view(3, agents=frozenset({"Hezbollah"}), agent_ids=HEZBOLLAH)
    assert aspects(government, militia) == {"actor"}


def test_actors_are_compared_on_identity_never_on_spelling() -> None:
    one = view(1, agents=frozenset({"Islamic State"}), agent_ids=ISIS, claimant="A")
    two = view(2, agents=frozenset({"ISIS"}), agent_ids=ISIS, claimant="B")
    three = view(3, agents=frozenset({"ISIS"}), agent_ids=ISIS, claimant="C")
    assert aspects(one, two) == set()
    army = view(4, agents=frozenset({"Syrian Army"}), agent_ids=ARMY, claimant="D")
    dispute = only("actor", one, two, three, army)
    # one side per identity, named as most of its accounts name it
    assert dispute.sides == (("ISIS", (1, 2, 3)), ("Syrian Army", (4,)))
    assert dispute.detail == "ISIS according to A, B and C; Syrian Army according to D"
    # the same spelling of two different actors is a dispute
    other = view(5, agents=frozenset({"ISIS"}), agent_ids=frozenset({"name:isis brigade"}))
    assert aspects(two, other) == {"actor"}


def test_a_denial_of_ones_own_part_stands_against_those_who_name_it() -> None:
    blames = view(
        1,
        agents=frozenset({"Syrian Army"}),
        agent_ids=ARMY,
        claimant="the White House",
        claimant_id="white-house",
    )
    denies = view(2, polarity="denies", claimant="the Syrian Army", claimant_id="syrian-army")
    dispute = only("actor", blames, denies)
    assert dispute.sides == (("Syrian Army", (1,)), ("not Syrian Army", (2,)))
    assert dispute.detail == "Syrian Army according to the White House; denied by the Syrian Army"
    # the whole denying stands against those who name its part
    government = replace(denies, claimant="Damascus", claimant_id="key:syrian-government")
    assert "actor" in aspects(blames, government)
    # ... and a denial stands against no one who names another actor
    militia = replace(blames, agents=frozenset({"Hezbollah"}), agent_ids=HEZBOLLAH)
    assert "actor" not in aspects(militia, denies)


def test_a_third_partys_denial_names_who_it_clears() -> None:
    blames = view(1, agents=frozenset({"Syrian Army"}), agent_ids=ARMY, claimant="SOHR")
    clears = view(
        2,
        stance="denies",
        agents=frozenset({"Syrian Army"}),
        agent_ids=ARMY,
        claimant="the Russian ministry",
        claimant_id="russian-defense-ministry",
    )
    militia = view(3, agents=frozenset({"Hezbollah"}), agent_ids=HEZBOLLAH, claimant="X")
    dispute = only("actor", blames, clears, militia)
    assert dispute.sides == (
        ("Hezbollah", (3,)),
        ("Syrian Army", (1,)),
        ("not Syrian Army", (2,)),
    )
    assert dispute.detail == (
        "Hezbollah according to X; Syrian Army according to SOHR; "
        "not Syrian Army according to the Russian ministry"
    )


# --- polarity -----------------------------------------------------------------------


def test_assert_against_deny() -> None:
    told = [
        view(1, claimant="A"),
        view(2, polarity="denies", claimant="B"),
        view(3, claimant="C"),
    ]
    dispute = only("polarity", *told)
    assert dispute.sides == (("asserts", (1, 3)), ("denies", (2,)))
    assert dispute.detail == "claimed by A and C; denied by B"


def test_a_rebuttal_answering_some_claimants_names_them() -> None:
    told = [
        view(1, claimant="A", claimant_id="a"),
        view(2, polarity="denies", claimant="B", claimant_id="b", answers=frozenset({1})),
        view(3, claimant="C", claimant_id="c"),
        view(4, polarity="denies", claimant="D", claimant_id="d", answers=frozenset({1, 3})),
    ]
    dispute = only("polarity", *told)
    assert dispute.detail == "claimed by A and C; denied by B (answering A) and D"
    # the same words whatever order the accounts come in
    assert only("polarity", *reversed(told)).detail == dispute.detail


def test_a_rebuttal_is_on_the_denying_side() -> None:
    rebuttal = view(2, polarity="denies", stance="disputes")
    assert only("polarity", view(1), rebuttal).sides == (("asserts", (1,)), ("denies", (2,)))
    stance_only = view(3, stance="denies")
    assert only("polarity", view(1), stance_only).sides == (("asserts", (1,)), ("denies", (3,)))


def test_disputing_is_its_own_side_but_alone_is_no_denial() -> None:
    disputing = view(2, stance="disputes", claimant="the opposition")
    assert aspects(view(1), disputing) == set()
    dispute = only("polarity", view(1), disputing, view(3, polarity="denies"))
    assert dispute.sides == (("asserts", (1,)), ("denies", (3,)), ("disputes", (2,)))


def test_one_telling_does_not_deny_itself() -> None:
    says = view(1, claimant_id="army", document_id=4)
    unsays = view(2, claimant_id="army", document_id=4, polarity="denies")
    assert aspects(says, unsays) == set()
    assert aspects(says, replace(unsays, document_id=5)) == {"polarity"}


def test_agreeing_accounts_have_no_dispute() -> None:
    same = [on_day(i, 9, agents=frozenset({"Syrian Army"}), agent_ids=ARMY) for i in range(1, 4)]
    assert find_disputes(same) == []


# --- order --------------------------------------------------------------------------

DAYS = st.sampled_from([None, 8, 9, 10])
AGENTS = st.sampled_from([frozenset(), ARMY, GOVERNMENT, HEZBOLLAH, ISIS])


@st.composite
def accounts(draw: st.DrawFn) -> list[AccountView]:
    told = []
    for i in range(draw(st.integers(0, 7))):
        d = draw(DAYS)
        ids = draw(AGENTS)
        told.append(
            view(
                i + 1,
                time_value=None if d is None else f"2017-11-{d:02d}",
                earliest=None if d is None else at(d),
                latest=None if d is None else at(d + 1),
                agents=frozenset(sorted(i.removeprefix("key:") for i in ids)),
                agent_ids=ids,
                polarity=draw(st.sampled_from(["asserts", "denies"])),
                stance=draw(st.sampled_from(["asserts", "asserts", "disputes"])),
                modality=draw(st.sampled_from(["actual", "actual", "planned"])),
                claimant_id=draw(st.sampled_from(["", "a", "b"])),
                document_id=draw(st.sampled_from([None, 1, 2])),
                stage=draw(st.sampled_from([None, "entered", "captured"])),
                floating=draw(st.booleans()),
            )
        )
    return told


@settings(max_examples=150, deadline=None)
@given(accounts(), st.randoms())
def test_the_same_accounts_in_any_order_give_the_same_disputes(
    told: list[AccountView], rnd: random.Random
) -> None:
    found = find_disputes(told)
    shuffled = list(told)
    rnd.shuffle(shuffled)
    assert find_disputes(shuffled) == found
    actual = {a.id for a in told if a.modality == "actual"}
    for dispute in found:
        assert len(dispute.sides) >= 2
        for _, ids in dispute.sides:
            assert ids == tuple(sorted(set(ids))) and set(ids) <= actual


def test_reported_day_and_date_fields_have_defaults() -> None:
    account = view(1)
    assert (account.claimant, account.reported, account.stance, account.modality) == (
        "",
        None,
        "asserts",
        "actual",
    )
    assert replace(account, reported=date(2017, 4, 4)).reported == date(2017, 4, 4)
