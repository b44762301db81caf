"""The tagger: find time expressions in text, normalize them to TIMEX3 and to intervals.

Speed comes from trying the combined rule regex only near trigger words (month names,
units, digits...), at the few word starts just before each trigger."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, tzinfo
from functools import cache

from .cal import Period, interval_of
from .context import Context, Result
from .foreign import tag_foreign
from .grammar import Grammar, build, load_rules
from .handlers_abs import HANDLERS as ABSOLUTE
from .handlers_amount import HANDLERS as AMOUNTS
from .handlers_clock import HANDLERS as CLOCKS
from .handlers_ranges import HANDLERS as RANGES
from .handlers_rel import HANDLERS as RELATIVE
from .handlers_years import HANDLERS as YEARS
from .lexicon import lexicon
from .mode import AutoMode, choose
from .ranges import link_ranges, rescheduled
from .reference import Mark, StoryTime, YearsAhead, in_era, is_aside, looks_back, mark_of
from .tense import Bounds, Sentences
from .timex import fuzzy_interval, is_valid_value, narrow
from .types import Mode, TimeMention
from .zones import offset_text, on_local_clock, wall_to_utc

Handler = Callable[[dict[str, str | None], Context], Result | None]
HANDLERS: dict[str, Handler] = {**ABSOLUTE, **YEARS, **RELATIVE, **AMOUNTS, **RANGES, **CLOCKS}

_WORD_START = re.compile(r"(?<![\w'’])[\w$'’]")
_LETTERS = re.compile(r"[a-z]*")
# After a number: its other digits, an ordinal or plural suffix, and the next word.
_NUMBER_TAIL = re.compile(
    r"[\d,.]*(?P<suffix>st|nd|rd|th|s)?(?P<sep>[-:/'’]|\s*(?P<word>[a-z]+)|\s*[,.;:)]|$)?"
)
# A number followed by a comma, a space and another number may open a list of days ("on
# 3, 4 and 5 March"); the space tells it from a thousands separator ("1,234").
_LIST_NEXT = ", "
# ... and a number after a comma or "and" may go on one ("on March 3, 4 and 5").
_LIST_LEADS = (", ", " and ", " or ")
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


# A text whose forms make several handlers decline, so that a warm-up runs those paths too.
_PROBE = (
    "On Tuesday, Nov. 14, 2017, at 3 p.m. GMT, officials said that 30 days before the vote "
    "of last week, two years ago, the 1990s and early 2017 mattered, every Monday."
)


def warm() -> None:
    """Build the grammar and compile every fallback regex now, so that no later call pays
    for them: a service calls this at start, and its first request is as fast as the
    others."""
    g = grammar()
    for rule_id in g.rules:
        g.after(rule_id)
    tag(_PROBE, date(2017, 11, 14))


def lowercase(text: str) -> str:
    """`text` lowercased without changing its length (so offsets stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def anchor_day(anchor: date | datetime, zone: tzinfo | None = None) -> date:
    """The publication's local day: on the clock of the document's zone if it has one,
    else at the instant's own offset ("2017-11-14T01:30:00+03:00" is the 14th, though
    it is still the 13th in UTC)."""
    if isinstance(anchor, datetime):
        return on_local_clock(anchor, zone).date()
    return anchor


@dataclass(frozen=True, slots=True)
class Document:
    """One text being tagged: as written, lowercased (same offsets), and its anchor."""

    text: str
    low: str
    day: date
    mode: Mode
    sentences: Sentences | None  # None: no bounds; tense is read 250 characters around
    zone: tzinfo | None = None  # the zone of its clock times and days, when known
    # narratives: the explicit years a first (news) reading found, for the year-less
    # dates before them in their sentence
    ahead: YearsAhead | None = None


# What one match yields: its mention (or a range's two), and whether later anaphora may
# count from it (from its last side).
Found = tuple[list[TimeMention], bool]


@dataclass(slots=True)
class Memory:
    """What the document has said so far that later expressions depend on."""

    story: StoryTime = field(default_factory=StoryTime)
    # the first quarter or half of the year before publication that the text names: in
    # results news, the period reported on ("the 1988 period" is the same one in 1988)
    report: Period | None = None

    @property
    def ref(self) -> Mark | None:
        """The last mentioned time that anaphora count from (`reference.py`)."""
        return self.story.current

    def remember(self, mention: TimeMention, index: int, doc: Document) -> None:
        mark = mark_of(mention.value, index)
        if mark is None:
            return
        aside = is_aside(doc.text, mention.start, mention.end)
        if doc.mode == "narrative" and looks_back(doc.low, mention.start):
            aside = True  # a flashback; news uses "had" too freely to tell one
        self.story.note(mark, aside)
        found, anchor = mark.period, doc.day
        recent = found.first <= anchor and (anchor - found.first).days <= REPORT_DAYS
        if self.report is None and found.gran in ("quarter", "half") and recent and not mark.bc:
            self.report = found


def tag(
    text: str,
    anchor: date | datetime,
    *,
    mode: AutoMode = "news",
    sentences: Bounds | None = None,
    zone: tzinfo | None = None,
    language: str = "en",
) -> list[TimeMention]:
    """The time expressions of `text`, sorted and non-overlapping, resolved against
    `anchor` (publication time) or, for anaphora, the last mentioned time. In "auto"
    mode, as a narrative when the text reads as one (`mode.py`), else as news.

    `sentences` are the text's sentence bounds, sorted (start, end) character offsets
    (the product passes spaCy's, `timeline.extract.sentences.sentence_bounds`): the tense
    of an expression is read from its own sentence, at most 250 characters either side.
    Without them (None: direct library use, the grammar's own tests) those 250 characters
    are read whatever sentences they span. ValueError if they are not sorted.

    `zone` is the document's time zone (its source's, a `tzinfo`): it decides the local
    day of `anchor` and places the zone-less clock times and days of the text on the UTC
    axis. Without it, `anchor` counts on its own offset, days are calendar days, and
    clock times without a zone in the text float (`TimeMention.floating`).

    `language` (ISO 639-1): English is read by our rules; the languages of
    `SUPPORTED_LANGUAGES` by `foreign.tag_foreign` (news reading only, from the same
    local day); any other is a ValueError naming the supported ones."""
    day = anchor_day(anchor, zone)
    if language != "en":
        return tag_foreign(text, day, language, sentences=sentences)
    index = None if sentences is None else Sentences.of(sentences)
    low = lowercase(text)
    news = _tag(Document(text, low, day, "news", index, zone))
    if mode == "news" or (mode == "auto" and choose(news, day.year) == "news"):
        return news
    # the news reading's explicit years serve the narrative's look-ahead ("In June, ...
    # in September 1940"): they do not depend on the mode
    ahead = YearsAhead.of(news, text)
    return _tag(Document(text, low, day, "narrative", index, zone, ahead))


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
        sides, keeps = found
        if len(sides) > 1 and not rescheduled(doc.low, sides[0].start):
            # a range or coordination: each side points to the first
            sides = [replace(side, range_first=len(mentions)) for side in sides]
        mentions.extend(sides)
        pos = sides[-1].end
        if keeps:
            memory.remember(sides[-1], len(mentions) - 1, doc)
    return link_ranges(doc.low, mentions)


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
        return _in_a_list(low, trigger)
    word = tail.group("word")
    if tail.group("suffix") not in (None, "s"):
        return True  # an ordinal: "on the 9th.", "on the 20th in Paris", "the 19th century"
    if word is None:  # a separator
        sep = tail.group("sep")
        return (sep != "" and sep[-1] in "-:/'’") or _in_a_list(low, trigger)
    return word in g.followers or _in_a_list(low, trigger)


def _in_a_list(low: str, trigger: re.Match[str]) -> bool:
    """Whether the number opens a list of numbers ("3, 4") or follows a comma or "and"
    right after another number ("4 and 5"): maybe a list of days."""
    end, start = trigger.end(), trigger.start()
    if low.startswith(_LIST_NEXT, end) and low[end + 2 : end + 3].isdigit():
        return True
    if not low.endswith(_LIST_LEADS, 0, start):
        return False
    return any(c.isdigit() for c in low[max(0, start - 12) : start - 2])


def _candidates(g: Grammar, low: str, trigger: int, pos: int) -> list[int]:
    """Word starts from a few words before the trigger up to it, farthest first, that
    can begin an expression (a digit, or a word some rule or word table contains)."""
    window = _WORD_START.finditer(low, max(pos, trigger - LOOKBEHIND), trigger)
    starts = [m.start() for m in window][-6:]
    for k in range(len(starts) - 1, -1, -1):
        if not _may_hold(g, low, starts[k]):  # no expression runs across this word
            starts = starts[k + 1 :]
            break
    starts.append(trigger)
    return [s for s in starts if _can_begin(g, low, s)]


def _may_hold(g: Grammar, low: str, start: int) -> bool:
    """Whether the word at `start` can be inside a time expression: a number, or a word
    of the grammar (or its plural)."""
    if low[start].isdigit() or low[start] in "'’":
        return True
    word = _LETTERS.match(low, start)
    text = word.group() if word is not None else ""
    return text in g.vocabulary or (text.endswith("s") and text[:-1] in g.vocabulary)


def _can_begin(g: Grammar, low: str, start: int) -> bool:
    if low[start].isdigit() or low[start] in "'’":
        return True
    word = _LETTERS.match(low, start)
    return word is not None and word.group() in g.starters


def _match_at(g: Grammar, doc: Document, trigger: int, pos: int, memory: Memory) -> Found | None:
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


def _resolve(g: Grammar, m: re.Match[str], doc: Document, memory: Memory) -> Found | None:
    """The mention a rule match denotes (the two sides of a range), and whether later
    anaphora may count from it."""
    rule = g.rules[str(m.lastgroup)]
    start, end = m.span(rule.id)
    ref = memory.ref
    ctx = Context(
        doc.text,
        doc.low,
        start,
        end,
        doc.day,
        ref.period if ref else None,
        doc.mode,
        memory.report,
        doc.sentences,
        doc.ahead,
    )
    try:
        result = HANDLERS[rule.handler](_groups(m, rule.id, rule.groups), ctx)
    except (ValueError, OverflowError, KeyError):
        result = None  # dates outside the calendar ("Feb. 30") are not dates
    if result is not None and result.on_ref and ref is not None and ref.bc:
        result = replace(result, value=in_era(result.value))  # counted from a BC time
    if result is None or not is_valid_value(result.value):
        return None
    mod = result.mod or _modifier(m, result, rule.id)
    if mod is not None and m.group("mod") and not result.mod:
        start = m.start("mod")  # the modifier's words are part of the expression
    try:
        sides = _sides(doc, m, rule.id, (start, end), result, mod)
    except (ValueError, OverflowError):
        return None  # at the ends of the calendar (year 1, year 9999)
    if sides is None:
        return None
    if result.on_ref and ref is not None:
        sides = [replace(side, anchor_index=ref.index) for side in sides]
    return sides, result.sets_ref and sides[-1].type in ("DATE", "TIME")


def _sides(
    doc: Document,
    m: re.Match[str],
    rule_id: str,
    span: tuple[int, int],
    result: Result,
    mod: str | None,
) -> list[TimeMention] | None:
    """The mention of a match, or the two of a range, each spanning its own words ("Nov.
    9" and "10"), as TimeBank annotates them; None if a side is not a time."""
    start, end = span
    if result.other is None:
        mention = _mention(doc, start, end, result, mod, rule_id)
        return None if mention is None else [mention]
    if start == m.start(rule_id):  # no modifier before: the side begins after any cue
        start = m.start(f"{rule_id}__side1")  # ("between 11:30 and 12:30")
    first_end = m.end(f"{rule_id}__side1")
    second = result.other
    if not is_valid_value(second.value):
        return None
    # "around Nov. 16-17": the approximation qualifies the whole range, so both of its
    # ends (TIMEX3 gives each TIMEX3 its own mod). "Early" or "late" before the first
    # side only moves that end ("late 1915-17" is not late 1917).
    second_mod = second.mod or ("APPROX" if mod == "APPROX" else None)
    pair = (
        _mention(doc, start, first_end, result, mod, rule_id),
        _mention(doc, *m.span(f"{rule_id}__side2"), second, second_mod, rule_id),
    )
    if pair[0] is None or pair[1] is None:
        return None
    return [pair[0], pair[1]]


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
    utc_offset, earliest, latest = _placed(earliest, latest, result.zone or doc.zone)
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
        utc_offset=utc_offset,
    )


def _placed(
    earliest: datetime | None, latest: datetime | None, zone: tzinfo | None
) -> tuple[str | None, datetime | None, datetime | None]:
    """A wall-clock interval (labelled UTC) on the UTC axis in `zone`, with the offset in
    effect at its start; unchanged without a zone (or without an interval)."""
    wall = earliest or latest
    if zone is None or wall is None:
        return None, earliest, latest
    first = wall_to_utc(earliest, zone) if earliest is not None else None
    last = wall_to_utc(latest, zone) if latest is not None else None
    return offset_text(wall, zone), first, last
