"""Handlers of relative expressions: deictic ("yesterday", "last week", "on Thursday",
"two days ago", "in three weeks") and anaphoric ("two days later", "the following
month", "that week", "the day before"), and clock times and parts of day."""

from __future__ import annotations

import re
from datetime import date, timedelta

from .cal import COARSE_UNITS, Period, move, period, shift, value_of
from .context import Context, Result
from .handlers_abs import explicit_year, in_day_name, infer_year
from .lexicon import Unit, lexicon
from .tense import reported_before
from .types import TimexType
from .words import Groups, amount_of, day_of, month_of, standard_day, unit_of, weekday_of
from .zones import named_zone

_ORDER = {g: i for i, g in enumerate(COARSE_UNITS)}
# News reports the past: a weekday is upcoming only when a future verb is this close.
FUTURE_REACH = 50
# "... up from $4.2 million a year ago": an amount compared
_COMPARISON = re.compile(
    r"\b(?:from|with|than|versus|vs\.?|over|against|compared)\b(?:(?!\.\s)[^;]){0,80}?"
    r"(?:\$|\d)(?:(?!\.\s)[^;]){0,80}$"
)

# "... It earned $2.3 million, or $1.10 a share, a year ago": an amount then
_AMOUNT_THEN = re.compile(
    r"\$[\d.,]+(?: (?:million|billion))?(?:, or [\w$.]+ (?:cents? )?a share)?,? $"
)


_GERUND = re.compile(r"[a-z]{3,}ing")


def _base(ctx: Context, anaphoric: bool) -> tuple[Period, bool]:
    """The period a relative expression counts from (as a day unless a mention is)."""
    if anaphoric and ctx.ref is not None:
        return ctx.ref, True
    day, on_ref = ctx.deictic_base()
    return period("day", day), on_ref


def _coarser_than_day(p: Period) -> bool:
    return p.gran in _ORDER and _ORDER[p.gran] < _ORDER["day"]


def _at(base: Period, gran: str) -> Period:
    """`base` seen at granularity `gran` (the week of a day, the year of a quarter)."""
    return base if base.gran == gran else period(gran, base.first)


def deictic_day(g: Groups, ctx: Context) -> Result:
    word = standard_day(g.get("word") or g.get("around"))
    days = {
        "yesterday": -1,
        "today": 0,
        "tomorrow": 1,
        "before yesterday": -2,
        "after tomorrow": 2,
    }[" ".join(word.split())]
    if word == "today" and ctx.mode == "narrative":
        return Result("DATE", "PRESENT_REF")  # the narrator's "today": nowadays
    base, on_ref = ctx.deictic_base()
    return Result("DATE", (base + timedelta(days=days)).isoformat(), on_ref)


def weekday(g: Groups, ctx: Context) -> Result | None:
    day = weekday_of(g.get("weekday"))
    if day is None or (not g.get("rel") and in_day_name(ctx)):
        return None
    rel = " ".join(str(g.get("rel") or "").split())
    if rel in ("the previous", "the following", "the next"):
        ref, on_ref = _base(ctx, True)
        after = rel != "the previous"
        return Result(
            "DATE",
            _weekday_date(ref.first, day, "next" if after else "last", ctx).isoformat(),
            on_ref,
        )
    base, on_ref = ctx.deictic_base()
    return Result("DATE", _weekday_date(base, day, g.get("rel") or "", ctx).isoformat(), on_ref)


def _weekday_date(base: date, day: int, rel: str, ctx: Context) -> date:
    diff = day - base.isoweekday()
    if rel in ("last", "this past", "past"):
        return base + timedelta(days=diff - 7 if diff >= 0 else diff)
    if rel in ("next", "this coming", "coming"):
        return base + timedelta(days=diff + 7 if diff <= 0 else diff)
    if rel == "this":
        return base + timedelta(days=diff)
    if diff == 0:
        return base
    if ctx.mode == "narrative" and ctx.ref is not None:
        return base + timedelta(days=diff % 7)  # a story moves forward: the next one
    possessive = ctx.low.startswith(("'s", "’s"), ctx.end)
    if possessive or reported_before(ctx.low, ctx.start):
        return base + timedelta(days=diff if diff < 0 else diff - 7)
    if ctx.tense == "future" and (ctx.tense_distance <= FUTURE_REACH or ctx.fronted()):
        return base + timedelta(days=diff if diff > 0 else diff + 7)
    if ctx.deadline():  # "pushed back the deadline until 9 a.m. Thursday": the nearest one
        ahead = diff % 7
        return base + timedelta(days=ahead if ahead < 7 - ahead else ahead - 7)
    return base + timedelta(days=diff if diff < 0 else diff - 7)


