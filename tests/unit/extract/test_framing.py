"""Datelines, multi-sentence quotations, relays and statement times."""

from __future__ import annotations

from timeline.extract import Gazetteer, extract_events
from timeline.extract.types import EventMention
from timeline.temporal.types import TimeMention


def _date(text: str, phrase: str, value: str) -> TimeMention:
    start = text.index(phrase)
    return TimeMention(start, start + len(phrase), phrase, "DATE", value)


def _by_trigger(events: list[EventMention]) -> dict[str, EventMention]:
    return {e.trigger: e for e in events}


def test_dateline_date_is_not_the_event_date(gazetteer: Gazetteer) -> None:
    text = "BEIRUT, Nov 10 (Reuters) - Syrian troops entered Abu Kamal, a commander said."
    (event,) = extract_events(text, [_date(text, "Nov 10", "2017-11-10")], gazetteer)
    assert event.time_index is None and event.time_source == "publication"


def test_quotation_over_two_sentences_belongs_to_its_speaker(gazetteer: Gazetteer) -> None:
    text = (
        "The Russian Defense Ministry gave a briefing.\n\n"
        '"We have liberated the town. The terrorists fled toward the border," '
        "a Syrian commander told reporters."
    )
    events = _by_trigger(extract_events(text, [], gazetteer))
    for trigger in ("liberated", "fled"):
        claimant = events[trigger].claimant
        assert claimant is not None and claimant.name == "a Syrian commander"


def test_nested_sources_record_the_relay(gazetteer: Gazetteer) -> None:
    text = "TASS quoted the Russian Defense Ministry as saying that the convoys had left Abu Kamal."
    (event,) = extract_events(text, [], gazetteer)
    assert event.claimant is not None
    assert event.claimant.entity_key == "russian-defense-ministry"
    assert event.extras["relayed_by_key"] == "tass"


def test_the_publisher_is_not_its_own_claimant(gazetteer: Gazetteer) -> None:
    text = "ISIS militants left Abu Kamal, TASS reported."
    (event,) = extract_events(text, [], gazetteer, publisher="TASS")
    assert event.claimant is None
    (event,) = extract_events(text, [], gazetteer, publisher="Reuters")
    assert event.claimant is not None and event.claimant.entity_key == "tass"


def test_statement_time_frames_the_rest_of_its_paragraph(gazetteer: Gazetteer) -> None:
    text = (
        "Fighting raged near Mayadin on Monday.\n\n"
        "The Russian Defense Ministry said on Tuesday that ISIS convoys left Abu Kamal. "
        "It said coalition jets entered the zone around the town."
    )
    times = [_date(text, "Monday", "2017-11-13"), _date(text, "Tuesday", "2017-11-14")]
    events = _by_trigger(extract_events(text, times, gazetteer))
    for trigger in ("left", "entered"):
        assert events[trigger].time_index is None
        assert events[trigger].extras["time_rule"] == "before_statement"
    claimant = events["entered"].claimant
    assert claimant is not None and claimant.entity_key == "russian-defense-ministry"


def test_a_speech_act_event_is_dated_by_its_statement(gazetteer: Gazetteer) -> None:
    text = "The coalition on Wednesday rejected the Russian claims."
    (event,) = extract_events(text, [_date(text, "Wednesday", "2017-11-15")], gazetteer)
    assert event.kind == "denial" and event.time_index == 0
    assert {(p.role, p.entity_key) for p in event.participants} >= {("agent", "us-led-coalition")}


def test_time_context_prefers_the_same_paragraph(gazetteer: Gazetteer) -> None:
    text = (
        "On Thursday the army stormed the town of Mayadin. "
        "Islamic State fighters fled toward Abu Kamal.\n\n"
        "Hezbollah fighters crossed into Syria."
    )
    times = [_date(text, "On Thursday", "2017-11-09")]
    events = _by_trigger(extract_events(text, times, gazetteer))
    assert events["stormed"].time_source == "own"
    assert events["fled"].extras["time_rule"] == "same_paragraph"
    assert events["crossed"].extras["time_rule"] == "previous_paragraph"
    assert events["crossed"].time_index == 0


def test_durations_and_sets_never_date_an_account(gazetteer: Gazetteer) -> None:
    text = "ISIS fighters left Abu Kamal for three days every week."
    start = text.index("three days")
    times = [
        TimeMention(start, start + 10, "three days", "DURATION", "P3D"),
        TimeMention(start + 11, start + 21, "every week", "SET", "P1W"),
    ]
    (event,) = extract_events(text, times, gazetteer)
    assert event.time_index is None and event.time_source == "publication"


