"""The word tables of the tagger (data/lexicon.yaml), validated on load, and the regex
macros built from them that rule patterns refer to as {MONTH}, {NUM}..."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from timeline.yamldata import read_yaml

SET_CODES = {"PAST_REF", "PRESENT_REF", "FUTURE_REF"}
POD_CODES = {"MO", "MI", "AF", "EV", "NI", "DT"}
SEASON_CODES = {"SP", "SU", "FA", "WI"}


class LexiconError(ValueError):
    """The lexicon file is malformed; the message names the table and entry."""


@dataclass(frozen=True, slots=True)
class Unit:
    name: str
    plural: str
    code: str  # TIMEX3 duration letter
    gran: str  # calendar granularity of one unit
    factor: int = 1  # a decade is ten years
    time: bool = False  # durations of hours and less take the PT prefix
    short: tuple[str, ...] = ()  # abbreviations ("hr", "hrs"), only after a number


@dataclass(frozen=True)
class Lexicon:
    months: dict[str, int]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    ambiguous_weekdays: frozenset[str]
    weekday_cues: frozenset[str]
    numbers: dict[str, float]
    informal_days: dict[str, str]
    vague_numbers: frozenset[str]
    ordinals: dict[str, int]
    units: dict[str, Unit]  # by singular and by plural form
    seasons: dict[str, str]
    parts_of_day: dict[str, str]
    fuzzy: dict[str, str]
    modifiers: dict[str, str]
    year_cues: frozenset[str]
    year_followers: frozenset[str]
    month_cues: frozenset[str]
    short_month_cues: frozenset[str]
    clock_blockers: frozenset[str]
    day_followers: frozenset[str]
    scripture_books: frozenset[str]
    rate_words: frozenset[str]
    duration_leads: frozenset[str]
    count_words: frozenset[str]
    future_markers: frozenset[str]
    past_markers: frozenset[str]
    reporting_verbs: frozenset[str]
    relative_offsets: dict[str, int]
    anaphoric_words: frozenset[str]
    number_blockers: frozenset[str]
    reschedule_words: frozenset[str]
    # a fixed offset from UTC in hours, or an IANA zone name (whose offset depends on the day)
    timezones: dict[str, float | str]
    zone_places: dict[str, str]  # a place with one clock → its IANA zone
    # (month, day, 0, 0), (month, weekday, nth, days after) or (0, days after Easter, 0, 0)
    holidays: dict[str, tuple[int, int, int, int]]
    day_name_words: frozenset[str]
    event_name_heads: frozenset[str]
    lowercase_day_months: frozenset[str]


def _table(raw: dict[str, Any], name: str, kind: type | tuple[type, ...]) -> dict[str, Any]:
    table = raw.get(name)
    if not isinstance(table, dict) or not table:
        raise LexiconError(f"lexicon: '{name}' must be a non-empty mapping")
    for key, value in table.items():
        if not isinstance(key, str) or key != key.lower() or not isinstance(value, kind):
            raise LexiconError(f"lexicon: {name}[{key!r}] must be a lowercase word -> {kind}")
    return table


def _words(raw: dict[str, Any], name: str) -> frozenset[str]:
    words = raw.get(name)
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise LexiconError(f"lexicon: '{name}' must be a list of words")
    return frozenset(w.lower() for w in words)


def _month_words(raw: dict[str, Any], name: str) -> frozenset[str]:
    """A list of month names, each one of the `months` table (a typo would match none)."""
    words = _words(raw, name)
    unknown = sorted(words - set(_table(raw, "months", int)))
    if unknown:
        raise LexiconError(f"lexicon: {name} holds words that are no months: {unknown}")
    return words


def _codes(table: dict[str, str], name: str, allowed: set[str]) -> dict[str, str]:
    bad = {k: v for k, v in table.items() if v not in allowed}
    if bad:
        raise LexiconError(f"lexicon: {name} has unknown codes {bad}; allowed: {sorted(allowed)}")
    return table


def _units(raw: dict[str, Any]) -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    for name, spec in _table(raw, "units", dict).items():
        short = spec.get("short", [])
        if not isinstance(short, list) or not all(isinstance(w, str) for w in short):
            raise LexiconError(f"lexicon: units[{name!r}].short must be a list of words")
        try:
            unit = Unit(name=name, **{**spec, "short": tuple(short)})
        except TypeError as exc:
            raise LexiconError(f"lexicon: units[{name!r}]: {exc}") from exc
        for form in (name, unit.plural, *unit.short):
            units[form] = unit
    return units


def _holidays(raw: dict[str, Any]) -> dict[str, tuple[int, int, int, int]]:
    out: dict[str, tuple[int, int, int, int]] = {}
    for name, spec in _table(raw, "holidays", (str, list)).items():
        easter = re.fullmatch(r"easter([+-]\d+)?", spec) if isinstance(spec, str) else None
        if isinstance(spec, str) and re.fullmatch(r"\d\d-\d\d", spec):
            out[name] = (int(spec[:2]), int(spec[3:]), 0, 0)
        elif easter is not None:  # month 0: days from Easter Sunday
            out[name] = (0, int(easter[1] or 0), 0, 0)
        elif (
            isinstance(spec, list) and len(spec) in (3, 4) and all(isinstance(n, int) for n in spec)
        ):
            out[name] = (spec[0], spec[1], spec[2], spec[3] if len(spec) == 4 else 0)
        else:
            raise LexiconError(
                f"lexicon: holidays[{name!r}] must be 'MM-DD', 'easter+N' or"
                " [month, weekday, nth] (with days after it)"
            )
    return out


DEICTIC_WORDS = {"yesterday", "today", "tomorrow", "tonight"}


def _informal(raw: dict[str, Any]) -> dict[str, str]:
    table = _table(raw, "informal_days", str)
    bad = {k: v for k, v in table.items() if v not in DEICTIC_WORDS}
    if bad:
        raise LexiconError(f"lexicon: informal_days must stand for {sorted(DEICTIC_WORDS)}: {bad}")
    return table


def parse_lexicon(raw: Any) -> Lexicon:
    if not isinstance(raw, dict):
        raise LexiconError("lexicon: the file must hold a mapping of tables")
    return Lexicon(
        months=_table(raw, "months", int),
        ambiguous_months=_words(raw, "ambiguous_months"),
        weekdays=_table(raw, "weekdays", int),
        ambiguous_weekdays=_words(raw, "ambiguous_weekdays"),
        weekday_cues=_words(raw, "weekday_cues"),
        numbers={k: float(v) for k, v in _table(raw, "numbers", (int, float)).items()},
        informal_days=_informal(raw),
        vague_numbers=_words(raw, "vague_numbers"),
        ordinals=_table(raw, "ordinals", int),
        units=_units(raw),
        seasons=_codes(_table(raw, "seasons", str), "seasons", SEASON_CODES),
        parts_of_day=_codes(_table(raw, "parts_of_day", str), "parts_of_day", POD_CODES),
        fuzzy=_codes(_table(raw, "fuzzy", str), "fuzzy", SET_CODES),
        modifiers=_table(raw, "modifiers", str),
        year_cues=_words(raw, "year_cues"),
        year_followers=_words(raw, "year_followers"),
        month_cues=_words(raw, "month_cues"),
        short_month_cues=_words(raw, "short_month_cues"),
        clock_blockers=_words(raw, "clock_blockers"),
        day_followers=_words(raw, "day_followers"),
        scripture_books=_words(raw, "scripture_books"),
        rate_words=_words(raw, "rate_words"),
        duration_leads=_words(raw, "duration_leads"),
        count_words=_words(raw, "count_words"),
        future_markers=_words(raw, "future_markers"),
        past_markers=_words(raw, "past_markers"),
        reporting_verbs=_words(raw, "reporting_verbs"),
        relative_offsets=_table(raw, "relative_offsets", int),
        anaphoric_words=_words(raw, "anaphoric_words"),
        number_blockers=_words(raw, "number_blockers"),
        reschedule_words=_words(raw, "reschedule_words"),
        timezones=_timezones(raw),
        zone_places=_zone_places(raw),
        holidays=_holidays(raw),
        day_name_words=_words(raw, "day_name_words"),
        event_name_heads=_words(raw, "event_name_heads"),
        lowercase_day_months=_month_words(raw, "lowercase_day_months"),
    )


def _timezones(raw: dict[str, Any]) -> dict[str, float | str]:
    table = _table(raw, "timezones", (int, float, str))
    zones: dict[str, float | str] = {}
    for word, entry in table.items():
        if isinstance(entry, str):
            zones[word] = _iana(entry, f"timezones.{word}")
        elif not -14 <= entry <= 14:
            raise LexiconError(f"lexicon: timezones.{word}: offset {entry} is beyond 14 hours")
        else:
            zones[word] = float(entry)
    return zones


def _zone_places(raw: dict[str, Any]) -> dict[str, str]:
    table: dict[str, str] = _table(raw, "zone_places", str)
    return {place: _iana(name, f"zone_places.{place}") for place, name in table.items()}


def _iana(name: str, where: str) -> str:
    """`name` if the zone database knows it; LexiconError naming the entry if not."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise LexiconError(f"lexicon: {where}: no IANA zone {name!r}") from exc
    return name


