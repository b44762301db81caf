"""What each mention is resolved against: publication, or an earlier mention."""

from __future__ import annotations

from datetime import UTC, date, datetime

from timeline.temporal import tag
from timeline.temporal.tense import tense_near

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
