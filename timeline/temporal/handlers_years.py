"""Handlers of years and their parts: "1990", "fiscal 1998", "Q3", "the first half",
"summer 2016", "the 1990s", "the 19th century", "year-end", "the year-ago quarter"."""

from __future__ import annotations

import re
from datetime import date

from .cal import SEASON_START, Period, floor, move, period, value_of
from .context import Context, Result
from .handlers_abs import explicit_year
from .lexicon import lexicon, number_value
from .words import Groups, ordinal_of, two_digit_year


def year(g: Groups, ctx: Context) -> Result | None:
    y = int(str(g["year"]))
    explicit = ctx.low[ctx.start : ctx.start + 4] in ("year", "the ", "cale") or g.get("era")
    if not explicit and not _looks_like_year(ctx, y):
        return None
    return Result("DATE", f"{y:04d}")


def _looks_like_year(ctx: Context, y: int) -> bool:
    """Whether a bare number in 1000..2099 is a year: not after "Resolution", "page",
    "$"; not before "people", "km", "%"; after "in", "since"...; or before a singular
    noun ("the 1996 campaign") rather than a plural one ("1500 soldiers")."""
    lex = lexicon()
    words = ctx.before(20).split()
    prev = words[-1] if words else ""
    prev_word = prev.strip("(,.;:\"'")
    following = ctx.after(15).split()
    next_word = following[0].strip(".,;:") if following else ""
    if prev_word in lex.number_blockers or prev.endswith(("$", "#", "no.")):
        return False
    if not 1000 <= y <= ctx.anchor.year + 30 or next_word in lex.count_words:
        return False
    if prev_word in lex.year_cues or prev.endswith(("(", ",")) or not prev:
        return True
    if not next_word or not next_word[0].isalpha():
        return True
    return next_word in lex.year_followers or not _plural(next_word)


def _plural(word: str) -> bool:
    """Whether a word reads as a plural noun ("soldiers"), not a singular in -s
    ("analysis", "census", "process")."""
    return word.endswith("s") and not word.endswith(("ss", "is", "us"))


def year_apostrophe(g: Groups, ctx: Context) -> Result | None:
    """A two-digit year after an apostrophe ("in '82", "the class of '09"), counted
    after a word that makes a number a year, or at the start of a clause; a quoted number
    ("'82 people") is not one."""
    lex = lexicon()
    words = ctx.before(20).split()
    prev = words[-1].strip('"“(') if words else ""
    following = ctx.after(15).split()
    next_word = following[0].strip(".,;:") if following else ""
    if next_word in lex.count_words or (prev and prev not in lex.year_cues):
        return None
    return Result("DATE", f"{two_digit_year(int(str(g['yq'])[1:]), ctx.anchor):04d}")


def era_year(g: Groups, ctx: Context) -> Result | None:
    """Era years: "AD 9", "1066 AD", "55 BC" (TIMEX3 writes BC years as BC0055)."""
    era = str(g.get("era") or "ad").replace(".", "")
    number = int(str(g.get("ad") or g.get("num")))
    if number == 0:
        return None
    if era.startswith("b"):
        return Result("DATE", f"BC{number:04d}")
    if g.get("num") and era == "ce" and not ctx.text[ctx.end - 2 : ctx.end].isupper():
        return None  # "10 ce" in lowercase is rarely an era
    return Result("DATE", f"{number:04d}")


def spelled_year(g: Groups, ctx: Context) -> Result | None:
    """Years in words: "nineteen ninety-six", "the year two thousand" (transcripts)."""
    if g.get("millennium"):
        rest = number_value(str(g["yy2"])) if g.get("yy2") else 0.0
        if rest is None or (not g.get("yy2") and not ctx.low.startswith("the year", ctx.start)):
            return None  # "two thousand" alone is a count
        return Result("DATE", f"{2000 + int(rest):04d}")
    century = number_value(str(g["cent"]))
    rest = number_value(str(g["yy"]))
    if century is None or rest is None or rest >= 100:
        return None
    return Result("DATE", f"{int(century) * 100 + int(rest):04d}")


