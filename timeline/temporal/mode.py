"""Auto mode: whether a document reads as news around its publication date or as a
narrative (history, biography) whose relative expressions count from the story's own
times.

The rule, from the mentions a news reading finds: a narrative names an absolute year
long before publication, moves on from its times ("two years later", "the following
year") or names more such years, and has more than four times as many of those cues as
deictic expressions ("yesterday", "on Tuesday", "last week", "two years ago") and years
near publication together. News, even about the past, ties its story to the present
with those.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from .types import Mode, TimeMention

AutoMode = Literal["news", "narrative", "auto"]

FAR_YEARS = 5  # a year at least this long before publication is history
NEAR_YEARS = 1  # a year this close is news of the day
MIN_CUES = 2  # far years and anaphora together
FAR_PER_PRESENT = 4

# Rules whose expressions count from the moment of writing.
DEICTIC_RULES = frozenset(
    {
        "deictic_day",
        "deictic_part_of_day",
        "weekday",
        "weekday_part_of_day",
        "units_ago",
        "in_units",
        "month_relative",
        "weekend",
    }
)
_DEICTIC_WORDS = re.compile(r"\b(?:this|last|next|current|coming|past|ago)\b")
# Anaphora the news reading does not resolve against an earlier mention ("that summer").
_ANAPHORIC = re.compile(
    r"\b(?:that|the following|the next) (?:day|week|month|year|spring|summer|autumn|fall|winter)\b"
)
_YEAR = re.compile(r"(?<![\d$])(1[0-9]\d\d|20\d\d)(?!\d)")


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the choice rests on, so it can be explained and tested."""

    far_years: int
    anaphora: int
    near_years: int
    deictic: int

    @property
    def narrative(self) -> bool:
        story = self.far_years + self.anaphora
        present = self.deictic + self.near_years
        return self.far_years >= 1 and story >= MIN_CUES and story > FAR_PER_PRESENT * present


def evidence(mentions: Sequence[TimeMention], year: int) -> Evidence:
    """Count the story's cues (years long before `year`, the publication year, and
    anaphora) and the present's (years near it, deictic expressions) in `mentions`."""
    far = anaphora = near = deictic = 0
    for m in mentions:
        if _is_deictic(m):
            deictic += 1
            continue
        if m.anchor_index is not None or _ANAPHORIC.search(m.text.lower()):
            anaphora += 1
            continue
        far += m.value.startswith("BC")  # "In 55 BC": history, whatever the year now
        for found in _YEAR.findall(m.text):
            far += year - int(found) >= FAR_YEARS
            near += abs(int(found) - year) <= NEAR_YEARS
    return Evidence(far, anaphora, near, deictic)


def _is_deictic(m: TimeMention) -> bool:
    if m.value.endswith("_REF") or m.text.lower() == "today":
        return False  # vague words, and a narrator's "today" ("Today the site is a museum")
    if m.rule in DEICTIC_RULES:
        return True
    # "next week", not "the next day" (resolved against an earlier mention)
    relative = m.rule == "relative_unit" and m.anchor_index is None
    return relative and bool(_DEICTIC_WORDS.search(m.text.lower()))


def choose(mentions: Sequence[TimeMention], year: int) -> Mode:
    return "narrative" if evidence(mentions, year).narrative else "news"
