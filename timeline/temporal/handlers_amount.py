"""Handlers of durations ("three years", "the past five years"), sets ("every week",
"twice a month", "each Tuesday", "daily") and fuzzy references ("recently", "now")."""

from __future__ import annotations

from .context import Context, Result
from .lexicon import Unit, lexicon
from .words import Groups, amount_of, month_of, unit_of, weekday_of

# The next smaller unit of a duration code and how many of it make one: a fraction is
# written in it ("two and a half years" P2Y6M, "half an hour" PT30M).
_SMALLER = {"Y": ("M", 12), "Q": ("M", 3), "W": ("D", 7), "D": ("TH", 24)}
_SMALLER_TIME = {"H": ("M", 60), "M": ("S", 60)}
_WEEK = Unit("week", "weeks", "W", "week")


def duration_value(unit: Unit, amount: float | None) -> str:
    """The TIMEX3 duration of `amount` units (None: an unknown number, PXY)."""
    prefix = "PT" if unit.time else "P"
    code = "D" if unit.name == "weekend" else unit.code
    if amount is None:
        return f"{prefix}X{code}"
    total = amount * unit.factor * (2 if unit.name == "weekend" else 1)
    whole = int(total)
    if total == whole:
        return f"{prefix}{whole}{code}"
    smaller, per = (_SMALLER_TIME if unit.time else _SMALLER).get(code, ("", 0))
    part = (total - whole) * per
    if not smaller or part != int(part):
        return f"{prefix}{total:g}{code}"
    head = f"{prefix}{whole}{code}" if whole else prefix
    if smaller.startswith("T"):  # hours after days: a day and a half is P1DT12H
        return f"{head}T{int(part)}{smaller[1:]}"
    return f"{head}{int(part)}{smaller}"


def duration(g: Groups, ctx: Context) -> Result | None:
    unit, amount = unit_of(g.get("unit")), amount_of(g)
    if unit is None:
        return None
    if amount is not None and (g.get("half") or g.get("frac")):
        amount += 0.5
    if amount is not None and g.get("halfa"):
        amount /= 2  # "half an hour"
    num = (g.get("num") or "").strip()
    if _short_form(g, unit, ctx):
        return None  # "3 Min": a name; abbreviations are informal and lowercase
    if _event_name(num, ctx):
        return None  # "the Seven Years' War", "the Hundred Days": a name, not a length
    if unit.name in ("quarter", "half") and ctx.after(4).startswith((" of", "-")):
        return None  # "three quarters of its fuel": a fraction
    if unit.name == "second" and num in ("a", "an"):
        return None  # "a second group": an ordinal
    if num in ("a", "an", "one") and _per_amount(ctx):
        return Result("SET", duration_value(unit, 1.0))  # "$5 a year": a rate
    if num == "one" and unit.name == "day" and ctx.before(8).split()[-1:] in _MODALS:
        return Result("DATE", "FUTURE_REF")  # "Robots will one day do ...": someday
    if num in ("a", "an") and ctx.low[ctx.end : ctx.end + 1] == "-":
        return None
    return Result("DURATION", duration_value(unit, amount))


def _event_name(num: str, ctx: Context) -> bool:
    """Whether a count and unit written with capitals name an event: before a possessive
    ("Thirty Years' War") or a word such as "War" ("the Six-Day War"), or inside a
    sentence, unit capitalized too ("the Hundred Days"). Digits name one only before such
    a word ("the 100 Days Offensive")."""
    i = ctx.low.find(num, ctx.start) if num else -1
    if i < 0:
        return False
    unit_start = max(ctx.low.rfind(" ", i, ctx.end), ctx.low.rfind("-", i, ctx.end)) + 1
    unit_capital = ctx.text[unit_start].isupper()
    if num[:1].isdigit():
        return unit_capital and _name_head_follows(ctx)
    if not ctx.text[i].isupper():
        return False
    if ctx.text[ctx.end : ctx.end + 1] in ("'", "’") and unit_capital:
        return True
    if _name_head_follows(ctx):
        return True
    return unit_capital and not _opens_sentence(ctx, i)


def _name_head_follows(ctx: Context) -> bool:
    """Whether a capitalized word of event names follows ("War", "Offensive")."""
    after = ctx.text[ctx.end : ctx.end + 20].split()
    head = after[0].strip(".,;:") if after else ""
    return head[:1].isupper() and head.lower() in lexicon().event_name_heads


def _opens_sentence(ctx: Context, i: int) -> bool:
    """Whether the word at `i` is the first of its sentence (its capital says nothing)."""
    head = ctx.text[max(0, i - 40) : i].rstrip()
    if head.lower().endswith("the"):
        head = head[:-3].rstrip()
    return head == "" or head[-1] in '.!?:;\n"“'


def _short_form(g: Groups, unit: Unit, ctx: Context) -> bool:
    """Whether the unit is an abbreviation ("hr", "min") written capitalized."""
    word = str(g.get("unit") or "")
    if word not in unit.short:
        return False
    i = ctx.end - len(word)
    return ctx.text[i : i + 1].isupper()


def lasting(g: Groups, ctx: Context) -> Result | None:
    """ "a day-long meeting", "a decades-long battle": how long something lasts."""
    word = str(g.get("unit") or "")
    unit = unit_of(word)
    if unit is None:
        return None
    amount = amount_of(g) if g.get("num") else (None if word == unit.plural else 1.0)
    return Result("DURATION", duration_value(unit, amount))


# "recent months", "the coming weeks": a stretch of unknown length (TimeML PXM).
_VAGUE_RELS = {
    "recent",
    "past",
    "last",
    "previous",
    "preceding",
    "latest",
    "coming",
    "next",
    "following",
}
_MODALS = [["will"], ["would"], ["could"], ["may"], ["might"], ["should"], ["can"], ["must"]]
# Words in -s that are not plural nouns counting something.
_NOT_PLURALS = {"was", "has", "is", "this", "its", "his", "as", "does", "says", "always", "us"}