@cache
def lexicon() -> Lexicon:
    text = resources.files(__package__).joinpath("data/lexicon.yaml").read_text("utf-8")
    return parse_lexicon(read_yaml(text))


_END = ""  # the key of a trie node that marks the end of a word, with its suffix


def alternation(words: Iterable[str], abbrev: bool = False) -> str:
    """A regex alternation of `words`, longest first; spaces match any whitespace and
    short abbreviations may carry a period ("nov.").

    Written as a trie ("hour(?:s)?" rather than "hours|hour"): Python's regex engine
    tries alternatives one by one, and the rules try these tables at every candidate
    position, most of which match none; a trie rejects them at the first letter. It
    matches what the plain longest-first alternation matches: words that differ at some
    letter cannot both match at one place, and a word's longer continuations are tried
    before it (greedily), as longest-first does."""
    root: dict[str, Any] = {}
    for word in set(words):
        node = root
        for char in word:
            node = node.setdefault(r"\s+" if char == " " else re.escape(char), {})
        node[_END] = r"\.?" if abbrev and len(word) <= 4 else ""
    return "(?:" + _trie(root) + ")"


def _depth(node: dict[str, Any]) -> int:
    return max((1 + _depth(child) for key, child in node.items() if key != _END), default=0)


def _trie(node: dict[str, Any]) -> str:
    """The alternation of the words below `node`, longest continuation first."""
    keys = sorted((k for k in node if k != _END), key=lambda k: (-_depth(node[k]), k))
    branches = [k + _sub(node[k]) for k in keys]
    return "|".join(branches)


