"""Linking the sides of ranges and coordinations the rules found as separate expressions:
"from 1990 to 1995", "between Monday and Wednesday", "2009-2010", "in 1994, 1995 and 1997",
"in June, July and August 2016" (a list that says its year once, at its end: each month
takes it).

Ranges whose sides share words ("Nov. 9-10") are matched whole by the range rules
(`handlers_ranges.py`); here the sides are already mentions of their own, and only the
words between them say whether they belong together. Each side of a linked group holds
the index of its first side (`TimeMention.range_first`), so that an account dated by one
side spans them all."""

from __future__ import annotations

import re
from dataclasses import replace

from .cal import interval_of
from .lexicon import lexicon
from .types import TimeMention

_DASH = re.compile(r"\s*[-–—]\s*")
_UNTIL = re.compile(r"\s+(?:to|through|thru|until|till)\s+")
_AND = re.compile(r"\s*,?\s+(?:and|or)\s+")
# "8:40 p.m. ET, or 4:40 a.m. in Syria": one time said again another way, not a list
_RESTATED = re.compile(r"\s*,\s*or\s+")
_BETWEEN_AND = re.compile(r"\s+and\s+")
_COMMA = re.compile(r"\s*,\s*")
_OPENER = re.compile(r"(?<![a-z])(?P<word>from|between)\s+$")
_YEAR_SAID = re.compile(r"\d{4}|['’]\d\d")  # a mention that says its own year
_SHARES_YEAR = ("month", "day")  # lists of these share the year said at their end
LOOK_BACK = 40  # characters before a range where a rescheduling verb is looked for


def link_ranges(low: str, mentions: list[TimeMention]) -> list[TimeMention]:
    """The mentions, with the sides of each range or list found in `low` (the lowercased
    text) linked to their first side."""
    linked = list(mentions)
    i = 0
    while i < len(linked) - 1:
        last = _group_end(low, linked, i)
        for k in range(i + 1, last + 1) if last > i else ():
            linked[k] = replace(linked[k], range_first=i)
        if last > i:
            linked[i] = replace(linked[i], range_first=i)
            linked[i : last + 1] = _year_shared(linked[i : last + 1])
        i = last + 1
    return linked


def _linkable(m: TimeMention) -> bool:
    """Specific dates and times that no rule has linked yet (not "recently", not "P3D")."""
    return (
        m.type in ("DATE", "TIME")
        and m.range_first is None
        and m.earliest is not None
        and m.latest is not None
        and not m.value.endswith("_REF")
    )


def _group_end(low: str, ms: list[TimeMention], i: int) -> int:
    """The index of the last side of the range or list that begins with mention i; i
    when it begins none."""
    if not _linkable(ms[i]):
        return i
    j = i
    while j + 1 < len(ms):
        a, b = ms[j], ms[j + 1]
        gap = low[a.end : b.start]
        alike = a.type == b.type and a.granularity == b.granularity
        if not _linkable(b):
            # "June, July and August 2016": a rule paired the last two, which end the list
            listed = alike and _COMMA.fullmatch(gap) and _pair_from(low, ms, j + 1)
            return j + 2 if listed else i
        if alike and _COMMA.fullmatch(gap):
            j += 1  # a list goes on: it counts only if it ends with "and" or "or"
            continue
        if j == i and _RESTATED.fullmatch(gap):
            break
        if alike and _AND.fullmatch(gap):
            return j + 1  # "in 1990 and 1991", "on Monday or Tuesday", "1990, 1991, or 1992"
        if j == i and _is_range(low, a, b, gap):
            return j + 1
        break
    return i  # a list without "and" is not one ("Thursday, Jan. 6" restates the day)


def _pair_from(low: str, ms: list[TimeMention], k: int) -> bool:
    """Whether mention k and the next are a coordination a rule matched whole ("July and
    August 2016", "4 and 5 March"), which may end a longer list."""
    if k + 1 >= len(ms) or ms[k].range_first != k or ms[k + 1].range_first != k:
        return False
    return bool(_AND.fullmatch(low[ms[k].end : ms[k + 1].start]))


def _year_shared(group: list[TimeMention]) -> list[TimeMention]:
    """The sides of a list of months or days, those before the last that say no year of
    their own given the year of the next ("June, July and August 2016": 2016; "Dec. 5,
    Jan. 7 and Feb. 9, 2016": December 2015)."""
    if not _YEAR_SAID.search(group[-1].text) or group[-1].granularity not in _SHARES_YEAR:
        return group
    shared = list(group)
    for k in range(len(group) - 2, -1, -1):
        side, after = shared[k], shared[k + 1]
        if _YEAR_SAID.search(side.text) or side.granularity not in _SHARES_YEAR or side.mod:
            continue
        turns = side.value[4:] > after.value[4:]  # the year turns between them
        year = int(after.value[:4]) - int(turns)
        shared[k] = _revalued(side, f"{year:04d}{side.value[4:]}")
    return shared


def _revalued(m: TimeMention, value: str) -> TimeMention:
    """The mention with another value of the same granularity, its interval moved with
    it (kept where its zone placed it)."""
    old, new = interval_of(m.value), interval_of(value)
    if old is None or new is None or m.earliest is None or m.latest is None:
        return m
    offset = m.earliest - old[0]
    return replace(m, value=value, earliest=new[0] + offset, latest=new[1] + offset)


def _is_range(low: str, a: TimeMention, b: TimeMention, gap: str) -> bool:
    """ "2009-2010", "from Nov. 3 to Nov. 7", "between 1990 and 1995", in that order; not
    a change of date ("the vote was moved from Monday to Tuesday")."""
    assert a.earliest is not None and b.latest is not None
    if not a.earliest < b.latest:
        return False
    if _DASH.fullmatch(gap):
        return True
    opener = _OPENER.search(low, max(0, a.start - 12), a.start)
    if opener is None:
        return False
    if opener["word"] == "between":
        return bool(_BETWEEN_AND.fullmatch(gap) or _UNTIL.fullmatch(gap))
    return bool(_UNTIL.fullmatch(gap)) and not rescheduled(low, a.start)


def rescheduled(low: str, start: int) -> bool:
    """Whether the two dates from `start` on are a change of date ("the vote was moved
    from Monday to Tuesday"), not a range: a rescheduling verb shortly before."""
    before = low[max(0, start - LOOK_BACK) : start].split()
    return any(w.strip(",;:") in lexicon().reschedule_words for w in before)
