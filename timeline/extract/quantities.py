"""Figures that accounts give: death tolls, missiles, a share of a town, a warning's lead time.

    find_quantities(doc, start, end) -> tuple[Quantity, ...]    figures in doc.text[start:end]
    load_quantity_table() -> QuantityTable                       data/quantities.yaml, validated

Everything comes from the spaCy parse (parse.py): a number is a run of tokens (digits, number
words, "a dozen", "several hundred", a range "between 50 and 60"); the noun it counts is its
nummod head ("58 people") or the noun after "of" ("dozens of people", "40 percent of the
town"); what it counts is decided by the word that governs that noun in the dependency tree —
a verb ("killed 58 people", "58 people were killed"), a predicative adjective ("left 40
villagers dead"), a noun that is the measure ("143 deaths") or a total whose value the number
is ("the death toll rose to 72"). A number with nothing that says what it counts is no figure,
which is what keeps ages, years, clock times, page chrome and headcounts of meetings out. The
words are data (data/quantities.yaml); this module knows only the shapes of English figures.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal

import yaml

from timeline.extract.parse import text_of
from timeline.extract.types import Quantity
from timeline.yamldata import read_yaml

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Unit = Literal["count", "percent", "duration"]
UNITS: frozenset[str] = frozenset({"count", "percent", "duration"})
_NAME = re.compile(r"^[a-z]+(?:_[a-z]+)*$")
_BOUND = re.compile(r"^(?P<factor>\d+(?:\.\d+)?)?n(?P<offset>[+-]\d+)?$")
# Dependency labels of the parse this module reads.
_SUBJECTS = frozenset({"nsubj", "csubj", "expl"})
_OBJECTS = frozenset({"dobj", "nsubjpass", "oprd", "dative", "obj", "conj"})
_VALUES = frozenset({"attr", "acomp"})
_PREDICATES = frozenset({"acomp", "oprd", "xcomp"})
_MODIFIERS = frozenset({"amod", "acl", "relcl", "appos"})
_PRONOUNS = frozenset({"them", "those", "these", "which", "whom", "they"})
_RELATIVES = frozenset({"which", "that", "who", "whom"})
_FINITE = frozenset({"VBD", "VBZ", "VBP", "VB", "MD"})
_TIME_LABELS = frozenset({"DATE", "TIME"})
_RANGE_WORDS = frozenset({"to", "and", "between", "from", "-", "–", ","})
_NOT_FIGURES = frozenset({"DATE", "TIME", "MONEY"})


class QuantityDataError(ValueError):
    """Bad quantities data; the message names the entry."""


# --- the data ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Bound:
    """One side of a hedge's range: factor * n + offset (the offset only for counts)."""

    factor: float
    offset: float

    def apply(self, n: float, unit: Unit, *, low: bool) -> float:
        value = self.factor * n + (self.offset if unit == "count" else 0.0)
        if unit != "count":
            return round(value, 2)
        # Counts are whole: round outwards, past float noise ("about 30" is 27 to 33).
        return float(math.floor(value + 1e-9) if low else math.ceil(value - 1e-9))


@dataclass(frozen=True, slots=True)
class Hedge:
    words: tuple[str, ...]  # the phrase as tokens: ("at", "least")
    low: Bound | None
    high: Bound | None


@dataclass(frozen=True, slots=True)
class Vague:
    words: tuple[str, ...]
    low: float | None
    high: float | None


@dataclass(frozen=True, slots=True)
class Group:
    name: str
    words: frozenset[str]
    whole: str | None  # the measure the whole of a partitive gives ("of the 59 missiles")


@dataclass(frozen=True, slots=True)
class Expected:
    measure: str
    low: float | None
    high: float | None
    best: float | None
    hedge: str | None
    text: str | None  # None: not checked


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    expect: tuple[Expected, ...]


@dataclass(frozen=True, slots=True)
class Negative:
    text: str
    absent: frozenset[str] | None  # None: no figure at all


@dataclass(frozen=True, slots=True)
class Measure:
    name: str
    unit: Unit
    counts: frozenset[str]  # group names
    bare: bool  # a number that counts no noun ("300 wounded") may be this measure
    object_verbs: frozenset[str]
    subject_verbs: frozenset[str]
    adjectives: frozenset[str]
    nouns: frozenset[str]
    nouns_with_verbs: Mapping[str, frozenset[str]]
    totals: frozenset[str]
    examples: tuple[Example, ...]
    negatives: tuple[Negative, ...]


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity: cached lookups
class QuantityTable:
    words: Mapping[str, float]
    scales: Mapping[str, float]
    articles: frozenset[str]
    fractions: Mapping[str, float]
    percent_units: tuple[tuple[str, ...], ...]
    durations: Mapping[str, float]
    hedges: tuple[Hedge, ...]  # longest phrase first
    vague: tuple[Vague, ...]  # longest phrase first
    groups: Mapping[str, Group]
    containers: frozenset[str]
    bare_heads: frozenset[str]
    part_markers: frozenset[str]
    whole_markers: frozenset[str]
    deontic: frozenset[str]
    advance_markers: frozenset[str]
    combined: Mapping[frozenset[str], str]
    measures: tuple[Measure, ...]

    def measure(self, name: str) -> Measure:
        return next(m for m in self.measures if m.name == name)


_TOP = frozenset(
    {
        "numbers",
        "hedges",
        "vague",
        "groups",
        "containers",
        "bare_heads",
        "part_markers",
        "whole_markers",
        "deontic",
        "combined",
        "advance_markers",
        "measures",
    }
)
_MEASURE_FIELDS = frozenset(
    {
        "name",
        "unit",
        "counts",
        "bare",
        "object_verbs",
        "subject_verbs",
        "adjectives",
        "nouns",
        "nouns_with_verbs",
        "totals",
        "examples",
        "negatives",
    }
)
_NUMBER_FIELDS = ("words", "scales", "fractions", "durations")


def _strings(value: Any, where: str) -> frozenset[str]:
    if value is None:
        return frozenset()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise QuantityDataError(f"{where}: expected a list of strings (quote words like 'no')")
    return frozenset(v.strip().lower() for v in value)


