"""Handlers of absolute and calendar-named dates: "Nov. 14, 2017", "May", "Q3",
"summer 2016", "the 1990s", "the 19th century", "fiscal 1998"."""

from __future__ import annotations

from datetime import date, timedelta

from .cal import SEASON_START, Period, floor, move, period, shift, value_of
from .context import Context, Result
from .lexicon import lexicon, number_value
from .words import (
    Groups,
    day_of,
    month_of,
    nth_weekday,
    ordinal_of,
    safe_date,
    two_digit_year,
    weekday_of,
)

# How much farther a date counts when it lies in the past of a future-tense clause (or
# the future of a past-tense one).
WRONG_SIDE_DAYS = 180
NEAR_VERB = 12
_MONTH_CUES = (
    "in",
    "of",
    "since",
    "until",
    "till",
    "by",
    "from",
    "through",
    "during",
    "early",
    "late",
    "mid",
    "last",
    "this",
    "next",
    "before",
    "after",
    "between",
    "and",
    "to",
    "around",
    "the",
    "each",
    "every",
    "for",
    "on",
    "that",
    "end",
    "beginning",
    "start",
    "middle",
    "or",
    "until",
)


def _capitalized_ok(ctx: Context, word: str | None) -> bool:
    """Month names that are also words ("may", "march") count only when capitalized."""
    if word is None:
        return True
    w = word.rstrip(".").strip()
    if w not in lexicon().ambiguous_months and len(w) > 4:
        return True
    i = ctx.low.find(w, ctx.start)
    return i >= 0 and ctx.text[i].isupper()


def _year(g: Groups, ctx: Context) -> int | None:
    if g.get("year"):
        return int(str(g["year"]))
    if g.get("yq"):
        return two_digit_year(int(str(g["yq"])[1:]), ctx.anchor)
    return None


def infer_year(ctx: Context, month: int, day: int | None = None) -> int:
    """The year of a month (and day) named without one: the nearest to the anchor, where
    a date on the wrong side of it for the tense of the clause counts as farther. In a
    narrative, the nearest to the story's current time, whatever the tense."""
    base, narrative = ctx.deictic_base()
    if narrative and ctx.ref is not None and ctx.ref.gran == "year":
        return base.year  # "In 1943 ... in July": that year's July
    best: tuple[int, int] | None = None
    for year in (base.year - 1, base.year, base.year + 1):
        first = safe_date(year, month, day or 1)
        if first is None:
            continue
        last = first if day else shift("month", first, 1) - timedelta(days=1)
        if first <= base <= last:
            return year
        after = first > base
        distance = (first - base).days if after else (base - last).days
        wrong_side = (after and ctx.tense == "past") or (not after and ctx.tense == "future")
        if wrong_side and not narrative:
            # a verb right next to the date ("happened on") is surer than a distant one
            distance += WRONG_SIDE_DAYS * (2 if ctx.tense_distance <= NEAR_VERB else 1)
        if best is None or distance < best[0]:
            best = (distance, year)
    return best[1] if best else base.year


def _dated(d: date | None, gran: str = "day") -> Result | None:
    return Result("DATE", value_of(period(gran, d))) if d else None


def iso_date(g: Groups, ctx: Context) -> Result | None:
    d = safe_date(int(str(g["year"])), int(str(g["month"])), int(str(g["day"])))
    if d is None:
        return None
    if g.get("hour"):
        hour, minute = int(str(g["hour"])), int(str(g["minute"]))
        return Result("TIME", f"{d.isoformat()}T{hour:02d}:{minute:02d}")
    return _dated(d)


def numeric_date(g: Groups, ctx: Context) -> Result | None:
    a, b, y = int(str(g["a"])), int(str(g["b"])), str(g["year"])
    year = int(y) if len(y) == 4 else two_digit_year(int(y), ctx.anchor)
    month, day = (a, b) if a <= 12 else (b, a)  # US order unless impossible
    return _dated(safe_date(year, month, day))


