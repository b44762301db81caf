"""Trigger rules and cue lexicons, loaded from the packaged YAML and validated on load."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml

from timeline.yamldata import read_yaml

REQUIREMENTS = frozenset({"place", "object_place", "participant", "none"})
VerbForm = Literal["base", "third", "past", "participle", "gerund"]
# "58 were dead": a figure as the subject or object of a rule that lists this word.
NUMBER = "number"


class LexiconError(ValueError):
    """Bad lexicon data; the message names the rule or section."""


@dataclass(frozen=True, slots=True)
class Form:
    """How a trigger was read: its words (lowercase, one space apart) and part of speech;
    for a verb, its inflection as the parse tags it."""

    text: str
    pos: Literal["verb", "noun"]
    verb_form: VerbForm | None = None


@dataclass(frozen=True, slots=True)
class TriggerRule:
    id: str
    kind: str
    category: str
    verbs: tuple[str, ...] = ()  # lemmas; a phrasal verb is the lemma and its particle
    nouns: tuple[str, ...] = ()  # lemmas; a compound is a lemma sequence ("air strike")
    phrases: tuple[str, ...] = ()  # fixed phrases, matched word by word on lemma or surface
    requires: str = "participant"
    not_followed_by: tuple[str, ...] = ()
    not_preceded_by: tuple[str, ...] = ()
    requires_after: tuple[str, ...] = ()
    no_passive: bool = False
    subject_is_target: bool = False  # "ISIS lost Abu Kamal to the army": the loser is the target
    passive_kind: str | None = None
    # (kind, nouns): the kind when the verb's object is one of the nouns, or one follows
    # within three words ("rejected Russian requests" is a refusal, not a denial).
    kind_by_object: tuple[tuple[str, frozenset[str]], ...] = ()
    # What the parse must show around a verb (lemma phrases; see the header of triggers.yaml).
    objects: tuple[str, ...] = ()
    not_objects: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    complements: tuple[str, ...] = ()
    participant_nouns: tuple[str, ...] = ()
    needs_object: bool = False
    no_object: bool = False
    examples: tuple[Mapping[str, Any], ...] = ()
    counterexamples: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[Form, ...]:
        """The rule's words as written: verb lemmas and fixed phrases, then noun lemmas."""
        return (
            *(Form(v, "verb", "base") for v in self.verbs),
            *(Form(p, "verb") for p in self.phrases),
            *(Form(n, "noun") for n in self.nouns),
        )

    @property
    def constrained(self) -> bool:
        """Whether the rule reads the verb's arguments: such a reading is tried first."""
        return bool(
            self.objects or self.subjects or self.complements or self.no_object or self.needs_object
        )


@dataclass(frozen=True, slots=True)
class Entry:
    """One way a rule is written: a verb, a noun or a fixed phrase, as lemma words."""

    words: tuple[str, ...]
    pos: Literal["verb", "noun", "phrase"]
    rule: TriggerRule


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity: cached derivations
class Lexicon:
    rules: tuple[TriggerRule, ...]
    entries: Mapping[str, tuple[Entry, ...]]  # first word → entries, longest first
    phrasal: frozenset[str]  # "take off", "pull out": a verb with this particle is another verb
    speech_lemmas: frozenset[str]  # "say", "point out": matched on the parse's lemmas
    denial_lemmas: frozenset[str]
    hedging_lemmas: frozenset[str]
    cues: Mapping[str, Any] = field(default_factory=dict)


def phrase_pattern(phrases: Iterable[str]) -> str:
    """One alternation of phrases, longest first, spaces matching any whitespace."""
    ordered = sorted({p.lower() for p in phrases}, key=lambda p: (-len(p), p))
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in ordered)


def word_regex(phrases: Iterable[str]) -> re.Pattern[str]:
    """Whole-word, case-insensitive matcher of phrases (never matching empty)."""
    body = phrase_pattern(phrases) or r"(?!x)x"
    return re.compile(rf"(?<![\w'’-])(?:{body})(?![\w-])", re.IGNORECASE)


def _strings(raw: Mapping[str, Any], name: str, where: str) -> tuple[str, ...]:
    value = raw.get(name) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        bad = [v for v in value if not isinstance(v, str)] if isinstance(value, list) else value
        raise LexiconError(f"{where}: {name} must be a list of strings (quote {bad!r})")
    return tuple(" ".join(v.lower().split()) for v in value)


_RULE_KEYS = frozenset(
    {
        "id",
        "kind",
        "category",
        "verbs",
        "forms",
        "nouns",
        "requires",
        "not_followed_by",
        "not_preceded_by",
        "requires_after",
        "no_passive",
        "subject_is_target",
        "passive_kind",
        "kind_by_object",
        "objects",
        "not_objects",
        "subjects",
        "complements",
        "participant_nouns",
        "needs_object",
        "no_object",
        "examples",
        "counterexamples",
    }
)


