"""Finding the speaker of an attribution cue in its sentence.

Before the verb: a named actor ("the ministry (spokesman) said"), an anonymous source
("a commander in the pro-government alliance said"), the subject of an appositive ("The
Observatory, a monitor that ..., said") or a pronoun ("it said": the running speaker).
After it: "..., said the ministry". A source phrase that names an organisation close to its
head speaks for it ("a spokesman for the coalition").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from timeline.extract.clauses import words_before
from timeline.extract.lexicon import Lexicon
from timeline.extract.mentions import Mention
from timeline.extract.types import Claimant, Sentence

_MAX_GAP_WORDS = 10  # between an anonymous head and its verb
_WORD = re.compile(r"[^\W_]+")
_TRAILING_FILLER = re.compile(
    r"(?:[\s,]+(?:had|has|have|also|later|earlier|previously|again|then|separately|further|"
    r"yesterday|today|\w+day))+$",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"['’]s?\s")
_RELATIVES = frozenset({"which", "who", "that", "where", "whose"})
_SPEAKING_PLACES = frozenset({"country"})  # "Iraq's military said", "Syria said"
_QUOTES = " ,\"'“”‘’«»"


def claimant_of(mention: Mention, cue: str) -> Claimant:
    return Claimant(mention.name, mention.key, cue, mention.start, mention.end)


# "a US official, speaking on condition of anonymity, said": an aside about the source.
_ASIDE = re.compile(
    r",\s*(?:speaking|who|asking|requesting|declining|citing|according)\b[^,;]{0,80},",
    re.IGNORECASE,
)


def _gap_ok(text: str, start: int, end: int) -> bool:
    gap = _ASIDE.sub(" ", text[start:end])
    return len(_WORD.findall(gap)) <= _MAX_GAP_WORDS and not re.search(
        r"[,;:()]|\bthat\b|\b(?:is|are|was|were)\b", gap.rstrip(" ,")
    )


# What may stand between a named speaker and its verb: "The ministry's spokesman also said",
# "the coalition, in a statement on Tuesday, said".
_FILLER = re.compile(
    r"(?:[\s,]|['’]s\b|\b(?:spokes\w+|official|officials|press|service|office|chief|head|"
    r"commander|command|has|have|had|also|further|later|earlier|again|then|previously|on|in|a|"
    r"an|the|its|his|her|their|statement|briefing|today|yesterday|[A-Z]\w+day|\w+ly|all|both|"
    r"each|jointly|army|military|government|forces|president|leader|envoy|ambassador|embassy|"
    r"foreign|defen[cs]e|ministry|minister|mission)\b|"
    r"\([A-Z]{2,6}\))*",
    re.IGNORECASE,
)


def actor_before(
    text: str, floor: int, cue_start: int, mentions: Sequence[Mention]
) -> Mention | None:
    actors = [
        m
        for m in mentions
        if (m.kind == "actor" or m.subtype in _SPEAKING_PLACES)
        and not m.modifier
        and floor <= m.start
        and m.end <= cue_start
    ]
    if not actors or not _FILLER.fullmatch(text, actors[-1].end, cue_start):
        return None
    # "Hezbollah, the commander said": after a comma a new speaker phrase starts.
    if re.search(r",\s*(?:the|a|an)\s", text[actors[-1].end : cue_start], re.IGNORECASE):
        return None
    return actors[-1]


def _appositive_subject(
    text: str, s: Sentence, cue_start: int, mentions: Sequence[Mention]
) -> Mention | None:
    """'The Observatory, a monitor that ..., rejected': the sentence's first actor speaks."""
    if not text[s.start : cue_start].rstrip().endswith(","):
        return None
    first = next((m for m in mentions if m.kind == "actor" and not m.modifier), None)
    if first is None or len(_WORD.findall(text[s.start : first.start])) > 1:
        return None
    return first if text[first.end : cue_start].lstrip().startswith(",") else None


def _anonymous_before(text: str, s: Sentence, cue_start: int, lexicon: Lexicon) -> Claimant | None:
    heads = lexicon.cues["_anonymous_heads"]
    window_start = max(s.start, cue_start - 90)
    for match in reversed(list(_WORD.finditer(text, window_start, cue_start))):
        if match.group().lower() in heads and _gap_ok(text, match.end(), cue_start):
            np_start = _phrase_start(text, s.start, match.start())
            np_start += len(text[np_start:cue_start]) - len(
                text[np_start:cue_start].lstrip(_QUOTES)
            )
            name = _ASIDE.sub("", text[np_start:cue_start]).strip(_QUOTES)
            name = _TRAILING_FILLER.sub("", name)
            if name.split(" ", 1)[0].lower() in _RELATIVES:
                return None  # "which has sent fighters to Syria, said": not a source phrase
            return Claimant(name, None, "", np_start, np_start + len(name))
    return None


