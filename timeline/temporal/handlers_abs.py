"""Handlers of calendar dates: "Nov. 14, 2017", "14 November", "11/14/2017", "May",
"last November", "Christmas"; and the year of a date named without one."""

from __future__ import annotations

from datetime import UTC, date, timedelta, tzinfo

from .cal import period, shift, value_of
from .context import Context, Result
from .lexicon import lexicon
from .words import (
    Groups,
    day_of,
    easter,
    month_of,
    nth_weekday,
    safe_date,
    two_digit_year,
    weekday_of,
)
from .zones import signed_offset

# How much farther a date counts when it lies in the past of a future-tense clause (or
# the future of a past-tense one).
WRONG_SIDE_DAYS = 300
FAR_SIDE_DAYS = 180
NEAR_VERB = 12
CLAUSE_VERB = 70
SURE_DAYS = 45
LEAP_YEAR = 2000  # a year that has every day of the calendar (29 February)


def capitalized_ok(ctx: Context, word: str | None) -> bool:
    """Month names that are also words ("may", "march") count only when capitalized."""
    if word is None:
        return True
    w = word.rstrip(".").strip()
    if w not in lexicon().ambiguous_months and len(w) > 4:
        return True
    i = ctx.low.find(w, ctx.start)
    return i >= 0 and ctx.text[i].isupper()


def explicit_year(g: Groups, ctx: Context) -> int | None:
    if g.get("year"):
        return int(str(g["year"]))
    if g.get("yq"):
        return two_digit_year(int(str(g["yq"])[1:]), ctx.anchor)
    return None


def year_of(ctx: Context, month: int, day: int | None = None) -> tuple[int | None, bool]:
    """The year of a month (and day) named without one, and whether it comes from the
    last mentioned time: in a narrative, the year given later in the sentence if any;
    else `infer_year`. None when no year near the reference has the day (29 February)."""
    ahead = ctx.year_ahead(month)
    if ahead is not None and safe_date(ahead, month, day or 1) is not None:
        return ahead, False
    return infer_year(ctx, month, day), ctx.deictic_base()[1]


def infer_year(ctx: Context, month: int, day: int | None = None) -> int | None:
    """The year of a month (and day) named without one: the nearest to the anchor, where
    a date on the wrong side of it for the tense of the clause counts as farther (unless
    it is only weeks away: news rarely names last year's date without its year). In a
    narrative, the nearest to the story's current time, where a date before it counts as
    farther unless the clause looks back ("had"). None when none of the years around has
    the day (a 29 February far from a leap year)."""
    base, narrative = ctx.deictic_base()
    if narrative and ctx.ref is not None and ctx.ref.gran == "year":
        # "In 1943 ... in July": that year's July; not another year's 29 February
        return base.year if safe_date(base.year, month, day or 1) is not None else None
    scored: list[tuple[int, int, int]] = []  # (distance with penalty, distance, year)
    for year in (base.year - 1, base.year, base.year + 1):
        first = safe_date(year, month, day or 1)
        if first is None:
            continue
        last = first if day else shift("month", first, 1) - timedelta(days=1)
        if first <= base <= last:
            return year
        after = first > base
        distance = (first - base).days if after else (base - last).days
        penalty = 0
        if narrative and not after and "had" not in ctx.before(60).split():
            penalty = WRONG_SIDE_DAYS  # a story moves on, unless it looks back ("had")
        elif not narrative and (
            (after and ctx.tense == "past" and not ctx.deadline())
            or (not after and ctx.tense == "future")
        ):
            # a verb right next to the date ("happened on") is surer than a distant one
            penalty = _wrong_side_penalty(ctx.tense_distance)
        scored.append((distance + penalty, distance, year))
    if not scored:
        return None
    nearest = min(scored, key=lambda s: s[1])
    sure = day is not None and nearest[1] <= SURE_DAYS
    return nearest[2] if sure else min(scored)[2]


def _wrong_side_penalty(verb_distance: int) -> int:
    """Days added to a date on the wrong side of the anchor for the tense: a verb
    right next to the date ("happened on") is surer than one in the same clause, and
    that one surer than a verb across the sentence."""
    if verb_distance <= NEAR_VERB:
        return 2 * WRONG_SIDE_DAYS
    return WRONG_SIDE_DAYS if verb_distance <= CLAUSE_VERB else FAR_SIDE_DAYS


def _dated(d: date | None, gran: str = "day") -> Result | None:
    return Result("DATE", value_of(period(gran, d))) if d else None


