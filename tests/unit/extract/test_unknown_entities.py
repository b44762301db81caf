"""Actors and places the gazetteer does not know, from the parse's named entities."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import pytest

from timeline.extract import Gazetteer
from timeline.extract.document import build_document
from timeline.extract.lexicon import default_lexicon
from timeline.extract.mentions import Mention
from timeline.extract.parse import parse, pipeline
from timeline.extract.unknown_entities import (
    UnknownEntitiesError,
    entity_rules,
    parse_entity_rules,
    unknown_entities,
)
from timeline.temporal import tag

ANCHOR = datetime(2017, 11, 14, tzinfo=UTC)
EXAMPLES = [
    (reading, example) for reading, items in entity_rules().examples.items() for example in items
]


def _mentions(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """The document's mentions as extraction sees them: gazetteer, times and datelines first."""
    return build_document(text, tag(text, ANCHOR), gazetteer, default_lexicon(), None).mentions


def _unknown(text: str, gazetteer: Gazetteer) -> dict[str, Mention]:
    return {m.text: m for m in _mentions(text, gazetteer) if m.key is None and not m.anaphor}


@pytest.mark.parametrize(("reading", "example"), EXAMPLES, ids=lambda x: str(x)[:40])
def test_data_example(reading: str, example: Mapping[str, str], gazetteer: Gazetteer) -> None:
    found = _unknown(example["text"], gazetteer)
    if reading == "none":
        assert example["name"] not in found, found
        return
    assert example["name"] in found, found
    mention = found[example["name"]]
    assert mention.kind == reading
    assert example["text"][mention.start : mention.end] == example["name"]


def test_every_label_of_the_model_is_read_or_ignored() -> None:
    rules = entity_rules()
    labels = set(pipeline().get_pipe("ner").labels)
    assert labels == set(rules.labels) | rules.ignored


def test_a_name_the_gazetteer_or_the_tagger_covers_is_theirs(gazetteer: Gazetteer) -> None:
    text = "Hezbollah fighters entered Kafr Tala on Monday."
    mentions = _mentions(text, gazetteer)
    # NER's "Hezbollah" lies inside the gazetteer's "Hezbollah fighters": no second mention.
    assert [(m.text, m.key) for m in mentions] == [
        ("Hezbollah fighters", "hezbollah"),
        ("Kafr Tala", None),
    ]
    kafr_tala = (text.index("Kafr"), text.index(" on"))
    assert [m.text for m in unknown_entities(parse(text), [])] == ["Hezbollah", "Kafr Tala"]
    assert [m.text for m in unknown_entities(parse(text), [kafr_tala])] == ["Hezbollah"]


def test_a_dateline_names_no_place(gazetteer: Gazetteer) -> None:
    text = "KAFR TALA, Syria (Levant Wire) - Rebels shelled the town of Ras Baalbek on Monday."
    assert set(_unknown(text, gazetteer)) == {"Ras Baalbek"}


def test_the_determiner_and_the_possessive_are_not_the_name(gazetteer: Gazetteer) -> None:
    text = "The Hamza Brigade's commander said his men had left."
    (mention,) = _unknown(text, gazetteer).values()
    assert (mention.start, mention.end, mention.name) == (4, 17, "Hamza Brigade")
    assert (mention.kind, mention.subtype) == ("actor", "organisation")


def test_a_name_in_a_compound_modifier_is_no_participant(gazetteer: Gazetteer) -> None:
    found = _unknown("The Hamza Brigade-led assault on Kafr Tala began on Monday.", gazetteer)
    assert found["Hamza Brigade"].modifier
    assert not found["Kafr Tala"].modifier


def test_a_town_ner_calls_a_region_is_a_town(gazetteer: Gazetteer) -> None:
    # NER labels it LOC (a region, dropped beside a town); its first word makes it a town.
    found = _unknown("Turkish jets bombed Tal Jijeh overnight, the monitor said.", gazetteer)
    assert (found["Tal Jijeh"].kind, found["Tal Jijeh"].subtype) == ("place", None)


def test_a_label_both_read_and_ignored_is_refused() -> None:
    raw = _raw()
    raw["ignored"] = [*raw["ignored"], "ORG"]
    with pytest.raises(UnknownEntitiesError, match="both read and ignored"):
        parse_entity_rules(raw, "test")


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("labels", {"GPE": {"kind": "town"}}, "kind must be actor or place"),
        ("labels", {"GPE": {"kind": "place", "level": 2}}, "only kind and subtype"),
        ("settlement_nouns", "town", "must list words"),
        ("examples", {"place": [], "actor": [], "none": []}, "a list of"),
        ("examples", {"place": [{"text": "In Hatla.", "name": "Maan"}]}, "needs place"),
    ],
)
def test_bad_data_is_refused(key: str, value: Any, message: str) -> None:
    raw = _raw()
    raw[key] = value
    with pytest.raises(UnknownEntitiesError, match=message):
        parse_entity_rules(raw, "test")


def test_an_example_whose_name_is_not_in_its_text_is_refused() -> None:
    raw = _raw()
    raw["examples"] = {**raw["examples"], "place": [{"text": "Rebels left Hatla.", "name": "Maan"}]}
    with pytest.raises(UnknownEntitiesError, match=r"examples\.place"):
        parse_entity_rules(raw, "test")


def _raw() -> dict[str, Any]:
    from importlib import resources

    import yaml

    data = resources.files("timeline.extract").joinpath("data/unknown_entities.yaml")
    raw: dict[str, Any] = yaml.safe_load(data.read_text("utf-8"))
    return raw