_PHRASE_BOUNDARY = re.compile(r"[,;:—–]|\s(?:that|but|and|while|as)\s", re.IGNORECASE)


def _phrase_start(text: str, floor: int, head_start: int) -> int:
    """Back from an anonymous head to the comma, 'that' or sentence start before it."""
    chunk = text[floor:head_start]
    cuts = [m.end() for m in _PHRASE_BOUNDARY.finditer(chunk)]
    start = cuts[-1] if cuts else 0
    return floor + start + (len(chunk[start:]) - len(chunk[start:].lstrip()))


def actor_after(
    text: str, cue_end: int, stop: int, mentions: Sequence[Mention], reach: int = 3
) -> Mention | None:
    """The actor named within `reach` words after a cue ("said the ministry",
    "according to a statement from the ministry")."""
    for m in mentions:
        if m.start < cue_end or m.kind != "actor" or m.modifier:
            continue
        if len(_WORD.findall(text[cue_end : m.start])) > reach:
            return None
        if not _POSSESSIVE.match(text, m.end):  # "the group's Amaq news agency": Amaq speaks
            return m
    return None


def _speaker_for(
    text: str, anonymous: Claimant, actor: Mention, lexicon: Lexicon
) -> Claimant | None:
    """'a spokesman for the coalition', 'a US official', 'Coalition spokesman Ryan Dillon':
    the source phrase speaks, for the actor that modifies its head or is named close after it
    ('a commander in the alliance fighting for Assad' speaks for no one known). 'Spokesman
    Ryan Dillon': a name right after the head is the speaker himself."""
    if anonymous.start is None or anonymous.end is None:
        return None
    if not anonymous.start <= actor.start < anonymous.end:
        return None
    heads = lexicon.cues["_anonymous_heads"]
    next_word = _WORD.match(text, actor.end + 1)
    if next_word is not None and next_word.group().lower() in heads:
        return replace(anonymous, entity_key=actor.key)  # "a US official", "SDF commanders"
    head = next(
        (
            m
            for m in reversed(list(_WORD.finditer(text, anonymous.start, actor.start)))
            if m.group().lower() in heads
        ),
        None,
    )
    if head is None:
        return None
    gap = len(_WORD.findall(text[head.end() : actor.start]))
    if gap == 0:
        return None
    key = actor.key if gap <= 3 else None
    return replace(anonymous, entity_key=key)


def _first_actor_in(phrase: Claimant, mentions: Sequence[Mention]) -> Mention | None:
    if phrase.start is None or phrase.end is None:
        return None
    inside = (m for m in mentions if phrase.start <= m.start < phrase.end and m.kind == "actor")
    return next(inside, None)


def find_speaker(
    text: str,
    s: Sentence,
    start: int,
    end: int,
    mentions: Sequence[Mention],
    lexicon: Lexicon,
    cue: str,
) -> tuple[Claimant | None, int | None]:
    """The speaker before the verb, a pronoun (running claimant), or after it ("said X")."""
    # "Hezbollah, which has sent fighters to Syria, said": the subject before the appositive.
    appositive = _appositive_subject(text, s, start, mentions)
    if appositive is not None:
        return claimant_of(appositive, cue), appositive.start
    actor = actor_before(text, s.start, start, mentions)
    anonymous = _anonymous_before(text, s, start, lexicon)
    named = _first_actor_in(anonymous, mentions) if anonymous is not None else None
    if anonymous is not None and named is not None:
        inside = _speaker_for(text, anonymous, named, lexicon)
        if inside is not None:
            return replace(inside, cue=cue), anonymous.start
    if actor is not None:
        return claimant_of(actor, cue), actor.start
    if anonymous is not None:
        return replace(anonymous, cue=cue), anonymous.start
    before = words_before(text, s.start, start, 1)
    if before and before[0] in lexicon.cues["_pronouns"]:
        return None, start - len(before[0]) - 1
    inverted = actor_after(text, end, s.end, mentions)
    if inverted is not None and text[s.start : start].rstrip().endswith(","):
        return claimant_of(inverted, cue), start
    return None, None
