"""The foreign-language extractor: each trigger rule's examples and counterexamples, the
dating of accounts by their sentence's time (or the sentence before), and the data checks."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from timeline.extract import Gazetteer
from timeline.extract.foreign import extract_foreign_events, foreign_sentences
from timeline.extract.foreign_triggers import (
    ForeignRule,
    ForeignTriggersError,
    foreign_triggers,
    parse_foreign_triggers,
)
from timeline.temporal import tag

ANCHOR = date(2017, 11, 14)
RULES = [rule for rules in foreign_triggers().rules.values() for rule in rules]


def _events(text: str, language: str) -> list[Any]:
    sentences = foreign_sentences(text, language)
    bounds = [(s.start, s.end) for s in sentences]
    mentions = tag(text, ANCHOR, language=language, sentences=bounds)
    return extract_foreign_events(text, mentions, language, sentences)


def test_every_language_of_the_tagger_has_triggers_of_four_kinds() -> None:
    for language in ("ru", "uk", "ar", "fr", "de", "es"):
        kinds = {r.kind for r in foreign_triggers().rules[language]}
        assert kinds == {"capture", "attack", "casualties", "movement"}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_examples(rule: ForeignRule) -> None:
    for example in rule.examples:
        found = [e for e in _events(example.text, rule.language) if e.rule == rule.id]
        assert [e.trigger for e in found] == [example.trigger], example.text
        assert found[0].kind == rule.kind


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_counterexamples(rule: ForeignRule) -> None:
    for text in rule.counterexamples:
        assert [e for e in _events(text, rule.language) if e.rule == rule.id] == [], text


def test_an_account_is_dated_by_its_sentence_or_the_one_before() -> None:
    text = "Армия освободила город 9 ноября. Позже начался обстрел.\n\nКолонна вошла в город."
    events = _events(text, "ru")
    assert [(e.kind, e.time_source) for e in events] == [
        ("capture", "own"),
        ("attack", "context"),
        ("movement", "publication"),  # a new paragraph inherits nothing
    ]
    assert events[0].time_index == events[1].time_index == 0
    assert events[2].time_index is None


def test_the_nearest_time_of_the_sentence_dates_the_trigger() -> None:
    text = "Вчера министр сообщил, что на прошлой неделе армия освободила город."
    events = _events(text, "ru")
    mentions = tag(text, ANCHOR, language="ru")
    assert [mentions[e.time_index].value for e in events] == ["2017-W45"]


def test_arabic_clitics_are_stripped_before_matching() -> None:
    (event,) = _events("واستعادت القوات السيطرة على المطار أمس.", "ar")
    assert (event.kind, event.trigger, event.time_source) == ("capture", "واستعادت", "own")


def test_a_language_without_triggers_is_an_error() -> None:
    with pytest.raises(ValueError, match="'it'"):
        extract_foreign_events("Ieri.", [], "it", [])


@pytest.mark.parametrize(
    "raw",
    [
        {},
        {"rules": {"ru": []}},
        {"rules": {"ru": [{"id": "x", "kind": "party", "category": "attack", "words": ["a*"]}]}},
        {
            "rules": {
                "ru": [
                    {
                        "id": "x",
                        "kind": "attack",
                        "category": "attack",
                        "words": ["уд*"],
                        "examples": [{"text": "удар", "trigger": "удар"}],
                    }
                ]
            }
        },
        {"rules": {"ru": [{"id": "x", "kind": "attack", "category": "attack", "words": ["удар"]}]}},
        {
            "rules": {
                "ru": [
                    {
                        "id": "x",
                        "kind": "attack",
                        "category": "attack",
                        "words": ["удар"],
                        "examples": [{"text": "удар", "trigger": "удар"}],
                        "verbs": [],
                    }
                ]
            }
        },
    ],
)
def test_malformed_trigger_data_is_refused(raw: dict[str, Any]) -> None:
    with pytest.raises(ForeignTriggersError):
        parse_foreign_triggers(raw)


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        (
            "ru",
            "Министерство сообщило во вторник, что на прошлой неделе армия взяла город.",
            "2017-W45",
        ),
        ("ar", "قال الجيش يوم الثلاثاء إن قواته سيطرت على المدينة الأسبوع الماضي.", "2017-W45"),
        (
            "fr",
            "Le ministère a déclaré mardi que l'armée a repris la ville le 9 novembre.",
            "2017-11-09",
        ),
        (
            "de",
            "Das Ministerium sagte am Dienstag, dass die Armee am 9. November die Stadt eroberte.",
            "2017-11-09",
        ),
        (
            "es",
            "El ministerio dijo el martes que el ejército tomó la ciudad el 9 de noviembre.",
            "2017-11-09",
        ),
    ],
)
def test_the_time_of_the_saying_does_not_date_the_reported_event(
    language: str, text: str, value: str
) -> None:
    (event,) = _events(text, language)
    mentions = tag(text, ANCHOR, language=language)
    assert event.time_index is not None
    assert mentions[event.time_index].value == value


def test_a_reported_event_without_its_own_time_is_dated_by_publication_only() -> None:
    text = "Вчера утром всё было тихо. Министерство сообщило во вторник, что армия взяла город."
    (event,) = _events(text, "ru")
    assert (event.time_index, event.time_source) == (None, "publication")


def test_known_places_of_the_sentence_are_the_locations(gazetteer: Gazetteer) -> None:
    text = "Армия освободила Абу-Кемаль. Вчера в Абу-Кемале был обстрел. Колонна вошла в село."
    sentences = foreign_sentences(text, "ru")
    events = extract_foreign_events(text, [], "ru", sentences, gazetteer)
    located = [(e.kind, [(p.role, p.entity_key) for p in e.participants]) for e in events]
    assert located == [
        ("capture", [("location", "abu-kamal")]),
        ("attack", [("location", "abu-kamal")]),
        ("movement", []),
    ]
