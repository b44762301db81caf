"""The tagger: find time expressions in text, normalize them to TIMEX3 and to intervals.

Speed comes from trying the combined rule regex only near trigger words (month names,
units, digits...), at the few word starts just before each trigger."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from functools import cache

from .cal import Period, interval_of, period_of
from .context import Context, Result
from .grammar import Grammar, build, load_rules
from .handlers_abs import HANDLERS as ABSOLUTE
from .handlers_amount import HANDLERS as AMOUNTS
from .handlers_clock import HANDLERS as CLOCKS
from .handlers_rel import HANDLERS as RELATIVE
from .handlers_years import HANDLERS as YEARS
from .lexicon import lexicon
from .mode import AutoMode, choose
from .tense import Bounds, Sentences
from .timex import fuzzy_interval, is_valid_value, narrow
from .types import Mode, TimeMention

Handler = Callable[[dict[str, str | None], Context], Result | None]
HANDLERS: dict[str, Handler] = {**ABSOLUTE, **YEARS, **RELATIVE, **AMOUNTS, **CLOCKS}

_WORD_START = re.compile(r"(?<![\w'’])[\w$'’]")
_LETTERS = re.compile(r"[a-z]*")
# After a number: its other digits, an ordinal or plural suffix, and the next word.
_NUMBER_TAIL = re.compile(
    r"[\d,.]*(?P<suffix>st|nd|rd|th|s)?(?P<sep>[-:/'’]|\s*(?P<word>[a-z]+)|\s*[,.;:)]|$)?"
)
LOOKBEHIND = 40  # characters before a trigger where an expression may start
POINT_MODS = {"START", "MID", "END", "APPROX"}
REPORT_DAYS = 366  # how recent a quarter must be to be the one results news reports on
AMOUNT_MODS = {"APPROX", "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE"}
# "more than two years ago" is before the date two years ago.
AGO_MODS = {
    "MORE_THAN": "BEFORE",
    "LESS_THAN": "AFTER",
    "EQUAL_OR_MORE": "ON_OR_BEFORE",
    "EQUAL_OR_LESS": "ON_OR_AFTER",
    "APPROX": "APPROX",
}


@cache
def grammar() -> Grammar:
    return build(load_rules(set(HANDLERS)))


def lowercase(text: str) -> str:
    """`text` lowercased without changing its length (so offsets stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def anchor_day(anchor: date | datetime) -> date:
    if isinstance(anchor, datetime):
        if anchor.tzinfo is not None:
            anchor = anchor.astimezone(UTC)
        return anchor.date()
    return anchor


@dataclass(frozen=True, slots=True)
class Document:
    """One text being tagged: as written, lowercased (same offsets), and its anchor."""

    text: str
    low: str
    day: date
    mode: Mode
    sentences: Sentences | None  # None: no bounds; tense is read 250 characters around


# The last mentioned time that anaphora count from, and its index in the mentions.
Reference = tuple[Period, int] | None


@dataclass(slots=True)
class Memory:
    """What the document has said so far that later expressions depend on."""

    ref: Reference = None
    # the first quarter or half of the year before publication that the text names: in
    # results news, the period reported on ("the 1988 period" is the same one in 1988)
    report: Period | None = None

    def remember(self, found: Period, index: int, anchor: date) -> None:
        self.ref = (found, index)
        recent = found.first <= anchor and (anchor - found.first).days <= REPORT_DAYS
        if self.report is None and found.gran in ("quarter", "half") and recent:
            self.report = found


def tag(
    text: str,
    anchor: date | datetime,
    *,
    mode: AutoMode = "news",
    sentences: Bounds | None = None,
) -> list[TimeMention]:
    """The time expressions of `text`, sorted and non-overlapping, resolved against
    `anchor` (publication time) or, for anaphora, the last mentioned time. In "auto"
    mode, as a narrative when the text reads as one (`mode.py`), else as news.

    `sentences` are the text's sentence bounds, sorted (start, end) character offsets
    (the product passes spaCy's, `timeline.extract.sentences.sentence_bounds`): the tense
    of an expression is read from its own sentence, at most 250 characters either side.
    Without them (None: direct library use, the grammar's own tests) those 250 characters
    are read whatever sentences they span. ValueError if they are not sorted."""
    day = anchor_day(anchor)
    index = None if sentences is None else Sentences.of(sentences)
    low = lowercase(text)
    mentions = _tag(Document(text, low, day, "news" if mode == "auto" else mode, index))
    if mode == "auto" and choose(mentions, day.year) == "narrative":
        return _tag(Document(text, low, day, "narrative", index))
    return mentions


def _tag(doc: Document) -> list[TimeMention]:
    g = grammar()
    mentions: list[TimeMention] = []
    memory = Memory()
    pos = 0
    for trigger in g.triggers.finditer(doc.low):
        if trigger.start() < pos or not _may_start(g, doc.low, trigger):
            continue
        found = _match_at(g, doc, trigger.start(), pos, memory)
        if found is None:
            continue
        mention, period = found
        mentions.append(mention)
        pos = mention.end
        if period is not None:
            memory.remember(period, len(mentions) - 1, doc.day)
    return mentions


def _may_start(g: Grammar, low: str, trigger: re.Match[str]) -> bool:
    """Cheap test that a number can be part of a time expression: a year-like number,
    or a number followed by a unit, a month, a clock word or a date separator."""
    digits = trigger.group()
    if not digits[0].isdigit():
        return True
    if len(digits) == 4 and 1000 <= int(digits) <= 2099:
        return True
    if trigger.start() > 0 and low[trigger.start() - 1] in "'’":
        return True  # "the '90s"
    tail = _NUMBER_TAIL.match(low, trigger.end())
    if tail is None or tail.group("sep") is None:
        return False
    word = tail.group("word")
    if tail.group("suffix") not in (None, "s"):
        return True  # an ordinal: "on the 9th.", "on the 20th in Paris", "the 19th century"
    if word is None:  # a separator
        sep = tail.group("sep")
        return sep != "" and sep[-1] in "-:/'’"
    return word in g.followers


def _candidates(g: Grammar, low: str, trigger: int, pos: int) -> list[int]:
    """Word starts from a few words before the trigger up to it, farthest first, that
    can begin an expression (a digit, or a word some rule or word table contains)."""
    window = _WORD_START.finditer(low, max(pos, trigger - LOOKBEHIND), trigger)
    starts = [m.start() for m in window][-6:]
    starts.append(trigger)
    return [s for s in starts if _can_begin(g, low, s)]


def _can_begin(g: Grammar, low: str, start: int) -> bool:
    if low[start].isdigit() or low[start] in "'’":
        return True
    word = _LETTERS.match(low, start)
    return word is not None and word.group() in g.starters


def _match_at(
    g: Grammar, doc: Document, trigger: int, pos: int, memory: Memory
) -> tuple[TimeMention, Period | None] | None:
    """The first expression, from the farthest candidate start, that covers the trigger
    and that its rule's handler accepts."""
    for start in _candidates(g, doc.low, trigger, pos):
        regex: re.Pattern[str] | None = g.regex
        while regex is not None and (m := regex.match(doc.low, start)) is not None:
            if m.end() <= trigger:
                break
            found = _resolve(g, m, doc, memory)
            if found is not None:
                return found
            regex = g.after(str(m.lastgroup))  # the rules after the one that declined
    return None


def _resolve(
    g: Grammar, m: re.Match[str], doc: Document, memory: Memory
) -> tuple[TimeMention, Period | None] | None:
    """The mention a rule match denotes, and the period later anaphora may count from."""
    rule = g.rules[str(m.lastgroup)]
    start, end = m.span(rule.id)
    ref = memory.ref
    ctx = Context(
        doc.text,
        doc.low,
        start,
        end,
        doc.day,
        ref[0] if ref else None,
        doc.mode,
        memory.report,
        doc.sentences,
    )
    try:
        result = HANDLERS[rule.handler](_groups(m, rule.id, rule.groups), ctx)
    except (ValueError, OverflowError, KeyError):
        result = None  # dates outside the calendar ("Feb. 30") are not dates
    if result is None or not is_valid_value(result.value):
        return None
    mod = result.mod or _modifier(m, result, rule.id)
    if mod is not None and m.group("mod") and not result.mod:
        start = m.start("mod")  # the modifier's words are part of the expression
    try:
        mention = _mention(doc, start, end, result, mod, rule.id)
    except (ValueError, OverflowError):
        return None  # at the ends of the calendar (year 1, year 9999)
    if mention is None:
        return None
    if result.on_ref and ref is not None:
        mention = replace(mention, anchor_index=ref[1])
    keeps = result.sets_ref and mention.type in ("DATE", "TIME") and mention.granularity is not None
    return mention, period_of(result.value) if keeps else None


def _groups(m: re.Match[str], rule_id: str, names: tuple[str, ...]) -> dict[str, str | None]:
    """The rule's captures by short name; "month2" (a second alternative) fills "month"."""
    groups = {name: m.group(f"{rule_id}__{name}") for name in names}
    for name in names:
        base = name.rstrip("0123456789")
        if base != name and groups.get(base) is None:
            groups[base] = groups[name]
    return groups


def _modifier(m: re.Match[str], result: Result, rule_id: str) -> str | None:
    """The TIMEX3 mod of the modifier words before the expression, if they fit its type."""
    word = m.group("mod")
    if word is None:
        return None
    mod = lexicon().modifiers.get(" ".join(word.split()).rstrip("-"))
    if mod is None:
        return None
    if result.type == "DURATION":
        return mod if mod in AMOUNT_MODS else None
    if result.type == "SET" or result.value.endswith("_REF"):
        return None
    if rule_id == "units_ago":
        return AGO_MODS.get(mod)
    if mod == "APPROX" and (word.strip() == "some" or m.group(rule_id).startswith("the ")):
        return None  # "about the 20th century": a preposition, not an approximation
    return mod if mod in POINT_MODS else None


def _mention(
    doc: Document, start: int, end: int, result: Result, mod: str | None, rule_id: str
) -> TimeMention | None:
    earliest: datetime | None = None
    latest: datetime | None = None
    granularity: str | None = None
    if result.value.endswith("_REF"):
        earliest, latest = fuzzy_interval(result.value, doc.day)
    elif result.type in ("DATE", "TIME"):
        found = interval_of(result.value)
        if found is None and result.value[:1].isdigit():
            return None  # a date outside the representable calendar
        if found is not None:
            first, last, granularity = found
            earliest, latest = narrow(first, last, mod)
    return TimeMention(
        start=start,
        end=end,
        text=doc.text[start:end],
        type=result.type,
        value=result.value,
        mod=mod,
        earliest=earliest,
        latest=latest,
        granularity=granularity,
        rule=rule_id,
    )
