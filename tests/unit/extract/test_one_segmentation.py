"""One segmentation: the time tagger reads tense within the parse's sentences, the ones the
extractor reads events in, and ingestion parses each document once for both."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.extract import Gazetteer, split_sentences
from timeline.extract.parse import one_parse, parse
from timeline.extract.sentences import sentence_bounds
from timeline.ingest import read_document
from timeline.temporal import tag

PUBLISHED = date(2017, 11, 14)  # a Tuesday


def values(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.value) for m in tag(text, PUBLISHED, sentences=sentence_bounds(text))]


def test_bounds_are_the_extractors_sentences() -> None:
    text = "Troops left the base on Monday.\n\nThe U.S. envoy will arrive on Friday."
    assert sentence_bounds(text) == [(s.start, s.end) for s in split_sentences(text)]
    assert [text[s:e] for s, e in sentence_bounds(text)] == [
        "Troops left the base on Monday.",
        "The U.S. envoy will arrive on Friday.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a title's or an initialism's period ends no sentence: "will" still governs
        ("The envoys will meet Gen. Lee on Friday.", [("Friday", "2017-11-17")]),
        ("Envoys will visit the U.S. embassy on Friday.", [("Friday", "2017-11-17")]),
        # the plan of the sentence before says nothing of a verbless one
        (
            "The envoys will meet Gen. Lee in Geneva. Talks on Friday, then a vote.",
            [("Friday", "2017-11-10")],
        ),
        (
            "Envoys will visit the U.S. embassy. Talks on Friday, then a vote.",
            [("Friday", "2017-11-10")],
        ),
    ],
)
def test_the_tense_is_read_within_the_parsed_sentence(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert values(text) == expected


def test_one_parse_is_shared_within_the_block_and_only_there() -> None:
    text = "The envoys will meet Gen. Lee on Friday."
    with one_parse(text) as doc:
        assert parse(text) is doc
        assert parse("Another text entirely.") is not doc
    assert parse(text) is not doc


def test_ingestion_tags_within_the_sentences_it_extracts_from(gazetteer: Gazetteer) -> None:
    text = (
        "The envoys will meet Gen. Lee in Geneva. Talks on Friday, then a vote.\n\n"
        "Syrian troops captured the town on Thursday, the army said."
    )
    mentions, events = read_document(text, PUBLISHED, gazetteer, "Levant Wire")
    assert mentions == tag(text, PUBLISHED, mode="auto", sentences=sentence_bounds(text))
    assert [(m.text, m.value) for m in mentions] == [
        ("Friday", "2017-11-10"),
        ("Thursday", "2017-11-09"),
    ]
    assert any(e.kind == "capture" and e.time_index == 1 for e in events)


def test_the_segmenting_parse_gives_the_full_parses_sentences() -> None:
    """`sentence_bounds` runs only the parser; its sentences are the whole parse's."""
    text = (
        "Storm hits coast\n\nGen. Ana Ruiz said on Monday the U.S. team had left. It was late.\n\n"
        "• Rescuers came at 6 a.m. on Tuesday\n• Roads reopened, e.g. the coast road, by noon."
    )
    assert sentence_bounds(text) == [(s.start, s.end) for s in split_sentences(text)]
    assert len(sentence_bounds(text)) >= 4