def the_unit(g: Groups, ctx: Context) -> Result | None:
    """The current unit: "the year" (a fiscal year when "ended ..." follows), and "the
    month", "the week", "the decade" after "the end of", "the rest of"."""
    unit = str(g["unit"])
    base, on_ref = ctx.deictic_base()
    after = ctx.after(12).lstrip()
    if unit == "year" and after.startswith(("ended", "ending", "to date", "through")):
        return Result("DURATION", "P1Y")
    if unit != "year" and not ctx.before(4).rstrip().endswith("of"):
        return None  # "the month" alone is too often not a time ("the month's data")
    if g.get("adj") == "same " or (ctx.mode == "narrative" and ctx.ref is not None):
        ref = ctx.ref if ctx.ref is not None else period("day", base)
        return Result("DATE", value_of(period(unit, ref.first)), ctx.ref is not None)
    return Result("DATE", value_of(period(unit, base)), on_ref)


def fiscal_year(g: Groups, ctx: Context) -> Result | None:
    y = explicit_year(g, ctx)
    if y is None and g.get("yy"):
        y = two_digit_year(int(str(g["yy"])), ctx.anchor)
    return Result("DATE", f"{y:04d}") if y else None


def quarter(g: Groups, ctx: Context) -> Result | None:
    n = ordinal_of(g.get("ordq")) or (int(str(g["q"])) if g.get("q") else None)
    if n == -1:
        n = 4
    rel = (g.get("rel") or "").replace("the ", "").strip()
    if n is None and g.get("year"):  # "the 1988 quarter": the one being reported on
        n = _reported_quarter(ctx).first.month // 3 + 1
    if n is None:
        return _quarter_relative(rel, ctx)
    if not 1 <= n <= 4:
        return None
    base, on_ref = ctx.deictic_base()
    year = explicit_year(g, ctx) or (int(str(g["year2"])) if g.get("year2") else None)
    if year is None:
        shift = {"last": -1, "next": 1}.get(g.get("yrel") or "", 0)
        if rel in ("year-ago", "year-earlier", "last year's"):
            shift = -1
        elif rel == "next year's":
            shift = 1
        year = base.year + shift
        past = ctx.tense == "past" and not g.get("yrel") and shift == 0
        if past and n > (base.month - 1) // 3 + 1:
            year -= 1
    return Result("DATE", f"{year:04d}-Q{n}", on_ref)


def _quarter_relative(rel: str, ctx: Context) -> Result | None:
    base, on_ref = ctx.deictic_base()
    current = period("quarter", base)
    if rel in ("latest", "last", "past", "most recent", "previous", "prior"):
        return Result("DATE", value_of(move(current, -1)), on_ref)
    if rel in ("this", "current"):
        return Result("DATE", value_of(current), on_ref)
    if rel == "next":
        return Result("DATE", value_of(move(current, 1)), on_ref)
    if rel in ("year-ago", "year-earlier", "comparable", "same", "last year's"):
        reported = _reported_quarter(ctx)
        return Result(
            "DATE", value_of(move(reported, -4 if rel != "same" else 0)), True, sets_ref=False
        )
    if rel == "":
        return None
    # "the quarter": the one being reported on in past tense, else the current one
    if ctx.ref is not None and ctx.ref.gran == "quarter" and ctx.ref.first <= current.first:
        return Result("DATE", value_of(ctx.ref), True)
    if ctx.report is not None and ctx.report.gran == "quarter":
        return Result("DATE", value_of(ctx.report), True)
    q = move(current, -1) if ctx.tense == "past" else current
    return Result("DATE", value_of(q), on_ref)


def _reported_quarter(ctx: Context) -> Period:
    """The quarter results news reports on, else the last one ended before publication."""
    reported = ctx.reported()
    if reported is not None and reported.gran == "quarter":
        return reported
    return move(period("quarter", ctx.anchor), -1)


