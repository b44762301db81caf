"""Time expressions in Russian, Ukrainian, Arabic, French, German and Spanish.

    tag_foreign("Город взяли на прошлой неделе.", date(2017, 11, 14), "ru")

The words come from dateparser's language data (and our additions, `foreign_lexicon.py`);
finding the expressions and their TIMEX3 meaning are ours, with the same calendar
(`cal.py`) as English, so a foreign mention has the same span conventions, values,
intervals and granularities: "14 ноября 2017 г." is the day 2017-11-14, "ноября 2017" the
month 2017-11, "на прошлой неделе" the ISO week before the anchor's, "вчера" the day
before it. We do not run dateparser's `search_dates` on the text: it over-matches (German
"Die" is a Tuesday, bare numbers are dates) and merges neighbours ("2017 года и в 2016
году"); each expression here must hold a digit, a month or weekday name or a phrase of
the language's relative table.

The tokens are words and numbers of the normalized text (`normalize`: same length, so
offsets hold). At each token the matchers below try, and the longest match wins.
Pure: no clock; the anchor is given.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta

from .cal import interval_of, move, period, value_of
from .foreign_lexicon import TOKEN, Vocabulary, Word, normalize, vocabulary
from .timex import fuzzy_interval, narrow
from .types import TimeMention, TimexType

_SPACE = re.compile(r"\s+")
_DAY_GAP = re.compile(r"\.?\s+")  # "9. November"
_COMMA_GAP = re.compile(r",?\s+")  # "November 9, 2017"
_NUMERIC = re.compile(
    r"(?P<d>\d{1,2})(?P<sep>[./])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})(?!\d)"
    r"|(?P<iy>\d{4})-(?P<im>\d\d)-(?P<id>\d\d)(?!\d)"
)
DURATION_CODES = {"year": "Y", "month": "M", "week": "W", "day": "D"}
# A weekday or month name said alone is no abbreviation ("вт", "Di", "mar" the sea).
MIN_WEEKDAY, MIN_MONTH = 4, 3
FIRST_YEAR, LAST_YEAR = 1000, 2199


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    word: str


@dataclass(frozen=True, slots=True)
class Found:
    """A match: the tokens [first, last) it covers, and what it means."""

    first: int
    last: int
    type: TimexType
    value: str
    rule: str
    end: int | None = None  # the character end, when it takes in a "." after the last token
    mod: str | None = None


@dataclass(frozen=True)
class Text:
    """The document as the matchers see it."""

    text: str
    low: str
    tokens: list[Token]
    vocab: Vocabulary
    day: date
    seen: dict[int, list[tuple[int, Word]]] = field(default_factory=dict)

    def word(self, i: int) -> str:
        return self.tokens[i].word if i < len(self.tokens) else ""

    def joined(self, i: int, gap: re.Pattern[str] = _SPACE) -> bool:
        """Tokens i and i + 1 follow each other, separated only by `gap`."""
        if i + 1 >= len(self.tokens):
            return False
        between = self.low[self.tokens[i].end : self.tokens[i + 1].start]
        return gap.fullmatch(between) is not None

    def phrases(self, i: int, kind: str) -> list[tuple[int, Word]]:
        """(end token, word) of each phrase of `kind` starting at token i, longest first."""
        return [(end, w) for end, w in self._phrases_at(i) if w.kind == kind]

    def _phrases_at(self, i: int) -> list[tuple[int, Word]]:
        # every matcher asks at each token: look the phrases up once
        cached = self.seen.get(i)
        if cached is not None:
            return cached
        found: list[tuple[int, Word]] = []
        words: list[str] = []
        for j in range(i, min(i + self.vocab.longest, len(self.tokens))):
            if j > i and not self.joined(j - 1):
                break
            words.append(self.tokens[j].word)
            found += [(j + 1, w) for w in self.vocab.phrases.get(tuple(words), ())]
        found.sort(key=lambda f: -f[0])
        self.seen[i] = found
        return found

    def number(self, i: int) -> tuple[int, int] | None:
        """(end token, count) of a number at token i: digits or a number word."""
        word = self.word(i)
        if word.isdigit() and len(word) <= 3:
            return i + 1, int(word)
        numbers = self.phrases(i, "number")
        return (numbers[0][0], numbers[0][1].value) if numbers else None

    def year(self, i: int) -> int | None:
        word = self.word(i)
        if len(word) == 4 and word.isdigit() and FIRST_YEAR <= int(word) <= LAST_YEAR:
            return int(word)
        return None

    def day_number(self, i: int) -> int | None:
        digits = self.word(i).rstrip("erº°")
        return (
            int(digits)
            if digits.isdigit() and len(digits) <= 2 and 1 <= int(digits) <= 31
            else None
        )

    def skip_connectors(self, i: int) -> int:
        while self.word(i) in self.vocab.connectors and self.joined(i):
            i += 1
        return i


def tag_foreign(
    text: str,
    anchor: date | datetime,
    language: str,
    *,
    sentences: Sequence[tuple[int, int]] | None = None,
) -> list[TimeMention]:
    """The time expressions of `text` in `language` (an ISO 639-1 code of
    `foreign_lexicon.LANGUAGES`), sorted and non-overlapping, resolved against `anchor`.
    A match never spans two of the given `sentences` (sorted (start, end) offsets).
    ValueError for a language without data."""
    vocab = vocabulary(language)
    low = normalize(text)
    tokens = [Token(m.start(), m.end(), m.group()) for m in TOKEN.finditer(low)]
    doc = Text(text, low, tokens, vocab, _anchor_day(anchor))
    starts = [s for s, _ in sentences] if sentences else []
    mentions: list[TimeMention] = []
    i = 0
    while i < len(tokens):
        found = _longest(doc, i)
        if found is None or not _one_sentence(doc, found, starts):
            i += 1
            continue
        modified = _modified(doc, found)
        if mentions and doc.tokens[modified.first].start < mentions[-1].end:
            modified = found  # the word before belongs to the mention before
        mention = _mention(doc, modified)
        if mention is not None:
            mentions.append(mention)
        i = found.last
    return mentions


def _anchor_day(anchor: date | datetime) -> date:
    if isinstance(anchor, datetime):
        return (anchor.astimezone(UTC) if anchor.tzinfo else anchor).date()
    return anchor


def _one_sentence(doc: Text, found: Found, starts: list[int]) -> bool:
    if not starts:
        return True
    first = doc.tokens[found.first].start
    last = doc.tokens[found.last - 1].start
    return bisect_right(starts, first) == bisect_right(starts, last)


def _longest(doc: Text, i: int) -> Found | None:
    best: Found | None = None
    for matcher in MATCHERS:
        try:
            found = matcher(doc, i)
        except (ValueError, OverflowError):
            found = None  # counted off the calendar's ends ("через 900 лет" in year 9500)
        if found is not None and (best is None or _end(doc, found) > _end(doc, best)):
            best = found
    return best


def _end(doc: Text, found: Found) -> int:
    return found.end if found.end is not None else doc.tokens[found.last - 1].end


def _modified(doc: Text, found: Found) -> Found:
    """The match with the modifier word before it ("начале ноября", "principios de
    marzo"): a calendar date's start, middle, end or approximation, as English "early
    November"."""
    if found.type != "DATE" or found.value == "PRESENT_REF":
        return found
    before = found.first - 1
    while before > 0 and doc.word(before) in doc.vocab.connectors and doc.joined(before - 1):
        before -= 1
    mod = doc.vocab.modifiers.get(doc.word(before)) if before >= 0 else None
    if mod is None or not doc.joined(before):
        return found
    return replace(found, first=before, mod=mod)


def _mention(doc: Text, found: Found) -> TimeMention | None:
    start, end = doc.tokens[found.first].start, _end(doc, found)
    earliest: datetime | None = None
    latest: datetime | None = None
    granularity: str | None = None
    if found.value == "PRESENT_REF":
        earliest, latest = fuzzy_interval(found.value, doc.day)
    elif found.type == "DATE":
        interval = interval_of(found.value)
        if interval is None:
            return None
        first, last, granularity = interval
        earliest, latest = narrow(first, last, found.mod)
    return TimeMention(
        start=start,
        end=end,
        text=doc.text[start:end],
        type=found.type,
        value=found.value,
        mod=found.mod,
        earliest=earliest,
        latest=latest,
        granularity=granularity,
        rule=f"{doc.vocab.language}.{found.rule}",
    )


def _day_value(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None  # "31 ноября" is no date


def _with_year(doc: Text, i: int) -> tuple[int, int | None, int | None]:
    """After a day and month ending at token i - 1: (end token, year or None, character
    end) of an optional year ("2017", ", 2017", "2017 г.", "de 2017")."""
    if not doc.joined(i - 1, _COMMA_GAP):
        return i, None, None
    j = doc.skip_connectors(i)
    year = doc.year(j)
    if year is None:
        return i, None, None
    end, char_end = _year_word_after(doc, j + 1)
    return end, year, char_end


def _year_word_after(doc: Text, i: int) -> tuple[int, int | None]:
    """The end token (and end character, when a "." closes an abbreviation) after an
    optional year word following a year at token i - 1 ("2017 г.", "2017 року")."""
    if not doc.joined(i - 1) or not doc.phrases(i, "year_word"):
        return i, None
    end = doc.phrases(i, "year_word")[0][0]
    after = doc.tokens[end - 1].end
    dot = after < len(doc.low) and doc.low[after] == "." and len(doc.word(end - 1)) <= 2
    return end, after + 1 if dot else None


def _numeric(doc: Text, i: int) -> Found | None:
    m = _NUMERIC.match(doc.low, doc.tokens[i].start)
    if m is None:
        return None
    if m["y"]:
        value = _day_value(int(m["y"]), int(m["m"]), int(m["d"]))
    else:
        value = _day_value(int(m["iy"]), int(m["im"]), int(m["id"]))
    last = i
    while last < len(doc.tokens) and doc.tokens[last].start < m.end():
        last += 1
    return Found(i, last, "DATE", value, "numeric_date") if value else None


def _day_month(doc: Text, i: int) -> Found | None:
    """ "14 ноября 2017 г.", "9. November", "9 de noviembre de 2017", "le 9 novembre"."""
    day = doc.day_number(i)
    if day is None or not doc.joined(i, _DAY_GAP):
        return None
    j = doc.skip_connectors(i + 1)
    for month_end, month in doc.phrases(j, "month"):
        end, year, char_end = _with_year(doc, month_end)
        value = _day_value(year or doc.day.year, month.value, day)
        if value:
            return Found(i, end, "DATE", value, "day_month", char_end)
    return None


def _month_year(doc: Text, i: int) -> Found | None:
    """ "ноября 2017", "novembre 2017", "noviembre de 2017", "تشرين الثاني 2017"."""
    for month_end, month in doc.phrases(i, "month"):
        if not doc.joined(month_end - 1):
            continue
        j = doc.skip_connectors(month_end)
        year = doc.year(j)
        if year is not None:
            end, char_end = _year_word_after(doc, j + 1)
            return Found(i, end, "DATE", f"{year:04d}-{month.value:02d}", "month_year", char_end)
    return None


def _year(doc: Text, i: int) -> Found | None:
    """ "2016 году", "2016 г.", "Jahr 2016", "عام 2016", and "en 2016" after a preposition
    of the year: a bare number is no year."""
    word_before = doc.phrases(i, "year_word")
    j = word_before[0][0] if word_before and doc.joined(word_before[0][0] - 1) else i
    year = doc.year(j)
    if year is None:
        return None
    end, char_end = _year_word_after(doc, j + 1)
    if j == i and end == j + 1 and not _introduced(doc, i, doc.vocab.year_before):
        return None
    return Found(i, end, "DATE", f"{year:04d}", "year", char_end)


def _introduced(doc: Text, i: int, prepositions: frozenset[str]) -> bool:
    """Token i follows one of `prepositions` or a modifier ("fin 2016", "a finales de
    2016"), connectors allowed between."""
    before = i - 1
    while before > 0 and doc.word(before) in doc.vocab.connectors and doc.joined(before - 1):
        before -= 1
    if before < 0 or not doc.joined(i - 1):
        return False
    word = doc.word(before)
    return word in prepositions or word in doc.vocab.modifiers


def _month(doc: Text, i: int) -> Found | None:
    """A month named alone after a preposition of the month ("в ноябре", "en novembre",
    "a principios de marzo": a connector may stand between, "Plaza de Mayo" is no date)."""
    if not _introduced(doc, i, doc.vocab.month_before):
        return None
    for end, month in doc.phrases(i, "month"):
        if month.full or doc.tokens[end - 1].end - doc.tokens[i].start >= MIN_MONTH:
            return Found(i, end, "DATE", f"{doc.day.year:04d}-{month.value:02d}", "month")
    return None


def _weekday(doc: Text, i: int) -> Found | None:
    """A weekday: the last one on or before the anchor, as English news reads "on Tuesday"."""
    for end, weekday in doc.phrases(i, "weekday"):
        if doc.tokens[end - 1].end - doc.tokens[i].start >= MIN_WEEKDAY:
            back = (doc.day.weekday() - weekday.value) % 7
            return Found(i, end, "DATE", (doc.day - timedelta(days=back)).isoformat(), "weekday")
    return None


def _relative(doc: Text, i: int) -> Found | None:
    """A phrase of the relative table: "вчера", "на прошлой неделе", "l'année dernière"."""
    for kind in ("relative", "now", "amount"):
        for end, word in doc.phrases(i, kind):
            blockers = doc.vocab.not_after.get(tuple(t.word for t in doc.tokens[i:end]))
            if blockers and i > 0 and doc.word(i - 1) in blockers:
                continue
            first = i + 1 if doc.word(i) in doc.vocab.leading and end > i + 1 else i
            return _shifted(first, end, word, doc, "relative")
    return None


def _ago(doc: Text, i: int) -> Found | None:
    """ "3 дня назад", "vor zwei Tagen", "il y a deux jours", "hace dos días", "через 3 дня"."""
    for kind in ("ago", "later"):
        for lead_end, _ in doc.phrases(i, kind):
            if doc.joined(lead_end - 1):
                found = _amount_unit(doc, lead_end)
                if found is not None:
                    end, n, unit = found
                    shift = -n if kind == "ago" else n
                    return _shifted(i, end, Word("relative", shift, unit), doc, kind)
    found = _amount_unit(doc, i)
    if found is None:
        return None
    end, n, unit = found
    if doc.joined(end - 1) and doc.phrases(end, "ago"):
        ago_end = doc.phrases(end, "ago")[0][0]
        return _shifted(i, ago_end, Word("relative", -n, unit), doc, "ago")
    if doc.word(i).isdigit() or doc.phrases(i, "number"):
        return _shifted(i, end, Word("amount", n, unit), doc, "duration")
    return None


def _amount_unit(doc: Text, i: int) -> tuple[int, int, str] | None:
    """(end token, count, unit) of "три дня", "2 Tagen", or a unit alone ("неделю": 1)."""
    counted = doc.number(i)
    j, n = counted if counted and doc.joined(counted[0] - 1) else (i, 1)
    units = doc.phrases(j, "unit")
    if not units or (counted is None and len(doc.word(j)) < 3):
        return None
    return units[0][0], n, units[0][1].unit


def _shifted(first: int, end: int, word: Word, doc: Text, rule: str) -> Found:
    if word.kind == "now":
        return Found(first, end, "DATE", "PRESENT_REF", rule)
    if word.kind == "amount":
        return Found(first, end, "DURATION", f"P{word.value}{DURATION_CODES[word.unit]}", rule)
    moved = move(period(word.unit, doc.day), word.value)
    return Found(first, end, "DATE", value_of(moved), rule)


Matcher = Callable[[Text, int], Found | None]
MATCHERS: tuple[Matcher, ...] = (
    _numeric,
    _day_month,  # the six languages write the day first: "мая 15 человек" is no date
    _month_year,
    _year,
    _month,
    _weekday,
    _relative,
    _ago,
)
