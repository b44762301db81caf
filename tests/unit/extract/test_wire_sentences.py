"""Wire-style sentences, one behaviour each: who claims, who acts, what is denied or hedged."""

from __future__ import annotations

import pytest

from timeline.extract import Gazetteer, extract_events
from timeline.extract.types import EventMention


def _only(text: str, gazetteer: Gazetteer, trigger: str) -> EventMention:
    found = [e for e in extract_events(text, [], gazetteer) if e.trigger == trigger]
    assert len(found) == 1, extract_events(text, [], gazetteer)
    return found[0]


def _roles(event: EventMention) -> set[tuple[str, str | None]]:
    return {(p.role, p.entity_key) for p in event.participants}


@pytest.mark.parametrize(
    ("text", "trigger", "claimant_key", "claimant_name"),
    [
        ("ISIS fighters fled Bukamal, the Syrian army said.", "fled", "syrian-army", None),
        (
            "According to the Syrian Observatory, the jihadists withdrew from Albu Kamal.",
            "withdrew",
            "sohr",
            None,
        ),
        (
            "A spokesman for the coalition said jets did not enter the zone around Abu Kamal.",
            "enter",
            "us-led-coalition",
            "A spokesman for the coalition",
        ),
        (
            "On Wednesday, a commander in the alliance fighting for President Bashar al-Assad said "
            "Abu-Kemal had been taken.",
            "taken",
            None,
            "a commander in the alliance fighting for President Bashar al-Assad",
        ),
        (
            "A pro-government commander had claimed the town was taken a day earlier.",
            "taken",
            None,
            "A pro-government commander",
        ),
        (
            "Coalition spokesman Ryan Dillon said ISIS fighters fled Raqqa.",
            "fled",
            "us-led-coalition",
            "Coalition spokesman Ryan Dillon",
        ),
        ("Spokesman Ryan Dillon said ISIS fighters fled Raqqa.", "fled", None, "Ryan Dillon"),
        (
            "The coalition has not commented — but a US official, speaking on condition of "
            "anonymity to reporters, said jets never entered the zone near Abu Kamal.",
            "entered",
            "united-states",
            "a US official",
        ),
        ("Turkey's army said its forces had entered Idlib.", "entered", "turkish-army", None),
        ("Iraq said its forces had entered al-Qaim.", "entered", "iraq", None),
        (
            "Islamic State fighters left Al-Bukamal under a deal, the monitor said.",
            "left",
            None,
            "the monitor",
        ),
        (
            "The Syrian Observatory for Human Rights, itself a war monitor run from Britain that "
            "tracks the fighting through contacts inside the country, said ISIS fighters had "
            "retaken Bukamal.",
            "retaken",
            "sohr",
            None,
        ),
        ('"We have liberated Abu Kamal," the commander said.', "liberated", None, "the commander"),
        (
            "Hezbollah, which has sent thousands of fighters to Syria, said its forces had entered "
            "Abu Kamal.",
            "entered",
            "hezbollah",
            None,
        ),
        (
            "Iraqi forces recaptured the border town of al-Qaim from Islamic State on Friday, "
            "Iraq's military said.",
            "recaptured",
            "iraqi-army",
            None,
        ),
        (
            "Syrian government forces took full control of Albu Kamal on Sunday, a military media "
            "unit run by Hezbollah said.",
            "took",
            "hezbollah",
            "a military media unit run by Hezbollah",
        ),
    ],
)
def test_claimant(
    gazetteer: Gazetteer,
    text: str,
    trigger: str,
    claimant_key: str | None,
    claimant_name: str | None,
) -> None:
    claimant = _only(text, gazetteer, trigger).claimant
    assert claimant is not None
    assert claimant.entity_key == claimant_key
    if claimant_name is not None:
        assert claimant.name == claimant_name