def latest_period(g: Groups, ctx: Context) -> Result | None:
    """ "The latest period" in results news: the quarter (or half, or month) reported on."""
    ref = ctx.current_ref()
    if ref is None or ref.gran not in ("quarter", "half", "month"):
        return None
    return Result("DATE", value_of(ref), True)


def half_year(g: Groups, ctx: Context) -> Result | None:
    word = g.get("ordh") or ""
    n = 1 if word in ("first", "1st") else 2 if word else int(str(g["h"]))  # second, last
    base, on_ref = ctx.deictic_base()
    year = explicit_year(g, ctx) or (int(str(g["year2"])) if g.get("year2") else None)
    if year is None:
        year = base.year + {"last": -1, "next": 1}.get(g.get("yrel") or "", 0)
    return Result("DATE", f"{year:04d}-H{n}", on_ref)


def season(g: Groups, ctx: Context) -> Result | None:
    code = lexicon().seasons[str(g["season"])]
    rel = g.get("rel") or ""
    if rel == "" and code == "FA" and not ctx.text[ctx.start].isupper() and not g.get("year"):
        return None  # "prices fall": "fall" is too often not a season
    if code == "FA" and not g.get("year") and not g.get("yrel") and _fall_of_something(ctx):
        return None  # "the fall of Raqqa", "after the fall of the Berlin Wall": a collapse
    if _clock_regime(ctx):
        return None  # "British Summer Time ends": daylight saving, not the season
    if rel in ("the following", "the next", "the previous", "the preceding"):
        return _season_around(ctx, code, after=rel in ("the following", "the next"))
    base, on_ref = ctx.deictic_base()
    year = explicit_year(g, ctx)
    if year is None and g.get("yrel"):
        year = base.year + {"last": -1, "this": 0, "next": 1}[str(g["yrel"])]
    if year is None and rel in ("", "the") and (ahead := ctx.year_ahead(SEASON_START[code])):
        return Result("DATE", f"{ahead:04d}-{code}")  # "In the spring, ... in May 1940"
    if year is not None:
        return Result("DATE", f"{year:04d}-{code}", on_ref and not g.get("year"))
    current = period("season", base)
    this = Period("season", date(current.first.year, SEASON_START[code], 1))
    if code == "WI" and current.first.month == 12:
        this = Period("season", date(current.first.year, 12, 1))
    if on_ref and rel in ("", "the", "that"):
        chosen = _story_season(ctx, code, this, current)
    elif rel in ("last", "this past") or (rel in ("", "the", "that") and ctx.tense == "past"):
        chosen = this if this.first < current.first else move(this, -4)
    elif rel in ("next", "this coming") or ctx.tense == "future":
        chosen = this if this.first > current.first else move(this, 4)
    else:
        chosen = this
    return Result("DATE", value_of(chosen), on_ref)


# What may follow "the fall of" when it is the autumn: a year ("the fall of 2016" is taken
# by the rule itself) or a phrase naming one ("the fall of that year").
_FALL_OF_YEAR = re.compile(
    r"\s+of\s+(?:(?:that|this|last|next|the same|the following|the previous|the) year\b|'\d\d\b)"
)


def _fall_of_something(ctx: Context) -> bool:
    """Whether "fall" is followed by "of" and something that is not a year: the fall of
    a city, a regime or a wall is its collapse, not the autumn."""
    if not re.match(r"\s+of\b", ctx.low[ctx.end : ctx.end + 5]):
        return False
    return _FALL_OF_YEAR.match(ctx.low, ctx.end) is None


def _clock_regime(ctx: Context) -> bool:
    """Whether the season names a clock regime: "Summer Time" capitalized ("British
    Summer Time ends on Sunday"), or a time zone written out ("british summer time")."""
    if re.match(r"\s+Time\b", ctx.text[ctx.end : ctx.end + 6]):
        return True
    words = [*ctx.before(25).split()[-2:], ctx.low[ctx.start : ctx.end].split()[-1]]
    words += ctx.after(8).split()[:1]
    phrase = " ".join(words)
    return any(zone in phrase for zone in lexicon().timezones if " " in zone)


