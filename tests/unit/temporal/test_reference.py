"""The reference-time model (timeline/temporal/reference.py): which mentions the story's
time follows, the look-ahead for the year, BC carried, 29 February."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.temporal import TimeMention, tag
from timeline.temporal.cal import Period
from timeline.temporal.reference import (
    BC_SHIFT,
    Mark,
    StoryTime,
    YearsAhead,
    in_era,
    is_aside,
    looks_back,
    mark_of,
    sentence_stop,
)
from timeline.temporal.tense import Sentences

ANCHOR = date(2020, 1, 1)


def values(text: str, mode: str = "narrative") -> dict[str, str]:
    return {m.text: m.value for m in tag(text, ANCHOR, mode=mode)}  # type: ignore[arg-type]


# --- BC: shifted into the calendar and back


def test_a_bc_value_is_marked_at_its_shifted_year() -> None:
    mark = mark_of("BC0055", 3)
    assert mark == Mark(Period("year", date(1 - 55 + BC_SHIFT, 1, 1)), 3, bc=True)
    assert mark_of("1940-06", 0) == Mark(Period("month", date(1940, 6, 1)), 0)


@pytest.mark.parametrize("value", ["BC0055", "BC0055-FA", "BC0218-12", "BC0001"])
def test_bc_values_go_back_to_their_era(value: str) -> None:
    mark = mark_of(value, 0)
    assert mark is not None and mark.bc
    assert in_era(f"{mark.period.first.year:04d}{value[6:]}") == value


def test_counting_across_the_start_of_the_era_skips_year_zero() -> None:
    one_bc = mark_of("BC0001", 0)
    assert one_bc is not None
    assert in_era(f"{one_bc.period.first.year + 1:04d}") == "0001"  # 1 BC, then AD 1
    assert in_era("XXXX-02-29") == "XXXX-02-29"


def test_values_that_name_no_period_make_no_mark() -> None:
    for value in ("XXXX-02-29", "PRESENT_REF", "XXXX-XX-XXTEV", "P3D"):
        assert mark_of(value, 0) is None


def test_a_story_in_bc_stays_in_bc() -> None:
    text = "In 55 BC the legions landed. In the autumn they left. Two years later they fought."
    found = values(text)
    assert found["the autumn"] == "BC0055-FA"
    assert found["Two years later"] == "BC0053-FA"


# --- asides and names are not the story's time


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("The marshal (born 1856) spoke.", "1856"),
        ("The poet (1890-1945) wrote it.", "1890"),
        ("Operation Grenade (1945) followed.", "1945"),
        ("Her father, born in 1840, was a miller.", "1840"),
        ("The Treaty of 1919 was resented.", "1919"),
        ("The War of 1812 ended at Ghent.", "1812"),
        ("He ran in the 1936 Olympics.", "1936"),
    ],
)
def test_asides_and_names(text: str, year: str) -> None:
    at = text.index(year)
    assert is_aside(text, at, at + 4)


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("In 1936 Berlin hosted the Games.", "1936"),
        ("She was born in 1867 in Warsaw.", "1867"),
        ("The 1941 invasion began in June.", "1941"),
        ("The army (which had landed) moved on. In 1944 it crossed.", "1944"),
        ("By 1944, the war had turned.", "1944"),
        ("Most of 1944 was quiet.", "1944"),
        ("It rained. Much of 1944 was wet.", "1944"),
    ],
)
def test_event_times(text: str, year: str) -> None:
    at = text.index(year)
    assert not is_aside(text, at, at + 4)


def test_a_flashback_looks_back_within_its_clause() -> None:
    low = "he had won the year before. in june he sailed."
    assert looks_back(low, low.index("the year"))
    assert not looks_back(low, low.index("june"))  # the clause with "had" has ended
    assert not looks_back("in june he sailed.", 3)


def test_an_aside_is_the_reference_only_until_an_event_time_is_named() -> None:
    story = StoryTime()
    aside = Mark(Period("year", date(1890, 1, 1)), 0)
    event = Mark(Period("year", date(1940, 1, 1)), 1)
    story.note(aside, aside=True)
    assert story.current == aside
    story.note(event, aside=False)
    story.note(Mark(Period("year", date(1856, 1, 1)), 2), aside=True)
    assert story.current == event


def test_a_decade_does_not_undo_the_year_of_the_story() -> None:
    story = StoryTime()
    decade = Mark(Period("decade", date(1930, 1, 1)), 0)
    story.note(decade, aside=False)
    assert story.current == decade  # nothing finer was said yet
    year = Mark(Period("year", date(1940, 1, 1)), 1)
    story.note(year, aside=False)
    story.note(Mark(Period("decade", date(1930, 1, 1)), 2), aside=False)
    assert story.current == year
    assert values("In 1940 the army moved. The 1930s had been hard. In July it struck.") == {
        "1940": "1940",
        "The 1930s": "193",
        "July": "1940-07",
    }


# --- the year given later in the sentence


def _bearer(text: str, start: int, value: str) -> TimeMention:
    return TimeMention(start=start, end=start + len(text), text=text, type="DATE", value=value)


def test_the_next_explicit_year_dates_a_month_before_it() -> None:
    text = "In June and in September 1940 it moved."
    ahead = YearsAhead.of([_bearer("September 1940", 15, "1940-09")], text)
    assert ahead.year_for(6, end=7, stop=len(text)) == 1940
    assert ahead.year_for(12, end=7, stop=len(text)) == 1939  # "In December ... in September 1940"
    assert ahead.year_for(6, end=7, stop=14) is None  # past the end of the sentence
    assert ahead.year_for(6, end=30, stop=len(text)) is None  # nothing after it


def test_a_bare_year_or_an_inferred_one_gives_no_look_ahead() -> None:
    text = "In June the army moved, and by 1941 it held the coast; in July more came."
    bare_year = YearsAhead.of([_bearer("1941", text.index("1941"), "1941")], text)
    assert bare_year.year_for(6, end=7, stop=len(text)) is None
    inferred = YearsAhead.of([_bearer("July", text.index("July"), "1941-07")], text)
    assert inferred.starts == ()


def test_look_ahead_in_narratives_only() -> None:
    story = "In June the army crossed the river, and on 3 September 1940 it took the town."
    assert values(story)["June"] == "1940-06"
    news = "In March sales rose 5% from March 2017, the company said."
    assert values(news, "news")["March"] == "2019-03"  # the anchor's nearest past March
    assert values(news, "narrative")["March"] == "2017-03"


def test_a_date_resolved_by_look_ahead_is_not_counted_from_an_earlier_mention() -> None:
    text = "In 1939 the war began. In June, and on 3 September 1940, the army moved."
    [june] = [m for m in tag(text, ANCHOR, mode="narrative") if m.text == "June"]
    assert (june.value, june.anchor_index) == ("1940-06", None)


def test_look_ahead_stops_at_the_sentence_end() -> None:
    text = "The war ended in May 1945. In June he went home. In September 1946 he married."
    assert values(text)["June"] == "1945-06"
    june = text.index("June")
    bounds = [(0, 26), (27, 48), (49, len(text))]
    assert sentence_stop(text, june + 4, Sentences.of(bounds)) == 48
    assert sentence_stop(text, june + 4, None) == 47
    in_one = [(0, len(text))]  # given as one sentence, the bounds rule
    found = {m.text: m.value for m in tag(text, ANCHOR, mode="narrative", sentences=in_one)}
    assert found["June"] == "1946-06"


# --- 29 February


def test_29_february_takes_the_leap_year_or_none() -> None:
    assert values("In December 1939 it snowed. On 29 February it thawed.")["29 February"] == (
        "1940-02-29"
    )
    [leap_day] = [
        m
        for m in tag("In 1941 it snowed. On 29 February it thawed.", ANCHOR, mode="narrative")
        if m.text == "29 February"
    ]
    assert (leap_day.value, leap_day.earliest, leap_day.granularity) == ("XXXX-02-29", None, None)
    assert values("In 1941 it snowed. On 28 February it thawed.")["28 February"] == "1941-02-28"


def test_only_a_date_told_like_the_first_lends_its_year() -> None:
    noun_date = "It redeemed on Nov. 16 its notes due March 1, 2011."
    assert values(noun_date)["Nov. 16"] == "2019-11-16"  # not 2010: "due" dates the notes
    coordinated = "It struck on Nov. 16 and again on March 1, 1941."
    assert values(coordinated)["Nov. 16"] == "1940-11-16"
