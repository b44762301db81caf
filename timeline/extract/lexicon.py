"""Trigger rules and cue lexicons, loaded from the packaged YAML and validated on load."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from timeline.extract.inflect import Form, noun_forms, verb_forms

REQUIREMENTS = frozenset({"place", "object_place", "participant", "none"})


class LexiconError(ValueError):
    """Bad lexicon data; the message names the rule or section."""


@dataclass(frozen=True, slots=True)
class TriggerRule:
    id: str
    kind: str
    category: str
    forms: tuple[Form, ...]
    requires: str = "participant"
    not_followed_by: tuple[str, ...] = ()
    not_preceded_by: tuple[str, ...] = ()
    requires_after: tuple[str, ...] = ()
    no_passive: bool = False
    subject_is_target: bool = False  # "ISIS lost Abu Kamal to the army": the loser is the target
    passive_kind: str | None = None
    # (kind, nouns): the kind when one of the nouns follows within three words ("rejected
    # Russian requests" is a refusal, not a denial).
    kind_by_object: tuple[tuple[str, frozenset[str]], ...] = ()
    examples: tuple[Mapping[str, Any], ...] = ()
    counterexamples: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity: cached derivations
class Lexicon:
    rules: tuple[TriggerRule, ...]
    forms: Mapping[str, tuple[tuple[TriggerRule, Form], ...]]  # surface → rules and form
    speech_forms: Mapping[str, Form]
    denial_lemmas: frozenset[str]
    hedging_lemmas: frozenset[str]
    speech_lemma_of: Mapping[str, str]
    longest_form: int  # in words
    cues: Mapping[str, Any] = field(default_factory=dict)


def phrase_pattern(phrases: Iterable[str]) -> str:
    """One alternation of phrases, longest first, spaces matching any whitespace."""
    ordered = sorted({p.lower() for p in phrases}, key=lambda p: (-len(p), p))
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in ordered)


def word_regex(phrases: Iterable[str]) -> re.Pattern[str]:
    """Whole-word, case-insensitive matcher of phrases (never matching empty)."""
    body = phrase_pattern(phrases) or r"(?!x)x"
    return re.compile(rf"(?<![\w'’-])(?:{body})(?![\w-])", re.IGNORECASE)


def _verb_entry_forms(entry: Any, where: str) -> list[Form]:
    if isinstance(entry, str) and entry.strip():
        return verb_forms(entry.strip())
    if isinstance(entry, Mapping) and isinstance(entry.get("lemma"), str):
        return verb_forms(entry["lemma"], entry.get("past"), entry.get("participle"))
    raise LexiconError(f"{where}: a verb must be a lemma or {{lemma, past, participle}}: {entry!r}")


def _strings(raw: Mapping[str, Any], name: str, where: str) -> tuple[str, ...]:
    value = raw.get(name) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        bad = [v for v in value if not isinstance(v, str)] if isinstance(value, list) else value
        raise LexiconError(f"{where}: {name} must be a list of strings (quote {bad!r})")
    return tuple(v.lower() for v in value)


def _rule(raw: Any, index: int) -> TriggerRule:
    where = f"trigger rule #{index}"
    if not isinstance(raw, Mapping):
        raise LexiconError(f"{where}: expected a mapping")
    where = f"trigger rule {raw.get('id', index)!r}"
    for name in ("id", "kind", "category"):
        if not isinstance(raw.get(name), str):
            raise LexiconError(f"{where}: {name} is required")
    forms: list[Form] = []
    for verb in raw.get("verbs") or []:
        forms.extend(_verb_entry_forms(verb, where))
    for phrase in _strings(raw, "forms", where):
        # "making their way", "sending aircraft into": a gerund, which may follow "of".
        gerund = phrase.split()[0].endswith("ing")
        forms.append(Form(phrase, "verb", "gerund" if gerund else "past"))
    for noun in _strings(raw, "nouns", where):
        forms.extend(noun_forms(noun))
    requires = raw.get("requires", "participant")
    if requires not in REQUIREMENTS or not forms:
        raise LexiconError(f"{where}: needs forms and requires in {sorted(REQUIREMENTS)}")
    examples = raw.get("examples") or []
    if not examples or not all(isinstance(e, Mapping) and "text" in e for e in examples):
        raise LexiconError(f"{where}: needs examples with text")
    return TriggerRule(
        id=raw["id"],
        kind=raw["kind"],
        category=raw["category"],
        forms=tuple(forms),
        requires=requires,
        not_followed_by=_strings(raw, "not_followed_by", where),
        not_preceded_by=_strings(raw, "not_preceded_by", where),
        requires_after=_strings(raw, "requires_after", where),
        no_passive=bool(raw.get("no_passive", False)),
        subject_is_target=bool(raw.get("subject_is_target", False)),
        passive_kind=raw.get("passive_kind"),
        kind_by_object=_kind_by_object(raw, where),
        examples=tuple(examples),
        counterexamples=_strings(raw, "counterexamples", where),
    )


def _kind_by_object(raw: Mapping[str, Any], where: str) -> tuple[tuple[str, frozenset[str]], ...]:
    value = raw.get("kind_by_object") or {}
    if not isinstance(value, Mapping):
        raise LexiconError(f"{where}: kind_by_object must map a kind to a list of nouns")
    return tuple((kind, frozenset(_strings(value, kind, where))) for kind in value)


def _read(name: str) -> Any:
    text = resources.files("timeline.extract").joinpath(f"data/{name}").read_text("utf-8")
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise LexiconError(f"timeline/extract/data/{name}: not valid YAML: {exc}") from exc


def build_lexicon(rules_raw: Any, cues: Any) -> Lexicon:
    if not isinstance(rules_raw, list) or not isinstance(cues, Mapping):
        raise LexiconError("triggers must be a list and cues a mapping")
    rules = tuple(_rule(raw, i) for i, raw in enumerate(rules_raw))
    index: dict[str, list[tuple[TriggerRule, Form]]] = {}
    for rule in rules:
        for form in rule.forms:
            index.setdefault(form.text, []).append((rule, form))
    attribution = cues.get("attribution") or {}
    speech_forms: dict[str, Form] = {}
    lemma_of: dict[str, str] = {}
    for verb in attribution.get("speech_verbs") or []:
        forms = _verb_entry_forms(verb, "cues attribution.speech_verbs")
        for form in forms:
            speech_forms.setdefault(form.text, form)
            lemma_of.setdefault(form.text, forms[0].text)
    compiled = compile_cues(cues)
    compiled["_speech"] = word_regex(speech_forms)
    compiled["_lead"] = _lead_pattern(compiled)
    return Lexicon(
        rules=rules,
        forms={k: tuple(v) for k, v in index.items()},
        longest_form=max(len(k.split()) for k in index),
        speech_forms=speech_forms,
        denial_lemmas=frozenset(_strings(attribution, "denial_verbs", "cues")),
        hedging_lemmas=frozenset(_strings(attribution, "hedging_verbs", "cues")),
        speech_lemma_of=lemma_of,
        cues=compiled,
    )


def _lead_pattern(cues: Mapping[str, Any]) -> re.Pattern[str]:
    """After an actor: "(has) provided (some) information", "released a statement"."""
    verbs = [f.text for lemma in cues["_lead_verbs"] for f in verb_forms(lemma)]
    return re.compile(
        r"\s+(?:(?:has|have|had|also|now|today|again|just)\s+)*"
        rf"(?:{phrase_pattern(verbs)})\s+(?:[\w-]+\s+){{0,3}}?"
        rf"(?:{phrase_pattern(cues['_lead_objects'])})\b",
        re.IGNORECASE,
    )


_WORD_SETS = (
    "modals",
    "negations",
    "infinitive_asserting",
    "infinitive_negating",
    "nominal_before",
    "noun_modifiers",
    "gerund_prepositions",
    "modifier_prefixes",
    "modifier_suffixes",
)
_PHRASE_PATTERNS = {
    "_purpose": "purpose",
    "_hedges": "hedges",
    "_supporters": "supporter_cues",
    "_opinion": "opinion",
    "_negation_phrases": "negations",
}


_EXAMPLE_EXEMPT = frozenset({"section_examples"})


def _check_examples(raw: Mapping[str, Any]) -> None:
    """Every cue section carries at least one example (the tests run them)."""
    examples = raw.get("section_examples")
    if not isinstance(examples, Mapping):
        raise LexiconError("cues: section_examples is required")
    missing = sorted(k for k in raw if k not in examples and k not in _EXAMPLE_EXEMPT)
    if missing:
        raise LexiconError(f"cues: sections without examples: {missing}")
    for section, items in examples.items():
        if not isinstance(items, list) or not all(
            isinstance(i, Mapping) and "text" in i for i in items
        ):
            raise LexiconError(f"cues section_examples.{section}: a list of {{text, ...}}")


def compile_cues(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Cue lists as sets and compiled patterns, checked for presence and type."""
    cues: dict[str, Any] = dict(raw)
    for name in _WORD_SETS:
        cues[name] = frozenset(_strings(raw, name, "cues"))
    for key, name in _PHRASE_PATTERNS.items():
        cues[key] = word_regex(_strings(raw, name, "cues"))
    attribution = raw.get("attribution")
    if not isinstance(attribution, Mapping):
        raise LexiconError("cues: attribution section is required")
    for name in (
        "according_to",
        "relay_by",
        "lead_verbs",
        "lead_objects",
        "anonymous_heads",
        "pronouns",
    ):
        cues[f"_{name}"] = frozenset(_strings(attribution, name, "cues attribution"))
    _check_examples(raw)
    cues["_according"] = word_regex(cues["_according_to"])
    cues["_not_names"] = frozenset(_strings(raw, "not_names", "cues"))
    cues["_name_parts"] = frozenset(_strings(raw, "name_parts", "cues"))
    cues["_locative"] = frozenset(_strings(raw, "locative_prepositions", "cues"))
    try:
        cues["_boilerplate"] = [re.compile(p, re.IGNORECASE) for p in raw.get("boilerplate", [])]
    except re.error as exc:
        raise LexiconError(f"cues boilerplate: bad pattern: {exc}") from exc
    return cues


@cache
def default_lexicon() -> Lexicon:
    """The packaged lexicon (loaded once per process)."""
    return build_lexicon(_read("triggers.yaml"), _read("cues.yaml"))