def iso_date(g: Groups, ctx: Context) -> Result | None:
    d = safe_date(int(str(g["year"])), int(str(g["month"])), int(str(g["day"])))
    if d is None:
        return None
    if g.get("hour"):
        hour, minute = int(str(g["hour"])), int(str(g["minute"]))
        zone = _iso_zone(g.get("tz"))
        return Result("TIME", f"{d.isoformat()}T{hour:02d}:{minute:02d}", zone=zone)
    return _dated(d)


def _iso_zone(designator: str | None) -> tzinfo | None:
    """The zone of an ISO 8601 designator: "z" is UTC, "+03:00" or "+0300" an offset."""
    if not designator:
        return None
    if designator == "z":
        return UTC
    digits = designator[1:].replace(":", "")
    return signed_offset(designator[0], int(digits[:2]), int(digits[2:]))


def numeric_date(g: Groups, ctx: Context) -> Result | None:
    """11/14/2017 (US order unless impossible), 2017/11/14, 14.11.2017."""
    y = str(g["year"])
    year = int(y) if len(y) == 4 else two_digit_year(int(y), ctx.anchor)
    if g.get("a") is None:
        return _dated(safe_date(year, int(str(g["month"])), int(str(g["day"]))))
    a, b = int(str(g["a"])), int(str(g["b"]))
    month, day = (a, b) if a <= 12 else (b, a)
    return _dated(safe_date(year, month, day))


def month_day(g: Groups, ctx: Context) -> Result | None:
    month, day = month_of(g.get("month")), day_of(g.get("day"))
    if month is None or day is None:
        return None
    if not capitalized_ok(ctx, g.get("month")) and not _wordless_month(g.get("month")):
        return None
    year = explicit_year(g, ctx)
    on_ref = False
    if year is None:
        year = _weekday_year(g, ctx, month, day)
        if year is None:
            year, on_ref = year_of(ctx, month, day)
        if year is None and safe_date(LEAP_YEAR, month, day) is not None:
            # 29 February with no leap year near the reference: the day, year unknown
            return Result("DATE", f"XXXX-{month:02d}-{day:02d}", on_ref)
    d = safe_date(year, month, day) if year is not None else None
    return Result("DATE", d.isoformat(), on_ref) if d else None


def _wordless_month(word: str | None) -> bool:
    """Whether a lowercase month before its day is no English word ("sep 12", "oct 3"),
    so a month even in informal text that writes everything lowercase."""
    return word is not None and word.rstrip(".").strip() in lexicon().lowercase_day_months


def part_of_date(g: Groups, ctx: Context) -> Result | None:
    """ "the morning of 1 September 1939"; "the night of 13/14 February 1945" is the
    night that begins on the first day."""
    code = lexicon().parts_of_day.get(str(g.get("pod")))
    day = month_day({**g, "day": g.get("day") or g.get("day3")}, ctx)
    if code is None or day is None:
        return None
    # "the night of Nov. 9-10" is one night, across two dates; two mornings are a range
    next_day = day_of(g.get("nday"))
    if next_day is not None and (code != "NI" or next_day != int(day.value[8:10]) + 1):
        return None
    return Result("DATE", f"{day.value}T{code}", day.on_ref)


def _weekday_year(g: Groups, ctx: Context, month: int, day: int) -> int | None:
    """The year of "Thursday, March 8": the one near the anchor where it is a Thursday."""
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


# Words before "the 20th" that make it a date when a word, not punctuation, follows it
# ("on the 20th in Paris"; "the 20th in a row" is a rank).
_DAY_PREPOSITIONS = ("on", "by", "until", "till", "since", "from", "before", "after", "through")
_FINE = ("month", "week", "day", "part_of_day", "hour", "minute", "second")


def _after_preposition(ctx: Context) -> bool:
    return ctx.before(8).split()[-1:] in [[w] for w in _DAY_PREPOSITIONS]


def day_of_month(g: Groups, ctx: Context) -> Result | None:
    """A day of the month ("on the 9th"): in the month last talked about when that is not
    the month of publication ("On March 3 ... on the 20th"); else in the month published
    in, or the month before when the clause is past and the day is still to come, or
    after when the clause is future and the day has gone."""
    word = g.get("word")
    if word and (word not in lexicon().day_followers or not _after_preposition(ctx)):
        return None
    day = int(str(g["dom"]))
    base, on_ref = ctx.deictic_base()
    month = date(base.year, base.month, 1)
    ref = ctx.ref
    talked = ref is not None and ref.gran in _FINE and not g.get("mrel")
    published_month = (ctx.anchor.year, ctx.anchor.month)
    if talked and ref is not None and (on_ref or ref.first.timetuple()[:2] != published_month):
        month, on_ref = date(ref.first.year, ref.first.month, 1), True
    elif g.get("mrel"):
        month = shift("month", month, {"last": -1, "next": 1}.get(str(g["mrel"]), 0))
    elif ctx.tense == "past" and day > base.day:
        month = shift("month", month, -1)
    elif ctx.tense == "future" and day < base.day:
        month = shift("month", month, 1)
    d = safe_date(month.year, month.month, day)
    return Result("DATE", d.isoformat(), on_ref) if d else None


