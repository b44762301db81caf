"""Handlers of ranges and coordinations whose sides share words: "6-7 January 1916",
"Nov. 9-10", "August-September 1950", "1915-17", "499-493 BC", "between 11:30 and 12:30".

Each side gets its full value: the words one side leaves out (the month of "6" in
"6-7 January", the century of "17" in "1915-17", the era of "499" in "499-493 BC") are
read from the other. A handler returns the first side with the second as `Result.other`;
the tagger gives each side its own mention. A range whose sides are out of order is not
one ("9-3 March" is a score), so the match is declined."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from functools import cache

from .cal import SEASON_START
from .context import Context, Result
from .handlers_abs import capitalized_ok, day_of_month, month_alone, month_day, month_year
from .handlers_rel import clock, weekday
from .handlers_years import era_year, season, year
from .lexicon import alternation, lexicon
from .words import Groups, day_of, month_of, safe_date, weekday_of

WORD_SEPARATORS = ("and", "or", "to", "through", "until", "till")
# Cues that make two bare clock readings a span of time ("between 11:30 and 12:30").
CLOCK_CUES = ("between", "from", "at")


def day_range(g: Groups, ctx: Context) -> Result | None:
    """ "6-7 January 1916", "on 3 and 4 March": the first day is in the second's month."""
    return _days_of_one_month(g, g.get("month"), ctx)


def day_list(g: Groups, ctx: Context) -> Result | None:
    """ "3" or "4" of "on 3, 4 and 5 March": a day of the month the list ends with, before
    the list's next and last days."""
    last = month_day({"day": g.get("day"), "month": g.get("month"), "year": g.get("year")}, ctx)
    first_day, next_day = day_of(g.get("fday")), day_of(g.get("mday") or g.get("day"))
    if last is None or first_day is None or next_day is None:
        return None
    end = date.fromisoformat(last.value)
    first = safe_date(end.year, end.month, first_day)
    if first is None or not first_day < next_day <= end.day:
        return None  # "9, 3 and 4 March": no list of days in order
    return Result("DATE", first.isoformat(), last.on_ref)


def day_list_tail(g: Groups, ctx: Context) -> Result | None:
    """ "4" and "5" of "on March 3, 4 and 5": a later day of the month of the day just
    mentioned, when only a list of days separates them; not a count ("and 5 people")."""
    ref, day = ctx.ref, day_of(g.get("fday"))
    if ref is None or ref.gran != "day" or day is None or day <= ref.first.day:
        return None
    if not _list_before().search(ctx.before(60)) or _counted({"sep": "and"}, ctx):
        return None
    year_said = g.get("year")  # "Nov. 28, 29 and 30, 2016": the list's year, at its end
    first = safe_date(int(year_said) if year_said else ref.first.year, ref.first.month, day)
    return None if first is None else Result("DATE", first.isoformat())


@cache
def _list_before() -> re.Pattern[str]:
    """A month, its day and more days of a list, up to a comma or "and" ("march 3, ")."""
    month = alternation(lexicon().months, abbrev=True)
    day = r"(?:the )?\d{1,2}(?:st|nd|rd|th)?"
    return re.compile(rf"\b{month} {day}(?:,? (?:(?:and|or) )?{day})*(?:, |,? (?:and|or) )$")


def month_day_range(g: Groups, ctx: Context) -> Result | None:
    """ "Nov. 9-10", "April 24 and 25": the second day is in the first's month."""
    if _counted(g, ctx):
        return None
    return _days_of_one_month(g, g.get("fmonth"), ctx)


def _days_of_one_month(g: Groups, month: str | None, ctx: Context) -> Result | None:
    """The first day ("fday") and the second ("day") of `month`: the second resolved as a
    date (its year said or inferred), the first before it in the same month."""
    second = month_day({"day": g.get("day"), "month": month, "year": g.get("year")}, ctx)
    first_day = day_of(g.get("fday"))
    if second is None or first_day is None:
        return None
    last = date.fromisoformat(second.value)
    first = safe_date(last.year, last.month, first_day)
    if first is None or first >= last:
        return None
    return Result("DATE", first.isoformat(), second.on_ref, other=second)


