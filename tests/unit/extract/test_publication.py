"""Publishing images or footage is an event of its own; its debunking denies it."""

from __future__ import annotations

import pytest

from timeline.extract import Gazetteer, extract_events
from timeline.extract.types import EventMention
from timeline.temporal.types import TimeMention


def _kinds(text: str, gazetteer: Gazetteer) -> list[str]:
    return [e.kind for e in extract_events(text, [], gazetteer)]


def _agents(event: EventMention) -> set[str | None]:
    return {p.entity_key for p in event.participants if p.role == "agent"}


@pytest.mark.parametrize(
    "text",
    [
        "The Russian Defense Ministry posted aerial images of a convoy near Abu Kamal.",
        "The ministry released footage of the strikes on Raqqa.",
        "Pictures the Russian Defense Ministry offered as proof of coalition help showed a game.",
        "The Russian Defense Ministry circulated photos of trucks near Abu Kamal.",
    ],
)
def test_posting_images_is_a_publication(text: str, gazetteer: Gazetteer) -> None:
    assert "publication" in _kinds(text, gazetteer)


@pytest.mark.parametrize(
    "text",
    [
        "The paper published an editorial on the fighting in Abu Kamal.",
        "The post-war order in Syria was discussed in Sochi.",
        "The Syrian commander posted bail in Damascus.",
        "The Russian Defense Ministry published a statement on Abu Kamal.",
    ],
)
def test_other_postings_are_no_publication(text: str, gazetteer: Gazetteer) -> None:
    assert "publication" not in _kinds(text, gazetteer)


def test_the_posting_and_the_movement_it_shows_are_two_accounts(gazetteer: Gazetteer) -> None:
    text = (
        "The Russian Defense Ministry posted the pictures on its accounts, saying they proved "
        "that ISIS convoys left Abu Kamal."
    )
    events = extract_events(text, [], gazetteer)
    (publication,) = [e for e in events if e.kind == "publication"]
    assert _agents(publication) == {"russian-defense-ministry"}
    assert "isis" not in _agents(publication)
    assert any(e.kind == "movement" and "isis" in _agents(e) for e in events)


def test_a_debunking_denies_the_earlier_posting(gazetteer: Gazetteer) -> None:
    text = (
        "The Russian Defense Ministry posted aerial images of an ISIS convoy near Abu Kamal.\n\n"
        "Open-source researchers showed that one of the images was a still from a video game.\n\n"
        "The others were frames from Iraqi videos. The ministry deleted the posts."
    )
    events = extract_events(text, [], gazetteer)
    (posted,) = [e for e in events if e.kind == "publication" and e.polarity == "asserts"]
    denials = [e for e in events if e.rule == "debunking"]
    assert len(denials) == 3
    for denial in denials:
        assert denial.kind == "publication" and denial.polarity == "denies"
        assert denial.participants == posted.participants
    assert denials[0].claimant is not None
    assert denials[0].claimant.name.lower() == "open-source researchers"
    assert denials[1].claimant is None  # the outlet itself


def test_no_debunking_without_a_publication(gazetteer: Gazetteer) -> None:
    text = "The fighters came from Iraq, residents said, and their pictures were fake."
    assert not [e for e in extract_events(text, [], gazetteer) if e.rule == "debunking"]


def test_material_must_be_named(gazetteer: Gazetteer) -> None:
    text = (
        "The Russian Defense Ministry posted aerial images of a convoy near Abu Kamal.\n\n"
        "The convoy came from Raqqa, the army said."
    )
    assert not [e for e in extract_events(text, [], gazetteer) if e.rule == "debunking"]


def test_a_debunking_told_first_denies_the_dated_posting(gazetteer: Gazetteer) -> None:
    text = (
        "Images that the Russian Defense Ministry presented as proof were taken from a game, "
        "researchers have shown.\n\n"
        "The ministry posted the pictures on Tuesday."
    )
    start = text.index("Tuesday")
    tuesday = TimeMention(
        start=start, end=start + 7, text="Tuesday", type="DATE", value="2017-11-14"
    )
    events = extract_events(text, [tuesday], gazetteer)
    (denial,) = [e for e in events if e.rule == "debunking"]
    assert denial.time_index == 0
    assert _agents(denial) == {"russian-defense-ministry"}