def month_year(g: Groups, ctx: Context) -> Result | None:
    month, year = month_of(g.get("month")), explicit_year(g, ctx)
    if month is None or year is None or not capitalized_ok(ctx, g.get("month")):
        return None
    return _dated(date(year, month, 1), "month")


def month_relative(g: Groups, ctx: Context) -> Result | None:
    month = month_of(g.get("month"))
    if month is None or not capitalized_ok(ctx, g.get("month")):
        return None
    base, on_ref = ctx.deictic_base()
    rel = g.get("rel") or g.get("relyear") or ""
    if g.get("relyear"):
        year = base.year + {"last": -1, "this": 0, "next": 1}[rel]
    elif rel == "last":  # the most recent one, but not last month: that is "last month"
        year = base.year if month < base.month - 1 else base.year - 1
    elif rel == "this past":
        year = base.year if month < base.month else base.year - 1
    elif rel in ("next", "this coming"):
        year = base.year if month > base.month else base.year + 1
    else:
        year = base.year
    return Result("DATE", value_of(period("month", date(year, month, 1))), on_ref)


def month_alone(g: Groups, ctx: Context) -> Result | None:
    word = str(g["month"]).rstrip(".").strip()
    month = month_of(word)
    if month is None or not capitalized_ok(ctx, word):
        return None
    short = len(word) <= 4 and word not in ("may", "june", "july")
    if short and not str(g["month"]).endswith(".") and not _short_month_cue(ctx):
        return None  # "Jan Novak": a bare abbreviation is a name more often than a month
    if word in lexicon().ambiguous_months and not _month_cue(ctx):
        return None
    year, on_ref = year_of(ctx, month)
    if year is None:  # every year has every month; a reference at the calendar's end
        return None
    return Result("DATE", value_of(period("month", date(year, month, 1))), on_ref)


def _short_month_cue(ctx: Context) -> bool:
    """Whether a word just before makes an abbreviation without its period a month
    ("in Sep", "until Oct"), and no capitalized word follows ("in Jan Novak's flat")."""
    words = ctx.before(15).split()
    after = ctx.text[ctx.end : ctx.end + 15].split()
    if after and after[0][:1].isupper():
        return False
    return bool(words) and words[-1] in lexicon().short_month_cues


def _month_cue(ctx: Context) -> bool:
    words = ctx.before(25).replace("-", " ").split()
    return bool(words) and words[-1] in lexicon().month_cues


def in_day_name(ctx: Context) -> bool:
    """Whether a capitalized day is part of a title or an event's name, after a
    capitalized word such as "White" ("White Christmas", "Bloody Sunday")."""
    words = ctx.text[max(0, ctx.start - 12) : ctx.start].split()
    if not words or not ctx.text[ctx.start].isupper():
        return False
    prev = words[-1]
    return prev[:1].isupper() and prev.lower() in lexicon().day_name_words


def holiday(g: Groups, ctx: Context) -> Result | None:
    name = str(g["holiday"]).replace("’", "'")
    name = " ".join(name.split())
    spec = lexicon().holidays.get(name)
    if spec is None or (not ctx.text[ctx.start].isupper() and not g.get("rel")):
        return None
    if in_day_name(ctx):
        return None
    base, on_ref = ctx.deictic_base()
    year = explicit_year(g, ctx)
    if year is None:
        rel = g.get("rel") or ""
        year = base.year + {"last": -1, "next": 1}.get(rel, 0)
        this_year = _holiday_date(spec, year)
        if not rel and ctx.tense == "past" and this_year is not None and this_year > base:
            year -= 1
    return Result("DATE", day.isoformat(), on_ref) if (day := _holiday_date(spec, year)) else None


def _holiday_date(spec: tuple[int, int, int, int], year: int) -> date | None:
    month, a, nth, days_after = spec
    if month == 0:
        return easter(year) + timedelta(days=a)
    if nth == 0:
        return safe_date(year, month, a)
    weekday = nth_weekday(year, month, a, nth)
    return weekday + timedelta(days=days_after) if weekday else None


HANDLERS = {
    "iso_date": iso_date,
    "numeric_date": numeric_date,
    "month_day": month_day,
    "part_of_date": part_of_date,
    "week_of": week_of,
    "day_of_month": day_of_month,
    "month_year": month_year,
    "month_relative": month_relative,
    "month_alone": month_alone,
    "holiday": holiday,
}
