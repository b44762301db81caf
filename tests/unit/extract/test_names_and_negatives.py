"""Names the gazetteer does not know (the parse's named entities, unknown_entities.py) kept
as written, the town named beating the country, and a negative corpus that must yield nothing."""

from __future__ import annotations

import pytest

from timeline.extract import Gazetteer, extract_events
from timeline.extract.types import EventMention


def _participants(event: EventMention) -> set[tuple[str, str, str | None]]:
    return {(p.role, p.name, p.entity_key) for p in event.participants}


def _locations(event: EventMention) -> list[tuple[str, str | None]]:
    return [(p.name, p.entity_key) for p in event.participants if p.role == "location"]


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Russian jets struck Mayadin in eastern Syria on Monday.", ("Mayadin", "mayadin")),
        # Unknown towns, NER's and the parse's: a PERSON by NER, named by a toponym word;
        # after "near"; the object of a movement; an apposition to "village".
        ("Turkish jets bombed Deir Hafer in Syria, the monitor said.", ("Deir Hafer", None)),
        ("Rebels shelled army posts near Tal Hamis in Syria.", ("Tal Hamis", None)),
        ("Government troops entered Hatla in Syria on Sunday.", ("Hatla", None)),
        ("Rebels shelled Maan, a village in Hama province, at dawn.", ("Maan", None)),
    ],
)
def test_the_town_named_is_the_place_not_the_country(
    gazetteer: Gazetteer, text: str, town: tuple[str, str | None]
) -> None:
    (event,) = extract_events(text, [], gazetteer)
    assert _locations(event) == [town]


def test_unknown_place_after_a_settlement_noun(gazetteer: Gazetteer) -> None:
    (event,) = extract_events("ISIS fighters stormed the village of Maan.", [], gazetteer)
    assert ("location", "Maan", None) in _participants(event)
    assert ("agent", "Islamic State", "isis") in _participants(event)


def test_unknown_place_after_a_locative_preposition(gazetteer: Gazetteer) -> None:
    (event,) = extract_events("Hezbollah shelled positions near Tal Hamis.", [], gazetteer)
    assert ("location", "Tal Hamis", None) in _participants(event)
    (event,) = extract_events("Hezbollah shelled eastern Sheikh Maqsoud.", [], gazetteer)
    assert ("location", "Sheikh Maqsoud", None) in _participants(event)


def test_unknown_speaker_named_mid_document(gazetteer: Gazetteer) -> None:
    text = (
        "Coalition spokesman Ryan Dillon spoke to reporters.\n\n"
        "Dillon said coalition jets did not enter the zone around Abu Kamal."
    )
    (event,) = extract_events(text, [], gazetteer)
    assert event.claimant is not None and event.claimant.name == "Dillon"
    assert event.polarity == "denies"


@pytest.mark.parametrize(
    "text",
    [
        "Take a look at the F-16 that flew over Syria.",
        "Some 2,000 fighters remain in Deir ez-Zor province.",
        "UN Security Council Resolution 2254 calls for elections in Syria.",
        "IS this the end of the war in Syria?",
        "Subscribe to our newsletter for updates on Syria.",
        "- Advertisement -",
        "Sign up here for daily updates on the fighting in Syria.",
        "The US will strike ISIS if needed.",
        "Russia plans to withdraw its troops from Syria.",
        "Analysts expect the army to retake Raqqa soon.",
        "The coalition could attack Mayadin next week.",
        "Moscow wants the coalition to leave Syria.",
        "In order to take full control of the Euphrates valley, Damascus needs allies.",
        "The two sides struck a deal in Moscow.",
        "The agreement entered into force in Syria in 2016.",
        "Talks will take place in Damascus.",
        "Iraqi officials declined to comment on Abu Kamal.",
        "The Syrian Army is the subject of this opinion piece.",
        "The offensive on Raqqa was, obviously, a message to Ankara.",
        "The talks in Geneva were led by Russia and Turkey.",
        "Coalition jets have flown thousands of sorties over Syria since 2014.",
        "The minister flew home from Damascus.",
        "Those claims were repeated by Syrian state media.",
        "Hezbollah did most of the talking at the Beirut conference.",
    ],
)
def test_negative_corpus_yields_no_event(gazetteer: Gazetteer, text: str) -> None:
    assert extract_events(text, [], gazetteer) == []


def test_an_unknown_town_taken_or_left_is_a_place(gazetteer: Gazetteer) -> None:
    (event,) = extract_events("Syrian troops captured Hatla on Sunday.", [], gazetteer)
    assert ("location", "Hatla", None) in _participants(event)
    (event,) = extract_events("ISIS fighters fled Hatla toward the desert.", [], gazetteer)
    assert ("location", "Hatla", None) in _participants(event)


def test_an_empty_gazetteer_still_finds_events() -> None:
    empty = Gazetteer.from_entries([])
    text = "Syrian troops liberated Hatla last week, the ministry said. The coalition denied it."
    found = [(e.kind, e.polarity) for e in extract_events(text, [], empty)]
    # "denied it": the denial, and the capture it refers back to, denied.
    assert found == [("capture", "asserts"), ("denial", "asserts"), ("capture", "denies")]


def test_a_run_of_direction_words_ends(gazetteer: Gazetteer) -> None:
    # "the eastern ... the northern" once looped for ever: a popped word was skipped.
    (event,) = extract_events("Rebels attacked positions in the eastern rural Maan.", [], gazetteer)
    assert ("location", "Maan", None) in _participants(event)


def test_the_town_of_a_photo_caption_is_no_antecedent(gazetteer: Gazetteer) -> None:
    text = (
        "Smoke rises over Mayadin after an air strike. WIREPIX/Jana Haddad\n\n"
        "Syrian troops captured Deir Hafer on Monday, the army said.\n\n"
        "Rebels shelled the town on Tuesday, the monitor said."
    )
    capture, attack = extract_events(text, [], gazetteer)
    assert _locations(capture) == [("Deir Hafer", None)]
    assert "mayadin" not in {key for _, key in _locations(attack)}