def weekday_word(g: Groups, ctx: Context) -> Result | None:
    """A weekday abbreviation that is also a word ("Sat", "Sun"): a day only when
    capitalized, after "next", "on", "until"... or before a time or a date ("Sat 10pm"),
    and not followed by another capitalized word ("on Sun Valley" is a place)."""
    raw = str(g.get("weekday") or "")
    i = ctx.end - len(raw)
    if not ctx.text[i : i + 1].isupper() or ctx.text[i : i + 3].isupper():
        return None  # "sat", or "SUN" as an acronym
    after = ctx.text[ctx.end : ctx.end + 20].split()
    if after and after[0][:1].isupper():
        return None
    timed = bool(after) and after[0][:1].isdigit()  # "Sat 10pm", "Sun 12 Nov"
    if not g.get("rel") and not timed and ctx.before(12).split()[-1:] not in _weekday_cues():
        return None
    return weekday(g, ctx)


def _weekday_cues() -> list[list[str]]:
    return [[w] for w in lexicon().weekday_cues]


def part_of_day(g: Groups, ctx: Context) -> Result | None:
    pods = lexicon().parts_of_day
    word = standard_day(g.get("pod") or g.get("pod2"))
    code = "NI" if word == "tonight" else pods.get(word)
    if code is None:
        return None
    deictic = standard_day(g.get("deictic"))
    base, on_ref = ctx.deictic_base()
    if g.get("weekday"):
        day = weekday_of(g.get("weekday"))
        if day is None:
            return None
        base = _weekday_date(base, day, g.get("rel") or "", ctx)
    elif deictic in ("the next", "the following", "that"):
        ref, on_ref = _base(ctx, True)
        if _coarser_than_day(ref):  # "In late 1942 ... That evening": which day is unsaid
            return Result("TIME", f"XXXX-XX-XXT{code}", on_ref)
        base = ref.first + timedelta(days=1 if deictic != "that" else 0)
    elif word == "overnight" and ctx.tense != "future":
        # the night before the day told about: "overnight losses on Wall Street"
        recent = _recent_day(ctx)
        base, on_ref = (recent, True) if recent is not None else (base, on_ref)
        base -= timedelta(days=1)
    else:
        days = {"yesterday": -1, "tomorrow": 1, "last": -1}.get(deictic, 0)
        base = base + timedelta(days=days)
    # "Tuesday night" names a day's part as a date; "this morning" is a time of today
    kind: TimexType = "DATE" if g.get("weekday") else "TIME"
    return Result(kind, f"{base.isoformat()}T{code}", on_ref)


def clock(g: Groups, ctx: Context) -> Result | None:
    if g.get("named") and ctx.before(5).endswith("high "):
        return None  # "high noon"
    hour, minute = _clock_reading(g)
    if hour is None or not 0 <= hour <= 24:
        return None
    base, on_ref = ctx.deictic_base()
    if g.get("month"):  # a date, after a weekday or not ("7:13 AM ET, Tue April 4, 2017")
        month, day = month_of(g.get("month")), day_of(g.get("day"))
        if month is None or day is None:
            return None
        year = explicit_year(g, ctx) or infer_year(ctx, month, day)
        if year is None:
            return None
        base = date(year, month, day)
    elif g.get("weekday"):
        day = weekday_of(g.get("weekday"))
        if day is not None:
            base = _weekday_date(base, day, "", ctx)
    elif g.get("deictic"):
        base += timedelta(days={"yesterday": -1, "tomorrow": 1}.get(standard_day(g["deictic"]), 0))
    elif (recent := _recent_day(ctx)) is not None:
        base, on_ref = recent, True
    words = g.get("tz") or g.get("tzq")
    zone = named_zone(words) if words else None
    return Result("TIME", f"{base.isoformat()}T{hour:02d}:{minute:02d}", on_ref, zone=zone)


