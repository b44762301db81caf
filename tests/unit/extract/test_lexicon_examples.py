"""Every trigger rule and cue section carries examples; here they are executed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from timeline.extract import Gazetteer, extract_events
from timeline.extract.lexicon import TriggerRule, default_lexicon
from timeline.extract.types import EventMention

RULES = default_lexicon().rules
EXAMPLES = [(r, e) for r in RULES for e in r.examples]
COUNTEREXAMPLES = [(r, c) for r in RULES for c in r.counterexamples]
CUE_EXAMPLES = default_lexicon().cues["attribution"]["examples"]


def _keys(event: EventMention, role: str) -> set[str | None]:
    return {p.entity_key for p in event.participants if p.role == role}


@pytest.mark.parametrize(("rule", "example"), EXAMPLES, ids=lambda x: getattr(x, "id", None))
def test_trigger_example(
    rule: TriggerRule, example: Mapping[str, Any], gazetteer: Gazetteer
) -> None:
    events = extract_events(example["text"], [], gazetteer)
    matching = [e for e in events if e.rule == rule.id and e.trigger == example["trigger"]]
    assert matching, [(e.rule, e.trigger) for e in events]
    event = matching[0]
    assert event.kind == example.get("kind", rule.kind)
    for role in ("agent", "target", "location"):
        if role in example:
            assert example[role] in _keys(event, role), event.participants


@pytest.mark.parametrize(("rule", "text"), COUNTEREXAMPLES, ids=lambda x: getattr(x, "id", None))
def test_trigger_counterexample(rule: TriggerRule, text: str, gazetteer: Gazetteer) -> None:
    events = extract_events(text, [], gazetteer)
    assert not [e for e in events if e.rule == rule.id], events


@pytest.mark.parametrize("example", CUE_EXAMPLES, ids=lambda e: e["text"][:40])
def test_attribution_example(example: Mapping[str, Any], gazetteer: Gazetteer) -> None:
    context = example.get("context")
    text = f"{context}\n\n{example['text']}" if context else example["text"]
    offset = text.index(example["text"])
    events = [e for e in extract_events(text, [], gazetteer) if e.evidence_start >= offset]
    assert events
    for event in events:
        claimant = event.claimant
        assert claimant is not None
        if "claimant" in example:
            assert claimant.entity_key == example["claimant"]
        if "claimant_name" in example:
            assert example["claimant_name"].lower() in claimant.name.lower()
        assert event.polarity == example.get("polarity", "asserts")
        assert event.hedged == example.get("hedged", False)
        if "relay" in example:
            assert event.extras.get("relayed_by_key") == example["relay"]


SECTION_EXAMPLES = [
    (section, example)
    for section, items in default_lexicon().cues["section_examples"].items()
    for example in items
]
ROLES = ("agent", "target", "supporter", "location")


def _ids(participant_role: str, event: EventMention) -> set[str | None]:
    return {
        value
        for p in event.participants
        if p.role == participant_role
        for value in (p.entity_key, p.name)
    }


@pytest.mark.parametrize(("section", "example"), SECTION_EXAMPLES, ids=lambda x: str(x)[:30])
def test_cue_section_example(
    section: str, example: Mapping[str, Any], gazetteer: Gazetteer
) -> None:
    events = extract_events(example["text"], [], gazetteer)
    if example.get("events") == 0:
        assert events == [], f"{section}: {events}"
        return
    assert example.get("not_trigger") not in {e.trigger for e in events}, section
    matching = [e for e in events if e.trigger == example["trigger"]]
    assert matching, f"{section}: {[(e.trigger, e.kind) for e in events]}"
    event = matching[-1]
    assert event.polarity == example.get("polarity", event.polarity)
    if "hedge" in example:
        assert event.hedge_cue == example["hedge"]
    for role in ROLES:
        if role in example:
            assert example[role] in _ids(role, event), f"{section}: {event.participants}"
    if "not_participant" in example:
        everyone = {v for role in ROLES for v in _ids(role, event)}
        assert example["not_participant"] not in everyone, f"{section}: {event.participants}"
    if "claimant" in example:
        assert event.claimant is not None and event.claimant.entity_key == example["claimant"]