def _mapping(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise QuantityDataError(f"{where}: expected a mapping")
    return value


def _number(value: Any, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise QuantityDataError(f"{where}: expected a number or null, got {value!r}")
    return float(value)


def _number_table(value: Any, where: str) -> dict[str, float]:
    table = _mapping(value, where)
    out: dict[str, float] = {}
    for key, number in table.items():
        parsed = _number(number, f"{where}.{key}")
        if not isinstance(key, str) or parsed is None:
            raise QuantityDataError(f"{where}: {key!r} needs a number")
        out[key.lower()] = parsed
    return out


def _bound(value: Any, where: str) -> Bound | None:
    if value is None:
        return None
    match = _BOUND.match(str(value).replace(" ", ""))
    if match is None:
        raise QuantityDataError(f"{where}: a bound is null or like n, n+1, 0.8n: {value!r}")
    factor, offset = match.group("factor"), match.group("offset")
    return Bound(float(factor) if factor else 1.0, float(offset) if offset else 0.0)


def _phrases(value: Any, where: str) -> list[tuple[str, ...]]:
    if not isinstance(value, list) or not value:
        raise QuantityDataError(f"{where}: words must be a non-empty list")
    return [tuple(w.split()) for w in sorted(_strings(value, where))]


def _hedges(raw: Any) -> tuple[Hedge, ...]:
    if not isinstance(raw, list):
        raise QuantityDataError("quantities hedges: expected a list")
    hedges: list[Hedge] = []
    for index, entry in enumerate(raw):
        where = f"quantities hedge #{index}"
        entry = _mapping(entry, where)
        low, high = _bound(entry.get("low"), where), _bound(entry.get("high"), where)
        hedges.extend(Hedge(p, low, high) for p in _phrases(entry.get("words"), where))
    return tuple(sorted(hedges, key=lambda h: -len(h.words)))


def _vague(raw: Any) -> tuple[Vague, ...]:
    if not isinstance(raw, list):
        raise QuantityDataError("quantities vague: expected a list")
    found: list[Vague] = []
    for index, entry in enumerate(raw):
        where = f"quantities vague #{index}"
        entry = _mapping(entry, where)
        low, high = _number(entry.get("low"), where), _number(entry.get("high"), where)
        if low is None:
            raise QuantityDataError(f"{where}: low is required")
        found.extend(Vague(p, low, high) for p in _phrases(entry.get("words"), where))
    return tuple(sorted(found, key=lambda v: -len(v.words)))


def _groups(raw: Any) -> dict[str, Group]:
    groups: dict[str, Group] = {}
    for name, entry in _mapping(raw, "quantities groups").items():
        where = f"quantities group {name!r}"
        entry = _mapping(entry, where)
        unknown = set(entry) - {"words", "whole"}
        if unknown:
            raise QuantityDataError(f"{where}: unknown fields {sorted(unknown)}")
        whole = entry.get("whole")
        if whole is not None and not isinstance(whole, str):
            raise QuantityDataError(f"{where}: whole must be a measure name")
        groups[str(name)] = Group(str(name), _strings(entry.get("words"), where), whole)
    return groups


def _expected(raw: Any, where: str) -> Expected:
    entry = _mapping(raw, where)
    unknown = set(entry) - {"measure", "low", "high", "best", "hedge", "text"}
    if unknown or not isinstance(entry.get("measure"), str):
        raise QuantityDataError(f"{where}: needs a measure (unknown fields {sorted(unknown)})")
    hedge, text = entry.get("hedge"), entry.get("text")
    if not (hedge is None or isinstance(hedge, str)) or not (text is None or isinstance(text, str)):
        raise QuantityDataError(f"{where}: hedge and text must be strings or null")
    return Expected(
        entry["measure"],
        _number(entry.get("low"), f"{where} low"),
        _number(entry.get("high"), f"{where} high"),
        _number(entry.get("best"), f"{where} best"),
        hedge,
        None if text is None else str(text),
    )


def _examples(raw: Any, where: str) -> tuple[Example, ...]:
    if not isinstance(raw, list) or not raw:
        raise QuantityDataError(f"{where}: needs examples")
    examples: list[Example] = []
    for index, item in enumerate(raw):
        entry = _mapping(item, f"{where} example #{index}")
        text, expect = entry.get("text"), entry.get("expect")
        if not isinstance(text, str) or not isinstance(expect, list) or not expect:
            raise QuantityDataError(f"{where} example #{index}: needs text and expect")
        checks = (_expected(e, f"{where} example #{index}") for e in expect)
        examples.append(Example(text, tuple(checks)))
    return tuple(examples)


def _negatives(raw: Any, where: str) -> tuple[Negative, ...]:
    if not isinstance(raw, list) or not raw:
        raise QuantityDataError(f"{where}: needs negatives")
    negatives: list[Negative] = []
    for index, item in enumerate(raw):
        if isinstance(item, str):
            negatives.append(Negative(item, None))
            continue
        entry = _mapping(item, f"{where} negative #{index}")
        if not isinstance(entry.get("text"), str):
            raise QuantityDataError(f"{where} negative #{index}: needs text")
        absent = _strings(entry.get("absent"), f"{where} negative #{index} absent")
        negatives.append(Negative(entry["text"], absent or None))
    return tuple(negatives)


def _with_verbs(raw: Any, where: str) -> dict[str, frozenset[str]]:
    table = _mapping(raw or {}, f"{where} nouns_with_verbs")
    return {str(k).lower(): _strings(v, f"{where} nouns_with_verbs.{k}") for k, v in table.items()}


def _measure(raw: Any, index: int, groups: Mapping[str, Group]) -> Measure:
    entry = _mapping(raw, f"quantities measure #{index}")
    where = f"quantities measure {entry.get('name', index)!r}"
    unknown = set(entry) - _MEASURE_FIELDS
    if unknown:
        raise QuantityDataError(f"{where}: unknown fields {sorted(unknown)}")
    name, unit = entry.get("name"), entry.get("unit")
    if not isinstance(name, str) or not _NAME.match(name):
        raise QuantityDataError(f"{where}: name must be lowercase words joined by _")
    if unit not in UNITS:
        raise QuantityDataError(f"{where}: unit must be one of {sorted(UNITS)}, got {unit!r}")
    counts = _strings(entry.get("counts"), f"{where} counts")
    if counts - set(groups):
        raise QuantityDataError(f"{where}: unknown groups {sorted(counts - set(groups))}")
    return Measure(
        name=name,
        unit="count" if unit == "count" else "percent" if unit == "percent" else "duration",
        counts=counts,
        bare=bool(entry.get("bare", False)),
        object_verbs=_strings(entry.get("object_verbs"), f"{where} object_verbs"),
        subject_verbs=_strings(entry.get("subject_verbs"), f"{where} subject_verbs"),
        adjectives=_strings(entry.get("adjectives"), f"{where} adjectives"),
        nouns=_strings(entry.get("nouns"), f"{where} nouns"),
        nouns_with_verbs=_with_verbs(entry.get("nouns_with_verbs"), where),
        totals=_strings(entry.get("totals"), f"{where} totals"),
        examples=_examples(entry.get("examples"), where),
        negatives=_negatives(entry.get("negatives"), where),
    )


def _combined(raw: Any, names: set[str]) -> dict[frozenset[str], str]:
    if not isinstance(raw, list):
        raise QuantityDataError("quantities combined: expected a list")
    out: dict[frozenset[str], str] = {}
    for index, entry in enumerate(raw):
        entry = _mapping(entry, f"quantities combined #{index}")
        pair, result = _strings(entry.get("measures"), "quantities combined"), entry.get("is")
        if len(pair) != 2 or result not in names or pair - names:
            raise QuantityDataError(f"quantities combined #{index}: two known measures and is")
        out[pair] = str(result)
    return out


def _check_names(measures: Iterable[Measure], groups: Mapping[str, Group]) -> None:
    """Measure names are unique, and every name the data refers to is a measure."""
    names: set[str] = set()
    for measure in measures:
        if measure.name in names:
            raise QuantityDataError(f"quantities measure {measure.name!r}: duplicate name")
        names.add(measure.name)
    for group in groups.values():
        if group.whole is not None and group.whole not in names:
            raise QuantityDataError(f"quantities group {group.name!r}: unknown measure")
    for measure in measures:
        for example in measure.examples:
            for check in example.expect:
                if check.measure not in names:
                    raise QuantityDataError(
                        f"quantities measure {measure.name!r}: example {example.text!r} "
                        f"expects unknown measure {check.measure!r}"
                    )


def build_table(raw: Any) -> QuantityTable:
    """The validated table of a parsed quantities.yaml (a mapping)."""
    top = _mapping(raw, "quantities")
    if set(top) != _TOP:
        missing, extra = sorted(_TOP - set(top)), sorted(set(top) - _TOP)
        raise QuantityDataError(f"quantities: missing sections {missing}, unknown {extra}")
    numbers = _mapping(top["numbers"], "quantities numbers")
    tables = {k: _number_table(numbers.get(k), f"quantities numbers.{k}") for k in _NUMBER_FIELDS}
    groups = _groups(top["groups"])
    if not isinstance(top["measures"], list):
        raise QuantityDataError("quantities measures: expected a list")
    measures = tuple(_measure(m, i, groups) for i, m in enumerate(top["measures"]))
    _check_names(measures, groups)
    units = _strings(numbers.get("percent_units"), "quantities numbers.percent_units")
    return QuantityTable(
        words=tables["words"],
        scales=tables["scales"],
        articles=_strings(numbers.get("articles"), "quantities numbers.articles"),
        fractions=tables["fractions"],
        percent_units=tuple(sorted((tuple(u.split()) for u in units), key=lambda u: -len(u))),
        durations=tables["durations"],
        hedges=_hedges(top["hedges"]),
        vague=_vague(top["vague"]),
        groups=groups,
        containers=_strings(top["containers"], "quantities containers"),
        bare_heads=_strings(top["bare_heads"], "quantities bare_heads"),
        part_markers=_strings(top["part_markers"], "quantities part_markers"),
        whole_markers=_strings(top["whole_markers"], "quantities whole_markers"),
        deontic=_strings(top["deontic"], "quantities deontic"),
        advance_markers=_strings(top["advance_markers"], "quantities advance_markers"),
        combined=_combined(top["combined"], {m.name for m in measures}),
        measures=measures,
    )


@cache
def load_quantity_table() -> QuantityTable:
    """The packaged data/quantities.yaml (loaded once per process)."""
    text = resources.files("timeline.extract").joinpath("data/quantities.yaml").read_text("utf-8")
    try:
        raw = read_yaml(text)
    except yaml.YAMLError as exc:
        where = "timeline/extract/data/quantities.yaml"
        raise QuantityDataError(f"{where}: not valid YAML: {exc}") from exc
    return build_table(raw)


# --- numbers in the tokens ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Number:
    """A run of tokens that states a number: "58", "fifty-eight", "several hundred", "50 to 60"."""

    first: int  # token indexes, inclusive
    last: int
    low: float | None
    high: float | None
    best: float | None
    vague: str | None = None  # the vague words as written ("dozens"), lowercased
    fraction: bool = False  # "a fifth" (of something): a share in percent
    ranged: bool = False


def _digits(token: Token) -> float | None:
    """The value of a digit token ("2,000", "1.5"); None for clock times, codes, "0134"."""
    text = token.text.replace(",", "")
    if not text[:1].isdigit() or (len(text) > 1 and text[0] == "0" and text[1] != "."):
        return None
    try:
        return float(text)
    except ValueError:
        return None


def _word(token: Token, table: QuantityTable) -> float | None:
    """A number word's value, "fifty-eight" written as one token included."""
    parts = token.lower_.split("-")
    if len(parts) <= 2 and all(p in table.words for p in parts):
        return sum(table.words[p] for p in parts)
    return None


def _is_duration(token: Token, table: QuantityTable) -> bool:
    return token.lemma_.lower() in table.durations or token.lower_ in table.durations


class _Reader:
    """Reads one cardinal from token i: digits or number words with scales."""

    def __init__(self, doc: Doc, stop: int, table: QuantityTable) -> None:
        self.doc, self.stop, self.table = doc, stop, table

    def _next_is(self, j: int, scale_or_unit: bool) -> bool:
        if j >= self.stop:
            return False
        token = self.doc[j]
        if scale_or_unit:
            return token.lower_ in self.table.scales or _is_duration(token, self.table)
        return _word(token, self.table) is not None

    def read(self, i: int) -> _Number | None:
        # total: finished thousands/millions; current: the group being read; last: the kind of
        # the previous token, which decides what may follow ("fifty - eight", "hundred and five").
        total, current, last, j = 0.0, 0.0, "", i
        while j < self.stop:
            token, lower = self.doc[j], self.doc[j].lower_
            value, word = _digits(token), _word(token, self.table)
            if last == "" and value is not None:
                current, last = value, "digits"
            elif word is not None and last in {"", "scale", "join"}:
                current, last = current + word, "word"
            elif lower in self.table.scales and last in {"", "digits", "word", "article"}:
                current = (current or 1.0) * self.table.scales[lower]
                if self.table.scales[lower] >= 1000:
                    total, current = total + current, 0.0
                last = "scale"
            elif last == "" and lower in self.table.articles and self._next_is(j + 1, True):
                current, last = 1.0, "article"
            elif (
                lower in {"-", "and"} and last in {"word", "scale"} and self._next_is(j + 1, False)
            ):
                last = "join"  # "fifty - eight", "two hundred and five"
            else:
                break
            j += 1
        if last in {"", "join"}:
            return None
        value = total + current
        return _Number(i, j - 1, value, value, value)


def _read_vague(doc: Doc, i: int, stop: int, table: QuantityTable) -> _Number | None:
    """ "dozens", "several hundred", "hundreds of thousands", "a handful"."""
    first = doc[i].lower_
    for vague in table.vague:
        n = len(vague.words)
        if vague.words[0] != first or i + n > stop:
            continue  # most tokens start no vague figure: one word compared, no slice made
        if tuple(doc[k].lower_ for k in range(i, i + n)) != vague.words:
            continue
        low, high, last = vague.low, vague.high, i + n - 1
        after = last + 1
        if after + 1 < stop and doc[after].lower_ == "of":
            after += 1  # "hundreds of thousands": the scale after "of"
        scale = table.scales.get(doc[after].lower_.removesuffix("s")) if after < stop else None
        if scale is not None:
            low, high, last = _times(low, scale), _times(high, scale), after
        return _Number(i, last, low, high, None, vague=" ".join(vague.words))
    return None


def _times(value: float | None, scale: float) -> float | None:
    return None if value is None else value * scale


def _read_fraction(doc: Doc, i: int, stop: int, table: QuantityTable) -> _Number | None:
    """ "half of", "a fifth of", "two thirds of": a share, in percent."""
    count, j = 1.0, i
    if doc[i].lower_ in table.articles or _word(doc[i], table) is not None:
        count, j = _word(doc[i], table) or 1.0, i + 1
    if j + 1 >= stop or doc[j].lower_ not in table.fractions or doc[j + 1].lower_ != "of":
        return None
    value = round(100 * count * table.fractions[doc[j].lower_], 2)
    return _Number(i, j, value, value, value, fraction=True)


def _read_half(doc: Doc, i: int, stop: int, table: QuantityTable) -> _Number | None:
    """ "half an hour"."""
    if doc[i].lower_ != "half" or i + 2 >= stop or doc[i + 1].lower_ not in table.articles:
        return None
    return _Number(i, i + 1, 0.5, 0.5, 0.5) if _is_duration(doc[i + 2], table) else None


def _read_number(doc: Doc, i: int, stop: int, table: QuantityTable) -> _Number | None:
    for reader in (_read_vague, _read_fraction, _read_half):
        number = reader(doc, i, stop, table)
        if number is not None:
            return number
    return _Reader(doc, stop, table).read(i)


def _with_range(doc: Doc, number: _Number, stop: int, table: QuantityTable) -> _Number:
    """ "50 to 60", "50-60", "between 50 and 60"; "from 50 to 72" and "by 10 to 72" are
    changes, not ranges."""
    j = number.last + 1
    if number.vague or number.fraction or number.best is None or j + 1 >= stop:
        return number
    before = doc[number.first - 1].lower_ if number.first > 0 else ""
    joiner = doc[j].lower_
    if joiner not in {"to", "-", "–"} and not (joiner == "and" and before == "between"):
        return number
    other = _Reader(doc, stop, table).read(j + 1)
    if before in {"from", "by"} or other is None or other.best is None:
        return number
    if other.best <= number.best:
        return number
    return _Number(number.first, other.last, number.best, other.best, None, ranged=True)


def _phone_like(doc: Doc, number: _Number, stop: int) -> bool:
    """Digit groups in a row ("202 555 0134") are a code, not a number."""
    after, before = number.last + 1, number.first - 1
    digit_after = after < stop and doc[after].is_digit and doc[number.last].is_digit
    digit_before = before >= 0 and doc[before].like_num and doc[number.first].is_digit
    return digit_after or digit_before or doc[number.first].text.startswith("+")


def _numbers(doc: Doc, first: int, stop: int, table: QuantityTable) -> Iterator[_Number]:
    i = first
    while i < stop:
        number = _read_number(doc, i, stop, table)
        if number is None:
            i += 1
            continue
        number = _with_range(doc, number, stop, table)
        if not _phone_like(doc, number, stop):
            yield number
        i = number.last + 1


# --- the phrase around a number ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Phrase:
    number: _Number
    hedge: Hedge | None
    first: int  # token index where the phrase starts (the hedge, else the number)
    top: Token  # where the phrase hangs in the parse: its noun, or the number itself
    unit: Token | None  # the noun the number modifies ("people", "percent", "hours")
    unit_last: int  # the last token of the written figure and unit
    kind: Unit


def _hedge_before(doc: Doc, number: _Number, floor: int, table: QuantityTable) -> Hedge | None:
    """The longest hedge phrase just before the number, in its sentence and the range."""
    for hedge in table.hedges:
        start = number.first - len(hedge.words)
        if start < floor or any(t.is_sent_start for t in doc[start + 1 : number.first + 1]):
            continue
        if tuple(t.lower_ for t in doc[start : number.first]) == hedge.words:
            return hedge if _linked(doc, start, number) else None
    return None


def _linked(doc: Doc, start: int, number: _Number) -> bool:
    """The hedge words hang on the number (advmod, quantmod, amod: "at least 58") or the
    number on them ("over 200" parsed as a preposition, "as high as 100")."""
    span = range(start, number.last + 1)
    anchor = doc[number.last]
    near = {anchor.i, anchor.head.i, *(t.i for t in list(anchor.ancestors)[:3])}
    for token in doc[start : number.first]:
        if token.i in near or any(a.i in span or a == anchor.head for a in token.ancestors):
            return True
    return False


def _percent_after(doc: Doc, last: int, stop: int, table: QuantityTable) -> int | None:
    """The last token of "percent", "%", "per cent" right after the number."""
    for words in table.percent_units:
        end = last + 1 + len(words)
        if end <= stop and tuple(t.lower_ for t in doc[last + 1 : end]) == words:
            return end - 1
    return None


def _outside(doc: Doc, first: int, last: int) -> Token:
    """The token of [first, last] whose head lies outside it (a number token preferred)."""
    outside = [t for t in doc[first : last + 1] if t.head == t or not first <= t.head.i <= last]
    numeric = [t for t in outside if t.like_num or t.pos_ == "NUM"]
    return (numeric or outside or [doc[last]])[-1]


_UNIT_DEPS = frozenset({"nummod", "quantmod", "compound", "amod", "det", "predet"})


def _phrase(doc: Doc, number: _Number, floor: int, stop: int, table: QuantityTable) -> _Phrase:
    hedge = _hedge_before(doc, number, floor, table)
    first = number.first - (len(hedge.words) if hedge else 0)
    percent = _percent_after(doc, number.last, stop, table)
    if percent is not None:  # "40 percent", "25%", "40 per cent"
        top = _outside(doc, first, percent)
        return _Phrase(number, hedge, first, top, doc[percent], percent, "percent")
    top = _outside(doc, first, number.last)
    unit = top.head if top.dep_ in _UNIT_DEPS and top.head.i > number.last else None
    if unit is not None and (unit.like_num or unit.pos_ == "NUM"):
        # "as high as 60 with up to 250 injured" parsed with 60 hanging on 250: no unit, and
        # 60 takes the place of 250 in the clause.
        return _Phrase(number, hedge, first, unit, None, number.last, "count")
    while unit is not None and unit.dep_ == "compound" and unit.head.i > unit.i:
        if _is_duration(unit, table):  # "a 10-minute warning" counts minutes
            break
        unit = unit.head  # "six MiG-23 fighter jets": the parser may hang the number on "fighter"
    if unit is None:
        kind: Unit = "percent" if number.fraction else "count"
        return _Phrase(number, hedge, first, top, None, number.last, kind)
    kind = "duration" if _is_duration(unit, table) else "count"
    unit_last = unit.i if unit.i < stop else number.last
    return _Phrase(number, hedge, first, unit, unit, unit_last, kind)


def _excluded(doc: Doc, phrase: _Phrase, table: QuantityTable) -> bool:
    """Not a figure: a label ("Resolution 2118"), an ordinal, money, a date or clock time, or
    "one of the deadliest"."""
    tokens = doc[phrase.number.first : phrase.number.last + 1]
    labels = {t.ent_type_ for t in tokens}
    if "ORDINAL" in labels and not phrase.number.fraction:
        return True
    if _labelled(phrase) or _one_of(doc, phrase):
        return True
    return _in_entity(doc, phrase, labels, table)


def _labelled(phrase: _Phrase) -> bool:
    """ "Resolution 2118", "DDG 78", "page 2": a number after the noun it names."""
    top = phrase.top
    return (
        phrase.unit is None
        and top.head.i < top.i
        and top.head.pos_ in {"NOUN", "PROPN"}
        and (top.dep_ in {"nummod", "appos", "compound", "npadvmod"})
    )


def _in_entity(doc: Doc, phrase: _Phrase, labels: set[str], table: QuantityTable) -> bool:
    """The entity tagger's DATE, TIME and MONEY numbers are no figures, unless the number
    counts a noun of a group ("between 50 and 60 people" is often tagged DATE), is a duration
    or a percent, or the entity holds nothing but the number's words ("rose from 58 to 72" is
    often tagged DATE, "roughly 2.5 million" MONEY)."""
    if not labels & _NOT_FIGURES:
        return False
    if (phrase.kind == "duration" and labels & _TIME_LABELS) or phrase.kind == "percent":
        return False
    if phrase.unit is not None:
        return not _groups_of(phrase.unit, table)
    entity = [t for t in doc[phrase.number.first : phrase.number.last + 1] if t.ent_type_]
    whole = doc[_entity_start(entity[0]) : _entity_end(entity[-1])]
    return any(_date_like(t, table) for t in whole)


def _entity_end(token: Token) -> int:
    """The index after the last token of the entity `token` is in."""
    i = token.i
    while i + 1 < len(token.doc) and token.doc[i + 1].ent_iob_ == "I":
        i += 1
    return i + 1


def _entity_start(token: Token) -> int:
    """The index of the first token of the entity `token` is in."""
    i = token.i
    while i > 0 and token.doc[i].ent_iob_ == "I":
        i -= 1
    return i


def _date_like(token: Token, table: QuantityTable) -> bool:
    """A word of a date, a clock or money ("May", "ago", "a.m.", "7:15", "$") or a year."""
    value = _digits(token)
    if value is not None:
        return token.is_digit and len(token.text) == 4  # a year; "2,000" has its comma
    if _word(token, table) is not None or token.lower_ in table.scales:
        return False
    return token.lower_ not in _RANGE_WORDS and not any(
        token.lower_ in h.words for h in table.hedges
    )


def _one_of(doc: Doc, phrase: _Phrase) -> bool:
    """ "one of the deadliest attacks": a member of a set, not a count."""
    token = doc[phrase.number.first]
    single = phrase.number.first == phrase.number.last
    return single and token.lower_ == "one" and _of_object(token) is not None


# --- what the number counts --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Ask:
    """What a governing word must fit: the figure's kind, its groups (None: it counts no
    noun), and a noun of nouns_with_verbs that it counts or passed ("the lives of")."""

    kind: Unit
    groups: frozenset[str] | None
    via: str | None = None


class _Drop(Exception):
    """The figure is a part of another ("including 11 children") or not what happened."""


def _names(token: Token) -> set[str]:
    """The names a word may be listed under: lemma, text, "cruise missile", "mig" of MiG-23."""
    lemma = token.lemma_.lower()
    names = {lemma, token.lower_, lemma.split("-")[0], token.lower_.removesuffix("s")}
    compounds = [c.lemma_.lower() for c in token.children if c.dep_ == "compound"]
    if compounds:
        names.add(f"{compounds[-1]} {lemma}")
    return names


def _groups_of(token: Token, table: QuantityTable) -> frozenset[str]:
    names = _names(token)
    found = {g.name for g in table.groups.values() if names & g.words}
    if token.ent_type_ == "NORP" and token.tag_ in {"NNPS", "NNS"}:
        found.add("persons")  # "12 Syrians", "9 Kurds"
    return frozenset(found)


def _of_object(token: Token) -> Token | None:
    """The noun after a child "of" ("dozens of people", "40 percent of the town")."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _antecedent(doc: Doc, before: int, table: QuantityTable) -> frozenset[str]:
    """The groups of the last counted noun before a pronoun ("fired 59 missiles ... 23 of
    them"), looking back over its sentence and the two before it."""
    floor = doc[before].sent.start
    for _ in range(2):
        if floor > 0:
            floor = doc[floor - 1].sent.start
    for token in reversed(doc[floor:before]):
        groups = _groups_of(token, table)
        if groups and any(c.dep_ == "nummod" for c in token.children):
            return groups
    return frozenset()


def _counted(phrase: _Phrase, table: QuantityTable) -> Token | None:
    """The noun the figure counts; None when it counts none ("300 wounded", "killed 58")."""
    if phrase.kind == "percent":
        return _of_object(phrase.unit or phrase.top) or _of_object(phrase.top)
    if phrase.unit is not None and phrase.unit.lemma_.lower() not in table.bare_heads:
        return phrase.unit
    if phrase.unit is not None:
        return None
    return _of_object(phrase.top) or _of_which(phrase.top)


def _of_which(top: Token) -> Token | None:
    """ "150 rockets, of which 40 were intercepted": 40 counts the noun the clause is on."""
    clause = top.head
    if clause.dep_ != "relcl" or top.dep_ not in _SUBJECTS | {"nsubjpass"}:
        return None
    relative = _of_object(clause)
    return clause.head if relative is not None and relative.lower_ in _RELATIVES else None


def _ask(phrase: _Phrase, table: QuantityTable) -> _Ask:
    """What the governing word must fit, from the counted noun."""
    counted = _counted(phrase, table)
    if counted is None:
        return _Ask(phrase.kind, None)
    lemma = counted.lemma_.lower()
    if any(lemma in m.nouns_with_verbs for m in table.measures):
        return _Ask(phrase.kind, frozenset(), via=lemma)  # "recovered 17 bodies"
    if counted.lower_ in _PRONOUNS:
        return _Ask(phrase.kind, _antecedent(counted.doc, counted.i, table))
    return _Ask(phrase.kind, _groups_of(counted, table))


# --- the word that says which measure ----------------------------------------------------


def _fits(measure: Measure, ask: _Ask) -> bool:
    if measure.unit != ask.kind:
        return False
    if ask.groups is None:
        return measure.bare
    return bool(measure.counts & ask.groups)


def _lemmas(token: Token) -> set[str]:
    """A word's lemma and text, a verb's also with its particle ("take out")."""
    lemma = token.lemma_.lower()
    particles = {f"{lemma} {c.lower_}" for c in token.children if c.dep_ == "prt"}
    return particles | {lemma, token.lower_}


def _passive(verb: Token) -> bool:
    """ "were killed", and the bare participle of a reduced clause ("and 300 wounded")."""
    deps = {c.dep_ for c in verb.children}
    if "auxpass" in deps or "nsubjpass" in deps:
        return True
    has = any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    return verb.tag_ == "VBN" and not has and verb.dep_ != "ROOT"


def _deontic(verb: Token, table: QuantityTable) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in table.deontic for c in verb.children)


def _by_verb_word(verb: Token, role: str, ask: _Ask, table: QuantityTable) -> str | None:
    lemmas = _lemmas(verb)
    for measure in table.measures:
        if ask.via is not None:
            if measure.unit == ask.kind and lemmas & measure.nouns_with_verbs.get(ask.via, set()):
                return measure.name
        elif _fits(measure, ask):
            verbs = measure.object_verbs if role == "object" else measure.subject_verbs
            if lemmas & verbs:
                return measure.name
    return None


def _by_modifier(word: Token, ask: _Ask, table: QuantityTable) -> str | None:
    """An adjective or participle that says the measure ("12 civilians dead", "nine injured")."""
    if word.dep_ == "relcl" and word.tag_ in _FINITE:  # "the men who killed 3" did the killing
        return None
    names = _names(word)
    for measure in table.measures:
        if not _fits(measure, ask):
            continue
        if names & measure.adjectives or (word.tag_ == "VBN" and names & measure.object_verbs):
            return measure.name
    return None


def _by_predicate(verb: Token, ask: _Ask, table: QuantityTable) -> str | None:
    """ "left 40 villagers dead", "15 were dead", "scores reported killed", "remain missing"."""
    for child in verb.children:
        if child.dep_ in _PREDICATES:
            found = _by_modifier(child, ask, table)
            if found is not None:
                return found
    return None


def _by_total(noun: Token, kind: Unit, table: QuantityTable) -> str | None:
    """ "death toll", "toll", "number of dead": a noun whose value the number is."""
    of = _of_object(noun)
    lemma = noun.lemma_.lower()
    if of is not None:
        names = [f"{lemma} of {of.lower_}", f"{lemma} of {of.lemma_.lower()}"]
    else:
        names = sorted(_names(noun), key=len, reverse=True)
    for name in names:
        for measure in table.measures:
            if measure.unit == kind and name in measure.totals:
                return measure.name
    return None


def _by_subject_total(
    verb: Token, ask: _Ask, table: QuantityTable, deps: frozenset[str] = frozenset({"nsubj"})
) -> str | None:
    """ "the death toll rose to 72", "the toll was at least 67"; with the object too for a
    value after a preposition ("put the number of dead at 41")."""
    for child in verb.children:
        if child.dep_ in deps | {"nsubjpass"}:
            found = _by_total(child, ask.kind, table)
            if found is not None:
                return found
    return None


def _combine(verb: Token, found: str, ask: _Ask, table: QuantityTable) -> str:
    """ "killed and injured dozens": one count that verbs of a combined pair share. A
    conjoined verb with its own subject or object is a clause of its own ("50 were killed
    and 300 wounded"); the verb this one is conjoined to shares its subject."""
    own = {"dobj", "nsubj", "nsubjpass"}
    others = [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    others = [c for c in others if not any(g.dep_ in own for g in c.children)]
    head = verb.head
    patient = {"dobj", "nsubjpass"}
    if (
        verb.dep_ == "conj"
        and head.pos_ == "VERB"
        and all(g.dep_ not in patient for g in head.children)
    ):
        others.append(head)
    for other in others:
        second = _by_verb_word(other, "object", ask, table)
        if second is not None and second != found:
            return table.combined.get(frozenset({found, second}), found)
    return found


def _role(node: Token, verb: Token) -> str:
    if node.dep_ in _SUBJECTS:
        return "subject"
    if node.dep_ in _VALUES:
        return "value"
    if node.dep_ in _OBJECTS:
        return "object"
    return "subject" if node.i < verb.i else "object"  # a misparsed "Over 200 were hurt"


def _by_verb(verb: Token, role: str, ask: _Ask, table: QuantityTable) -> str | None:
    if _deontic(verb, table):
        raise _Drop
    if role == "subject" and _passive(verb):
        role = "object"
    elif role == "agent":  # "hit by 14 rockets": the rockets did the hitting
        role = "subject"
    if role == "value":
        found = _by_subject_total(verb, ask, table, frozenset({"nsubj", "dobj"}))
        return found or _by_predicate(verb, ask, table)
    found = _by_verb_word(verb, role, ask, table)
    if found is not None:
        return _combine(verb, found, ask, table)
    if ask.via:
        return None
    if role == "object" and verb.lemma_.lower() not in table.part_markers:
        found = _by_subject_total(verb, ask, table)  # "the toll reached 40" ("included": a part)
    return found or _by_predicate(verb, ask, table)


def _self_noun(word: Token | None, ask: _Ask, table: QuantityTable) -> str | None:
    """A word that is the measure itself: "143 deaths", "up to 300 hurt", "three strikes"."""
    if word is None:
        return None
    names = _names(word)
    for measure in table.measures:
        if measure.unit == ask.kind and names & measure.nouns:
            return measure.name
    return None


_Step = tuple["Token | None", _Ask, "str | None"]


def _through_of(owner: Token, ask: _Ask, table: QuantityTable) -> _Step:
    """A count after "of": the noun before it decides, or passes it on."""
    if owner.like_num or owner.pos_ == "NUM":  # "23 of the 59 missiles": 59 is the whole
        wholes = [table.groups[g].whole for g in sorted(ask.groups or ())]
        return None, ask, next((w for w in wholes if w), None)
    lemma = owner.lemma_.lower()
    if any(lemma in m.nouns_with_verbs for m in table.measures):
        return owner, _Ask(ask.kind, ask.groups, via=lemma), None  # "claimed the lives of dozens"
    if lemma in table.containers:
        return owner, ask, None  # "fired a barrage of 40 rockets"
    found = _by_total(owner, ask.kind, table)  # "a death toll of 72"
    if found is None:  # "the destruction of 30 percent of the fleet"
        names = _names(owner)
        found = next((m.name for m in table.measures if _fits(m, ask) and names & m.nouns), None)
    return None, ask, found


def _through_prep(node: Token, ask: _Ask, table: QuantityTable) -> _Step:
    """One step up from a prepositional object."""
    prep, target = node.head, node.head.head
    word = prep.lower_
    if word in table.part_markers or prep.lemma_.lower() in table.part_markers:
        raise _Drop  # "including 11 children"
    if word == "of":
        return _through_of(target, ask, table)
    if word in {"to", "at", "as"}:  # "rose to 72", "stood at 20", "as high as 80"
        if target.pos_ in {"ADJ", "ADV"} or target.dep_ == "prep":  # "rose from 58 to 72"
            target = target.head
        if target.pos_ in {"VERB", "AUX"}:
            return None, ask, _by_verb(target, "value", ask, table)
    if word == "by" and target.pos_ == "VERB":
        return None, ask, _by_verb(target, "agent", ask, table)
    return None, ask, None


def _step(node: Token, ask: _Ask, table: QuantityTable) -> _Step:
    """One step from the counted phrase towards the word that governs it."""
    head = node.head
    if any(c.dep_ == "prep" and c.lower_ in table.whole_markers for c in node.children):
        raise _Drop  # "3 children among 12 civilians"
    if node.dep_ == "pobj":
        return _through_prep(node, ask, table)
    if head.pos_ in {"VERB", "AUX"}:
        return None, ask, _by_verb(head, _role(node, head), ask, table)
    if node.dep_ in {"conj", "appos"} and head.pos_ in {"NOUN", "PROPN", "NUM", "PRON"}:
        return head, ask, None  # "destroyed a depot, a radar, three jets"
    return None, ask, None


def _governed(start: Token, ask: _Ask, table: QuantityTable) -> str | None:
    node: Token | None = start
    for _ in range(12):  # paths are short; the bound guards against odd parses
        if node is None or node.head == node:
            return None
        node, ask, found = _step(node, ask, table)
        if found is not None:
            return found
    return None


def _own_subject(clause: Token) -> bool:
    return any(
        c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ not in _RELATIVES for c in clause.children
    )


def _modified(phrase: _Phrase, ask: _Ask, table: QuantityTable) -> str | None:
    """ "58 people killed", "12 civilians dead", "another nine injured"; and a bare number's
    participle right after it ("with up to 400 injured"), which the parser may hang on
    another word of the clause."""
    if ask.via is not None:
        return None
    # A relative clause with a subject of its own tells of something else ("150 rockets, of
    # which 40 were intercepted").
    words = [c for c in phrase.top.children if c.dep_ in _MODIFIERS and not _own_subject(c)]
    after = phrase.number.last + 1
    if phrase.unit is None and after < len(phrase.top.doc):
        following = phrase.top.doc[after]
        if following.tag_ in {"VBN", "JJ"}:
            words.append(following)
    for word in words:
        found = _by_modifier(word, ask, table)
        if found is not None:
            return found
    return None


def _count_measure(phrase: _Phrase, table: QuantityTable) -> str | None:
    ask = _ask(phrase, table)
    try:
        found = _modified(phrase, ask, table) or _governed(phrase.top, ask, table)
    except _Drop:
        return None
    if found is None and ask.via is None:
        # The noun the number modifies, or after a vague number ("dozens of deaths"); not
        # after a partitive numeral ("two of the victims" are not two casualties).
        vague = _counted(phrase, table) if phrase.number.vague else None
        return _self_noun(phrase.unit or vague, ask, table)
    return found


# --- lead times ------------------------------------------------------------------------


def _in_advance(unit: Token, nouns: frozenset[str], table: QuantityTable) -> bool:
    """ "two hours before", "40 minutes in advance", "an hour's warning"."""
    near = [unit.head, *unit.children]
    near += [g for c in unit.children if c.dep_ == "prep" for g in c.children]
    if any(t.lemma_.lower() in table.advance_markers for t in near):
        return True
    # "30 minutes' notice", "a 10-minute warning": the duration of the warning itself.
    return unit.dep_ in {"poss", "compound", "amod", "nmod"} and unit.head.lemma_.lower() in nouns


def _warned(unit: Token, words: frozenset[str], table: QuantityTable) -> bool:
    """A warning word on the path to the root, or a subject or object of a verb on it; a
    verb of what ought to have been ("should have come") on the path rules it out."""
    for node in [unit, *unit.ancestors]:
        if _deontic(node, table):
            return False
        near = [node, *(c for c in node.children if c.dep_ in _SUBJECTS | _OBJECTS)]
        if any(_lemmas(t) & words for t in near):
            return True
    return False


def _lead_time(phrase: _Phrase, table: QuantityTable) -> str | None:
    unit = phrase.unit
    for measure in table.measures:
        if measure.unit != "duration" or unit is None:
            continue
        words = measure.object_verbs | measure.nouns
        if _in_advance(unit, measure.nouns, table) and _warned(unit, words, table):
            return measure.name
    return None


# --- the figure ---------------------------------------------------------------------------


def _bounds(phrase: _Phrase, scale: float) -> tuple[float | None, float | None, float | None]:
    """low, high and best, in the measure's unit (minutes for durations)."""
    number, hedge = phrase.number, phrase.hedge
    if number.vague or number.ranged or hedge is None or number.best is None:
        return _scaled(number.low, scale), _scaled(number.high, scale), _scaled(number.best, scale)
    n = number.best * scale
    low = None if hedge.low is None else hedge.low.apply(n, phrase.kind, low=True)
    high = None if hedge.high is None else hedge.high.apply(n, phrase.kind, low=False)
    return low, high, n


def _scaled(value: float | None, scale: float) -> float | None:
    return None if value is None else round(value * scale, 4)


def _hedge_text(doc: Doc, phrase: _Phrase) -> str | None:
    if phrase.number.vague:
        return phrase.number.vague
    if phrase.hedge is not None:
        return " ".join(phrase.hedge.words)
    first = phrase.number.first
    if phrase.number.ranged and first > 0 and doc[first - 1].lower_ == "between":
        return "between"
    return None


def _span(doc: Doc, phrase: _Phrase, floor: int, stop: int) -> tuple[int, int]:
    first, last = phrase.first, phrase.unit_last
    if phrase.number.ranged and first > floor and doc[first - 1].lower_ == "between":
        first -= 1
    if phrase.number.vague and phrase.unit is None:
        counted = _of_object(doc[phrase.number.last])
        if counted is not None and counted.i < stop:
            last = counted.i  # "dozens of people"
    return doc[first].idx, doc[last].idx + len(doc[last])


@dataclass(frozen=True, slots=True)
class _Found:
    quantity: Quantity
    unit: Token | None  # the counted noun, for joining conjoined counts


def _quantity(
    doc: Doc, number: _Number, floor: int, stop: int, table: QuantityTable
) -> _Found | None:
    phrase = _phrase(doc, number, floor, stop, table)
    if _excluded(doc, phrase, table):
        return None
    if phrase.kind == "duration":
        measure = _lead_time(phrase, table)
    else:
        measure = _count_measure(phrase, table)
    if measure is None:
        return None
    scale = 1.0
    if phrase.kind == "duration" and phrase.unit is not None:
        unit = phrase.unit
        scale = table.durations.get(unit.lemma_.lower(), table.durations.get(unit.lower_, 1.0))
    low, high, best = _bounds(phrase, scale)
    start, end = _span(doc, phrase, floor, stop)
    hedge = _hedge_text(doc, phrase)
    counted = phrase.unit if phrase.kind == "count" else None
    return _Found(
        Quantity(measure, low, high, best, hedge, text_of(doc)[start:end], start, end), counted
    )


def _one_more(noun: Token, first: Token, table: QuantityTable) -> bool:
    """ "and a general": a singular conjunct with an article, of the first noun's group."""
    article = any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in noun.children)
    numbered = any(c.dep_ == "nummod" for c in noun.children)
    same = bool(_groups_of(noun, table) & _groups_of(first, table))
    return article and not numbered and noun.tag_ in {"NN", "NNP"} and same


def _add(values: list[float | None]) -> float | None:
    return None if any(v is None for v in values) else sum(v for v in values if v is not None)


def _joined(doc: Doc, parts: list[Quantity], ones: list[Token]) -> Quantity:
    """One figure of conjoined counts: their sum, from the first to the last conjunct."""
    extra = float(len(ones))
    low, high, best = (
        _add([*(getattr(q, f) for q in parts), extra]) for f in ("low", "high", "best")
    )
    hedge = next((q.hedge for q in parts if q.hedge), None)
    end = max([parts[-1].end, *(t.idx + len(t) for t in ones)])
    start = parts[0].start
    return Quantity(parts[0].measure, low, high, best, hedge, text_of(doc)[start:end], start, end)


def _join_conjuncts(
    doc: Doc, found: list[_Found], end: int, table: QuantityTable
) -> list[Quantity]:
    """ "three soldiers and a general were killed" is one figure, four; so is "killed 5
    soldiers and 3 civilians" (eight): an account's conjoined counts of one measure are its
    total, not figures that disagree with each other."""
    by_unit = {f.unit.i: f for f in found if f.unit is not None}
    taken: set[int] = set()
    out: list[Quantity] = []
    for item in found:
        if item.unit is None or item.unit.i in taken:
            if item.unit is None:
                out.append(item.quantity)
            continue
        parts, ones = [item.quantity], []
        for noun in (c for c in item.unit.conjuncts if c.i > item.unit.i):
            other = by_unit.get(noun.i)
            if other is not None and other.quantity.measure == item.quantity.measure:
                parts.append(other.quantity)
                taken.add(noun.i)
            elif (
                other is None and noun.idx + len(noun) <= end and _one_more(noun, item.unit, table)
            ):
                ones.append(noun)
        out.append(_joined(doc, parts, ones) if len(parts) > 1 or ones else item.quantity)
    return out


def find_quantities(
    doc: Doc, start: int, end: int, table: QuantityTable | None = None
) -> tuple[Quantity, ...]:
    """The figures stated inside doc.text[start:end] (an account's evidence), sorted by start.

    The number, its hedge and its unit lie inside the range; the words that say what it
    counts may lie outside it (the range may be one clause of a sentence).
    """
    table = table or load_quantity_table()
    inside = [t.i for t in doc if t.idx >= start and t.idx + len(t) <= end]
    if not inside:
        return ()
    floor, stop = inside[0], inside[-1] + 1
    found = [_quantity(doc, n, floor, stop, table) for n in _numbers(doc, floor, stop, table)]
    found_sorted = sorted((f for f in found if f is not None), key=lambda f: f.quantity.start)
    joined = _join_conjuncts(doc, found_sorted, end, table)
    return tuple(sorted(joined, key=lambda q: (q.start, q.end)))