def _recent_day(ctx: Context) -> date | None:
    """The day last talked about, if it is a day of the week before publication, or the
    day named just before (any day: "tomorrow 9-11 a.m."): a clock time without a date
    ("was shot at 10 p.m.") is on that day."""
    ref = ctx.ref
    if ref is None or ref.gran not in ("day", "part_of_day", "hour", "minute"):
        return None
    recent = 0 <= (ctx.anchor - ref.first).days <= 7
    return ref.first if recent or (ref.gran == "day" and _day_named_before(ctx)) else None


# Words between a day and the clock times that follow it ("Friday from 9 to 11 a.m.").
_CLOCK_LEADS = ("at", "from", "between", ",")


def _day_named_before(ctx: Context) -> bool:
    """Whether the words just before the clock time are a weekday or a deictic day."""
    words = ctx.before(24).replace(",", " , ").split()
    while words and words[-1] in _CLOCK_LEADS:
        words.pop()
    raw = words[-1] if words else ""
    word = raw.rstrip(".")
    if raw.endswith(("!", "?")) or (raw != word and len(word) > 4):
        return False  # the day ends a sentence before ("... tomorrow. At 9:15")
    return weekday_of(word) is not None or standard_day(word) in ("today", "tomorrow", "yesterday")


def _clock_reading(g: Groups) -> tuple[int | None, int]:
    named = g.get("named")
    if named:
        return (24 if named == "midnight" else 12), 0
    if g.get("pod") and g.get("hour"):  # "4 in the morning", "3:30 in the afternoon"
        hour, minute = int(str(g["hour"])), int(g.get("minute") or 0)
        return (hour + 12 if g["pod"] != "morning" and hour < 12 else hour), minute
    raw_hour = g.get("hour") or g.get("hour2")
    if raw_hour is None:
        return None, 0
    hour, minute = int(raw_hour), int(g.get("minute") or g.get("minute2") or 0)
    ampm = (g.get("ampm") or "").replace(".", "")
    if ampm in ("am", "pm") and not 1 <= hour <= 12:
        return None, 0
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    return hour, minute


_WKND = "wknd"  # informal text's weekend ("this wknd")


def relative_unit(g: Groups, ctx: Context) -> Result | None:
    rel = " ".join(str(g.get("rel") or "").split())
    word = g.get("unit_s") or g.get("centword")
    if word is None and (
        "weekend" in ctx.low[ctx.start : ctx.end] or _WKND in ctx.low[ctx.start : ctx.end]
    ):
        word = "weekend"
    unit = unit_of(word)
    if unit is None or rel not in lexicon().relative_offsets or unit.time:
        return None
    if unit.gran in ("decade", "century") and rel in ("the last", "the past", "the next"):
        return Result("DURATION", f"P{unit.factor}Y")
    if unit.name == "day" and rel not in lexicon().anaphoric_words | {"this"}:
        return None
    if unit.name == "weekend":
        return _weekend(rel, ctx)
    if unit.name == "year" and rel == "last":
        compared = comparable_period(ctx)
        if compared is not None:
            return Result("DATE", value_of(compared), True, sets_ref=False)
    base, on_ref = _base(ctx, rel in lexicon().anaphoric_words)
    if on_ref and base.gran in _ORDER and _ORDER[base.gran] < _ORDER[unit.gran]:
        return None  # "that day" after "in 1987": no day to point at
    return Result(
        "DATE", value_of(move(_at(base, unit.gran), lexicon().relative_offsets[rel])), on_ref
    )


