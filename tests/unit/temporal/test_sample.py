"""The canonical document of the project (DESIGN §1), read by path from ../shared."""

from __future__ import annotations

import itertools
import re
from datetime import UTC, date, datetime

import pytest

from tests.conftest import SAMPLE
from timeline.temporal import TimeMention, tag


@pytest.fixture(scope="module")
def text() -> str:
    # A missing article is a failure: ../shared must sit beside the checkout.
    assert SAMPLE.is_file(), f"{SAMPLE} is missing (../shared must sit beside the checkout)"
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def mentions(text: str) -> list[TimeMention]:
    return tag(text, date(2017, 11, 14))


def by_text(mentions: list[TimeMention], text: str) -> TimeMention:
    found = [m for m in mentions if m.text == text]
    assert found, f"{text!r} not found in {[m.text for m in mentions]}"
    return found[0]


def test_publication_date(mentions: list[TimeMention]) -> None:
    m = by_text(mentions, "November 14th, 2017")
    assert (m.type, m.value, m.granularity) == ("DATE", "2017-11-14", "day")
    assert m.earliest == datetime(2017, 11, 14, tzinfo=UTC)
    assert m.latest == datetime(2017, 11, 15, tzinfo=UTC)
    assert m.anchor_index is None


def test_last_week_is_iso_week_45(mentions: list[TimeMention]) -> None:
    m = by_text(mentions, "Last week")
    assert (m.type, m.value, m.granularity) == ("DATE", "2017-W45", "week")
    assert m.earliest == datetime(2017, 11, 6, tzinfo=UTC)
    assert m.latest == datetime(2017, 11, 13, tzinfo=UTC)


def test_now_is_present_ref_without_the_next_word(text: str, mentions: list[TimeMention]) -> None:
    # located by pattern, not by quoting the article: the "now" that an "an" follows
    found = re.search(r"\bnow(?= an\b)", text)
    assert found is not None
    m = next(m for m in mentions if m.start == found.start())
    assert (m.text, m.type, m.value) == ("now", "DATE", "PRESENT_REF")


@pytest.mark.parametrize("not_a_date", ["now an", "earlier", "15-km", "15"])
def test_non_dates(mentions: list[TimeMention], not_a_date: str) -> None:
    assert all(m.text != not_a_date for m in mentions)
    assert all("15-km" not in m.text for m in mentions)


def test_counter_line_is_not_a_date(text: str, mentions: list[TimeMention]) -> None:
    # the line of two bare numbers under the headline (share counters), found by pattern
    line = re.search(r"^\d+ \d+$", text, re.MULTILINE)
    assert line is not None
    assert all(m.end <= line.start() or m.start >= line.end() for m in mentions)


def test_sorted_and_disjoint(mentions: list[TimeMention]) -> None:
    spans = [(m.start, m.end) for m in mentions]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
