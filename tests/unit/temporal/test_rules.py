"""Every rule's own examples (data/rules.yaml) are executed here."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.temporal import tag
from timeline.temporal.grammar import Example, Rule
from timeline.temporal.tagger import grammar

ANCHOR = date(2017, 11, 14)
CASES = [(r, e) for r in grammar().rules.values() for e in r.examples]


@pytest.mark.parametrize(("rule", "example"), CASES, ids=[f"{r.id}:{e.text}" for r, e in CASES])
def test_rule_example(rule: Rule, example: Example) -> None:
    anchor = date.fromisoformat(example.anchor) if example.anchor else ANCHOR
    mentions = tag(example.text, anchor)
    start = example.text.index(example.span)
    found = [m for m in mentions if m.start == start and m.end == start + len(example.span)]
    assert found, f"{example.span!r} not tagged in {example.text!r}: {mentions}"
    mention = found[0]
    assert mention.value == example.value
    assert mention.rule == rule.id
    if example.type:
        assert mention.type == example.type
    if example.anchor_on is not None:
        assert mention.anchor_index == example.anchor_on
