"""Who claims what a sentence reports: attribution cues, their claimant and their scope.

Three shapes: "according to X, ..." (the whole sentence), "X said (that) ..." (what follows),
"..., X said." (what precedes). A participle ("..., stressing that ...") scopes only what
follows it and does not change the document's running claimant; the other shapes do. A lead
("X has provided some information, regarding ...") makes X the running claimant.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from timeline.extract.clauses import words_after, words_before
from timeline.extract.lexicon import Lexicon
from timeline.extract.mentions import Mention
from timeline.extract.types import Claimant, Polarity, Sentence

_MAX_GAP_WORDS = 10  # between an anonymous head and its verb
_TRAILING_WORDS = 6
_WORD = re.compile(r"[^\W_]+")
_TRAILING_FILLER = re.compile(
    r"(?:[\s,]+(?:had|has|have|also|later|earlier|previously|again|then|separately|further|"
    r"yesterday|today|\w+day))+$",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"['’]s?\s")
_QUOTES = " ,\"'“”‘’«»"
_AFTER_COMMA = re.compile(r"[,—–\"”]\s*(?:(?:the|a|an)\s+)?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Attribution:
    claimant: Claimant | None  # None: a pronoun, i.e. the running claimant
    scope: tuple[int, int]
    cue: tuple[int, int]
    sentence_level: bool  # a finite cue, "according to" or a lead: sets the running claimant
    polarity: Polarity = "asserts"
    hedge: str | None = None
    relay: Claimant | None = None


def _claimant(mention: Mention, cue: str) -> Claimant:
    return Claimant(mention.name, mention.key, cue, mention.start, mention.end)


def _gap_ok(text: str, start: int, end: int) -> bool:
    gap = text[start:end]
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


def _actor_before(
    text: str, floor: int, cue_start: int, mentions: Sequence[Mention]
) -> Mention | None:
    actors = [
        m
        for m in mentions
        if m.kind == "actor" and not m.modifier and floor <= m.start and m.end <= cue_start
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
            name = _TRAILING_FILLER.sub("", text[np_start:cue_start].strip(_QUOTES))
            return Claimant(name, None, "", np_start, np_start + len(name))
    return None


def _phrase_start(text: str, floor: int, head_start: int) -> int:
    """Back from an anonymous head to the comma, 'that' or sentence start before it."""
    chunk = text[floor:head_start]
    cut = max(chunk.rfind(","), chunk.rfind(";"), chunk.rfind(":"))
    that = chunk.lower().rfind(" that ")
    start = max(cut + 1, that + 6 if that >= 0 else 0)
    return floor + len(chunk[:start]) + (len(chunk[start:]) - len(chunk[start:].lstrip()))


def _actor_after(text: str, cue_end: int, stop: int, mentions: Sequence[Mention]) -> Mention | None:
    for m in mentions:
        if m.start < cue_end or m.kind != "actor" or m.modifier:
            continue
        if len(_WORD.findall(text[cue_end : m.start])) > 3:
            return None
        if not _POSSESSIVE.match(text, m.end):  # "the group's Amaq news agency": Amaq speaks
            return m
    return None


def _according(
    text: str, s: Sentence, mentions: Sequence[Mention], lexicon: Lexicon
) -> list[Attribution]:
    found = []
    for match in lexicon.cues["_according"].finditer(text, s.start, s.end):
        actor = _actor_after(text, match.end(), s.end, mentions)
        cue = match.group().lower()
        if actor is not None:
            found.append(Attribution(_claimant(actor, cue), (s.start, s.end), match.span(), True))
    return found


def _speech(
    text: str, s: Sentence, mentions: Sequence[Mention], lexicon: Lexicon
) -> list[Attribution]:
    found = []
    for match in lexicon.cues["_speech"].finditer(text, s.start, s.end):
        form = lexicon.speech_forms[" ".join(match.group().lower().split())]
        before = words_before(text, s.start, match.start(), 3)
        if before and (
            before[-1] in lexicon.cues["nominal_before"]
            or before[-1] in {"was", "were", "been", "is", "are", "be", "being"}
        ):
            continue  # "the report", "it was reported"
        if before[-1:] == ["as"]:
            continue  # "quoted X as saying": see _quoted_as_saying
        if form.verb_form == "base" and not _present_subject(before, lexicon):
            continue  # "state media", "report" as a noun: the base form rarely attributes
        attribution = _speech_attribution(text, s, match, form.verb_form, mentions, lexicon)
        if attribution is not None:
            found.append(attribution)
    return found


def _present_subject(before: list[str], lexicon: Lexicon) -> bool:
    """'they say', 'officials say': a base form attributes after a plural subject."""
    if not before:
        return False
    last = before[-1]
    return last in {"they", "we", "i", "you", "also"} or (
        last.endswith("s") and last in lexicon.cues["_anonymous_heads"]
    )


def _speech_attribution(
    text: str,
    s: Sentence,
    match: re.Match[str],
    verb_form: str | None,
    mentions: Sequence[Mention],
    lexicon: Lexicon,
) -> Attribution | None:
    lemma = lexicon.speech_lemma_of[" ".join(match.group().lower().split())]
    cue = match.group().lower()
    polarity: Polarity = "denies" if lemma in lexicon.denial_lemmas else "asserts"
    hedge = cue if lemma in lexicon.hedging_lemmas else None
    start, end = match.span()
    relay = _relay(text, end, s.end, mentions) if lemma == "tell" else None
    if verb_form == "gerund":
        subject = next(
            (m for m in mentions if m.kind == "actor" and not m.modifier and m.end <= start), None
        )
        if subject is None:
            return None
        return Attribution(
            _claimant(subject, cue), (end, s.end), (start, end), False, polarity, hedge, relay
        )
    claimant, np_start = _subject(text, s, start, end, mentions, lexicon, cue)
    if claimant is None and np_start is None:
        return None
    scope = _scope(text, s, np_start if np_start is not None else start, start, end, relay)
    return Attribution(claimant, scope, (start, end), True, polarity, hedge, relay)


def _speaker_for(
    text: str, anonymous: Claimant, actor: Mention, lexicon: Lexicon
) -> Claimant | None:
    """'a spokesman for the coalition': the anonymous phrase speaks, for the actor named in it
    when it is close to the head ('a commander in the alliance fighting for Assad' speaks for
    no one known). 'Coalition spokesman Ryan Dillon': the name right after the head wins."""
    if anonymous.start is None or anonymous.end is None:
        return None
    if not anonymous.start < actor.start < anonymous.end:
        return None
    heads = lexicon.cues["_anonymous_heads"]
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


def _subject(
    text: str,
    s: Sentence,
    start: int,
    end: int,
    mentions: Sequence[Mention],
    lexicon: Lexicon,
    cue: str,
) -> tuple[Claimant | None, int | None]:
    """The speaker before the verb, a pronoun (running claimant), or after it ("said X")."""
    actor = _actor_before(text, s.start, start, mentions)
    anonymous = _anonymous_before(text, s, start, lexicon)
    if anonymous is not None and actor is not None:
        inside = _speaker_for(text, anonymous, actor, lexicon)
        if inside is not None:
            return replace(inside, cue=cue), anonymous.start
    if actor is not None:
        return _claimant(actor, cue), actor.start
    if anonymous is not None:
        return replace(anonymous, cue=cue), anonymous.start
    appositive = _appositive_subject(text, s, start, mentions)
    if appositive is not None:
        return _claimant(appositive, cue), appositive.start
    before = words_before(text, s.start, start, 1)
    if before and before[0] in lexicon.cues["_pronouns"]:
        return None, start - len(before[0]) - 1
    inverted = _actor_after(text, end, s.end, mentions)
    if inverted is not None and text[s.start : start].rstrip().endswith(","):
        return _claimant(inverted, cue), start
    return None, None


def _scope(
    text: str, s: Sentence, np_start: int, cue_start: int, cue_end: int, relay: Claimant | None
) -> tuple[int, int]:
    """Content after the cue, or, for a trailing attribution, the text before it.

    Trailing: "<content>, the ministry said (on Tuesday)(, adding ...)." The speaker follows a
    comma after a real clause, and what follows the verb up to the next comma is short and
    is not a that-clause.
    """
    content_from = relay.end if relay is not None and relay.end is not None else cue_end
    comma = text.find(",", content_from, s.end)
    following = words_after(text, content_from, comma if comma >= 0 else s.end, 8)
    after_comma = bool(_AFTER_COMMA.search(text, s.start, np_start))
    content_before = len(words_before(text, s.start, np_start, 6)) > 4
    short_tail = len(following) <= _TRAILING_WORDS and "that" not in following
    if after_comma and content_before and short_tail:
        return s.start, np_start
    return content_from, s.end


def _relay(text: str, end: int, stop: int, mentions: Sequence[Mention]) -> Claimant | None:
    actor = _actor_after(text, end, stop, mentions)
    if actor is not None and actor.subtype == "media":
        return _claimant(actor, "told")
    return None


def _lead(
    text: str, s: Sentence, mentions: Sequence[Mention], lexicon: Lexicon
) -> list[Attribution]:
    pattern: re.Pattern[str] = lexicon.cues["_lead"]
    for m in mentions:
        if m.kind != "actor" or m.modifier or not (s.start <= m.start < s.end):
            continue
        match = pattern.match(text, m.end, s.end)
        if match:
            return [Attribution(_claimant(m, "lead"), (s.start, s.end), match.span(), True)]
    return []


def find_attributions(
    text: str, s: Sentence, mentions: Sequence[Mention], lexicon: Lexicon
) -> list[Attribution]:
    """All attributions of the sentence, nested relays folded into the inner claimant."""
    found = _according(text, s, mentions, lexicon) + _speech(text, s, mentions, lexicon)
    found += _lead(text, s, mentions, lexicon) + _quoted_as_saying(text, s, mentions)
    return _fold_relays(found, mentions)


_QUOTED_AS = re.compile(
    r"\b(?:quoted|cited|quotes|cites|quoting|citing)\s+(?P<who>[^,;:]{1,80}?)\s+as\s+"
    r"(?:saying|stating|telling|reporting|confirming)\b",
    re.IGNORECASE,
)


def _quoted_as_saying(text: str, s: Sentence, mentions: Sequence[Mention]) -> list[Attribution]:
    """'TASS quoted the ministry as saying (that) ...': the ministry claims, TASS relays."""
    found = []
    for match in _QUOTED_AS.finditer(text, s.start, s.end):
        who_start, who_end = match.span("who")
        inner = [m for m in mentions if m.kind == "actor" and who_start <= m.start < who_end]
        if inner:
            claimant = _claimant(inner[0], "quoted as saying")
        else:
            name = match.group("who").strip()
            claimant = Claimant(name, None, "quoted as saying", who_start, who_end)
        relay_actor = _actor_before(text, s.start, match.start(), mentions)
        relay = _claimant(relay_actor, "quoted") if relay_actor else None
        found.append(Attribution(claimant, (match.end(), s.end), match.span(), True, relay=relay))
    return found


def _fold_relays(found: list[Attribution], mentions: Sequence[Mention]) -> list[Attribution]:
    """'The ministry said ..., TASS reported': TASS relays the ministry's claim.

    The media attributions stay (first, so that the inner speaker is the one that runs on):
    their spans are not participants, and they still cover what no inner speaker does."""
    media_keys = {m.key for m in mentions if m.subtype == "media" and m.key}
    media = [a for a in found if a.claimant and a.claimant.entity_key in media_keys]
    inner = [a for a in found if a not in media]
    if not media or not inner:
        return found
    relay = media[0].claimant
    return media + [replace(a, relay=a.relay or relay) for a in inner]
