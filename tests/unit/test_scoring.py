from __future__ import annotations

from datetime import UTC, datetime, timedelta

from timeline.reconcile.scoring import MATCH_THRESHOLD, Facts, best_match, gap, match_score


def day(d: int) -> datetime:
    return datetime(2017, 11, d, tzinfo=UTC)


# Known places and where they are: #1 and #9 are 110 km apart, #8 is 20 km from #1.
AT = {"#1": (34.0, 40.0), "#8": (34.18, 40.0), "#9": (35.0, 40.0)}


def facts(
    kind: str = "capture",
    place: str | None = "#1",
    agents: tuple[str, ...] = ("#2",),
    span: tuple[int, int] | None = (8, 9),
    known: bool = True,
) -> Facts:
    where = {"place_at": AT.get(place or ""), "place_known": known and place is not None}
    if span is None:
        return Facts(kind, place, frozenset(agents), None, day(14), dated=False, **where)
    return Facts(kind, place, frozenset(agents), day(span[0]), day(span[1]), dated=True, **where)


def test_same_kind_place_and_day_matches() -> None:
    assert match_score(facts(), facts()) >= MATCH_THRESHOLD


def test_kind_or_place_difference_never_matches() -> None:
    assert match_score(facts(), facts(kind="attack")) == 0
    assert match_score(facts(), facts(place="#9")) == 0


def test_places_close_together_or_unknown_names_do_not_block() -> None:
    # "an air base near the city" and the base's name: 20 km apart, one event told two ways.
    near = match_score(facts(), facts(place="#8"))
    assert MATCH_THRESHOLD <= near < match_score(facts(), facts())
    # A name the gazetteer does not know may be a spelling of the other: no block, no bonus.
    unknown = match_score(facts(), facts(place="Sharyat", known=False))
    assert MATCH_THRESHOLD <= unknown < match_score(facts(), facts())


def test_a_day_apart_is_still_one_event_told_two_ways() -> None:
    # 8 November vs 9 November: a time dispute inside one event, not two events.
    assert match_score(facts(span=(8, 9)), facts(span=(9, 10))) >= MATCH_THRESHOLD


def test_weeks_apart_is_another_event() -> None:
    assert match_score(facts(span=(1, 2)), facts(span=(19, 20))) == 0


def test_week_interval_contains_the_day() -> None:
    week = facts(span=(6, 13))
    assert gap(week, facts(span=(9, 10))) == timedelta(0)
    assert match_score(week, facts(span=(9, 10))) >= 0.8


def test_different_agents_do_not_block_but_weaken() -> None:
    same = match_score(facts(), facts(agents=("#2",)))
    other = match_score(facts(), facts(agents=("#3",)))
    assert same > other >= MATCH_THRESHOLD


def test_undated_account_joins_on_place_and_agent() -> None:
    assert match_score(facts(), facts(span=None)) >= MATCH_THRESHOLD
    assert gap(facts(), facts(span=None)) is None


def test_unplaced_unattributed_undated_accounts_stay_apart() -> None:
    loose = facts(place=None, agents=(), span=None)
    assert match_score(loose, loose) < MATCH_THRESHOLD


def test_best_match_prefers_higher_score_then_older_event() -> None:
    account = facts(span=(9, 10))
    candidates = [(5, facts(span=(8, 9))), (3, facts(span=(9, 10))), (4, facts(span=(9, 10)))]
    assert best_match(candidates, account) == 3
    assert best_match([(1, facts(kind="attack"))], account) is None
