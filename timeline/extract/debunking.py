"""Debunking of published material: 'one was a still from a mobile game', 'the others came
from Iraqi Defence Ministry videos from June 2016', 'the posts were deleted'.

A sentence that shows published images, footage or posts are not what their publisher said
tells again the document's first publication (an earlier event mention of kind
"publication", or one in the same sentence) as denied: same kind, participants and time,
polarity "denies", the debunking sentence as evidence. The claimant is who showed it
("open-source researchers") when the sentence names them, else the publisher of the document.
The sentence must name the material ("images", "pictures", "posts", "one of them"). A
debunking told before the dated posting ("Images the ministry presented as proof were fakes,
researchers showed. The ministry posted them yesterday ...") is moved onto it (`retarget`).
Cues: data/cues.yaml `debunking`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from timeline.extract.document import Document
from timeline.extract.lexicon import Lexicon, word_regex
from timeline.extract.retell import denying_retelling
from timeline.extract.types import Claimant, EventMention

RULE = "debunking"
_KIND = "publication"


@dataclass(frozen=True, slots=True)
class _Cues:
    cue: re.Pattern[str]  # "was a still from", "turned out to be"
    material: re.Pattern[str]  # "images", "posts"
    debunkers: re.Pattern[str]  # "open-source researchers"


@cache
def _cues(lexicon: Lexicon) -> _Cues:
    raw: Mapping[str, Any] = lexicon.cues["debunking"]
    return _Cues(
        cue=word_regex(raw["cues"]),
        material=word_regex(raw["material"]),
        debunkers=word_regex(raw["debunkers"]),
    )


def debunked(
    doc: Document, index: int, found: Sequence[EventMention], earlier: Sequence[EventMention]
) -> list[EventMention]:
    """The denying account of the publication that sentence `index` debunks, if any."""
    cues = _cues(doc.lexicon)
    s = doc.sentences[index]
    cue = cues.cue.search(doc.text, s.start, s.end)
    if cue is None or not cues.material.search(doc.text, s.start, s.end):
        return []
    claims = [
        e
        for e in [*earlier, *found]
        if e.kind == _KIND and e.polarity == "asserts" and e.rule != RULE
    ]
    if not claims:
        return []
    # The first dated one: the posting the story is about, not the images' own story.
    claim = next((e for e in claims if e.time_index is not None), claims[0])
    who = cues.debunkers.search(doc.text, s.start, s.end)
    claimant = Claimant(who.group(), None, "debunked", who.start(), who.end()) if who else None
    return [
        denying_retelling(
            claim,
            cue=(cue.group(), cue.start(), cue.end()),
            evidence=(s.start, s.end),
            sentence_index=index,
            claimant=claimant,
            rule=RULE,
            extras={"time_rule": "debunked_publication"},
        )
    ]


def retarget(events: Sequence[EventMention]) -> list[EventMention]:
    """Debunkings deny the document's first dated publication, even one told after them."""
    dated = next(
        (
            e
            for e in events
            if e.kind == _KIND
            and e.polarity == "asserts"
            and e.rule != RULE
            and e.time_index is not None
        ),
        None,
    )
    if dated is None:
        return list(events)
    return [
        replace(
            e,
            participants=dated.participants,
            time_index=dated.time_index,
            time_source="context",
            extras={**e.extras, "denied_trigger": dated.trigger},
        )
        if e.rule == RULE and e.time_index is None
        else e
        for e in events
    ]