def _weekend(rel: str, ctx: Context) -> Result:
    base, on_ref = _base(ctx, rel == "that")
    week = Period("week", period("week", base.first).first, "WE")
    offset = lexicon().relative_offsets.get(rel, 0)
    if rel in ("the", "over the", "that") and base.first.isoweekday() < 6:
        # "said over the weekend" dates the saying: past, like "said Friday"
        past = ctx.tense == "past" or reported_before(ctx.low, ctx.start)
        offset = -1 if past else 0
    return Result("DATE", value_of(move(week, offset)), on_ref)


def _shifted(base: Period, unit: Unit, amount: float, sign: int) -> Period:
    """`base` moved by `amount` units, named at the unit's granularity (or the base's,
    when it is finer: "a year earlier" than a quarter is a quarter; or coarser: "a week
    later" than 1932 is somewhere in 1932, not its first week)."""
    gran, count = unit.gran, amount * unit.factor
    step = "year" if gran in ("decade", "century") else gran
    if step in ("second", "minute", "hour"):
        step, count = "day", count / {"hour": 24, "minute": 1440, "second": 86400}[step]
    if count != int(count) and step in ("year", "month"):
        step, count = "month", count * (12 if step == "year" else 1)
    finer = base.gran in _ORDER and base.gran != "day" and _ORDER[base.gran] > _ORDER[step]
    coarser = base.gran in ("year", "decade", "century") and _ORDER[base.gran] < _ORDER[step]
    name = base.gran if finer or coarser else step
    first = shift(step, base.first, sign * round(count))
    return Period(name, period(name, first).first, base.part if name == base.gran else "")