def month_day(g: Groups, ctx: Context) -> Result | None:
    month, day = month_of(g.get("month")), day_of(g.get("day"))
    if month is None or day is None or not _capitalized_ok(ctx, g.get("month")):
        return None
    year = _year(g, ctx)
    on_ref = False
    if year is None:
        _, on_ref = ctx.deictic_base()
        year = _weekday_year(g, ctx, month, day) or infer_year(ctx, month, day)
    d = safe_date(year, month, day)
    return Result("DATE", d.isoformat(), on_ref) if d else None


def _weekday_year(g: Groups, ctx: Context, month: int, day: int) -> int | None:
    """ "Thursday, March 8": the year near the anchor in which March 8 is a Thursday."""
    weekday = weekday_of(g.get("weekday"))
    if weekday is None:
        return None
    for year in (ctx.anchor.year, ctx.anchor.year - 1, ctx.anchor.year + 1):
        d = safe_date(year, month, day)
        if d is not None and d.isoweekday() == weekday:
            return year
    return None


def week_of(g: Groups, ctx: Context) -> Result | None:
    day = month_day(g, ctx)
    return Result("DATE", value_of(period("week", date.fromisoformat(day.value)))) if day else None


def month_year(g: Groups, ctx: Context) -> Result | None:
    month, year = month_of(g.get("month")), _year(g, ctx)
    if month is None or year is None or not _capitalized_ok(ctx, g.get("month")):
        return None
    return _dated(date(year, month, 1), "month")


def month_relative(g: Groups, ctx: Context) -> Result | None:
    month = month_of(g.get("month"))
    if month is None or not _capitalized_ok(ctx, g.get("month")):
        return None
    base, on_ref = ctx.deictic_base()
    rel = g.get("rel") or g.get("relyear") or ""
    if g.get("relyear"):
        year = base.year + {"last": -1, "this": 0, "next": 1}[rel]
    elif rel == "this past":
        year = base.year if month < base.month else base.year - 1
    elif rel == "last":  # "last February" in March is the previous year's
        year = base.year - 1
    elif rel in ("next", "this coming"):
        year = base.year if month > base.month else base.year + 1
    else:
        year = base.year
    return Result("DATE", value_of(period("month", date(year, month, 1))), on_ref)


def month_alone(g: Groups, ctx: Context) -> Result | None:
    word = str(g["month"]).rstrip(".").strip()
    month = month_of(word)
    if month is None or not _capitalized_ok(ctx, word):
        return None
    if len(word) <= 4 and not str(g["month"]).endswith(".") and word not in ("may", "june", "july"):
        return None  # "Jan Kavan": a bare abbreviation is a name more often than a month
    if word in lexicon().ambiguous_months and not _month_cue(ctx):
        return None
    _, on_ref = ctx.deictic_base()
    year = infer_year(ctx, month)
    return Result("DATE", value_of(period("month", date(year, month, 1))), on_ref)


def _month_cue(ctx: Context) -> bool:
    words = ctx.before(25).replace("-", " ").split()
    return bool(words) and words[-1] in _MONTH_CUES


def year(g: Groups, ctx: Context) -> Result | None:
    y = int(str(g["year"]))
    explicit = ctx.low[ctx.start : ctx.start + 4] in ("year", "the ", "cale") or g.get("era")
    if not explicit and not _looks_like_year(ctx, y):
        return None
    return Result("DATE", f"{y:04d}")


def _looks_like_year(ctx: Context, y: int) -> bool:
    lex = lexicon()
    before = ctx.before(20)
    prev = before.split()[-1] if before.split() else ""
    prev_word = prev.strip("(,.;:\"'")
    if prev_word in lex.number_blockers or prev.endswith(("$", "#", "no.")):
        return False
    if not 1000 <= y <= ctx.anchor.year + 30:
        return False
    if prev_word in lex.year_cues or prev.endswith(("(", ",")) or not prev:
        return True
    after = ctx.after(15).lstrip()
    if not after or not after[0].isalpha():
        return True
    next_word = after.split()[0].strip(".,;:")
    # "the 1996 campaign" names a year; "1500 soldiers" counts
    return next_word in _FUNCTION_WORDS or not next_word.endswith("s")


