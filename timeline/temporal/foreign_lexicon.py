"""The words of the foreign-language tagger: dateparser's language data (month and weekday
names, units, "ago" words, its table of relative phrases, its number words) merged with
our own per-language file (data/languages/<code>.yaml: the forms dateparser lacks, the
prepositions that make a bare year or month a date, and the corpus), validated on load.

Only the data is taken from dateparser; finding expressions and their TIMEX3 meaning are
ours (`foreign.py`). Pure: reading packaged files only.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

LANGUAGES = ("ru", "uk", "ar", "fr", "de", "es")  # read with dateparser's language data
SUPPORTED_LANGUAGES = ("en", *LANGUAGES)  # English has rules of its own (tagger.py)
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
UNITS = ("year", "month", "week", "day")
# dateparser's canonical relative meanings: "1 week ago", "in 2 day", "0 year ago", "2 day".
_MEANING = re.compile(r"(?:(?P<later>in) )?(?P<n>\d+) (?P<unit>\w+)(?P<ago> ago)?")
# The tokens of a text and of a phrase: numbers (with an ordinal suffix: "1er", "1º"),
# words with their apostrophes and hyphens ("aujourd'hui", "avant-hier").
TOKEN = re.compile(r"\d+(?:er|º|°)?|[^\W\d_]+(?:['-][^\W\d_]+)*")
_YAML_KEYS = {
    "language",
    "name",
    "months",
    "weekdays",
    "units",
    "ago",
    "later",
    "numbers",
    "relative",
    "year_before",
    "month_before",
    "connectors",
    "leading",
    "modifiers",
    "excluded",
    "not_after",
    "anchor",
    "positive",
    "negative",
}


class UnsupportedLanguage(ValueError):
    """No rules or data for this language; the message names the supported ones."""

    def __init__(self, language: str) -> None:
        self.language = language
        supported = ", ".join(SUPPORTED_LANGUAGES)
        super().__init__(f"language {language!r} is not supported; supported: {supported}")


class ForeignLexiconError(ValueError):
    """A language file is malformed; the message names the file and the entry."""


@dataclass(frozen=True, slots=True)
class Word:
    """What a phrase of the language means to the tagger. `kind` is month (value 1-12),
    weekday (0-6), unit (`unit`), year_word (a word naming the year: "г.", "Jahr"), ago,
    later, number (value), relative (a deictic phrase: `unit`, `value` units away,
    negative in the past) or now."""

    kind: str
    value: int = 0
    unit: str = ""
    full: bool = False  # a full name (our file's), never an abbreviation: "آب" (August)


Phrase = tuple[str, ...]


@dataclass(frozen=True)
class Vocabulary:
    language: str
    phrases: dict[Phrase, tuple[Word, ...]]
    longest: int  # words in the longest phrase
    year_before: frozenset[str]  # "в 2016", "en 2016": a bare year after one is a year
    month_before: frozenset[str]  # "в ноябре": a bare month name after one is a month
    connectors: frozenset[str]  # words inside a date: "9 de noviembre de 2017"
    leading: frozenset[str]  # prepositions that start a relative phrase but not its span
    # words before a date that make it its start, end, middle or an approximation, by
    # TIMEX3 mod: "в начале ноября" (START), "a finales de 2016" (END)
    modifiers: dict[str, str] = field(default_factory=dict)
    # phrases that mean no date after these words (German "am Morgen" is the morning)
    not_after: dict[Phrase, frozenset[str]] = field(default_factory=dict)
    corpus: dict[str, Any] = field(default_factory=dict)

    def words(self, phrase: Phrase, kind: str) -> list[Word]:
        return [w for w in self.phrases.get(phrase, ()) if w.kind == kind]


def normalize(text: str) -> str:
    """Lowercase, "ё" read as "е" and typographic apostrophes as "'", without changing
    the length (offsets stay valid)."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low.replace("ё", "е").replace("’", "'")


def words_of(text: str) -> Phrase:
    return tuple(m.group() for m in TOKEN.finditer(normalize(text)))


@cache
def vocabulary(language: str) -> Vocabulary:
    if language not in LANGUAGES:
        raise UnsupportedLanguage(language)
    raw = _load_file(language)
    excluded = {words_of(w) for w in _strings(raw, "excluded", language)}
    phrases: dict[Phrase, list[Word]] = {}
    for phrase, word in [*_dateparser_words(language), *_own_words(raw, language)]:
        key = words_of(phrase)
        if key and key not in excluded and word not in phrases.setdefault(key, []):
            phrases[key].append(word)
    return Vocabulary(
        language=language,
        phrases={k: tuple(v) for k, v in phrases.items()},
        longest=max(len(k) for k in phrases),
        year_before=frozenset(_strings(raw, "year_before", language)),
        month_before=frozenset(_strings(raw, "month_before", language)),
        connectors=frozenset(_strings(raw, "connectors", language)),
        leading=frozenset(_strings(raw, "leading", language)),
        modifiers=_modifiers(raw, language),
        not_after=_not_after(raw, language),
        corpus={k: raw[k] for k in ("anchor", "positive", "negative") if k in raw},
    )


MODS = ("START", "MID", "END", "APPROX")


def _modifiers(raw: dict[str, Any], language: str) -> dict[str, str]:
    table = _named(raw, "modifiers", MODS, language)
    return {normalize(word): mod for mod, words in table.items() for word in words}


def _not_after(raw: dict[str, Any], language: str) -> dict[Phrase, frozenset[str]]:
    table = raw.get("not_after", {})
    ok = isinstance(table, dict) and all(
        isinstance(k, str) and isinstance(v, list) and all(isinstance(w, str) for w in v)
        for k, v in table.items()
    )
    if not ok:
        raise ForeignLexiconError(f"languages/{language}.yaml: 'not_after' maps a phrase to words")
    return {words_of(k): frozenset(normalize(w) for w in v) for k, v in table.items()}