def _counted(g: Groups, ctx: Context) -> bool:
    """Whether the second number counts something ("on Nov. 9 and 10 soldiers died"):
    after a word separator, a plural noun or a count word says so."""
    if g.get("sep") not in WORD_SEPARATORS:
        return False
    words = ctx.after(20).split()
    word = words[0].strip(".,;:") if words else ""
    lex = lexicon()
    return word in lex.count_words or (word.endswith("s") and word not in lex.year_followers)


def day_of_month_range(g: Groups, ctx: Context) -> Result | None:
    """ "on the 9th and 10th": two days of the month being talked about."""
    first = day_of_month({"dom": g.get("fdom")}, ctx)
    last = day_of_month({"dom": g.get("dom")}, ctx)
    if first is None or last is None or not first.value < last.value:
        return None
    return Result("DATE", first.value, first.on_ref, other=last)


def month_range(g: Groups, ctx: Context) -> Result | None:
    """ "August-September 1950", "March 1980-April 1985", "Nov. 9-Dec. 2", "in June and
    July 2016": each side names its month; a year said once holds for both."""
    months = month_of(g.get("fmonth")), month_of(g.get("month"))
    if months[0] is None or months[1] is None or not capitalized_ok(ctx, g.get("fmonth")):
        return None
    first_day, last_day = day_of(g.get("fday")), day_of(g.get("day"))
    # "December-January 2017": the year turns between the sides
    turns = int((months[0], first_day or 0) > (months[1], last_day or 0))
    first_year = g.get("fyear")
    if first_year is None or g.get("year"):  # the second side's year, said or inferred
        second = _month_side(g, ctx, g.get("year"))
        if second is None:
            return None
        year1 = int(first_year) if first_year else int(second.value[:4]) - turns
    else:  # only the first side has its year: "from March 1980 to April"
        year1 = int(first_year)
        second = _month_side(g, ctx, str(year1 + turns))
        if second is None:
            return None
    first = _side_value(year1, months[0], first_day)
    if first is None or not first[1] < _start_of(second.value):
        return None
    return Result("DATE", first[0], second.on_ref, other=second)


def _month_side(g: Groups, ctx: Context, year_said: str | None) -> Result | None:
    """The second side of a month range, by the handler of its own form."""
    sides = {"day": g.get("day"), "month": g.get("month"), "year": year_said}
    if g.get("day"):
        return month_day(sides, ctx)
    return month_year(sides, ctx) if year_said else month_alone(sides, ctx)


def _side_value(year_: int, month: int, day: int | None) -> tuple[str, date] | None:
    """The TIMEX3 value of a day or a month, and its first day."""
    first = safe_date(year_, month, day or 1)
    if first is None:
        return None
    return (first.isoformat() if day else first.isoformat()[:7]), first


def _start_of(value: str) -> date:
    return date.fromisoformat(value if len(value) == 10 else f"{value}-01")


def season_range(g: Groups, ctx: Context) -> Result | None:
    """ "spring and summer 2016", "the autumn and winter of 1941": the year said once holds
    for both; a season that starts later in the year than the next one is the year
    before's ("winter and spring 1942": the winter of 1941-42)."""
    lex = lexicon()
    first_code = lex.seasons.get(str(g.get("fseason")))
    second = season({"season": g.get("season"), "year": g.get("year")}, ctx)
    if first_code is None or second is None:
        return None
    second_year, second_code = int(second.value[:4]), second.value[5:]
    if first_code == second_code:
        return None
    first_year = second_year - int(SEASON_START[first_code] > SEASON_START[second_code])
    return Result("DATE", f"{first_year:04d}-{first_code}", other=second)


def year_range(g: Groups, ctx: Context) -> Result | None:
    """ "1915-17", "the 1957-58 season": the second year in the first one's century."""
    first = year({"year": g.get("fyear")}, ctx)
    if first is None:
        return None
    start, end = int(str(g["fyear"])), int(str(g["yy"]))
    last = start // 100 * 100 + end
    if end <= start % 100:
        if start % 100 < 90 or end >= 10:
            return None  # "2017-11" reads as a month, not a range running backwards
        last += 100  # "1998-01": into the next century
    return Result("DATE", first.value, other=Result("DATE", f"{last:04d}"))


