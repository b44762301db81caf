"""What each mention is resolved against: publication, or an earlier mention."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from timeline.temporal import tag
from timeline.temporal.tense import Sentences, clause_bounds, tense_near

ANCHOR = date(2017, 11, 14)


def values(text: str, mode: str = "news") -> list[tuple[str, str, int | None]]:
    return [(m.text, m.value, m.anchor_index) for m in tag(text, ANCHOR, mode=mode)]  # type: ignore[arg-type]


def test_news_deixis_counts_from_publication_and_anaphora_from_the_last_time() -> None:
    text = "The siege began on March 3, 2016. Two days later it fell. Yesterday, two days later."
    assert values(text) == [
        ("March 3, 2016", "2016-03-03", None),
        ("Two days later", "2016-03-05", 0),
        ("Yesterday", "2017-11-13", None),
        ("two days later", "2017-11-15", 2),
    ]


def test_narrative_deixis_counts_from_the_story() -> None:
    text = (
        "The siege began on March 3, 2016. The next morning the town fell;"
        " yesterday's rain had stopped."
    )
    found = values(text, "narrative")
    assert found[1] == ("The next morning", "2016-03-04TMO", 0)
    assert found[2] == ("yesterday", "2016-03-03", 1)


def test_each_anaphor_counts_from_the_latest_time() -> None:
    text = "It began on May 2, 2015. Two days later it spread. A week later it ended."
    assert [v[1:] for v in values(text)] == [
        ("2015-05-02", None),
        ("2015-05-04", 0),
        ("2015-W20", 1),
    ]


def test_comparisons_do_not_move_the_story() -> None:
    text = "Third-quarter profit rose to $5 million from $3 million a year ago. Next year, more."
    found = values(text)
    assert found[0][1] == "2017-Q3"
    assert found[1] == ("a year ago", "2016-Q3", 0)
    assert found[2] == ("Next year", "2018", None)


def test_datetime_anchors_use_their_utc_day() -> None:
    late = datetime(2017, 11, 14, 23, 30, tzinfo=UTC)
    assert tag("yesterday", late)[0].value == "2017-11-13"


def test_tense_of_the_nearest_verb() -> None:
    for sentence, tense in [
        ("the talks will resume on thursday", "future"),
        ("the talks resumed on thursday", "past"),
        ("the vote will be held on thursday", "future"),
        ("on thursday", "present"),
        ("it will open on thursday to towns untouched by the slump", "future"),
        ("the bonus would be handed out on a still undecided date on thursday", "future"),
        ("the stock has fluctuated on thursday", "past"),
        ("the permit had been scheduled to lapse on thursday", "past"),
    ]:
        at = sentence.index("thursday")
        assert tense_near(sentence, at, at + 8)[0] == tense, sentence


# Two sentences: a plan, then a verbless one whose weekday has no tense of its own.
PLAN_THEN_TALKS = "The envoys will fly to Geneva. Talks on Friday, then a vote."
PLAN_THEN_TALKS_SENTENCES = [(0, 30), (31, 60)]


def test_a_verb_in_the_previous_sentence_does_not_give_the_tense() -> None:
    assert PLAN_THEN_TALKS[31:60] == "Talks on Friday, then a vote."
    low = PLAN_THEN_TALKS.lower()
    at = low.index("friday")
    assert tense_near(low, at, at + 6, Sentences.of(PLAN_THEN_TALKS_SENTENCES))[0] == "present"
    [friday] = tag(PLAN_THEN_TALKS, ANCHOR, sentences=PLAN_THEN_TALKS_SENTENCES)
    assert friday.value == "2017-11-10"  # no tense in its sentence: the last Friday


def test_without_sentences_the_window_is_the_text_within_250_characters() -> None:
    # direct library use: nothing says where the first sentence ends, so its "will" counts
    [friday] = tag(PLAN_THEN_TALKS, ANCHOR)
    assert friday.value == "2017-11-17"
    far = "The envoys will fly to Geneva." + " " * 250 + "Talks on Friday, then a vote."
    assert tag(far, ANCHOR)[0].value == "2017-11-10"


def test_an_abbreviation_inside_the_sentence_keeps_the_tense_of_its_verb() -> None:
    text = "The envoys will meet Gen. Lee on Friday. Talks on Monday, then a vote."
    one_sentence_each = [(0, 40), (41, len(text))]
    split_at_the_title = [(0, 25), (26, 40), (41, len(text))]
    assert text[26:40] == "Lee on Friday."
    friday, monday = tag(text, ANCHOR, sentences=one_sentence_each)
    assert (friday.value, monday.value) == ("2017-11-17", "2017-11-13")
    # the bounds decide: had the title's period ended a sentence, "will" would be cut off
    assert tag(text, ANCHOR, sentences=split_at_the_title)[0].value == "2017-11-10"


def test_a_weekday_that_opens_its_sentence_takes_the_tense_of_the_main_verb() -> None:
    text = (
        "The talks collapsed. On Friday, after weeks of quarrels over the agenda and the"
        " seating of every delegation, the council will finally vote on the charter."
    )
    sentences = [(0, 20), (21, len(text))]
    assert tag(text, ANCHOR, sentences=sentences)[0].value == "2017-11-17"
    # without bounds the weekday does not open the window: the far "will" does not reach
    assert tag(text, ANCHOR)[0].value == "2017-11-10"


def test_between_sentences_the_gap_is_the_window() -> None:
    text = "The envoys will fly. Friday. Talks resumed."
    at = text.index("Friday")
    assert clause_bounds(text.lower(), at, at + 6, Sentences.of([(0, 20), (29, 43)])) == (20, 29)


@pytest.mark.parametrize("bounds", [[(10, 20), (5, 30)], [(0, 10), (8, 20)], [(5, 3)]])
def test_sentences_must_be_sorted_and_apart(bounds: list[tuple[int, int]]) -> None:
    with pytest.raises(ValueError, match="sorted"):
        tag("Talks on Friday, then a vote, and more.", ANCHOR, sentences=bounds)