_FUNCTION_WORDS = {
    "the",
    "a",
    "and",
    "or",
    "but",
    "to",
    "in",
    "on",
    "at",
    "of",
    "for",
    "with",
    "as",
    "when",
    "after",
    "before",
    "that",
    "which",
    "was",
    "were",
    "is",
    "are",
    "had",
    "has",
    "it",
    "he",
    "she",
    "they",
    "we",
    "election",
    "elections",
    "season",
    "budget",
    "census",
    "levels",
}


_TENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15}


def spelled_year(g: Groups, ctx: Context) -> Result | None:
    """ "nineteen ninety-six", "the year two thousand" (in transcripts)."""
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
    """ "the year" (this one, or a fiscal year when "ended ..." follows), and "the month",
    "the week" after "the end of", "the rest of"."""
    unit = str(g["unit"])
    base, on_ref = ctx.deictic_base()
    after = ctx.after(12).lstrip()
    if unit == "year" and after.startswith(("ended", "ending", "to date", "through")):
        return Result("DURATION", "P1Y")
    if unit != "year" and not ctx.before(4).rstrip().endswith("of"):
        return None
    if g.get("adj") == "same " or (ctx.mode == "narrative" and ctx.ref is not None):
        ref = ctx.ref if ctx.ref is not None else period("day", base)
        return Result("DATE", value_of(period(unit, ref.first)), ctx.ref is not None)
    return Result("DATE", value_of(period(unit, base)), on_ref)


def fiscal_year(g: Groups, ctx: Context) -> Result | None:
    y = _year(g, ctx)
    return Result("DATE", f"{y:04d}") if y else None


def quarter(g: Groups, ctx: Context) -> Result | None:
    n = ordinal_of(g.get("ordq")) or (int(str(g["q"])) if g.get("q") else None)
    if n == -1:
        n = 4
    rel = (g.get("rel") or "").replace("the ", "").strip()
    if n is None and g.get("year"):  # "the 1988 quarter": the one being reported on
        ref = ctx.ref if ctx.ref is not None and ctx.ref.gran == "quarter" else None
        n = (ref or move(period("quarter", ctx.anchor), -1)).first.month // 3 + 1
    if n is None:
        return _quarter_relative(rel, ctx)
    if not 1 <= n <= 4:
        return None
    base, on_ref = ctx.deictic_base()
    year = _year(g, ctx) or (int(str(g["year2"])) if g.get("year2") else None)
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
        ref = ctx.ref if ctx.ref is not None and ctx.ref.gran == "quarter" else move(current, -1)
        return Result("DATE", value_of(move(ref, -4 if rel != "same" else 0)), True, sets_ref=False)
    if rel == "":
        return None
    # "the quarter": the one being reported on in past tense, else the current one
    if ctx.ref is not None and ctx.ref.gran == "quarter" and ctx.ref.first <= current.first:
        return Result("DATE", value_of(ctx.ref), True)
    q = move(current, -1) if ctx.tense == "past" else current
    return Result("DATE", value_of(q), on_ref)


def half_year(g: Groups, ctx: Context) -> Result | None:
    word = g.get("ordh") or ""
    n = 1 if word in ("first", "1st") else 2 if word else int(str(g["h"]))
    base, on_ref = ctx.deictic_base()
    year = _year(g, ctx) or (int(str(g["year2"])) if g.get("year2") else None)
    if year is None:
        year = base.year + {"last": -1, "next": 1}.get(g.get("yrel") or "", 0)
    return Result("DATE", f"{year:04d}-H{n}", on_ref)