def units_ago(g: Groups, ctx: Context) -> Result | None:
    unit, amount = unit_of(g.get("unit")), amount_of(g)
    if not g.get("num") and not g.get("vague"):
        if unit is None or g.get("unit") != unit.plural:
            return None
        amount = None  # "months ago"
    if unit is None or unit.name == "weekend":
        return None
    sign = 1 if g.get("dir") in ("hence", "from now") else -1
    if amount is None:
        return Result("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    base, on_ref = _base(ctx, False)
    compared = comparable_period(ctx) if unit.name == "year" and amount == 1 else None
    if compared is not None:
        return Result("DATE", value_of(compared), True, sets_ref=False)
    return Result("DATE", value_of(_shifted(base, unit, amount, sign)), on_ref)


def comparable_period(ctx: Context) -> Period | None:
    """In results news, "a year ago" or "last year" next to a quarter means that quarter
    a year before ("Q3 profit rose to $5 million from $3 million a year ago")."""
    ref = ctx.current_ref()
    if ref is None or ref.gran not in ("quarter", "half") or not compared_amount(ctx):
        return None
    return move(ref, -1, "year")


def compared_amount(ctx: Context) -> bool:
    """Whether an amount is being compared just before ("from $3 million a year ago")."""
    if ctx.mode != "news":
        return False
    before = ctx.before(160)
    if _COMPARISON.search(before) or _AMOUNT_THEN.search(before):
        return True
    return ctx.after(3).startswith(("'s", "’s"))


def units_later(g: Groups, ctx: Context) -> Result | None:
    unit, amount = unit_of(g.get("unit")), amount_of(g)
    if unit is None or unit.name == "weekend":
        return None
    bare = not g.get("num") and not g.get("vague")
    if bare and g.get("unit") != unit.plural:
        return None  # "day later" without a number: not an expression
    direction = str(g.get("dir"))
    sign = 1 if direction.startswith(("later", "after")) else -1
    if direction in ("before", "after", "prior") and _event_follows(ctx):
        return None  # "an hour after Lopez spoke": a duration before an event
    if amount is None:
        # "a few days later": a vague count measures a gap that no date can be computed
        # from; as TimeML annotates it, the duration rule takes "a few days" (PXD)
        return None
    if bare:
        return _vaguely_later(unit, sign, ctx)
    if unit.name == "year" and amount == 1 and sign < 0 and compared_amount(ctx):
        # "up from $4 million a year earlier": the current period a year before
        ref = ctx.current_ref()
        base = ref if ref is not None else period("day", ctx.anchor)
        return Result(
            "DATE", value_of(_shifted(base, unit, 1, -1)), ref is not None, sets_ref=False
        )
    base, on_ref = _base(ctx, True)
    return Result("DATE", value_of(_shifted(base, unit, amount, sign)), on_ref)


def _vaguely_later(unit: Unit, sign: int, ctx: Context) -> Result:
    """ "Days later", "weeks earlier": no count, so not a measured gap but an adverb like
    "later" with a grain ("days"): some time after (before) the last mentioned time.
    Which day is not said, so the value names the last mentioned time itself, seen at
    the unit's granularity when that is coarser ("months later" than 3 March 2016 is
    after March 2016), with the mod AFTER (BEFORE). When the units are finer than that
    time ("hours later" than a day, "days later" than 1991) they may not leave it:
    ON_OR_AFTER (ON_OR_BEFORE). The value is too vague for later anaphora to count from.
    Without any mentioned time (news opening "Months later, ..."), a time before or
    after publication, by tense."""
    if ctx.ref is None:
        fuzzy = "FUTURE_REF" if ctx.tense == "future" else "PAST_REF"
        return Result("DATE", fuzzy, sets_ref=False)
    ref = ctx.ref
    ref_gran = ref.gran if ref.gran in _ORDER else "day"
    unit_gran = "year" if unit.gran in ("decade", "century") else unit.gran
    unit_gran = unit_gran if unit_gran in _ORDER else "day"
    leaves = _ORDER[unit_gran] <= _ORDER[ref_gran] and not unit.time
    seen = period(unit_gran, ref.first) if _ORDER[unit_gran] < _ORDER[ref_gran] else ref
    if seen.gran not in _ORDER:  # a part of day or a clock time: its day
        seen = period("day", ref.first)
    mods = ("AFTER", "BEFORE") if leaves else ("ON_OR_AFTER", "ON_OR_BEFORE")
    mod = mods[0] if sign > 0 else mods[1]
    return Result("DATE", value_of(seen), True, mod=mod, sets_ref=False)


def _event_follows(ctx: Context) -> bool:
    """Whether a name, a number or a gerund follows ("after Maria Lopez", "before
    renewing a passport", "after leaving office"): an event, not a time."""
    following = ctx.text[ctx.end : ctx.end + 30].split()
    if not following:
        return False
    word = following[0]
    return word[:1].isupper() or word[:1].isdigit() or _GERUND.fullmatch(word) is not None


def in_units(g: Groups, ctx: Context) -> Result | None:
    unit, amount = unit_of(g.get("unit")), amount_of(g)
    if unit is None or unit.name == "weekend":
        return None
    if amount is None or ctx.tense == "past" or unit.time:
        return None  # a duration ("in three weeks, prices fell"): the duration rule takes it
    if ctx.after(8).split()[:1] in (["that"], ["which"], ["when"], ["where"], ["of"]):
        return None  # "in a quarter that brought losses"
    base, on_ref = _base(ctx, False)
    return Result("DATE", value_of(_shifted(base, unit, amount, 1)), on_ref)


def day_around(g: Groups, ctx: Context) -> Result | None:
    word = str(g["unit"])
    sign = 1 if g.get("dir") in ("after", "later") else -1
    base, on_ref = _base(ctx, True)
    if word in ("day", "night", "morning", "evening") and _coarser_than_day(base):
        return None  # "In 1943 ... the day before": which day is unsaid
    if word in ("night", "morning", "evening"):
        code = lexicon().parts_of_day[word]
        day = base.first + timedelta(days=sign)
        return Result("TIME", f"{day.isoformat()}T{code}", on_ref)
    unit = unit_of(word)
    if unit is None:
        return None
    return Result("DATE", value_of(move(_at(base, unit.gran), sign)), on_ref)


HANDLERS = {
    "deictic_day": deictic_day,
    "weekday": weekday,
    "part_of_day": part_of_day,
    "clock": clock,
    "weekday_word": weekday_word,
    "relative_unit": relative_unit,
    "units_ago": units_ago,
    "units_later": units_later,
    "in_units": in_units,
    "day_around": day_around,
}
