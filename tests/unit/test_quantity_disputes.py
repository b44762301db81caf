from __future__ import annotations

import random
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.extract.types import Quantity
from timeline.reconcile.disputes import AccountView, Dispute, find_disputes
from timeline.reconcile.quantity_disputes import (
    Figure,
    MeasureRulesError,
    bounds,
    figure_range,
    load_measure_rules,
    parse_measure_rules,
)
from timeline.reconcile.wording import join_names, time_words


def figure(
    best: float | None,
    hedge: str | None = None,
    *,
    low: float | None = None,
    high: float | None = None,
    measure: str = "deaths",
) -> Quantity:
    """An exact figure unless hedged: "at least" opens it above, "about"/"between" need
    their bounds given."""
    if hedge is None and low is None and high is None:
        low = high = best
    elif hedge in ("at least", "more than") and low is None:
        low = best
    elif hedge == "up to" and high is None:
        high = best
    text = f"{hedge or ''} {best}".strip()
    return Quantity(measure, low, high, best, hedge, text, 0, len(text))


def told(
    account_id: int, *figures: Quantity, day: int = 4, who: str = "", **fields: Any
) -> AccountView:
    base = AccountView(account_id, None, None, None, True, frozenset(), "asserts")
    defaults: dict[str, Any] = {
        "quantities": figures,
        "reported": date(2017, 4, day),
        "claimant": who or f"source {account_id}",
        "claimant_id": (who or f"source {account_id}").casefold(),
        "document_id": account_id,
    }
    return replace(base, **(defaults | fields))


def quantity_disputes(*accounts: AccountView) -> list[Dispute]:
    return [d for d in find_disputes(accounts) if d.aspect == "quantity"]


def test_figures_that_cannot_both_hold_disagree_in_words() -> None:
    a = told(1, figure(58), who="the Observatory")
    b = told(2, figure(100, "at least"), who="a medical charity")
    [dispute] = quantity_disputes(b, a)
    assert dispute.measure == "deaths"
    assert dispute.sides == (("58", (1,)), ("100", (2,)))
    assert dispute.figures == (58, 58, 100)
    assert dispute.detail == (
        "58 killed according to the Observatory; at least 100 according to a medical charity "
        "(range 58–100, best 58)"
    )


def test_the_range_spans_every_account_and_best_is_the_median() -> None:
    a = told(1, figure(58), who="A")
    b = told(2, figure(100, "at least"), who="B")
    c = told(3, figure(72, "about", low=58, high=100), who="C")  # agrees with both
    [dispute] = quantity_disputes(a, b, c)
    assert [label for label, _ in dispute.sides] == ["58", "100"]
    assert dispute.figures == (58, 72, 100)
    assert dispute.detail.endswith("(range 58–100, best 72)")


def test_hedged_ranges_that_meet_are_no_dispute() -> None:
    assert quantity_disputes(told(1, figure(58, "at least")), told(2, figure(100))) == []
    about = figure(60, "about", low=54, high=66)
    assert quantity_disputes(told(1, about), told(2, figure(58, "at least"))) == []
    between = figure(None, "between", low=50, high=70)
    assert quantity_disputes(told(1, between), told(2, figure(65))) == []
    assert quantity_disputes(told(1, between), told(2, figure(75))) != []
    dozens = figure(None, "dozens", low=24)
    assert quantity_disputes(told(1, dozens), told(2, figure(58))) == []
    assert quantity_disputes(told(1, figure(100, "up to")), told(2, figure(58))) == []


def test_tolls_that_rise_over_the_days_are_updates() -> None:
    rising = [
        told(1, figure(58), day=4),
        told(2, figure(72), day=5),
        told(3, figure(90, "close to", low=85, high=90), day=11),
    ]
    assert quantity_disputes(*rising) == []
    # told the same day, the same figures disagree
    same_day = [replace(a, reported=date(2017, 4, 4)) for a in rising]
    assert quantity_disputes(*same_day) != []


def test_a_lower_toll_reported_later_disagrees() -> None:
    earlier = told(1, figure(72), day=5, who="the Observatory")
    later = told(2, figure(60), day=6, who="local medics")
    [dispute] = quantity_disputes(later, earlier)
    assert dispute.sides == (("60", (2,)), ("72", (1,)))
    assert dispute.detail == (
        "60 killed according to local medics on 6 Apr 2017; "
        "72 according to the Observatory on 5 Apr 2017 (range 60–72, best 60)"
    )
    # "at least 70" the next day still allows 72
    assert quantity_disputes(earlier, told(3, figure(70, "at least"), day=6)) == []


def test_a_count_that_does_not_grow_disagrees_on_any_day() -> None:
    hits = told(1, figure(23, measure="missiles_hit"), day=7)
    all_but_one = told(2, figure(58, measure="missiles_hit"), day=8)
    [dispute] = quantity_disputes(hits, all_but_one)
    assert dispute.detail.startswith("23 missiles hit according to source 1; 58 according to")
    assert "on 7 Apr" not in dispute.detail


def test_one_claimant_in_one_document_does_not_dispute_its_own_figures() -> None:
    headline_and_body = [
        told(1, figure(100, "more than", low=101), who="the official"),
        replace(told(2, figure(50), who="the official"), document_id=1),
    ]
    assert quantity_disputes(*headline_and_body) == []
    one_account = told(3, figure(50), figure(100, "more than", low=101))
    assert quantity_disputes(one_account) == []
    # the same official in two copies of the wire, the same day: two tolls
    two_copies = [told(1, figure(50), who="the official"), told(2, figure(101), who="the official")]
    assert len(quantity_disputes(*two_copies)) == 1