def _rule(raw: Any, index: int) -> TriggerRule:
    where = f"trigger rule #{index}"
    if not isinstance(raw, Mapping):
        raise LexiconError(f"{where}: expected a mapping")
    where = f"trigger rule {raw.get('id', index)!r}"
    for name in ("id", "kind", "category"):
        if not isinstance(raw.get(name), str):
            raise LexiconError(f"{where}: {name} is required")
    unknown = sorted(set(raw) - _RULE_KEYS)
    if unknown:
        raise LexiconError(f"{where}: unknown keys {unknown}")
    # Inflections come from the parse: a verb is written as its lemma only.
    verbs, nouns, phrases = (_strings(raw, n, where) for n in ("verbs", "nouns", "forms"))
    if "" in (*verbs, *nouns, *phrases):
        raise LexiconError(f"{where}: an empty verb, noun or form")
    requires = raw.get("requires", "participant")
    if requires not in REQUIREMENTS or not (verbs or nouns or phrases):
        raise LexiconError(
            f"{where}: needs verbs, nouns or forms, and requires in {sorted(REQUIREMENTS)}"
        )
    examples = raw.get("examples") or []
    if not examples or not all(isinstance(e, Mapping) and "text" in e for e in examples):
        raise LexiconError(f"{where}: needs examples with text")
    return TriggerRule(
        id=raw["id"],
        kind=raw["kind"],
        category=raw["category"],
        verbs=verbs,
        nouns=nouns,
        phrases=phrases,
        requires=requires,
        not_followed_by=_strings(raw, "not_followed_by", where),
        not_preceded_by=_strings(raw, "not_preceded_by", where),
        requires_after=_strings(raw, "requires_after", where),
        no_passive=bool(raw.get("no_passive", False)),
        subject_is_target=bool(raw.get("subject_is_target", False)),
        passive_kind=raw.get("passive_kind"),
        kind_by_object=_kind_by_object(raw, where),
        objects=_strings(raw, "objects", where),
        not_objects=_strings(raw, "not_objects", where),
        subjects=_strings(raw, "subjects", where),
        complements=_strings(raw, "complements", where),
        participant_nouns=_strings(raw, "participant_nouns", where),
        needs_object=bool(raw.get("needs_object", False)),
        no_object=bool(raw.get("no_object", False)),
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
        return read_yaml(text)
    except yaml.YAMLError as exc:
        raise LexiconError(f"timeline/extract/data/{name}: not valid YAML: {exc}") from exc


def build_lexicon(rules_raw: Any, cues: Any) -> Lexicon:
    if not isinstance(rules_raw, list) or not isinstance(cues, Mapping):
        raise LexiconError("triggers must be a list and cues a mapping")
    rules = tuple(_rule(raw, i) for i, raw in enumerate(rules_raw))
    entries = _entries(rules)
    compiled = compile_cues(cues)
    speech, denial, hedging = _speech_lemmas(cues["attribution"])
    return Lexicon(
        rules=rules,
        entries=entries,
        phrasal=frozenset(
            " ".join(e.words)
            for group in entries.values()
            for e in group
            if e.pos == "verb" and len(e.words) == 2
        ),
        speech_lemmas=speech,
        denial_lemmas=denial,
        hedging_lemmas=hedging,
        cues=compiled,
    )


def _entries(rules: Iterable[TriggerRule]) -> dict[str, tuple[Entry, ...]]:
    """Every verb, noun and phrase by its first word; at each word the longest entry, then
    the rules that read the verb's arguments, are tried first."""
    index: dict[str, list[Entry]] = {}
    for rule in rules:
        written: list[tuple[Literal["verb", "noun", "phrase"], tuple[str, ...]]] = [
            *(("verb", tuple(v.split())) for v in rule.verbs),
            *(("noun", tuple(n.split())) for n in rule.nouns),
            *(("phrase", tuple(p.split())) for p in rule.phrases),
        ]
        for pos, words in written:
            index.setdefault(words[0], []).append(Entry(words, pos, rule))
    return {
        first: tuple(sorted(group, key=lambda e: (-len(e.words), not e.rule.constrained)))
        for first, group in index.items()
    }


def _speech_lemmas(
    attribution: Mapping[str, Any],
) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The speech verbs, and those of them that deny or only claim, as lemmas."""
    where = "cues attribution"
    speech = frozenset(_strings(attribution, "speech_verbs", where))
    if not speech or "" in speech:
        raise LexiconError(f"{where}: speech_verbs must list the verbs' lemmas")
    denial = frozenset(_strings(attribution, "denial_verbs", where))
    hedging = frozenset(_strings(attribution, "hedging_verbs", where))
    stray = sorted((denial | hedging) - speech)
    if stray:
        raise LexiconError(f"{where}: denial and hedging verbs must be speech verbs: {stray}")
    return speech, denial, hedging


_WORD_SETS = (
    "modals",
    "negations",
    "infinitive_asserting",
    "infinitive_negating",
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
    for name in ("lead_verbs", "lead_objects", "anonymous_heads"):
        cues[f"_{name}"] = frozenset(_strings(attribution, name, "cues attribution"))
    _check_examples(raw)
    try:
        cues["_boilerplate"] = [re.compile(p, re.IGNORECASE) for p in raw.get("boilerplate", [])]
        cues["_captions"] = [re.compile(p) for p in raw.get("captions", [])]
    except re.error as exc:
        raise LexiconError(f"cues boilerplate: bad pattern: {exc}") from exc
    return cues


@cache
def default_lexicon() -> Lexicon:
    """The packaged lexicon (loaded once per process)."""
    return build_lexicon(_read("triggers.yaml"), _read("cues.yaml"))
