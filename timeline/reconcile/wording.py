"""Disputes in words a journalist reads: times, figures and who says what. Pure and
deterministic: the same accounts give the same words in whatever order they come."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from timeline.reconcile.dispute_model import AccountView

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
PARTS_OF_DAY = {
    "MO": "the morning",
    "MI": "midday",
    "AF": "the afternoon",
    "EV": "the evening",
    "NI": "the night",
    "DT": "the daytime",
}
MOST_NAMES = 3  # sources named on one side before "and N others"

_DAY = r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
_CLOCK = re.compile(
    _DAY + r"T(?P<hh>\d{2}):(?P<mm>\d{2})(?::\d{2}(?:\.\d+)?)?(?P<tz>Z|[+-]\d{2}:?\d{2})?"
)
_PART_OF_DAY = re.compile(_DAY + r"T(?P<pod>MO|MI|AF|EV|NI|DT)")
_WEEK = re.compile(r"(?P<y>\d{4})-W(?P<w>\d{2})")
_MONTH = re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})")
_QUARTER = re.compile(r"(?P<y>\d{4})-Q(?P<q>[1-4])")
_YEAR = re.compile(r"\d{4}")


def day_words(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def time_words(value: str, text: str | None = None) -> str:
    """A TIMEX3 value as a reader says it: "8 Nov 2017", "06:30 on 4 Apr 2017", "the week of
    6 Nov 2017", "Nov 2017"; other values as written ("recently"), else the value."""
    try:
        return _calendar_words(value) or (f'"{text}"' if text else value)
    except ValueError:  # a value that names no real day ("2017-02-30")
        return f'"{text}"' if text else value


def _calendar_words(value: str) -> str | None:
    if "/" in value:  # a range's envelope: "2017-11-09/2017-11-10"
        sides = [_calendar_words(side) for side in value.split("/", 1)]
        return None if None in sides else f"{sides[0]} to {sides[1]}"
    if m := _CLOCK.fullmatch(value):
        zone = f" {m['tz']}" if m["tz"] else ""
        return f"{m['hh']}:{m['mm']}{zone} on {_day(m)}"
    if m := _PART_OF_DAY.fullmatch(value):
        return f"{PARTS_OF_DAY[m['pod']]} of {_day(m)}"
    if m := re.fullmatch(_DAY, value):
        return _day(m)
    if m := _WEEK.fullmatch(value):
        return f"the week of {day_words(date.fromisocalendar(int(m['y']), int(m['w']), 1))}"
    if m := _MONTH.fullmatch(value):
        return f"{MONTHS[int(m['m']) - 1]} {m['y']}" if 1 <= int(m["m"]) <= 12 else None
    if m := _QUARTER.fullmatch(value):
        return f"Q{m['q']} {m['y']}"
    if _YEAR.fullmatch(value):
        return value
    return None


def _day(m: re.Match[str]) -> str:
    return day_words(date(int(m["y"]), int(m["m"]), int(m["d"])))


def number(x: float) -> str:
    """58.0 → "58", 2.5 → "2.5"."""
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def source_key(account: AccountView) -> str:
    """One source: its claimant identity, else (unknown claimant) the account alone."""
    return account.claimant_id or f"#{account.id}"


def source_name(account: AccountView) -> str:
    return account.claimant or account.publisher or f"account {account.id}"


def who(accounts: Sequence[AccountView], *, with_days: bool = False) -> str:
    """The sources of these accounts, named once each: "SANA", "SANA and the Syrian
    Observatory", "A, B, C and 2 others"; with the day each reported it when asked."""
    by_source: dict[str, list[AccountView]] = {}
    for account in accounts:
        by_source.setdefault(source_key(account), []).append(account)
    names = set()
    for told in by_source.values():
        first = min(told, key=lambda a: a.id)
        name = source_name(first)
        days = sorted({a.reported for a in told if a.reported is not None})
        if with_days and days:
            name = f"{name} on {day_words(days[0])}"
        names.add(name)
    return join_names(sorted(names, key=lambda n: (n.casefold(), n)))


def join_names(names: Sequence[str]) -> str:
    if len(names) > MOST_NAMES + 1:
        names = [*names[:MOST_NAMES], f"{len(names) - MOST_NAMES} others"]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def said(label: str, accounts: Sequence[AccountView], *, with_days: bool = False) -> str:
    return f"{label} according to {who(accounts, with_days=with_days)}"


def who_answering(rebuttals: Sequence[AccountView], claims: Sequence[AccountView]) -> str:
    """The sources of these rebuttals, each with the claimants it answers when those are
    not all of them (`AccountView.answers`): "the ministry (answering SOHR) and TASS"."""
    claimants = {source_key(c) for c in claims}
    by_source: dict[str, list[AccountView]] = {}
    for rebuttal in rebuttals:
        by_source.setdefault(source_key(rebuttal), []).append(rebuttal)
    names = set()
    for told in by_source.values():
        name = source_name(min(told, key=lambda a: a.id))
        answered = [c for c in claims if any(c.id in r.answers for r in told)]
        if answered and {source_key(c) for c in answered} != claimants:
            name = f"{name} (answering {who(answered)})"
        names.add(name)
    return join_names(sorted(names, key=lambda n: (n.casefold(), n)))
