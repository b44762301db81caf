"""Reading the words a rule captured: month names, day numbers, ordinals, units."""

from __future__ import annotations

import re
from datetime import date, timedelta

from .lexicon import Unit, lexicon, number_value

Groups = dict[str, str | None]


def month_of(word: str | None) -> int | None:
    if word is None:
        return None
    return lexicon().months.get(word.rstrip(".").strip())


def weekday_of(word: str | None) -> int | None:
    if word is None:
        return None
    return lexicon().weekdays.get(word.rstrip(".").strip())


def standard_day(word: str | None) -> str:
    """The deictic word an informal spelling stands for ("tmrw": "tomorrow")."""
    w = " ".join(str(word or "").split())
    return lexicon().informal_days.get(w, w)


def day_of(word: str | None) -> int | None:
    if word is None:
        return None
    digits = re.match(r"\d+", word)
    return int(digits[0]) if digits else None


def ordinal_of(word: str | None) -> int | None:
    if word is None:
        return None
    w = word.strip()
    digits = re.match(r"\d+", w)
    if digits:
        return int(digits[0])
    return lexicon().ordinals.get(w)


def unit_of(word: str | None) -> Unit | None:
    if word is None:
        return None
    return lexicon().units.get(word.strip())


def amount_of(g: Groups) -> float | None:
    """The number of units captured (NUM or VAGUE); None when vague."""
    if g.get("vague"):
        return None
    num = g.get("num")
    return number_value(num) if num else 1.0


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date | None:
    """The nth ISO weekday of a month (nth -1: the last)."""
    first = safe_date(year, month, 1)
    if first is None:
        return None
    if nth > 0:
        offset = (weekday - first.isoweekday()) % 7
        day = first + timedelta(days=offset + 7 * (nth - 1))
        return day if day.month == month else None
    last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


def two_digit_year(yy: int, anchor: date) -> int:
    """'98 -> 1998, '05 -> 2005: the century that puts it nearest the anchor."""
    candidates = [c + yy for c in (1800, 1900, 2000, 2100)]
    return min(candidates, key=lambda y: abs(y - anchor.year))


def easter(year: int) -> date:
    """Easter Sunday of a Gregorian year (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    n = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * n) // 433
    month = (h + n - 7 * m + 90) // 25
    return date(year, month, (h + n - 7 * m + 33 * month + 19) % 32)