def _season_around(ctx: Context, code: str, after: bool) -> Result:
    """ "The following spring": the first after the last mentioned time (or publication);
    "the previous winter": the last one before it."""
    ref = ctx.ref if ctx.ref is not None else period("day", ctx.anchor)
    start = move(ref, 1).first if after else ref.first
    season = Period("season", date(start.year, SEASON_START[code], 1))
    while after and season.first < start:
        season = move(season, 4)
    while not after and move(season, 1).first > start:
        season = move(season, -4)
    return Result("DATE", value_of(season), ctx.ref is not None)


def _story_season(ctx: Context, code: str, this: Period, current: Period) -> Period:
    """A season named in a narrative: that of the story's year when its time is a year
    ("In 1895 ... that summer"), else the next one from its time (stories move on)."""
    if ctx.ref is not None and ctx.ref.gran in ("year", "decade", "century"):
        return Period("season", date(ctx.ref.first.year, SEASON_START[code], 1))
    return this if this.first >= current.first else move(this, 4)


def decade(g: Groups, ctx: Context) -> Result | None:
    if g.get("word"):
        tens = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties"]
        tens.append("nineties")
        start = 1900 + 10 * (tens.index(str(g["word"])) + 2)
    else:
        digits = str(g["dec"]).lstrip("'")
        if len(digits) == 4:
            start = int(digits)
        else:
            if "'" not in ctx.low[ctx.start : ctx.end] and not ctx.low.startswith("the", ctx.start):
                return None
            if ctx.before(12).rstrip().endswith(("his", "her", "their", "in its", "mid")):
                return None
            start = two_digit_year(int(digits), ctx.anchor)
            start = start if start <= ctx.anchor.year else start - 100
    return Result("DATE", value_of(period("decade", date(start, 1, 1))))


def century(g: Groups, ctx: Context) -> Result | None:
    n = ordinal_of(g.get("ordc"))
    if n is None or not 2 <= n <= 30:
        return None
    return Result("DATE", f"{n - 1:02d}")


def year_end(g: Groups, ctx: Context) -> Result | None:
    base, on_ref = ctx.deictic_base()
    shift = {"last year": -1, "next year": 1}.get(str(g["rel"]), 0)
    return Result("DATE", f"{base.year + shift:04d}", on_ref, mod="END")


def year_ago_adjective(g: Groups, ctx: Context) -> Result | None:
    n = ordinal_of(g.get("ordq"))
    base, _ = ctx.deictic_base()
    if n is not None and 1 <= n <= 4:
        return Result("DATE", f"{base.year - 1:04d}-Q{n}")
    # "the year-earlier period" names the period reported on; "year-earlier results" may not
    named = ctx.low[ctx.start : ctx.end].endswith(("period", "quarter"))
    ref = ctx.reported() if named else ctx.current_ref()
    if ref is not None and ref.gran in ("quarter", "half", "month", "year"):
        return Result("DATE", value_of(move(ref, -1, "year")), True, sets_ref=False)
    if "quarter" in ctx.low[ctx.start : ctx.end]:  # the latest reported quarter, a year before
        return Result("DATE", value_of(move(period("quarter", base), -5)))
    return Result("DATE", value_of(period("year", floor("year", base).replace(year=base.year - 1))))


def same_period_year_before(g: Groups, ctx: Context) -> Result | None:
    """ "the corresponding period last year": the period reported on, a year before."""
    ref = ctx.reported()
    if ref is None or ref.gran not in ("quarter", "half", "month"):
        return None
    return Result("DATE", value_of(move(ref, -1, "year")), True, sets_ref=False)


HANDLERS = {
    "era_year": era_year,
    "year": year,
    "fiscal_year": fiscal_year,
    "quarter": quarter,
    "latest_period": latest_period,
    "half_year": half_year,
    "season": season,
    "decade": decade,
    "century": century,
    "year_end": year_end,
    "year_ago_adjective": year_ago_adjective,
    "same_period_year_before": same_period_year_before,
    "spelled_year": spelled_year,
    "year_apostrophe": year_apostrophe,
    "the_unit": the_unit,
}
