"""Handlers of clock times said with their date ("3 Oct 10pm") or alone ("Lunch 12:30"),
which the clock handler of handlers_rel.py reads once the date, or that it is a time at
all, is known."""

from __future__ import annotations

from dataclasses import replace

from .context import Context, Result
from .handlers_abs import month_day
from .handlers_rel import clock, deictic_day, weekday, weekday_word
from .lexicon import lexicon
from .words import Groups, standard_day

# The groups of a date that the clock handler would read as a date of its own.
_DATE_GROUPS = ("month", "month2", "day", "day2", "year", "weekday", "deictic")


def date_clock(g: Groups, ctx: Context) -> Result | None:
    """ "3 Oct 10pm", "Nov. 9 at 17:30 GMT": the clock time (read, zone included, by the
    clock handler) on that date."""
    day = month_day(g, ctx)
    if day is None:
        return None
    timed = clock({k: v for k, v in g.items() if k not in _DATE_GROUPS}, ctx)
    if timed is None:
        return None
    return replace(timed, value=day.value + timed.value[len(day.value) :], on_ref=day.on_ref)


def day_clock(g: Groups, ctx: Context) -> Result | None:
    """ "Tuesday 10pm", "Friday at 9 a.m.", "tomorrow at 9:15": the clock time on the day
    the weekday or deictic word names (read as that word alone would be read)."""
    day = _named_day(g, ctx)
    if day is None or len(day.value) != len("YYYY-MM-DD"):
        return None  # a narrator's "today" (PRESENT_REF) has no day to put a time on
    timed = clock({k: v for k, v in g.items() if k not in _DATE_GROUPS}, ctx)
    if timed is None:
        return None
    return replace(timed, value=day.value + timed.value[len(day.value) :], on_ref=day.on_ref)


def _named_day(g: Groups, ctx: Context) -> Result | None:
    """The day of the weekday or deictic word that opens the match, read on that word's
    own span (its handler looks at what follows it and at its tense)."""
    word = str(g.get("weekday") or g.get("deictic") or "")
    end = ctx.low.find(word, ctx.start) + len(word)
    alone = replace(ctx, end=end)
    if g.get("deictic"):
        deictic = standard_day(word)
        return deictic_day({"word": "today" if deictic == "tonight" else deictic}, alone)
    if word.rstrip(".") in lexicon().ambiguous_weekdays:
        return weekday_word(g, alone)  # "Sat 10pm", not "sat 10pm"
    return weekday(g, alone)


def bare_clock(g: Groups, ctx: Context) -> Result | None:
    """A clock time without "a.m." or "at" ("Lunch 12:30"): not after a capitalized
    name ("John 3:16", a verse), a number, or a word of scores and ratios ("won 3:15");
    not before a count ("12:30 minutes" is a duration written as a clock)."""
    lex = lexicon()
    words = ctx.text[max(0, ctx.start - 20) : ctx.start].split()
    prev = words[-1].strip('("“,') if words else ""
    near = {w.lower().strip(".,;:") for w in words[-3:]}
    if prev.lower() in lex.scripture_books or near & lex.clock_blockers:
        return None
    if prev[:1].isupper() and not _date_word(prev) and not _opens_sentence(ctx, prev):
        return None  # a name before it: "Acts 2:38", "Chelsea 2:10"
    if prev[-1:].isdigit():
        return None
    following = ctx.text[ctx.end : ctx.end + 12].split()
    nxt = following[0].strip(".,;:") if following else ""
    if nxt.lower() in _COUNTS:
        return None
    if prev[:1].isupper() and nxt[:1].isupper() and not _date_word(prev):
        return None  # between two names: "Chelsea 2:10 Arsenal", a score
    return clock(g, ctx)


# Words after a clock-like number that make it a length or a count.
_COUNTS = {"minutes", "minute", "mins", "min", "seconds", "secs", "hours", "laps", "goals"}


def _opens_sentence(ctx: Context, word: str) -> bool:
    """Whether `word`, just before the expression, is the first of its sentence (so its
    capital says nothing: "Lunch 12:30")."""
    before = ctx.text[max(0, ctx.start - 40) : ctx.start].rstrip()
    head = before[: len(before) - len(word)].rstrip()
    return head == "" or head[-1] in '.!?:;\n"“'


def _date_word(word: str) -> bool:
    """Whether a capitalized word is a time word that may precede a clock time
    ("Tuesday 12:30", "Today 9:15")."""
    lex, w = lexicon(), word.lower().rstrip(".,:")
    return w in lex.weekdays or w in lex.months or w in ("today", "tomorrow", "tonight", "at")


HANDLERS = {"date_clock": date_clock, "day_clock": day_clock, "bare_clock": bare_clock}