def season(g: Groups, ctx: Context) -> Result | None:
    code = lexicon().seasons[str(g["season"])]
    rel = g.get("rel") or ""
    if rel == "" and code == "FA" and not ctx.text[ctx.start].isupper() and not g.get("year"):
        return None  # "the fall of the Berlin wall": "fall" is too often not a season
    base, on_ref = ctx.deictic_base()
    year = _year(g, ctx)
    if year is None and g.get("yrel"):
        year = base.year + {"last": -1, "this": 0, "next": 1}[str(g["yrel"])]
    if year is not None:
        return Result("DATE", f"{year:04d}-{code}", on_ref)
    current = period("season", base)
    this = Period("season", date(current.first.year, SEASON_START[code], 1))
    if code == "WI" and current.first.month == 12:
        this = Period("season", date(current.first.year, 12, 1))
    if rel == "that" and on_ref:  # "that summer": the one of the story's year
        chosen = this
    elif rel in ("last", "this past") or (rel in ("", "the", "that") and ctx.tense == "past"):
        chosen = this if this.first < current.first else move(this, -4)
    elif rel in ("next", "this coming") or ctx.tense == "future":
        chosen = this if this.first > current.first else move(this, 4)
    else:
        chosen = this
    return Result("DATE", value_of(chosen), on_ref)


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


def holiday(g: Groups, ctx: Context) -> Result | None:
    name = str(g["holiday"]).replace("’", "'")
    name = " ".join(name.split())
    spec = lexicon().holidays.get(name)
    if spec is None or (not ctx.text[ctx.start].isupper() and not g.get("rel")):
        return None
    base, on_ref = ctx.deictic_base()
    year = _year(g, ctx)
    if year is None:
        rel = g.get("rel") or ""
        year = base.year + {"last": -1, "next": 1}.get(rel, 0)
        if not rel and ctx.tense == "past" and (spec[0], spec[1]) > (base.month, base.day):
            year -= 1
    month, a, nth = spec
    day = safe_date(year, month, a) if nth == 0 else nth_weekday(year, month, a, nth)
    return Result("DATE", day.isoformat(), on_ref) if day else None


def year_end(g: Groups, ctx: Context) -> Result | None:
    base, on_ref = ctx.deictic_base()
    shift = {"last year": -1, "next year": 1}.get(str(g["rel"]), 0)
    return Result("DATE", f"{base.year + shift:04d}", on_ref, mod="END")


def year_ago_adjective(g: Groups, ctx: Context) -> Result | None:
    n = ordinal_of(g.get("ordq"))
    base, _ = ctx.deictic_base()
    if n is not None and 1 <= n <= 4:
        return Result("DATE", f"{base.year - 1:04d}-Q{n}")
    ref = ctx.ref
    current = ref is not None and ref.first.year >= ctx.anchor.year - 1 and ref.first <= ctx.anchor
    if ref is not None and current and ref.gran in ("quarter", "half", "month", "year"):
        return Result("DATE", value_of(move(ref, -1, "year")), True, sets_ref=False)
    if "quarter" in ctx.low[ctx.start : ctx.end]:  # the latest reported quarter, a year before
        return Result("DATE", value_of(move(period("quarter", base), -5)))
    return Result("DATE", value_of(period("year", floor("year", base).replace(year=base.year - 1))))


HANDLERS = {
    "iso_date": iso_date,
    "numeric_date": numeric_date,
    "month_day": month_day,
    "week_of": week_of,
    "month_year": month_year,
    "month_relative": month_relative,
    "month_alone": month_alone,
    "year": year,
    "fiscal_year": fiscal_year,
    "quarter": quarter,
    "half_year": half_year,
    "season": season,
    "decade": decade,
    "century": century,
    "holiday": holiday,
    "year_end": year_end,
    "year_ago_adjective": year_ago_adjective,
    "spelled_year": spelled_year,
    "the_unit": the_unit,
}