def _load_file(language: str) -> dict[str, Any]:
    path = resources.files("timeline.temporal").joinpath(f"data/languages/{language}.yaml")
    raw = yaml.safe_load(path.read_text("utf-8"))
    where = f"languages/{language}.yaml"
    if not isinstance(raw, dict):
        raise ForeignLexiconError(f"{where}: must be a mapping")
    unknown = set(raw) - _YAML_KEYS
    if unknown:
        raise ForeignLexiconError(f"{where}: unknown keys {sorted(unknown)}")
    if raw.get("language") != language:
        raise ForeignLexiconError(f"{where}: 'language' must be {language!r}")
    return raw


def _strings(raw: dict[str, Any], key: str, language: str) -> list[str]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ForeignLexiconError(f"languages/{language}.yaml: '{key}' must be a list of words")
    return [normalize(v) for v in value]


def _named(raw: dict[str, Any], key: str, names: tuple[str, ...], language: str) -> dict[str, Any]:
    table = raw.get(key, {})
    where = f"languages/{language}.yaml: '{key}'"
    if not isinstance(table, dict) or not set(table) <= set(names):
        raise ForeignLexiconError(f"{where} must map names among {', '.join(names)} to words")
    for name, forms in table.items():
        if not isinstance(forms, list) or not all(isinstance(f, str) for f in forms):
            raise ForeignLexiconError(f"{where}[{name}] must be a list of words")
    return table


def _own_words(raw: dict[str, Any], language: str) -> list[tuple[str, Word]]:
    """The forms our file adds to dateparser's ("в ноябре", "تشرين الثاني", "قبل")."""
    found: list[tuple[str, Word]] = []
    for index, name in enumerate(MONTHS):
        found += [
            (f, Word("month", index + 1, full=True))
            for f in _named(raw, "months", MONTHS, language).get(name, [])
        ]
    for index, name in enumerate(WEEKDAYS):
        found += [
            (f, Word("weekday", index))
            for f in _named(raw, "weekdays", WEEKDAYS, language).get(name, [])
        ]
    for name, forms in _named(raw, "units", UNITS, language).items():
        found += [(f, _unit_word(name)) for f in forms]
    found += [(f, Word("ago")) for f in _strings(raw, "ago", language)]
    found += [(f, Word("later")) for f in _strings(raw, "later", language)]
    numbers = raw.get("numbers", {})
    if not isinstance(numbers, dict) or not all(
        isinstance(k, str) and isinstance(v, int) and v > 0 for k, v in numbers.items()
    ):
        raise ForeignLexiconError(f"languages/{language}.yaml: 'numbers' maps words to counts")
    found += [(k, Word("number", v)) for k, v in numbers.items()]
    relative = raw.get("relative", {})
    if not isinstance(relative, dict):
        raise ForeignLexiconError(f"languages/{language}.yaml: 'relative' must be a mapping")
    for meaning, forms in relative.items():
        word = _relative(str(meaning))
        if word is None or not isinstance(forms, list):
            raise ForeignLexiconError(
                f"languages/{language}.yaml: relative[{meaning!r}] must be like '1 week ago'"
            )
        found += [(str(f), word) for f in forms]
    return found


def _unit_word(name: str) -> Word:
    return Word("unit", unit=name)


def _dateparser_words(language: str) -> list[tuple[str, Word]]:
    """The words of dateparser's language data that the tagger reads."""
    module = importlib.import_module(f"dateparser.data.date_translation_data.{language}")
    info: dict[str, Any] = module.info
    found: list[tuple[str, Word]] = []
    for index, name in enumerate(MONTHS):
        found += [(f, Word("month", index + 1)) for f in info.get(name, [])]
    for index, name in enumerate(WEEKDAYS):
        found += [(f, Word("weekday", index)) for f in info.get(name, [])]
    for name in UNITS:
        found += [(f, _unit_word(name)) for f in info.get(name, [])]
    found += [(f, Word("year_word")) for f in info.get("year", [])]
    found += [(f, Word("ago")) for f in info.get("ago", [])]
    for rule in info.get("simplifications", []):
        for pattern, replacement in rule.items():
            found += [
                (form, Word("number", int(replacement)))
                for form in _number_forms(pattern, replacement)
            ]
    for meaning, forms in info.get("relative-type", {}).items():
        word = _relative(meaning)
        if word is not None:
            found += [(f, word) for f in forms]
    return found


def _number_forms(pattern: str, replacement: str) -> list[str]:
    """The words a number simplification ("дв(а|е|ух)" -> "2") stands for."""
    if not replacement.isdigit():
        return []
    m = re.fullmatch(r"([^\W\d_]+'?[^\W\d_]*)(?:\(([^\W\d_|]+(?:\|[^\W\d_|]+)*)\))?", pattern)
    if m is None:
        return []
    stem, endings = m.group(1), m.group(2)
    return [stem + e for e in endings.split("|")] if endings else [stem]


def _relative(meaning: str) -> Word | None:
    """The Word of a canonical meaning: "1 week ago" is last week, "0 second ago" now;
    hours and minutes name no calendar unit the tagger keeps."""
    m = _MEANING.fullmatch(meaning.strip())
    if m is None:
        return None
    unit, n = m["unit"], int(m["n"])
    if unit == "second" and n == 0:
        return Word("now")
    if unit not in UNITS:
        return None
    if m["ago"] is None and m["later"] is None:
        return Word("amount", n, unit)  # "يومين": two days, a duration
    return Word("relative", -n if m["ago"] else n, unit)
