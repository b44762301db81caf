from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from timeline.reconcile.disputes import AccountView, find_disputes


def day(d: int) -> datetime:
    return datetime(2017, 11, d, tzinfo=UTC)


def view(
    account_id: int,
    span: tuple[int, int] | None = None,
    value: str | None = None,
    agents: tuple[str, ...] = (),
    polarity: Literal["asserts", "denies"] = "asserts",
    own: bool = True,
) -> AccountView:
    earliest, latest = (day(span[0]), day(span[1])) if span else (None, None)
    return AccountView(account_id, value, earliest, latest, own, frozenset(agents), polarity)


def aspects(*accounts: AccountView) -> set[str]:
    return {d.aspect for d in find_disputes(accounts)}


def test_eighth_and_ninth_disagree() -> None:
    [dispute] = find_disputes([view(1, (8, 9), "2017-11-08"), view(2, (9, 10), "2017-11-09")])
    assert dispute.aspect == "time"
    assert dispute.sides == (("2017-11-08", (1,)), ("2017-11-09", (2,)))
    assert "2017-11-08 vs 2017-11-09" in dispute.detail


def test_last_week_and_the_ninth_agree() -> None:
    assert aspects(view(1, (6, 13), "2017-W45"), view(2, (9, 10), "2017-11-09")) == set()


def test_the_week_stays_out_of_a_dispute_between_two_days() -> None:
    [dispute] = find_disputes(
        [
            view(1, (6, 13), "2017-W45"),
            view(2, (8, 9), "2017-11-08"),
            view(3, (9, 10), "2017-11-09"),
        ]
    )
    assert [ids for _, ids in dispute.sides] == [(2,), (3,)]


def test_inherited_times_do_not_make_disputes() -> None:
    assert (
        aspects(view(1, (8, 9), "2017-11-08"), view(2, (9, 10), "2017-11-09", own=False)) == set()
    )


def test_different_agents_disagree_shared_ones_do_not() -> None:
    army = view(1, agents=("Syrian Army",))
    militia = view(2, agents=("Hezbollah", "Iranian-backed militias"))
    both = view(3, agents=("Syrian Army", "Hezbollah"))
    [dispute] = find_disputes([army, militia])
    assert dispute.aspect == "actor"
    assert dict(dispute.sides) == {"Hezbollah + Iranian-backed militias": (2,), "Syrian Army": (1,)}
    assert aspects(army, both) == set()
    assert aspects(army, view(4)) == set()  # an account naming no agent disputes nothing


def test_assert_against_deny() -> None:
    [dispute] = find_disputes([view(1), view(2, polarity="denies"), view(3)])
    assert dispute.aspect == "polarity"
    assert dispute.sides == (("asserts", (1, 3)), ("denies", (2,)))


def test_agreeing_accounts_have_no_dispute() -> None:
    same = [view(i, (9, 10), "2017-11-09", ("Syrian Army",)) for i in range(1, 4)]
    assert find_disputes(same) == []
