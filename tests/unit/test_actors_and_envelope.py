from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from timeline.extract import load_gazetteer
from timeline.reconcile.actors import ActorRulesError, load_actor_rules, parse_actor_rules
from timeline.reconcile.envelope import envelope, listed_from, most_specific
from timeline.reconcile.scoring import Facts, match_score


def day(d: int) -> datetime:
    return datetime(2017, 11, d, tzinfo=UTC)


def test_every_key_in_the_actor_rules_is_a_gazetteer_actor() -> None:
    gazetteer, rules = load_gazetteer(), load_actor_rules()
    keys = {*rules.side_of, *rules.parent_of, *rules.parent_of.values()}
    for key in keys:
        assert key in gazetteer, key
        assert gazetteer.entries[key].kind == "actor", key


def test_allies_share_a_side_and_enemies_do_not() -> None:
    rules = load_actor_rules()
    assert rules.sides(["syrian-army", "hezbollah"]) == {"pro-government"}
    assert rules.sides(["isis"]).isdisjoint(rules.sides(["syrian-army"]))
    assert rules.sides(["reuters"]) == frozenset()


def test_an_institution_is_part_of_its_whole() -> None:
    rules = load_actor_rules()
    assert rules.with_wholes("russian-air-force") == {
        "russian-air-force",
        "russian-armed-forces",
        "russia",
    }
    assert rules.with_wholes("hezbollah") == {"hezbollah"}
    assert "us-led-coalition" in rules.with_wholes("us-state-department")


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ([], "expected a mapping"),
        ({"sides": {"a": {"members": "x"}}}, "must be a list"),
        ({"sides": {"a": {"members": ["x"]}, "b": {"members": ["x"]}}}, "already on side"),
        ({"contested_kinds": "capture"}, "contested_kinds"),
        ({"part_of": {"a": "b", "b": "a"}}, "loops"),
        ({"part_of": {"a": 1}}, "map keys to keys"),
    ],
)
def test_bad_actor_data_is_refused(raw: object, says: str) -> None:
    with pytest.raises(ActorRulesError, match=says):
        parse_actor_rules(raw)


def capture(
    agents: set[str],
    sides: set[str],
    span: tuple[int, int] | None = (9, 10),
    target_sides: set[str] | None = None,
) -> Facts:
    earliest, latest = (day(span[0]), day(span[1])) if span else (None, day(15))
    return Facts(
        "capture",
        "key:abu-kamal",
        frozenset(agents),
        earliest,
        latest,
        span is not None,
        frozenset(sides),
        frozenset(target_sides or set()),
    )


def test_opposing_sides_are_two_events_allies_are_one() -> None:
    army = capture({"key:syrian-army"}, {"pro-government"})
    assert match_score(army, capture({"key:isis"}, {"jihadist"}, (10, 11))) == 0
    assert match_score(army, capture({"key:hezbollah"}, {"pro-government"}, (8, 9))) >= 0.6


def test_taking_a_town_from_a_side_opposes_that_side_taking_it() -> None:
    isis_took_it = capture({"key:isis"}, {"jihadist"}, (10, 11))
    retaken_from_isis = capture(set(), set(), (10, 11), target_sides={"jihadist"})
    assert match_score(isis_took_it, retaken_from_isis) == 0


def test_different_movers_are_different_movements() -> None:
    def movement(agent: str) -> Facts:
        return Facts(
            "movement", None, frozenset({agent}), day(9), day(10), True, strict_agents=True
        )

    assert match_score(movement("key:isis"), movement("key:pmf")) == 0
    assert match_score(movement("key:isis"), movement("key:isis")) >= 0.6


def test_an_undated_report_cannot_tell_of_a_later_event() -> None:
    published_14th = capture(set(), set(), span=None)
    assert match_score(capture(set(), set(), (19, 20)), published_14th) == 0
    assert match_score(capture(set(), set(), (9, 10)), published_14th) >= 0.6


def test_envelope_keeps_the_most_specific_intervals() -> None:
    eighth, ninth, week = (day(8), day(9)), (day(9), day(10)), (day(6), day(13))
    month = (day(1), datetime(2017, 12, 1, tzinfo=UTC))
    assert most_specific([eighth, ninth, week, month]) == [eighth, ninth]
    assert envelope([eighth, ninth, week, month]) == (day(8), day(10))
    assert envelope([week, month]) == week
    assert envelope([(None, day(14)), ninth]) == ninth
    assert envelope([(None, day(14)), (day(20), None)]) == (None, None)
    assert envelope([]) is None


def test_listed_from_presumes_an_open_start_recent() -> None:
    reach = timedelta(days=30)
    assert listed_from(day(9), day(10), reach) == day(9)
    assert listed_from(None, day(15), reach) == datetime(2017, 10, 16, tzinfo=UTC)
    assert listed_from(day(9), None, reach) == day(9)
    with pytest.raises(ValueError, match="open at both ends"):
        listed_from(None, None, reach)
