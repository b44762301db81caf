"""The event triggers of the foreign-language extractor (data/foreign_triggers.yaml),
validated on load: a trigger is a word form or a stem ("обстрел*"), per language and
event kind, matched on the tokens of spaCy's tokenizer for the language. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from timeline.extract.families import default_families

RULE_KEYS = {"id", "kind", "category", "words", "context", "examples", "counterexamples"}
CATEGORIES = {"control_change", "attack", "casualties", "movement", "communication", "discovery"}


class ForeignTriggersError(ValueError):
    """The foreign trigger data is malformed; the message names the rule."""


@dataclass(frozen=True, slots=True)
class WordList:
    """Exact forms, and stems matching any word that begins with them."""

    forms: frozenset[str]
    stems: tuple[str, ...]

    def matches(self, word: str) -> bool:
        return word in self.forms or word.startswith(self.stems)


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    trigger: str


@dataclass(frozen=True, slots=True)
class ForeignRule:
    id: str
    language: str
    kind: str
    category: str
    words: WordList
    context: WordList | None  # a word of it must be in the sentence
    examples: tuple[Example, ...]
    counterexamples: tuple[str, ...]


@dataclass(frozen=True)
class ForeignTriggers:
    rules: dict[str, tuple[ForeignRule, ...]]  # by language
    clitics: dict[str, tuple[str, ...]]  # prefixes stripped before matching, longest first
    reported_clause: dict[str, frozenset[str]]  # words that open a reported clause

    def candidates(self, language: str, word: str) -> list[str]:
        """`word` (lowercase), then what is left of it after each clitic it starts with."""
        stripped = [word[len(c) :] for c in self.clitics.get(language, ()) if word.startswith(c)]
        return [word, *(w for w in stripped if len(w) >= 2)]


@cache
def foreign_triggers() -> ForeignTriggers:
    path = resources.files("timeline.extract").joinpath("data/foreign_triggers.yaml")
    return parse_foreign_triggers(yaml.safe_load(path.read_text("utf-8")))


def parse_foreign_triggers(raw: Any) -> ForeignTriggers:
    if not isinstance(raw, dict) or not isinstance(raw.get("rules"), dict):
        raise ForeignTriggersError("foreign_triggers: expected 'rules' by language")
    kinds = set(default_families().family_of_kind)
    rules = {
        str(language): tuple(_rule(r, str(language), kinds) for r in _list(entries, language))
        for language, entries in raw["rules"].items()
    }
    clitics = raw.get("clitics", {})
    if not isinstance(clitics, dict):
        raise ForeignTriggersError("foreign_triggers: 'clitics' maps a language to prefixes")
    prefixes = {
        str(k): tuple(sorted(_strings(v, f"clitics.{k}"), key=len, reverse=True))
        for k, v in clitics.items()
    }
    openers = raw.get("reported_clause", {})
    if not isinstance(openers, dict):
        raise ForeignTriggersError("foreign_triggers: 'reported_clause' maps a language to words")
    reported = {str(k): frozenset(_strings(v, f"reported_clause.{k}")) for k, v in openers.items()}
    return ForeignTriggers(rules, prefixes, reported)


def _list(entries: Any, language: object) -> list[Any]:
    if not isinstance(entries, list) or not entries:
        raise ForeignTriggersError(f"foreign_triggers: rules.{language} must list rules")
    return entries


def _strings(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ForeignTriggersError(f"foreign_triggers: {where} must be a list of words")
    return [v.strip().lower() for v in value]


def _texts(value: Any, where: str) -> tuple[str, ...]:
    _strings(value, where)  # validated as a list of non-blank strings; kept as written
    return tuple(str(v) for v in value)


def _word_list(value: Any, where: str) -> WordList:
    words = _strings(value, where)
    stems = tuple(w[:-1] for w in words if w.endswith("*"))
    if any(len(s) < 3 for s in stems):
        raise ForeignTriggersError(f"foreign_triggers: {where}: a stem needs 3 letters or more")
    return WordList(frozenset(w for w in words if not w.endswith("*")), stems)


def _rule(raw: Any, language: str, kinds: set[str]) -> ForeignRule:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        raise ForeignTriggersError(f"foreign_triggers: rules.{language}: each rule needs an id")
    where = f"rule {raw['id']}"
    unknown = set(raw) - RULE_KEYS
    if unknown:
        raise ForeignTriggersError(f"foreign_triggers: {where}: unknown keys {sorted(unknown)}")
    if raw.get("kind") not in kinds:
        raise ForeignTriggersError(
            f"foreign_triggers: {where}: kind must be one of {sorted(kinds)}"
        )
    if raw.get("category") not in CATEGORIES:
        raise ForeignTriggersError(f"foreign_triggers: {where}: unknown category")
    examples = raw.get("examples")
    if not isinstance(examples, list) or not examples:
        raise ForeignTriggersError(f"foreign_triggers: {where}: needs examples")
    if not all(isinstance(e, dict) and {"text", "trigger"} <= set(e) for e in examples):
        raise ForeignTriggersError(f"foreign_triggers: {where}: examples need text and trigger")
    return ForeignRule(
        id=raw["id"],
        language=language,
        kind=raw["kind"],
        category=raw["category"],
        words=_word_list(raw.get("words"), f"{where}.words"),
        context=_word_list(raw["context"], f"{where}.context") if "context" in raw else None,
        examples=tuple(Example(str(e["text"]), str(e["trigger"])) for e in examples),
        counterexamples=_texts(raw.get("counterexamples", []), f"{where}.counterexamples"),
    )
