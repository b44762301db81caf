"""The rules of the tagger (data/rules.yaml): validated on load, their patterns expanded
and compiled into one regex that is tried at candidate positions only."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from timeline.yamldata import read_yaml

from .lexicon import alternation, lexicon, macros

TYPES = ("DATE", "TIME", "DURATION", "SET")
_MACRO = re.compile(r"\{([A-Z][A-Z_0-9]*)(?::([a-z_0-9]+))?\}")


class RuleError(ValueError):
    """A rule is malformed; the message names the rule and what to fix."""


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    value: str
    span: str
    type: str | None = None
    anchor: str | None = None
    anchor_on: int | None = None  # index of the mention it must be resolved against


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    type: str
    handler: str
    pattern: str  # as written in the file
    regex: str  # macros expanded, groups prefixed with the rule id
    groups: tuple[str, ...]  # short names of its capture groups
    examples: tuple[Example, ...]


def _expand(rule_id: str, pattern: str) -> tuple[str, tuple[str, ...]]:
    table = macros()
    names: list[str] = []

    def macro(m: re.Match[str]) -> str:
        name = m[2] or m[1].lower()
        if m[1] not in table:
            raise RuleError(f"rule {rule_id}: unknown macro {{{m[1]}}}; known: {sorted(table)}")
        names.append(name)
        return f"(?P<{rule_id}__{name}>{table[m[1]]})"

    body = _MACRO.sub(macro, pattern)
    body = re.sub(r"\(\?P<([a-z_0-9]+)>", lambda m: _own(rule_id, m[1], names), body)
    body = body.replace(" ?", r"\s*").replace(" ", r"\s+")
    if len(set(names)) != len(names):
        raise RuleError(f"rule {rule_id}: a group name is used twice in {names}; name them")
    return body, tuple(names)


def _own(rule_id: str, name: str, names: list[str]) -> str:
    if "__" in name:  # already prefixed by a macro
        return f"(?P<{name}>"
    names.append(name)
    return f"(?P<{rule_id}__{name}>"


def _example(rule_id: str, raw: Any) -> Example:
    if not isinstance(raw, dict) or "in" not in raw or "value" not in raw:
        raise RuleError(f"rule {rule_id}: each example needs 'in' and 'value': {raw!r}")
    text = str(raw["in"])
    span = str(raw.get("span", text))
    if span not in text:
        raise RuleError(f"rule {rule_id}: example span {span!r} is not in {text!r}")
    kind = raw.get("type")
    if kind is not None and kind not in TYPES:
        raise RuleError(f"rule {rule_id}: example type {kind!r} is not one of {TYPES}")
    anchor_on = raw.get("anchor_on")
    if anchor_on is not None and not isinstance(anchor_on, int):
        raise RuleError(f"rule {rule_id}: anchor_on must be a mention index: {anchor_on!r}")
    unknown = set(raw) - {"in", "value", "span", "type", "anchor", "anchor_on"}
    if unknown:
        raise RuleError(f"rule {rule_id}: unknown example keys {sorted(unknown)}")
    anchor = raw.get("anchor")
    return Example(text, str(raw["value"]), span, kind, str(anchor) if anchor else None, anchor_on)


def _rule(raw: Any, handlers: set[str]) -> Rule:
    if not isinstance(raw, dict):
        raise RuleError(f"each rule must be a mapping, got {raw!r}")
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not re.fullmatch(r"[a-z][a-z_0-9]*", rule_id):
        raise RuleError(f"rule id must be lowercase snake_case: {rule_id!r}")
    unknown = set(raw) - {"id", "type", "handler", "pattern", "examples"}
    if unknown:
        raise RuleError(f"rule {rule_id}: unknown keys {sorted(unknown)}")
    for key in ("type", "handler", "pattern"):
        if not isinstance(raw.get(key), str):
            raise RuleError(f"rule {rule_id}: '{key}' is required and must be a string")
    if raw["type"] not in TYPES:
        raise RuleError(f"rule {rule_id}: type {raw['type']!r} is not one of {TYPES}")
    if raw["handler"] not in handlers:
        raise RuleError(f"rule {rule_id}: unknown handler {raw['handler']!r}")
    regex, groups = _expand(rule_id, raw["pattern"])
    if ("side1" in groups) != ("side2" in groups):
        raise RuleError(f"rule {rule_id}: a range rule spans its sides with groups side1, side2")
    try:
        re.compile(regex)
    except re.error as exc:
        raise RuleError(f"rule {rule_id}: bad pattern: {exc}") from exc
    examples = tuple(_example(rule_id, e) for e in raw.get("examples") or [])
    if not examples:
        raise RuleError(f"rule {rule_id}: give at least one example")
    return Rule(rule_id, raw["type"], raw["handler"], raw["pattern"], regex, groups, examples)


def parse_rules(raw: Any, handlers: set[str]) -> tuple[Rule, ...]:
    if not isinstance(raw, dict) or not isinstance(raw.get("rules"), list):
        raise RuleError("rules file must hold a mapping with a 'rules' list")
    rules = tuple(_rule(r, handlers) for r in raw["rules"])
    ids = [r.id for r in rules]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise RuleError(f"duplicate rule ids: {sorted(dupes)}")
    return rules


def load_rules(handlers: set[str]) -> tuple[Rule, ...]:
    text = resources.files(__package__).joinpath("data/rules.yaml").read_text("utf-8")
    return parse_rules(read_yaml(text), handlers)


# A match may not start inside a word, a number, a model name ("F-16") or an amount,
# except for the second year of a range ("1990-1995") ...
START = r"(?:(?<![\w'’$€£#@/.-])(?<!\d[,.])|(?<=\d\d\d\d-)(?=\d{4}(?!\d)))"
# ... nor end inside one ("15-km", "2017-style", "1,990"), except before such a year.
END = r"(?![\w%/]|-(?!\d{4}(?!\d))\w|[.,]\d)"


@dataclass(frozen=True)
class Grammar:
    rules: dict[str, Rule]
    regex: re.Pattern[str]  # anchored alternation of all rules, with a modifier prefix
    triggers: re.Pattern[str]  # words one of which every time expression contains
    starters: frozenset[str]  # words an expression may begin with (digits aside)
    vocabulary: frozenset[str]  # every word an expression may hold (digits aside)
    followers: frozenset[str]  # words after a number that may make it a time
    # the alternation of the rules after each rule, compiled when first needed
    _after: dict[str, re.Pattern[str] | None] = field(default_factory=dict)

    def after(self, rule_id: str) -> re.Pattern[str] | None:
        """The regex of the rules of lower priority than `rule_id`, tried at the same
        place when its handler rejects a match ("30 days before renewing": not a date,
        so the duration rule)."""
        if rule_id not in self._after:
            ids = list(self.rules)
            rest = tuple(self.rules[i] for i in ids[ids.index(rule_id) + 1 :])
            self._after[rule_id] = _alternation(rest) if rest else None
        return self._after[rule_id]


def _alternation(rules: tuple[Rule, ...]) -> re.Pattern[str]:
    mods = macros()["MOD"]
    body = "|".join(f"(?P<{r.id}>{r.regex})" for r in rules)
    return re.compile(f"{START}(?:(?P<mod>{mods})(?:\\s+|-))?(?:{body}){END}")


def build(rules: tuple[Rule, ...]) -> Grammar:
    triggers = re.compile(trigger_pattern())
    return Grammar(
        {r.id: r for r in rules},
        _alternation(rules),
        triggers,
        starter_words(rules),
        vocabulary(rules),
        number_followers(),
    )


def starter_words(rules: tuple[Rule, ...]) -> frozenset[str]:
    """Every word written in a pattern or a word table: an expression can only begin
    with one of them (or with a digit), so other words need not be tried."""
    lex = lexicon()
    words: set[str] = set()
    for rule in rules:
        words.update(re.findall(r"[a-z]+", rule.pattern))
    tables: list[Any] = [lex.months, lex.weekdays, lex.numbers, lex.vague_numbers, lex.ordinals]
    tables += [lex.units, lex.seasons, lex.parts_of_day, lex.fuzzy, lex.modifiers]
    tables += [lex.holidays, lex.timezones, lex.informal_days, lex.ambiguous_weekdays]
    for table in tables:
        for phrase in table:
            words.update(re.findall(r"[a-z]+", phrase))
    return frozenset(words)


def vocabulary(rules: tuple[Rule, ...]) -> frozenset[str]:
    """Every word that a pattern or any word table of the lexicon holds: an expression
    cannot run across another word, so a candidate start before one cannot reach the
    trigger after it. Generous on purpose (every table, not only those the patterns use):
    a word too many only costs a regex attempt."""
    words = set(starter_words(rules))
    lex = lexicon()
    for name in lex.__dataclass_fields__:
        table = getattr(lex, name)
        if isinstance(table, dict | frozenset | set):
            for phrase in table:
                if isinstance(phrase, str):
                    words.update(re.findall(r"[a-z]+", phrase))
    return frozenset(words)


def trigger_pattern() -> str:
    lex = lexicon()
    weekdays = {w for w in lex.weekdays if w not in lex.ambiguous_weekdays}
    words: set[str] = set(lex.months) | weekdays | set(lex.units)
    words |= set(lex.seasons) | set(lex.parts_of_day)
    words |= {w.split()[-1] for w in lex.fuzzy} | {h.split()[-1] for h in lex.holidays}
    words |= {"yesterday", "today", "tomorrow", "tonight", "noon", "midnight", "midday"}
    words |= {w for w in lex.informal_days if not w[0].isdigit()}  # "tmrw"; "2day" has a digit
    words |= set(lex.ambiguous_weekdays)  # "next Sat": the rule checks the case
    words |= {"daily", "weekly", "monthly", "annually", "yearly", "hourly", "nightly"}
    words |= {"quarterly", "biweekly", "bimonthly", "semiannually", "fortnightly", "qtr"}
    words |= {"twenties", "thirties", "forties", "fifties", "sixties", "seventies"}
    words |= {"eighties", "nineties", "weekend", "weekends", "wknd", "fiscal", "century"}
    words |= {"nineteen", "eighteen", "thousand"}  # spelled years
    words |= {"ad", "fy"}  # "AD 9", "FY2018"
    words |= {"period"}  # "the latest period" (results news)
    words |= {"season"}  # "each season"
    return r"\d+|\b(?:q[1-4]|h[12]|" + alternation(words)[3:-1] + r")s?(?![a-z])"


def number_followers() -> frozenset[str]:
    """Words after a number that can make it part of a time expression ("14 November",
    "3 p.m.", "48 hours"); other numbers that do not look like years are skipped."""
    lex = lexicon()
    words = set(lex.units) | set(lex.months) | set(lex.timezones)
    words |= {"a", "p", "am", "pm", "o", "of", "and", "or", "to", "century", "centuries"}
    words |= {"bc", "b", "bce", "ad", "ce", "c"}  # "55 BC", "1066 AD"
    words.add("hrs")  # military "0530hrs"
    # informal words that begin with a digit ("2nite"): their letters follow the number
    words |= {re.sub(r"^\d+", "", w) for w in lex.informal_days if w[0].isdigit()}
    return frozenset(words)
