from __future__ import annotations

from datetime import UTC, datetime

from timeline.reconcile.clustering import cluster, combine
from timeline.reconcile.scoring import Facts


def day(d: int) -> datetime:
    return datetime(2017, 11, d, tzinfo=UTC)


# Gazetteer places (known, far apart unless told): Abu Kamal and Deir ez-Zor are 120 km apart.
AT = {"#abu-kamal": (34.45, 40.92), "#deir-ez-zor": (35.33, 40.14)}


def capture(
    span: tuple[int, int] | None, place: str | None = "#abu-kamal", agents: tuple[str, ...] = ()
) -> Facts:
    where = {"place_at": AT.get(place or ""), "place_known": place is not None}
    if span is None:
        return Facts("capture", place, frozenset(agents), None, day(20), dated=False, **where)
    return Facts(
        "capture", place, frozenset(agents), day(span[0]), day(span[1]), dated=True, **where
    )


def test_nearby_days_at_one_place_make_one_event() -> None:
    assert cluster([capture((8, 9)), capture((9, 10)), capture((6, 13))]) == [[0, 1, 2]]


def test_other_place_kind_or_month_make_other_events() -> None:
    elsewhere = capture((9, 10), place="#deir-ez-zor")
    attack = Facts("attack", "#abu-kamal", frozenset(), day(9), day(10), dated=True)
    assert AT["#abu-kamal"] != AT["#deir-ez-zor"]
    weeks_later = capture((28, 29))
    groups = cluster([capture((9, 10)), elsewhere, attack, weeks_later])
    assert groups == [[0], [1], [2], [3]]


def test_an_undated_account_joins_on_place_and_agent() -> None:
    groups = cluster([capture((9, 10), agents=("#army",)), capture(None, agents=("#army",))])
    assert groups == [[0, 1]]


def test_combine_keeps_dated_envelope_and_unions_agents() -> None:
    group = combine(capture((8, 9), agents=("#a",)), capture((9, 10), agents=("#b",)))
    assert (group.earliest, group.latest) == (day(8), day(10))
    assert group.agents == {"#a", "#b"}
    undated = combine(group, capture(None, place=None))
    assert (undated.earliest, undated.latest, undated.dated) == (day(8), day(10), True)
    placed = combine(capture((8, 9), place=None), capture((8, 9)))
    assert placed.place == "#abu-kamal"