@pytest.mark.parametrize(
    ("text", "trigger", "polarity", "hedge"),
    [
        (
            "The coalition did not enter the zone around Abu Kamal, a coalition official said.",
            "enter",
            "denies",
            None,
        ),
        (
            "There was no evidence that coalition jets entered the zone around Abu-Kemal, the "
            "Pentagon said.",
            "entered",
            "denies",
            None,
        ),
        (
            "The coalition denied that its aircraft entered the zone around Abu Kamal.",
            "entered",
            "denies",
            None,
        ),
        ("The Observatory said the town had not yet been taken.", "taken", "denies", None),
        (
            "Russian jets allegedly bombed a hospital in Idlib, activists said.",
            "bombed",
            "asserts",
            "allegedly",
        ),
        (
            "The Islamic State group has reportedly executed 20 people in Mayadin.",
            "executed",
            "asserts",
            "reportedly",
        ),
        (
            "Moscow claimed that coalition jets entered the zone around Abu Kamal.",
            "entered",
            "asserts",
            "claimed",
        ),
        (
            "ISIS fighters that supposedly left Raqqa under a deal regrouped near Mayadin.",
            "left",
            "asserts",
            "supposedly",
        ),
    ],
)
def test_polarity_and_hedging(
    gazetteer: Gazetteer, text: str, trigger: str, polarity: str, hedge: str | None
) -> None:
    event = _only(text, gazetteer, trigger)
    assert event.polarity == polarity
    assert event.hedge_cue == hedge and event.hedged == (hedge is not None)


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        (
            "Abu Kamal was liberated last week by the Syrian Army with the support of the Russian "
            "Aerospace Forces.",
            "liberated",
            {
                ("agent", "syrian-army"),
                ("supporter", "russian-air-force"),
                ("location", "abu-kamal"),
            },
        ),
        (
            "Hezbollah and Iraqi paramilitaries crossed the border near Al-Qaim.",
            "crossed",
            {("agent", "hezbollah"), ("agent", "pmf"), ("location", "al-qaim")},
        ),
        (
            "The convoy was hit by coalition air strikes near Abu Kamal.",
            "hit",
            {("agent", "us-led-coalition"), ("location", "abu-kamal")},
        ),
        (
            "The coalition, which flies F-16 fighters over eastern Syria, has repeatedly rejected "
            "the Russian claims.",
            "rejected",
            {("agent", "us-led-coalition")},
        ),
        (
            "Syrian troops and their allies have driven Islamic State out of Albu Kamal.",
            "driven",
            {("agent", "syrian-army"), ("target", "isis"), ("location", "abu-kamal")},
        ),
        (
            "Moscow accused Washington of shielding Islamic State fighters.",
            "accused",
            {("agent", "russia"), ("target", "united-states")},
        ),
    ],
)
def test_roles(
    gazetteer: Gazetteer, text: str, trigger: str, expected: set[tuple[str, str | None]]
) -> None:
    assert _roles(_only(text, gazetteer, trigger)) >= expected


def test_merged_triggers_keep_the_first_agent(gazetteer: Gazetteer) -> None:
    text = (
        "Islamic State militants attacked army positions in the city of Mayadin on Sunday, "
        "killing at least 12 soldiers, the Observatory said."
    )
    event = _only(text, gazetteer, "attacked")
    assert [p.entity_key for p in event.participants if p.role == "agent"] == ["isis"]
    assert event.extras["other_triggers"] == "killing"


def test_relay_keeps_the_inner_source(gazetteer: Gazetteer) -> None:
    text = "ISIS has claimed responsibility for the attack, according to the group's Amaq agency."
    event = _only(text, gazetteer, "attack")
    assert event.claimant is not None and event.claimant.entity_key == "isis"
    assert event.extras["relayed_by_key"] == "amaq"
    assert ("target", "isis") not in _roles(event)


def test_modality_and_negation_stop_at_a_comma(gazetteer: Gazetteer) -> None:
    text = "ISIS fighters, who will face trial, fled Abu Kamal."
    assert _only(text, gazetteer, "fled").polarity == "asserts"
    text = "There is no evidence of a deal, but ISIS fighters left Abu Kamal on Thursday."
    assert _only(text, gazetteer, "left").polarity == "asserts"
    text = "The ministry said there was no evidence that ISIS fighters left Abu Kamal."
    assert _only(text, gazetteer, "left").polarity == "denies"


def test_supporters_belong_to_their_clause(gazetteer: Gazetteer) -> None:
    text = "The Syrian army, backed by Russia, captured Mayadin, while ISIS fled toward Abu Kamal."
    events = {e.trigger: e for e in extract_events(text, [], gazetteer)}
    assert ("supporter", "russia") in _roles(events["captured"])
    assert ("supporter", "russia") not in _roles(events["fled"])


def test_by_phrases_belong_to_their_own_participle(gazetteer: Gazetteer) -> None:
    assault = _only(
        "The assault was led by Hezbollah fighters near Abu Kamal.", gazetteer, "assault"
    )
    assert ("agent", "hezbollah") in _roles(assault)
    moved = _only(
        "ISIS fighters regrouped in territory held by the coalition.", gazetteer, "regrouped"
    )
    assert _roles(moved) == {("agent", "isis")}


def test_two_movers_in_one_sentence_are_two_events(gazetteer: Gazetteer) -> None:
    text = "ISIS fighters fled Abu Kamal as Hezbollah fighters entered the town."
    agents = {
        e.trigger: {p.entity_key for p in e.participants if p.role == "agent"}
        for e in extract_events(text, [], gazetteer)
    }
    assert agents == {"fled": {"isis"}, "entered": {"hezbollah"}}
