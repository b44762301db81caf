"""A gazetteer of actors and places, and the finding of their aliases in text.

Aliases written without lowercase letters ("IS", "US", "SDF") match case-sensitively, so
that the verb "is" or the pronoun "us" never become entities; every other alias matches in
any case. A space or hyphen in an alias matches any run of spaces and hyphens, so one alias
"Abu Kemal" also finds "Abu-Kemal"; straight and curly apostrophes are interchangeable.
A place may name the actor it is the capital of (`capital_of`, an actor's key, checked when
the gazetteer is built).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from timeline.extract.types import EntityKind
from timeline.yamldata import read_yaml

KINDS: frozenset[str] = frozenset({"actor", "place"})
_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SEPARATORS = re.compile(r"[\s\-‐‑]+")
_APOSTROPHES = re.compile(r"['’]")


class GazetteerError(ValueError):
    """Bad gazetteer data; the message names the entry."""


@dataclass(frozen=True, slots=True)
class Entry:
    key: str
    name: str
    kind: EntityKind
    subtype: str
    aliases: tuple[str, ...]
    lat: float | None = None
    lon: float | None = None
    capital_of: str | None = None  # the key of the actor whose seat this place is


@dataclass(frozen=True, slots=True)
class EntityMatch:
    """One alias found in a text (absolute offsets, end exclusive)."""

    entry: Entry
    start: int
    end: int
    text: str


def _normalize(alias: str, *, keep_case: bool) -> str:
    text = _APOSTROPHES.sub("'", _SEPARATORS.sub(" ", alias.strip()))
    return text if keep_case else text.casefold()


def _is_case_sensitive(alias: str) -> bool:
    return not any(ch.islower() for ch in alias)


_WORD_RUN = re.compile(r"\w+")
_NAME_BEFORE = re.compile(r"[\w.]")


def _by_first_word(aliases: Sequence[str]) -> dict[str, tuple[re.Pattern[str], ...]] | None:
    """Each alias's own pattern under the case-folded word it opens with, in the order of
    `aliases` (longest first), so the first that matches at a word is the alternation's
    choice; None when an alias opens with no word at all."""
    grouped: dict[str, list[re.Pattern[str]]] = {}
    for alias in aliases:
        first = _WORD_RUN.match(alias.strip())
        if first is None:
            return None
        grouped.setdefault(first.group().casefold(), []).append(_alias_regex(alias))
    return {word: tuple(patterns) for word, patterns in grouped.items()}


@cache
def _alias_regex(alias: str) -> re.Pattern[str]:
    """One alias's pattern, compiled once per process: `re`'s own cache holds 512 patterns,
    fewer than a gazetteer's aliases, and each gazetteer built (per app, per user entity)
    would compile them all again."""
    return re.compile(rf"(?:{_alias_pattern(alias)})(?![\w])")


def _alias_pattern(alias: str) -> str:
    parts = []
    for chunk in re.split(r"([\s\-‐‑]+|['’])", alias.strip()):
        if not chunk:
            continue
        if _SEPARATORS.fullmatch(chunk):
            parts.append(r"[\s\-‐‑]+")
        elif chunk in "'’":
            parts.append("['’]")
        else:
            parts.append(re.escape(chunk))
    body = "".join(parts)
    return body if _is_case_sensitive(alias) else f"(?i:{body})"


class Gazetteer:
    """Entries by key, and one compiled pattern that finds all their aliases."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries: dict[str, Entry] = {}
        self._exact: dict[str, Entry] = {}  # case-sensitive aliases
        self._folded: dict[str, Entry] = {}  # the others, case-folded
        for entry in entries:
            if entry.key in self.entries:
                raise GazetteerError(f"gazetteer entry {entry.key!r}: duplicate key")
            self.entries[entry.key] = entry
            for alias in (entry.name, *entry.aliases):
                self._add_alias(entry, alias)
        for entry in self.entries.values():
            self._check_capital(entry)
        aliases = sorted(
            {a for e in self.entries.values() for a in (e.name, *e.aliases)},
            key=lambda a: (-len(a), a),
        )
        self._aliases = aliases
        self._by_first_word = _by_first_word(aliases)

    @classmethod
    def from_entries(cls, entries: Iterable[Mapping[str, Any]]) -> Gazetteer:
        """Build from plain mappings (YAML entries or database rows), validating each."""
        return cls(_validate(raw, index) for index, raw in enumerate(entries))

    def _add_alias(self, entry: Entry, alias: str) -> None:
        if _is_case_sensitive(alias):
            table, norm = self._exact, _normalize(alias, keep_case=True)
        else:
            table, norm = self._folded, _normalize(alias, keep_case=False)
        other = table.get(norm)
        if other is not None and other.key != entry.key:
            raise GazetteerError(
                f"gazetteer entry {entry.key!r}: alias {alias!r} already names {other.key!r}"
            )
        table[norm] = entry

    def _check_capital(self, entry: Entry) -> None:
        if entry.capital_of is None:
            return
        seat_of = self.entries.get(entry.capital_of)
        if seat_of is None or seat_of.kind != "actor":
            raise GazetteerError(
                f"gazetteer entry {entry.key!r}: capital_of {entry.capital_of!r} is no actor's key"
            )

    def lookup(self, surface: str) -> Entry | None:
        """The entry an alias (as written in a text) names, or None."""
        exact = self._exact.get(_normalize(surface, keep_case=True))
        if exact is not None:
            return exact
        return self._folded.get(_normalize(surface, keep_case=False))

    def find(self, text: str, start: int = 0, end: int | None = None) -> Iterator[EntityMatch]:
        """Non-overlapping alias matches in text[start:end], longest alias first at a point."""
        stop = len(text) if end is None else end
        for match in self._matches(text, start, stop):
            entry = self.lookup(match.group())
            if entry is not None and not _in_shouted_text(text, match.start(), match.end()):
                yield EntityMatch(entry, match.start(), match.end(), match.group())

    @cached_property
    def _pattern(self) -> re.Pattern[str]:
        """One alternation of every alias, longest first: the slow way, compiled only when
        an alias opens with punctuation (and by the tests that check the fast way)."""
        alternation = "|".join(_alias_pattern(a) for a in self._aliases) or r"(?!x)x"
        return re.compile(rf"(?<![\w.])(?:{alternation})(?![\w])")

    def _matches(self, text: str, start: int, stop: int) -> Iterator[re.Match[str]]:
        """What `_pattern.finditer` finds, but trying at each word only the aliases that
        begin with that word: one alternation of every alias costs about as much per
        character as it has aliases, which made the gazetteer a fifth of extraction."""
        if self._by_first_word is None:  # an alias opens with punctuation: the slow way
            yield from self._pattern.finditer(text, start, stop)
            return
        free_from = start
        for word in _WORD_RUN.finditer(text, start, stop):
            at = word.start()
            if at < free_from or (at > 0 and _NAME_BEFORE.match(text, at - 1)):
                continue
            for pattern in self._by_first_word.get(word.group().casefold(), ()):
                match = pattern.match(text, at, stop)
                if match is not None:
                    free_from = match.end()
                    yield match
                    break

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, key: object) -> bool:
        return key in self.entries

    def of_subtype(self, subtype: str) -> list[Entry]:
        return [e for e in self.entries.values() if e.subtype == subtype]


