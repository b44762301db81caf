"""Who led an event told before, and denials tied to the claims they refer back to."""

from __future__ import annotations

import pytest

from timeline.extract import Gazetteer, extract_events
from timeline.extract.types import EventMention
from timeline.temporal.types import TimeMention


def _agents(event: EventMention) -> set[str | None]:
    return {p.entity_key for p in event.participants if p.role == "agent"}


def _by_rule(text: str, gazetteer: Gazetteer, rule: str) -> list[EventMention]:
    return [e for e in extract_events(text, [], gazetteer) if e.rule == rule]


def test_the_assault_in_the_next_paragraph_retells_the_capture(gazetteer: Gazetteer) -> None:
    text = (
        "Government forces seized Al-Bukamal from Daesh on Wednesday, an army officer said.\n\n"
        "The offensive was spearheaded by Hezbollah and Iran-backed militias, the officer added."
    )
    events = extract_events(text, [], gazetteer)
    assert [e.kind for e in events] == ["capture", "capture"]  # no separate attack
    (lead,) = [e for e in events if e.rule == "lead-of-event"]
    assert _agents(lead) == {"hezbollah", "iran-backed-militias"}
    assert ("location", "abu-kamal") in {(p.role, p.entity_key) for p in lead.participants}
    assert lead.claimant is not None and "officer" in lead.claimant.name


def test_a_leader_within_the_capture_sentence_is_its_agent(gazetteer: Gazetteer) -> None:
    text = "Abu-Kemal fell on Wednesday in an assault led by Hezbollah fighters, a source said."
    (event,) = extract_events(text, [], gazetteer)
    assert _agents(event) == {"hezbollah"}
    assert "target" not in {p.role for p in event.participants}


def test_a_counter_attack_noun_refers_back_to_the_attack(gazetteer: Gazetteer) -> None:
    text = (
        "The army captured Mayadin in October. Islamic State attacked Abu Kamal on Friday.\n\n"
        "The counter-attack was led by Daesh commanders from Hajin, the monitor said."
    )
    (lead,) = _by_rule(text, gazetteer, "lead-of-event")
    assert lead.kind == "attack" and _agents(lead) == {"isis"}


def test_a_leader_of_another_event_in_the_sentence_is_no_agent(gazetteer: Gazetteer) -> None:
    text = "ISIS retook Abu Kamal on Friday, weeks after an offensive led by Hezbollah."
    (event,) = extract_events(text, [], gazetteer)
    assert _agents(event) == {"isis"}
    text = "Syrian troops captured Abu Kamal in an assault led by Hezbollah, a source said."
    (event,) = extract_events(text, [], gazetteer)
    assert _agents(event) == {"hezbollah", "syrian-army"}


@pytest.mark.parametrize(
    "text",
    [
        # No event before: a leader of nothing told.
        "The assault was led by Hezbollah, the commander said.",
        # A delegation is not an event noun.
        "The army captured Mayadin. A delegation led by Russia arrived in Damascus.",
        # Who did the fighting, asked about, is no leader.
        "The army captured Mayadin. The monitor asked who did the fighting.",
        # A leader too far back: five paragraphs on, another story.
        "The army captured Mayadin.\n\nA.\n\nB.\n\nC.\n\nD.\n\nThe assault was led by Hezbollah.",
    ],
)
def test_no_lead_without_an_event_and_a_leader(text: str, gazetteer: Gazetteer) -> None:
    assert _by_rule(text, gazetteer, "lead-of-event") == []


CLAIMS = (
    "The Russian Defense Ministry said that coalition jets flew into the zone around Abu Kamal, "
    "and that the coalition twice refused its requests for joint strikes.\n\n"
)


def test_those_claims_are_denied_one_by_one(gazetteer: Gazetteer) -> None:
    text = CLAIMS + "Those claims were rejected as false by the coalition's spokesman."
    denied = _by_rule(text, gazetteer, "denial-of-claims")
    assert sorted(e.kind for e in denied) == ["movement", "refusal"]
    for event in denied:
        assert event.polarity == "denies"
        assert event.claimant is not None and event.claimant.entity_key == "us-led-coalition"
        assert event.extras["time_rule"] == "denied_claim"
    kinds = [e.kind for e in extract_events(text, [], gazetteer)]
    assert "denial" in kinds  # the denial itself stays


def test_them_refers_to_the_last_claimant(gazetteer: Gazetteer) -> None:
    text = CLAIMS + "The State Department dismissed them as untrue."
    denied = _by_rule(text, gazetteer, "denial-of-claims")
    assert {e.claimant.entity_key for e in denied if e.claimant} == {"us-state-department"}
    assert len(denied) == 2


def test_a_named_claimant_s_accusations(gazetteer: Gazetteer) -> None:
    text = (
        "Islamic State fighters left Abu Kamal, the Syrian Observatory for Human Rights has said. "
        + CLAIMS
        + "Washington rejected the ministry's accusations."
    )
    denied = _by_rule(text, gazetteer, "denial-of-claims")
    assert sorted(e.kind for e in denied) == ["movement", "refusal"]
    assert all("us-led-coalition" in _agents(e) for e in denied)  # not the fighters leaving


def test_that_allegation_is_the_last_claim_only(gazetteer: Gazetteer) -> None:
    text = (
        "The Russian Defense Ministry said that the coalition refused its requests for strikes. "
        "According to the ministry, coalition jets also flew over Abu Kamal. "
        "That allegation was denied by the coalition."
    )
    (denied,) = _by_rule(text, gazetteer, "denial-of-claims")
    assert denied.kind == "movement"


@pytest.mark.parametrize(
    "text",
    [
        # The content follows: not a reference back.
        CLAIMS + "The coalition has repeatedly rejected Russian allegations that it shields IS.",
        # A denial of something else.
        CLAIMS + "The coalition rejected the proposal.",
        # No claims before it.
        "The coalition denied the claims as false.",
        # The denier's own claims are not what it denies.
        "The coalition said its jets flew over Raqqa. The coalition later denied the reports.",
    ],
)
def test_no_denied_claims(text: str, gazetteer: Gazetteer) -> None:
    assert _by_rule(text, gazetteer, "denial-of-claims") == []


def test_a_speaker_who_further_claimed(gazetteer: Gazetteer) -> None:
    text = (
        "The Russian Defense Ministry issued a statement.\n\n"
        "The ministry further claimed that coalition aircraft had flown into a zone around Bukamal."
    )
    (event,) = extract_events(text, [], gazetteer)
    assert event.claimant is not None and event.claimant.cue == "claimed"
    assert event.kind == "movement" and _agents(event) == {"us-led-coalition"}


def test_a_restated_time_gives_way_to_its_restatement(gazetteer: Gazetteer) -> None:
    text = "A commander had claimed the town of Abu Kamal was taken a day earlier, on Nov. 8."
    times = [
        TimeMention(text.index(p), text.index(p) + len(p), p, "DATE", v)
        for p, v in (("a day earlier", "2017-11-17"), ("Nov. 8", "2017-11-08"))
    ]
    (event,) = extract_events(text, times, gazetteer)
    assert event.time_index == 1 and event.time_source == "own"