def era_range(g: Groups, ctx: Context) -> Result | None:
    """ "499-493 BC": the first year is in the second's era; BC years count down."""
    second = era_year({"num": g.get("num"), "era": g.get("era")}, ctx)
    first_year = int(str(g["fnum"]))
    if second is None or first_year == 0:
        return None
    last_year = int(second.value.removeprefix("BC"))
    if second.value.startswith("BC"):
        return (
            Result("DATE", f"BC{first_year:04d}", other=second) if first_year > last_year else None
        )
    return Result("DATE", f"{first_year:04d}", other=second) if first_year < last_year else None


def clock_range(g: Groups, ctx: Context) -> Result | None:
    """ "9-11 a.m.", "from 10 p.m. to 2 a.m.", "between 11:30 and 12:30": a clock time
    said once ("a.m.", the zone, the day) holds for both readings; readings without
    "a.m." or "p.m." need their minutes and a cue before them."""
    last_ampm = g.get("ampm")
    if last_ampm is None and not (g.get("fminute") and g.get("cue") in CLOCK_CUES):
        return None
    shared = {"tz": g.get("tz"), "weekday": g.get("weekday"), "deictic": g.get("deictic")}
    last_hour = g.get("hour") or g.get("hour2")
    second = clock(
        {
            **shared,
            "hour": last_hour,
            "minute": g.get("minute") or g.get("minute2"),
            "ampm": last_ampm,
        },
        ctx,
    )
    first_ampm = g.get("fampm") or _shared_ampm(g.get("fhour"), last_hour, last_ampm)
    first = clock(
        {**shared, "hour": g.get("fhour"), "minute": g.get("fminute"), "ampm": first_ampm}, ctx
    )
    if first is None or second is None:
        return None
    if second.value[11:16] <= first.value[11:16]:  # "from 10 p.m. to 2 a.m.": the next day
        if g.get("sep") == "and" or first.value[11:16] == second.value[11:16]:
            return None
        next_day = date.fromisoformat(second.value[:10]) + timedelta(days=1)
        second = replace(second, value=next_day.isoformat() + second.value[10:])
    return replace(first, other=second)  # its zone too


def weekday_range(g: Groups, ctx: Context) -> Result | None:
    """ "from Monday to Wednesday", "between Monday and Wednesday": the first day as the
    tense says, the second the next such day after it. Coordinations ("Monday and
    Tuesday") are left to the weekday rule: each is resolved alone ("on Friday and
    Thursday" names them out of order)."""
    if g.get("sep") == "and" and g.get("cue") != "between":
        return None
    first = weekday({"weekday": g.get("fweekday")}, ctx)
    last_day, first_day = weekday_of(g.get("weekday")), weekday_of(g.get("fweekday"))
    if first is None or last_day is None or first_day is None or last_day == first_day:
        return None
    last = date.fromisoformat(first.value) + timedelta(days=(last_day - first_day) % 7)
    return Result(
        "DATE", first.value, first.on_ref, other=Result("DATE", last.isoformat(), first.on_ref)
    )


def _shared_ampm(first_hour: str | None, last_hour: str | None, ampm: str | None) -> str | None:
    """The half of the day of a reading said without one: that of the next ("9-11
    a.m."), unless it then would come after it ("11-1 p.m." begins at 11 a.m.)."""
    if ampm is None or first_hour is None or last_hour is None:
        return ampm
    first, last = int(first_hour) % 12, int(last_hour) % 12
    if ampm.startswith("p") and first > last:
        return "am"
    return ampm


HANDLERS = {
    "day_range": day_range,
    "day_list": day_list,
    "day_list_tail": day_list_tail,
    "month_day_range": month_day_range,
    "month_range": month_range,
    "day_of_month_range": day_of_month_range,
    "year_range": year_range,
    "season_range": season_range,
    "era_range": era_range,
    "clock_range": clock_range,
    "weekday_range": weekday_range,
}