_WORD_BEFORE = re.compile(r"([A-Za-z]+)[^\w]*$")
_WORD_AFTER = re.compile(r"^[^\w]*([A-Za-z]+)")


def _in_shouted_text(text: str, start: int, end: int) -> bool:
    """An acronym between two all-caps words ("WHAT IS THIS") is a word, not a name."""
    if any(ch.islower() for ch in text[start:end]):
        return False
    before = _WORD_BEFORE.search(text[max(0, start - 30) : start])
    after = _WORD_AFTER.search(text[end : end + 30])
    return bool(
        before
        and after
        and len(before.group(1)) > 1
        and len(after.group(1)) > 1
        and before.group(1).isupper()
        and after.group(1).isupper()
    )


def _validate(raw: Mapping[str, Any], index: int) -> Entry:
    label = (
        f"gazetteer entry #{index} ({raw.get('key', '?')!r})" if isinstance(raw, Mapping) else ""
    )
    if not isinstance(raw, Mapping):
        raise GazetteerError(f"gazetteer entry #{index}: expected a mapping, got {raw!r}")
    unknown = set(raw) - {"key", "name", "kind", "subtype", "aliases", "lat", "lon", "capital_of"}
    if unknown:
        raise GazetteerError(f"{label}: unknown fields {sorted(unknown)}")
    key, name, kind, subtype = (raw.get(f) for f in ("key", "name", "kind", "subtype"))
    if not isinstance(key, str) or not _KEY.match(key):
        raise GazetteerError(f"{label}: key must be a lowercase slug")
    if not isinstance(name, str) or not name.strip():
        raise GazetteerError(f"{label}: name must be a non-empty string")
    if kind not in KINDS:
        raise GazetteerError(f"{label}: kind must be one of {sorted(KINDS)}, got {kind!r}")
    if not isinstance(subtype, str) or not subtype:
        raise GazetteerError(f"{label}: subtype must be a non-empty string")
    aliases = raw.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise GazetteerError(f"{label}: aliases must be a list of non-empty strings")
    short = [a for a in (name, *aliases) if sum(ch.isalpha() for ch in a) < 2]
    if short:  # a one-letter alias would turn every "a" or "I" into an entity
        raise GazetteerError(f"{label}: aliases need two letters at least: {short}")
    lat, lon = raw.get("lat"), raw.get("lon")
    for coord, bound in ((lat, 90.0), (lon, 180.0)):
        if coord is not None and (not isinstance(coord, int | float) or abs(coord) > bound):
            raise GazetteerError(f"{label}: lat/lon must be numbers within range")
    capital_of = raw.get("capital_of")
    if capital_of is not None and (kind != "place" or not isinstance(capital_of, str)):
        raise GazetteerError(f"{label}: capital_of must be an actor's key, on a place")
    if isinstance(capital_of, str) and not _KEY.match(capital_of):
        raise GazetteerError(f"{label}: capital_of must be an actor's key (a lowercase slug)")
    return Entry(
        key=key,
        name=name.strip(),
        kind="actor" if kind == "actor" else "place",
        subtype=subtype,
        aliases=tuple(a.strip() for a in aliases),
        lat=None if lat is None else float(lat),
        lon=None if lon is None else float(lon),
        capital_of=capital_of,
    )


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """Load and validate a gazetteer file (default: the packaged timeline/data/gazetteer.yaml)."""
    if path is None:
        text = resources.files("timeline").joinpath("data/gazetteer.yaml").read_text("utf-8")
        where = "timeline/data/gazetteer.yaml"
    else:
        text, where = path.read_text(encoding="utf-8"), str(path)
    try:
        raw = read_yaml(text)
    except yaml.YAMLError as exc:
        raise GazetteerError(f"{where}: not valid YAML: {exc}") from exc
    if not isinstance(raw, list):
        raise GazetteerError(f"{where}: expected a list of entries")
    try:
        return Gazetteer.from_entries(with_force_aliases(raw))
    except GazetteerError as exc:
        raise GazetteerError(f"{where}: {exc}") from exc


