"""Triggers read off the spaCy parse: lemmas and parts of speech, the inflection from the
tag, the voice from the dependencies, phrasal verbs from their particles, and rule checks on
the verb's arguments. Every sentence here is our own."""

from __future__ import annotations

from typing import Any

import pytest

from timeline.extract import Gazetteer
from timeline.extract.clauses import view
from timeline.extract.document import build_document, compiled
from timeline.extract.lexicon import Form, LexiconError, _read, build_lexicon, default_lexicon
from timeline.extract.triggers import Trigger, find_triggers


def _triggers(text: str, gazetteer: Gazetteer) -> list[Trigger]:
    lexicon = default_lexicon()
    doc = build_document(text, [], gazetteer, lexicon, None)
    _, breaks = compiled(lexicon)
    found: list[Trigger] = []
    for s in doc.sentences:
        found += find_triggers(text, view(s, breaks), lexicon, doc.mentions_in(s), doc.parsed)
    return found


def _one(text: str, gazetteer: Gazetteer, rule: str) -> Trigger:
    found = [t for t in _triggers(text, gazetteer) if t.rule.id == rule]
    assert len(found) == 1, [(t.rule.id, t.text) for t in _triggers(text, gazetteer)]
    return found[0]


@pytest.mark.parametrize(
    ("text", "surface", "verb_form"),
    [
        ("Syrian troops captured Mayadin on Sunday.", "captured", "past"),
        ("Syrian troops have captured Mayadin.", "captured", "participle"),
        ("After capturing Mayadin, the army moved east.", "capturing", "gerund"),
        ("Syrian army captures Mayadin", "captures", "third"),  # a headline
        ("Syrian troops did not capture Mayadin.", "capture", "base"),
    ],
)
def test_the_inflection_is_the_tag(
    text: str, surface: str, verb_form: str, gazetteer: Gazetteer
) -> None:
    trigger = _one(text, gazetteer, "control.liberate")
    assert (trigger.text, trigger.form.pos, trigger.form.verb_form) == (surface, "verb", verb_form)


def test_a_third_person_present_is_no_event_in_running_text(gazetteer: Gazetteer) -> None:
    assert not [t for t in _triggers("The army captures Mayadin.", gazetteer)]


def test_the_voice_is_the_parse(gazetteer: Gazetteer) -> None:
    assert _one("Mayadin was captured by the army.", gazetteer, "control.liberate").passive
    assert not _one("The army captured Mayadin.", gazetteer, "control.liberate").passive
    killed = _one("Twelve civilians were killed in Raqqa.", gazetteer, "attack.kill")
    assert (killed.passive, killed.kind) == (True, "casualties")
    # A participle with an object is active, whatever the parser hangs it from.
    active = _one(
        "A gas attack, blamed on government jets, killed 30 people in Idlib.",
        gazetteer,
        "attack.kill",
    )
    assert (active.passive, active.kind) == (False, "attack")


def test_a_noun_rule_matches_nouns_and_compounds_by_lemma(gazetteer: Gazetteer) -> None:
    strikes = _one("Overnight air strikes on Raqqa drew protests.", gazetteer, "attack.strike")
    assert (strikes.text, strikes.form) == ("air strikes", Form("air strikes", "noun"))
    assert _one(
        "The army reported the capture of Raqqa.", gazetteer, "control.liberate"
    ).form.pos == ("noun")


def test_a_verb_rule_does_not_fire_on_a_noun(gazetteer: Gazetteer) -> None:
    text = "Monitor head Ali Saleh told reporters that Raqqa was calm."
    assert not [t for t in _triggers(text, gazetteer) if t.rule.id == "movement.move"]


def test_a_participle_before_its_noun_is_no_event(gazetteer: Gazetteer) -> None:
    found = _triggers("The fleeing militants were hit near Mayadin.", gazetteer)
    assert [t.text for t in found] == ["hit"]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("The army pulled out of Mayadin on Friday.", "pulled out"),
        ("The army pulled its troops out of Mayadin on Friday.", "pulled"),
    ],
)
def test_a_phrasal_verb_is_the_lemma_and_its_particle(
    text: str, surface: str, gazetteer: Gazetteer
) -> None:
    assert _one(text, gazetteer, "control.withdraw").text == surface


def test_a_verb_with_a_listed_particle_is_that_verb_only(gazetteer: Gazetteer) -> None:
    took_off = "Two jets took off from the airfield near Raqqa on Friday."
    assert [t.rule.id for t in _triggers(took_off, gazetteer)] == ["movement.take_off"]
    jacket = "In Raqqa, the commander took off his jacket."
    assert not [t for t in _triggers(jacket, gazetteer)]


def test_hyphenated_prefixes(gazetteer: Gazetteer) -> None:
    assert _one("Rebels re-entered Raqqa on Monday.", gazetteer, "movement.move").text == (
        "re-entered"
    )
    counter = _one("ISIS counter-attacked in Raqqa.", gazetteer, "attack.strike")
    assert (counter.text, counter.passive) == ("counter-attacked", False)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("The navy fired a volley of 30 missiles at the base.", "attack.fire"),
        ("Dozens of rockets were fired at the town.", "attack.fire"),
        ("All of the rockets hit the runway.", "attack.weapon_hits"),
        ("Government jets used sarin against the town.", "attack.use"),
        ("The strike left 15 people dead.", "casualties.left_dead"),
    ],
)
def test_rules_that_read_the_arguments(text: str, rule: str, gazetteer: Gazetteer) -> None:
    assert rule in {t.rule.id for t in _triggers(text, gazetteer)}


def test_a_predicate_takes_in_its_complement(gazetteer: Gazetteer) -> None:
    dead = _one("At least 30 were dead by the evening.", gazetteer, "casualties.dead")
    assert (dead.text, dead.form.verb_form, dead.kind) == ("were dead", "past", "casualties")


def test_the_object_decides_the_kind(gazetteer: Gazetteer) -> None:
    rejected = _one(
        "The coalition rejected the two Russian proposals.", gazetteer, "communication.deny"
    )
    assert rejected.kind == "refusal"


def test_an_instruction_to_the_reader_reports_nothing(gazetteer: Gazetteer) -> None:
    assert not _triggers("Watch the video of the jets that struck Raqqa.", gazetteer)
    assert _triggers("Watch: jets struck Raqqa overnight.", gazetteer)


def _rules_with(**changes: Any) -> list[dict[str, Any]]:
    raw: list[dict[str, Any]] = _read("triggers.yaml")
    return [{**raw[0], **changes}, *raw[1:]]


def test_a_verb_is_written_as_its_lemma() -> None:
    with pytest.raises(LexiconError, match="verbs must be a list of strings"):
        build_lexicon(_rules_with(verbs=[{"lemma": "take", "past": "took"}]), _read("cues.yaml"))


def test_an_unknown_key_is_an_error() -> None:
    with pytest.raises(LexiconError, match="unknown keys"):
        build_lexicon(_rules_with(object=["missile"]), _read("cues.yaml"))


def test_phrasal_verbs_are_indexed() -> None:
    lexicon = default_lexicon()
    assert {"take off", "pull out", "turn down", "rain down"} <= lexicon.phrasal
    # Longest first; at one length, a rule that reads the verb's arguments first.
    assert [" ".join(e.words) for e in lexicon.entries["take"]] == [
        "take out",
        "take off",
        "take over",
        "take",
    ]
