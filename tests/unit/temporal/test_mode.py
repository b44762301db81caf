"""Auto mode: narratives are told from their own times, news from publication."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.conftest import SHARED
from timeline.temporal import tag
from timeline.temporal.mode import Evidence, evidence

PUBLISHED = date(2026, 11, 24)
DEV_SET = SHARED / "data" / "timex"

# Short history and biography texts written for these tests.
WAR = (
    "In 1914 the war broke out in August. Two years later, the offensive on the Somme"
    " began on July 1. That summer more than a million men were wounded. In the autumn"
    " the offensive stalled. By November the line had barely moved. The following year"
    " the United States entered the war."
)
CURIE = (
    "Marie Curie was born in Warsaw in 1867. In 1891 she moved to Paris. Four years later"
    " she married Pierre Curie. That summer they toured France by bicycle. In 1903 she"
    " shared the Nobel Prize. Three years later Pierre was killed in a street accident on"
    " April 19. The next day she was offered his post. She died on July 4, 1934."
)
BRIDGE = (
    "The bridge opened in 1932. A week later it was open to cars. By 1967 the deck"
    " needed replacing. The next year the city voted to widen it, and work began that"
    " spring."
)
CRIMEA = (
    "Britain and France declared war on 28 March 1854. In September the allies landed in"
    " the Crimea. On 25 October the Battle of Balaclava took place; ten days later the"
    " Russians were repulsed. During the winter the army suffered terribly. The tsar died"
    " on 2 March 1855. The French stormed the fort on 8 September, and the Russians left"
    " the city the next day. Today the war is remembered for one charge."
)
CAESAR = (
    "In 55 BC Julius Caesar crossed the Channel to Britain. In the autumn he returned to"
    " Gaul. The following year he came back with a larger army."
)
NEWS = (
    "The company, founded in 1985, said on Tuesday that profit rose in the third quarter."
    " Its shares fell 3% yesterday. It expects to close the deal in January."
)


def values(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.value) for m in tag(text, PUBLISHED, mode="auto")]


def test_a_war_history_counts_from_its_own_years() -> None:
    assert values(WAR) == [
        ("1914", "1914"),
        ("August", "1914-08"),
        ("Two years later", "1916-08"),
        ("July 1", "1916-07-01"),
        ("That summer", "1916-SU"),
        ("the autumn", "1916-FA"),
        ("November", "1916-11"),
        ("The following year", "1917"),
    ]


def test_a_biography_counts_from_its_own_years() -> None:
    found = dict(values(CURIE))
    assert found["That summer"] == "1895-SU"
    assert found["April 19"] == "1906-04-19"
    assert found["The next day"] == "1906-04-20"


def test_a_week_later_than_a_year_is_that_year() -> None:
    found = dict(values(BRIDGE))
    assert found["A week later"] == "1932"
    assert found["that spring"] == "1968-SP"


def test_a_war_history_moves_on_through_its_dates() -> None:
    assert values(CRIMEA)[1:] == [
        ("September", "1854-09"),
        ("25 October", "1854-10-25"),
        ("ten days later", "1854-11-04"),
        ("the winter", "1854-WI"),
        ("2 March 1855", "1855-03-02"),
        ("8 September", "1855-09-08"),
        ("the next day", "1855-09-09"),
        ("Today", "PRESENT_REF"),
    ]


def test_a_history_before_the_common_era_is_a_narrative() -> None:
    assert values(CAESAR)[1:] == [("the autumn", "BC0055-FA"), ("The following year", "BC0054")]


def test_news_about_the_past_stays_news() -> None:
    assert values(NEWS) == tag_news(NEWS)
    assert dict(values(NEWS))["January"] == "2027-01"


def tag_news(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.value) for m in tag(text, PUBLISHED, mode="news")]


@pytest.mark.parametrize(
    ("counts", "narrative"),
    [
        ((1, 1, 0, 0), True),  # one old year and an anaphor
        ((1, 0, 0, 0), False),  # "founded in 1985": one old year is no story
        ((0, 3, 0, 0), False),  # anaphora alone fit news too
        ((4, 0, 0, 1), False),  # a deictic weighs four old years
        ((5, 0, 0, 1), True),
        ((3, 1, 1, 0), False),  # a year near publication weighs as much
    ],
)
def test_the_rule(counts: tuple[int, int, int, int], narrative: bool) -> None:
    assert Evidence(*counts).narrative is narrative


def test_evidence_counts_only_past_years_as_history() -> None:
    mentions = tag("The bonds mature on Dec. 31, 2040. The plant opened in 1990.", PUBLISHED)
    assert evidence(mentions, PUBLISHED.year) == Evidence(1, 0, 0, 0)


@pytest.mark.parametrize("corpus", ["timebank", "aquaint"])
def test_auto_reads_the_news_development_set_as_news(corpus: str) -> None:
    # A missing development set is a failure: ../shared must sit beside the checkout.
    assert DEV_SET.is_dir(), f"{DEV_SET} is missing (../shared must sit beside the checkout)"
    for line in (DEV_SET / f"{corpus}.jsonl").read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        dct = date.fromisoformat(doc["dct"][:10])
        assert tag(doc["text"], dct, mode="auto") == tag(doc["text"], dct), doc["id"]