def test_a_unit_goes_with_every_figure() -> None:
    force = "share_of_force"
    a = told(1, figure(6, measure=force), who="A")
    b = told(2, figure(20, "about", low=18, high=22, measure=force), who="B")
    [dispute] = quantity_disputes(a, b)
    assert dispute.sides == (("6", (1,)), ("20", (2,)))
    assert dispute.detail == (
        "6% of the force according to A; about 20% according to B (range 6–22, best 6)"
    )


def test_measures_are_compared_apart() -> None:
    a = told(1, figure(58), figure(300, measure="injured"))
    b = told(2, figure(58), figure(400, measure="injured"))
    [dispute] = quantity_disputes(a, b)
    assert dispute.measure == "injured"
    assert dispute.detail.startswith("300 injured according to source 1; 400 according to")


def test_only_actual_figures_count() -> None:
    feared = told(2, figure(1000), modality="hypothetical")
    assert quantity_disputes(told(1, figure(58)), feared) == []


def test_a_source_relayed_by_many_outlets_counts_once_in_best() -> None:
    relayed = [
        told(i, figure(58), who="the Observatory", document_id=i, publisher=f"outlet {i}")
        for i in (1, 2, 3)
    ]
    others = [told(4, figure(100)), told(5, figure(120))]
    [dispute] = quantity_disputes(*relayed, *others)
    assert dispute.figures == (58, 100, 120)
    assert dispute.sides[0] == ("58", (1, 2, 3))
    assert "58 killed according to the Observatory;" in dispute.detail


def test_bounds_and_figure_range() -> None:
    assert bounds(figure(58)) == (58, 58)
    assert bounds(figure(58, "at least")) == (58, float("inf"))
    bare = Quantity("deaths", None, None, 58, None, "58", 0, 2)
    assert bounds(bare) == (58, 58)  # a bare figure without bounds is exact
    account = told(1)
    fewer = figure(None, "fewer than", high=50)
    figures = [Figure(account, i, q, *bounds(q)) for i, q in enumerate([fewer, figure(100)])]
    assert figure_range(figures) == (50, 100, 100)
    assert figure_range([]) == (None, None, None)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([10, 58, 60, 100]),
            st.sampled_from([None, "at least"]),
            st.integers(4, 6),
            st.sampled_from(["a", "b", "c"]),
        ),
        max_size=6,
    ),
    st.randoms(),
)
def test_quantity_disputes_do_not_depend_on_order(
    rows: list[tuple[int, str | None, int, str]], rnd: random.Random
) -> None:
    accounts = [
        told(i + 1, figure(best, hedge), day=day, who=who, document_id=1)
        for i, (best, hedge, day, who) in enumerate(rows)
    ]
    found = quantity_disputes(*accounts)
    rnd.shuffle(accounts)
    assert quantity_disputes(*accounts) == found


# --- data and words -----------------------------------------------------------------


def test_the_measures_data_loads_and_says_which_are_cumulative() -> None:
    rules = load_measure_rules()
    assert {"deaths", "injured"} <= rules.cumulative
    assert "missiles_hit" not in rules.cumulative
    assert rules.word("deaths") == "killed"
    assert rules.word("tanks") == "tanks"  # an unlisted measure is said by its name


def test_every_measure_named_is_one_the_extraction_gives() -> None:
    data = Path(__file__).parents[2] / "timeline/extract/data/quantities.yaml"
    extracted = {m["name"] for m in yaml.safe_load(data.read_text("utf-8"))["measures"]}
    rules = load_measure_rules()
    assert set(rules.words) <= extracted


@pytest.mark.parametrize(
    "raw",
    [
        None,
        {"measures": []},
        {"measures": {"deaths": {"word": "killed"}}},  # cumulative missing
        {"measures": {"deaths": {"cumulative": "yes"}}},
        {"measures": {"deaths": {"cumulative": True, "colour": "red"}}},
        {"measures": {"deaths": {"cumulative": True, "word": ""}}},
        {"measures": {"share": {"cumulative": False, "unit": 5}}},
        {"measures": {}, "extra": 1},
    ],
)
def test_bad_measures_data_is_refused(raw: Any) -> None:
    with pytest.raises(MeasureRulesError):
        parse_measure_rules(raw)


@pytest.mark.parametrize(
    ("value", "text", "words"),
    [
        ("2017-11-08", None, "8 Nov 2017"),
        ("2017-04-04T06:30", None, "06:30 on 4 Apr 2017"),
        ("2017-04-07T03:42+03:00", None, "03:42 +03:00 on 7 Apr 2017"),
        ("2017-04-04TMO", None, "the morning of 4 Apr 2017"),
        ("2017-W45", None, "the week of 6 Nov 2017"),
        ("2017-11", None, "Nov 2017"),
        ("2017-Q4", None, "Q4 2017"),
        ("2017", None, "2017"),
        ("PAST_REF", "recently", '"recently"'),
        ("PAST_REF", None, "PAST_REF"),
        ("2017-02-30", "30 February", '"30 February"'),
    ],
)
def test_time_words(value: str, text: str | None, words: str) -> None:
    assert time_words(value, text) == words


def test_names_are_joined_briefly() -> None:
    assert join_names([]) == ""
    assert join_names(["A"]) == "A"
    assert join_names(["A", "B"]) == "A and B"
    assert join_names(["A", "B", "C", "D"]) == "A, B, C and D"
    assert join_names(["A", "B", "C", "D", "E"]) == "A, B, C and 2 others"
