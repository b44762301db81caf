"""The sides of a range or coordination are linked (`TimeMention.range_first`), whether a
range rule found them in one match ("Nov. 9-10") or the rules found them apart ("from
1990 to 1995"); changes of date, appositions and unrelated neighbours are not."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.temporal import tag
from timeline.temporal.grammar import RuleError, parse_rules

ANCHOR = date(2017, 11, 14)


def links(text: str) -> list[tuple[str, int | None]]:
    return [(m.text, m.range_first) for m in tag(text, ANCHOR)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The talks were held Nov. 9-10.", [("Nov. 9", 0), ("10", 0)]),
        ("The war of 1915-17 ruined it.", [("1915", 0), ("17", 0)]),
        ("Prices rose from 1990 to 1995.", [("1990", 0), ("1995", 0)]),
        ("Prices rose between 1990 and 1995.", [("1990", 0), ("1995", 0)]),
        ("Prices rose in 2009-2010.", [("2009", 0), ("2010", 0)]),
        ("Talks resume Monday and Tuesday.", [("Monday", 0), ("Tuesday", 0)]),
        ("It rained in 1994, 1995 and 1997.", [("1994", 0), ("1995", 0), ("1997", 0)]),
        ("It rained in 1994, 1995, or 1997.", [("1994", 0), ("1995", 0), ("1997", 0)]),
        ("Talks resume Monday or Tuesday.", [("Monday", 0), ("Tuesday", 0)]),
        ("Shops open from 9 a.m. EST to 5 p.m. EST.", [("9 a.m. EST", 0), ("5 p.m. EST", 0)]),
        # lists of three whose last two a rule matched as one coordination
        ("Floods hit in May, June and July 2016.", [("May", 0), ("June", 0), ("July 2016", 0)]),
        ("They met on 3, 4 and 5 March.", [("3", 0), ("4", 0), ("5 March", 0)]),
        ("Votes fall on 1, 8, 15 and 22 June.", [("1", 0), ("8", 0), ("15", 0), ("22 June", 0)]),
    ],
)
def test_the_sides_of_a_range_point_to_its_first_side(
    text: str, expected: list[tuple[str, int | None]]
) -> None:
    assert links(text) == expected


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Floods hit in May, June and July 2016.", ["2016-05", "2016-06", "2016-07"]),
        (
            "Rain fell on Dec. 5, Jan. 7 and Feb. 9, 2016.",
            ["2015-12-05", "2016-01-07", "2016-02-09"],
        ),
        ("It rained in May 2015, June and July 2016.", ["2015-05", "2016-06", "2016-07"]),
    ],
)
def test_a_list_shares_the_year_said_at_its_end(text: str, values: list[str]) -> None:
    mentions = tag(text, ANCHOR)
    assert [m.value for m in mentions] == values
    assert mentions[0].earliest is not None
    assert mentions[0].earliest.date().isoformat()[:7] == values[0][:7]  # moved with its value


def test_the_link_is_an_index_in_the_whole_list() -> None:
    found = links("He spoke yesterday. The talks were held Nov. 9-10.")
    assert found == [("yesterday", None), ("Nov. 9", 1), ("10", 1)]


@pytest.mark.parametrize(
    "text",
    [
        "The vote was moved from Monday to Tuesday.",  # a change of date
        "The vote was postponed from 6 to 7 March.",
        "Prices fell from 1995 to 1990.",  # out of order: not a range
        "Sales in March 2016 and 2017 rose.",  # a month and a year are not a list
        "The 1990 law was amended in 1995.",
        "The missiles hit at 8:40 p.m. ET, or 4:40 a.m. in Syria.",  # said again, another way
        "It opens on Monday, or Tuesday at the latest.",
    ],
)
def test_mentions_that_are_no_range_stay_apart(text: str) -> None:
    found = links(text)
    assert len(found) == 2
    assert [first for _, first in found] == [None, None]


def test_a_change_of_date_still_gives_each_side_its_full_value() -> None:
    found = tag("The vote was postponed from 6 to 7 March.", ANCHOR)
    assert [(m.text, m.value) for m in found] == [("6", "2018-03-06"), ("7 March", "2018-03-07")]


def test_a_range_rule_must_span_both_sides() -> None:
    rule = {
        "id": "r",
        "type": "DATE",
        "handler": "month_day",
        "pattern": "(?P<side1>{MONTH}) {DAY}",
        "examples": [{"in": "Nov. 3", "value": "2017-11-03"}],
    }
    with pytest.raises(RuleError, match="side1, side2"):
        parse_rules({"rules": [rule]}, {"month_day"})
