from __future__ import annotations

from datetime import UTC, datetime

import pytest

from timeline.extract import load_gazetteer
from timeline.reconcile.envelope import envelope, most_specific
from timeline.reconcile.scoring import Facts, match_score
from timeline.reconcile.sides import SidesError, load_sides, parse_sides


def day(d: int) -> datetime:
    return datetime(2017, 11, d, tzinfo=UTC)


def test_every_side_member_is_a_gazetteer_actor() -> None:
    gazetteer = load_gazetteer()
    for key in load_sides().side_of:
        assert key in gazetteer, key
        assert gazetteer.entries[key].kind == "actor", key


def test_allies_share_a_side_and_enemies_do_not() -> None:
    sides = load_sides()
    assert sides.of(["syrian-army", "hezbollah"]) == {"pro-government"}
    assert sides.of(["isis"]).isdisjoint(sides.of(["syrian-army"]))
    assert sides.of(["reuters"]) == frozenset()


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ([], "expected a mapping"),
        ({"sides": {"a": {"members": "x"}}}, "must be a list"),
        ({"sides": {"a": {"members": ["x"]}, "b": {"members": ["x"]}}}, "already on side"),
        ({"sides": {}, "contested_kinds": "capture"}, "contested_kinds"),
    ],
)
def test_bad_sides_data_is_refused(raw: object, says: str) -> None:
    with pytest.raises(SidesError, match=says):
        parse_sides(raw)


def capture(agents: str, sides: str, span: tuple[int, int] = (9, 10)) -> Facts:
    return Facts(
        "capture",
        "#abu-kamal",
        frozenset({agents}),
        day(span[0]),
        day(span[1]),
        True,
        frozenset({sides}),
    )


def test_opposing_sides_are_two_events_allies_are_one() -> None:
    army = capture("#army", "pro-government")
    assert match_score(army, capture("#isis", "jihadist", (10, 11))) == 0
    assert match_score(army, capture("#hezbollah", "pro-government", (8, 9))) >= 0.6


def test_envelope_keeps_the_most_specific_intervals() -> None:
    eighth, ninth, week, month = (
        (day(8), day(9)),
        (day(9), day(10)),
        (day(6), day(13)),
        (
            day(1),
            datetime(2017, 12, 1, tzinfo=UTC),
        ),
    )
    assert most_specific([eighth, ninth, week, month]) == [eighth, ninth]
    assert envelope([eighth, ninth, week, month]) == (day(8), day(10))
    assert envelope([week, month]) == week
    assert envelope([(None, day(14)), ninth]) == ninth
    assert envelope([(None, day(14)), (day(20), None)]) == (None, None)
    assert envelope([]) is None