def _per_amount(ctx: Context) -> bool:
    """Whether "a year" follows an amount ("$2 billion a year", "50 cents a day", "four
    crossings a week"): it is then a rate, not a duration."""
    words = ctx.before(25).split()
    if not words or ctx.low[ctx.start : ctx.start + 3] == "one":
        return bool(words) and words[-1] in ("once", "twice")
    last = words[-1].strip(",")
    if last[-1:].isdigit() or last in ("once", "twice", "%"):
        return True
    if last.endswith(tuple(lexicon().rate_words)):
        return True
    plural = last.endswith("s") and not last.endswith(("ss", "us", "is")) and last.isalpha()
    return plural and last not in _NOT_PLURALS


def duration_plural(g: Groups, ctx: Context) -> Result | None:
    unit = unit_of(g.get("unit_p"))
    if unit is None or (unit.time and unit.name != "hour"):
        return None
    words = ctx.before(12).split()
    if not words or words[-1] not in lexicon().duration_leads:
        return None
    return Result("DURATION", duration_value(unit, None))


def past_units(g: Groups, ctx: Context) -> Result | None:
    unit, amount = unit_of(g.get("unit_p")), amount_of(g)
    rel = str(g.get("rel") or "coming")  # "the weeks ahead"
    if unit is None:
        return None
    if g.get("num") is None and g.get("vague") is None:
        if rel in _VAGUE_RELS:
            return Result("DURATION", duration_value(unit, None))
        return None
    return Result("DURATION", duration_value(unit, amount))


def set_every(g: Groups, ctx: Context) -> Result | None:
    day = weekday_of(g.get("weekday"))
    if day is not None:
        pods = lexicon().parts_of_day
        pod = pods.get(str(g.get("pod") or "").strip()) or ("NI" if g.get("nights") else "")
        return Result("SET", f"XXXX-WXX-{day}" + (f"T{pod}" if pod else ""))
    month = month_of(g.get("month"))
    if month is not None:
        return Result("SET", f"XXXX-{month:02d}")
    if g.get("season"):
        return Result("SET", f"XXXX-{lexicon().seasons[str(g['season'])]}")
    if g.get("pod2"):  # "every morning": that part of every day
        code = lexicon().parts_of_day[" ".join(str(g["pod2"]).split())]
        return Result("SET", f"XXXX-XX-XXT{code}")
    if g.get("seasons"):
        # "each season": a quarter of the year, as TIMEX3 has no season duration; a
        # sports season (about a year) reads the same, and the scorer keeps the type
        return Result("SET", "P3M")
    unit = unit_of(g.get("unit") or g.get("unit_s"))
    if unit is None:
        return None
    amount = amount_of(g) if g.get("num") or g.get("vague") else 1.0
    if g.get("other") == "other" and amount is not None:
        amount *= 2
    if unit.name == "weekend":  # every Saturday and Sunday, or one weekend in so many weeks
        return Result("SET", "XXXX-WXX-WE" if amount == 1 else duration_value(_WEEK, amount))
    return Result("SET", duration_value(unit, amount if not g.get("times") else 1.0))


_ADVERBS = {
    "daily": "P1D",
    "weekly": "P1W",
    "monthly": "P1M",
    "annually": "P1Y",
    "yearly": "P1Y",
    "hourly": "PT1H",
    "nightly": "XXXX-XX-XXTNI",  # every night, as "every night" is
    "quarterly": "P1Q",
    "biweekly": "P2W",
    "bimonthly": "P2M",
    "semiannually": "P6M",
    "fortnightly": "P2W",
}


def set_adverb(g: Groups, ctx: Context) -> Result | None:
    value = _ADVERBS.get(str(g.get("adv")))
    if value is None or _in_a_name(ctx):
        return None  # "Harbour Daily", "the Daily Ledger": a title
    return Result("SET", value)


def _in_a_name(ctx: Context) -> bool:
    """Whether the word is part of a name: capitalized next to a capitalized word
    ("Harbour Daily"), or between two ("the Farmers Union daily Harvest")."""
    before = ctx.text[max(0, ctx.start - 20) : ctx.start].split()
    after = ctx.text[ctx.end : ctx.end + 20].split()
    capitalized = [
        w[:1].isupper() and w.lower() not in ("the", "a")
        for w in (before[-1] if before else "", after[0] if after else "")
    ]
    return all(capitalized) or (ctx.text[ctx.start].isupper() and any(capitalized))


def fuzzy(g: Groups, ctx: Context) -> Result | None:
    phrase = " ".join(str(g.get("fuzzy")).split())
    value = lexicon().fuzzy.get(phrase)
    if value is None:
        return None
    after = ctx.after(12).split()
    nxt = after[0].strip(".,;:!?\"'") if after else ""
    clause_words = ("and", "or", "but", "is", "was", "has", "had", "the", "we", "it", "i")
    if phrase.endswith(("past", "present")) and nxt[:1].isalnum() and nxt not in clause_words:
        return None  # "the past three months", "the present government"
    if phrase == "soon" and (nxt in ("as", "after", "before") or ctx.before(4).endswith("as ")):
        return None  # "as soon as", "soon after": conjunctions, not a time
    if phrase.endswith("future") and nxt == "of":
        return None  # "the future of the region"
    return Result("DATE", value)


HANDLERS = {
    "duration": duration,
    "lasting": lasting,
    "duration_plural": duration_plural,
    "past_units": past_units,
    "set_every": set_every,
    "set_adverb": set_adverb,
    "fuzzy": fuzzy,
}