def force_table() -> Mapping[str, Any]:
    """data/forces.yaml: nationalities, force nouns and examples."""
    text = resources.files("timeline.extract").joinpath("data/forces.yaml").read_text("utf-8")
    table = read_yaml(text)
    if not isinstance(table, Mapping):
        raise GazetteerError("timeline/extract/data/forces.yaml: expected a mapping")
    nouns, nationalities = table.get("force_nouns"), table.get("nationalities")
    if not isinstance(nouns, list) or not isinstance(nationalities, Mapping):
        raise GazetteerError("timeline/extract/data/forces.yaml: force_nouns and nationalities")
    return table


def with_force_aliases(raw: list[Any]) -> list[Any]:
    """Entries with '<nationality> <force noun>' aliases added to the forces they name
    (generated rather than listed: 'the Russian command', 'Iraqi servicemen')."""
    table = force_table()
    taken = {
        _normalize(a, keep_case=False)
        for e in raw
        if isinstance(e, Mapping)
        for a in [e.get("name", ""), *(e.get("aliases") or [])]
        if isinstance(a, str)
    }
    added: dict[str, list[str]] = {}
    for nationality, key in table["nationalities"].items():
        for noun in table["force_nouns"]:
            alias = f"{nationality} {noun}"
            if _normalize(alias, keep_case=False) not in taken:
                added.setdefault(key, []).append(alias)
    return [
        {**e, "aliases": [*(e.get("aliases") or []), *added[e["key"]]]}
        if isinstance(e, Mapping) and e.get("key") in added
        else e
        for e in raw
    ]