TASS_STYLE = """\
MOSCOW, November 14. /TASS/. The US-led coalition refused to strike Islamic State convoys \
fleeing Abu Kamal, the Russian Defense Ministry said on Tuesday.

"The Russian command twice requested a joint operation. The American side refused, citing the \
Geneva Convention," the ministry said in a statement.

According to the ministry, coalition aircraft entered the agreed 15-km no-fly zone over Abu \
Kamal on November 9. The terrorists then regrouped in territory held by the coalition.

A coalition spokesman dismissed the claims as false.
"""


def test_a_tass_style_story(gazetteer: Gazetteer) -> None:
    times = sorted(
        [
            _date(TASS_STYLE, "November 14", "2017-11-14"),
            _date(TASS_STYLE, "on Tuesday", "2017-11-14"),
            _date(TASS_STYLE, "November 9", "2017-11-09"),
        ],
        key=lambda m: m.start,
    )
    events = extract_events(TASS_STYLE, times, gazetteer, publisher="TASS")
    by_trigger = {(e.trigger, e.sentence_index): e for e in events}
    claimants = {
        t: e.claimant.entity_key if e.claimant else None for (t, _), e in by_trigger.items()
    }
    assert claimants["requested"] == "russian-defense-ministry"  # inside the quotation
    assert claimants["entered"] == "russian-defense-ministry"
    assert claimants["regrouped"] == "russian-defense-ministry"
    assert claimants["dismissed"] == "us-led-coalition"
    dated = {e.trigger: e.time_index for e in events}
    assert dated["entered"] is not None and times[dated["entered"]].text == "November 9"
    assert all(e.time_index is None or times[e.time_index].text == "November 9" for e in events), (
        "the dateline and the statement day date no event"
    )
    regrouped = next(e for e in events if e.trigger == "regrouped")
    assert {(p.role, p.entity_key) for p in regrouped.participants} == {("agent", "isis")}


def test_an_opening_date_before_the_speaker_dates_the_statement(gazetteer: Gazetteer) -> None:
    text = "On Wednesday, a commander said Abu-Kemal had been taken that day."
    times = [_date(text, "On Wednesday", "2017-11-08"), _date(text, "that day", "2017-11-08")]
    (event,) = extract_events(text, times, gazetteer)
    assert event.time_index == 1


def test_the_time_in_the_trigger_clause_wins(gazetteer: Gazetteer) -> None:
    text = (
        "The army declared Mayadin captured on Thursday, but ISIS fighters counter-attacked "
        "in Mayadin that night."
    )
    times = [_date(text, "on Thursday", "2017-11-09"), _date(text, "that night", "2017-11-09TNI")]
    events = {e.trigger: e for e in extract_events(text, times, gazetteer)}
    assert events["counter-attacked"].time_index == 1


def test_a_dash_dateline_is_not_a_place_of_the_story(gazetteer: Gazetteer) -> None:
    text = (
        "DEIR EZ-ZOR — ISIS fighters have seized back much of Al-Bukamal, the Observatory said. "
        "The jihadists entered the town at dawn."
    )
    events = {e.trigger: e for e in extract_events(text, [], gazetteer)}
    assert {p.entity_key for p in events["entered"].participants if p.role == "location"} == {
        "abu-kamal"
    }
    assert "deir-ez-zor" not in {p.entity_key for p in events["seized"].participants}


def test_every_shape_of_relay_keeps_the_inner_source(gazetteer: Gazetteer) -> None:
    for text in (
        "According to TASS, the Russian Defense Ministry said convoys of ISIS fighters left "
        "Abu Kamal.",
        "The Russian Defense Ministry told TASS that ISIS convoys left Abu Kamal.",
        "TASS reported, citing the Russian Defense Ministry, that ISIS convoys left Abu Kamal.",
        "ISIS convoys left Abu Kamal, the Russian Defense Ministry said, according to TASS.",
    ):
        (event,) = extract_events(text, [], gazetteer)
        assert event.claimant is not None, text
        assert event.claimant.entity_key == "russian-defense-ministry", text
        assert event.extras["relayed_by_key"] == "tass", text


def test_the_future_dates_no_reported_event(gazetteer: Gazetteer) -> None:
    text = "ISIS fighters left Abu Kamal, and more will follow in the coming days."
    start = text.index("in the coming days")
    future = TimeMention(start, start + 18, "in the coming days", "DATE", "FUTURE_REF")
    (event,) = extract_events(text, [future], gazetteer)
    assert event.time_index is None


def test_a_quotation_split_by_its_speaker(gazetteer: Gazetteer) -> None:
    text = '"The terrorists fled," the commander said, "and we captured Abu Kamal."'
    events = {e.trigger: e for e in extract_events(text, [], gazetteer)}
    for trigger in ("fled", "captured"):
        claimant = events[trigger].claimant
        assert claimant is not None and claimant.name == "the commander", trigger
