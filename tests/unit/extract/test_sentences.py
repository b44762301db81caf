from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from timeline.extract import split_sentences


def _texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_offsets_and_paragraphs() -> None:
    text = "Headline here\n\nFirst one. Second one!\nThird one?\n\n\nFourth."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Headline here",
        "First one.",
        "Second one!",
        "Third one?",
        "Fourth.",
    ]
    assert [s.paragraph for s in sentences] == [0, 1, 1, 2, 3]
    for s in sentences:
        assert text[s.start : s.end] == s.text


def test_abbreviations_do_not_end_sentences() -> None:
    text = (
        "On Nov. 9 the U.S. envoy met Gen. Smith and Lt. Col. J. Doe in St. Petersburg. "
        "Then he left."
    )
    assert _texts(text) == [
        "On Nov. 9 the U.S. envoy met Gen. Smith and Lt. Col. J. Doe in St. Petersburg.",
        "Then he left.",
    ]


def test_quotes_and_closing_punctuation() -> None:
    text = 'He said: "We won." Then they left. "It is over," she said. (It was.) Next.'
    assert _texts(text) == [
        'He said: "We won."',
        "Then they left.",
        '"It is over," she said.',
        "(It was.)",
        "Next.",
    ]


def test_decimals_and_lowercase_continuations() -> None:
    assert _texts("It cost 3.5 million dollars. e.g. this stays. Done.") == [
        "It cost 3.5 million dollars. e.g. this stays.",
        "Done.",
    ]


def test_bullets_and_boilerplate_lines_stay_their_own_sentences() -> None:
    text = "- Advertisement -\nSubscribe for our daily briefing\n• Troops entered the town."
    assert _texts(text) == [
        "- Advertisement -",
        "Subscribe for our daily briefing",
        "• Troops entered the town.",
    ]
    assert [s.paragraph for s in split_sentences(text)] == [0, 1, 2]


def test_hard_wrapped_lines_are_one_paragraph() -> None:
    text = (
        "The Russian Defense Ministry said on Tuesday that Islamic State convoys had\n"
        "left the town of Abu Kamal.\nA new paragraph starts here."
    )
    sentences = split_sentences(text)
    assert [s.paragraph for s in sentences] == [0, 1]
    assert sentences[0].text.endswith("Abu Kamal.")


def test_windows_line_endings_and_empty_text() -> None:
    assert split_sentences("") == []
    assert split_sentences("  \n\n ") == []
    text = "One.\r\n\r\nTwo."
    assert [(s.text, s.paragraph) for s in split_sentences(text)] == [("One.", 0), ("Two.", 1)]


@given(st.text(alphabet=st.sampled_from(list("ab .!?\n\"'U.S")), max_size=200))
def test_offsets_are_exact_for_any_text(text: str) -> None:
    previous_end = 0
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert s.start >= previous_end
        previous_end = s.end


def test_some_abbreviations_end_a_sentence_before_a_sentence_opener() -> None:
    assert _texts("The group is backed by the U.S. The coalition denied it.") == [
        "The group is backed by the U.S.",
        "The coalition denied it.",
    ]
    assert _texts("He met U.S. President Trump. Then he left.") == [
        "He met U.S. President Trump.",
        "Then he left.",
    ]
