"""Page layout: the story's headline is kept; titles of other things on the page, and
paragraphs the page repeats, tell nothing of the story."""

from __future__ import annotations

from datetime import date

from timeline.extract import extract_events, split_sentences
from timeline.extract.gazetteer import Gazetteer
from timeline.extract.layout import paragraph_layouts
from timeline.temporal import tag

PAGE = """Rebels shell the northern port

By Ana Ruiz and Omar Haddad, Example Wire

Rebels shelled the port of Marwan on Monday, killing four fishermen, the army said.

Gunmen attacked a bus near the border crossing

Troops recaptured the harbour on Tuesday morning, a military source said.

Rebels shell the northern port

Most read
Gunmen kill six in raid on Aleppo market
"""


def _layouts(text: str) -> list[str]:
    layouts = paragraph_layouts(split_sentences(text))
    return [layouts[i] for i in sorted(layouts)]


def test_headline_body_titles_and_repeats() -> None:
    assert _layouts(PAGE) == [
        "headline",
        "byline",
        "body",
        "title",
        "body",
        "repeat",
        "title",
        "title",
    ]


def test_a_long_line_cut_short_is_running_text_not_a_title() -> None:
    text = (
        "Storm hits the coast\n\nThe storm reached the coast on Sunday, officials said.\n\n"
        "Residents of the three villages on the bay were told to leave their homes before the "
        "water rose again, and many of them"
    )
    assert _layouts(text) == ["headline", "body", "body"]


def test_a_quotation_or_question_ends_a_paragraph() -> None:
    text = (
        "Talks resume\n\nThe two delegations met again in the capital on Friday.\n\n"
        '"We will keep talking," the envoy said.\n\nWhat comes next?'
    )
    assert _layouts(text) == ["headline", "body", "body", "body"]


def test_titles_of_other_stories_make_no_account(gazetteer: Gazetteer) -> None:
    anchor = date(2024, 3, 5)
    found = extract_events(PAGE, tag(PAGE, anchor), gazetteer, publisher="Example Times")
    quotes = [PAGE[e.evidence_start : e.evidence_end] for e in found]
    assert any("four fishermen" in q for q in quotes)  # the story's own accounts stay
    assert not any("border crossing" in q or "Aleppo market" in q for q in quotes)
    headline = PAGE.index("Rebels shell ")
    repeat = PAGE.index("Rebels shell ", headline + 1)
    assert not any(e.evidence_start >= repeat and e.evidence_start < repeat + 10 for e in found)
