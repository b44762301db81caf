"""Leads read off the parse: a lead verb (by lemma) whose subject names an actor and whose
direct object is a piece of information. Every sentence here is our own."""

from __future__ import annotations

import pytest

from timeline.extract import Gazetteer, extract_events
from timeline.extract.attribution import Attribution
from timeline.extract.document import build_document
from timeline.extract.lexicon import default_lexicon


def _leads(text: str, gazetteer: Gazetteer) -> list[Attribution]:
    doc = build_document(text, [], gazetteer, default_lexicon(), None)
    return [
        a
        for sentence in doc.attributions
        for a in sentence
        if a.claimant is not None and a.claimant.cue == "lead"
    ]


@pytest.mark.parametrize(
    ("text", "actor", "cue"),
    [
        (
            "The Russian Defense Ministry has provided some information, regarding the convoys.",
            "russian-defense-ministry",
            "provided some information",
        ),
        (
            "The coalition released a statement on Tuesday.",
            "us-led-coalition",
            "released a statement",
        ),
        # The lemma, whatever the inflection: "gives", "issuing" and "shared" all lead.
        ("The Syrian army gives daily briefings.", "syrian-army", "gives daily briefings"),
        ("Hezbollah has been issuing statements.", "hezbollah", "issuing statements"),
        ("The Russian Defense Ministry shared new evidence.", "russian-defense-ministry", None),
        # An actor inside the subject speaks; the one told comes between verb and object.
        ("A spokesman for the coalition released new images.", "us-led-coalition", None),
        ("The Syrian army gave reporters a briefing.", "syrian-army", "gave reporters a briefing"),
        # A time between the subject and the verb, an object after another one.
        ("The Russian Defense Ministry on Friday released data on the strikes.", None, None),
        ("The Russian Defense Ministry released a video and a statement.", None, None),
        # The relative clause is about the subject: the fighters lead, not the army.
        ("ISIS fighters who fought the Syrian army released a statement.", "isis", None),
    ],
)
def test_a_lead(text: str, actor: str | None, cue: str | None, gazetteer: Gazetteer) -> None:
    (lead,) = _leads(text, gazetteer)
    assert lead.claimant is not None and lead.sentence_level
    assert lead.scope == (0, len(text))
    assert lead.claimant.entity_key == (actor or "russian-defense-ministry")
    if cue is not None:
        assert text[lead.cue[0] : lead.cue[1]] == cue


@pytest.mark.parametrize(
    "text",
    [
        # Another object: the verb is no making public.
        "The Russian Defense Ministry released the prisoners.",
        "The Syrian army gave the villagers food.",
        # A noun, not the verb.
        "The release of the statement by the Russian Defense Ministry came late.",
        # Denied or only planned: nothing was made public.
        "The Russian Defense Ministry did not release a statement.",
        "The Russian Defense Ministry gave no details.",
        "The Russian Defense Ministry will issue a statement.",
        "The coalition plans to publish its figures.",
        # No actor speaks.
        "Witnesses shared images of the convoy.",
        "They released a statement.",
    ],
)
def test_no_lead(text: str, gazetteer: Gazetteer) -> None:
    assert _leads(text, gazetteer) == []


def test_a_lead_tells_the_sentences_after_it(gazetteer: Gazetteer) -> None:
    lead = "The Russian Defense Ministry has provided some information on the operation."
    story = "ISIS convoys left Abu Kamal on Thursday."
    (event,) = extract_events(f"{lead}\n\n{story}", [], gazetteer)
    assert event.claimant is not None
    assert (event.claimant.entity_key, event.claimant.cue) == (
        "russian-defense-ministry",
        "inherited",
    )


def test_no_lead_tells_nothing_after_it(gazetteer: Gazetteer) -> None:
    opening = "The Russian Defense Ministry released the prisoners on Monday."
    story = "ISIS convoys left Abu Kamal on Thursday."
    events = extract_events(f"{opening}\n\n{story}", [], gazetteer)
    (left,) = [e for e in events if e.trigger == "left"]
    assert left.claimant is None or left.claimant.entity_key != "russian-defense-ministry"