def _sub(node: dict[str, Any]) -> str:
    """The regex after a letter: its continuations, then the end of a word if one ends
    there (with its optional period), so that longer words are tried first."""
    inner = _trie(node)
    if _END not in node:
        return inner if len(node) == 1 and "|" not in inner else f"(?:{inner})"
    suffix = str(node[_END])
    if not inner:
        return suffix
    if suffix:
        return f"(?:{inner}|{suffix})"
    return f"(?:{inner})?"


def _tens_units(lex: Lexicon) -> str:
    small = [w for w, n in lex.numbers.items() if 1 <= n <= 9 and " " not in w and len(w) > 2]
    tens = [w for w, n in lex.numbers.items() if n in (20, 30, 40, 50, 60, 70, 80, 90)]
    return alternation(tens) + r"(?:[-\s]" + alternation(small) + ")?"


@cache
def macros() -> dict[str, str]:
    """Regex bodies of the macros usable in rule patterns (without their capture group)."""
    lex = lexicon()
    plain_months = {w for w in lex.months if len(w) > 4 or w in ("may", "june", "july")}
    abbrevs = {w for w in lex.months if w not in plain_months}
    weekdays = {w for w in lex.weekdays if w not in lex.ambiguous_weekdays}
    word_numbers = alternation([w for w in lex.numbers if not w.startswith(("a ", "half"))])
    number = (
        r"(?:\d{1,3}(?:\.\d+)?(?![\d,])|" + _tens_units(lex) + r"|(?:a |one |two |three |several )?"
        r"hundred|" + alternation([w for w in lex.numbers if " " in w]) + "|" + word_numbers + ")"
    )
    return {
        "Y4": r"(?:1\d|20)\d\d(?![\d])",
        "YN": r"(?:(?:1\d|20)\d\d|\d\d)(?!\d)",
        "YQ": r"['’]\d\d(?!\d)",
        "MM": r"(?:0?[1-9]|1[0-2])(?!\d)",
        "NN": r"\d{1,2}(?!\d)",
        "DD": r"(?:0[1-9]|[12]\d|3[01])(?!\d)",
        "DAY": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d])",
        "HH": r"(?:[01]?\d|2[0-4])(?!\d)",
        "MIN": r"[0-5]\d(?!\d)",
        "MONTH": "(?:" + alternation(plain_months) + "|" + alternation(abbrevs, abbrev=True) + ")",
        "WEEKDAY": alternation(weekdays, abbrev=True),
        "WEEKDAY_WORD": alternation(lex.ambiguous_weekdays, abbrev=True),
        "INFORMAL_DAY": alternation(w for w, d in lex.informal_days.items() if d != "tonight"),
        "INFORMAL_NIGHT": alternation(w for w, d in lex.informal_days.items() if d == "tonight"),
        "NUM": number,
        "VAGUE": alternation(lex.vague_numbers),
        "UNIT": alternation(set(lex.units)),
        "UNIT_S": alternation({u.name for u in lex.units.values()}),
        "UNIT_P": alternation({u.plural for u in lex.units.values()}),
        "ORD": r"(?:\d{1,2}(?:st|nd|rd|th)|" + alternation(lex.ordinals) + ")",
        "SEASON": alternation(lex.seasons),
        "POD": alternation(lex.parts_of_day),
        "FUZZY": alternation(lex.fuzzy),
        # an offset ("GMT+8", "UTC +03:00") before the zone words, which include "gmt"
        "TZ": r"(?:(?:gmt|utc)\s?[+-]\s?(?:1[0-4]|0?\d)(?::?[0-5]\d)?(?!\d)|"
        + alternation(lex.zone_places)
        + r"\s+(?:local\s+)?time|"
        + alternation(lex.timezones)[3:-1]
        + ")",
        "ZONE_PLACE": alternation(lex.zone_places),
        "HOLIDAY": alternation(lex.holidays).replace("'", "(?:'|’)?"),
        "MOD": alternation(lex.modifiers),
    }


def number_value(word: str) -> float | None:
    """The value of a number as written ("two", "twenty-four", "48", "a hundred"), or None
    for vague quantities ("several")."""
    lex = lexicon()
    w = " ".join(word.replace("-", " ").split())
    if w in lex.vague_numbers:
        return None
    try:
        return float(w)
    except ValueError:
        pass
    if w in lex.numbers:
        return lex.numbers[w]
    total = 0.0
    for part in w.split():
        n = lex.numbers.get(part)
        if n is None:
            return None
        total = total * n if n == 100 and total else total + n
    return total
