"""Who claims what a sentence reports: attribution cues, their claimant and their scope.

Three shapes: "according to X, ..." (the whole sentence), "X said (that) ..." (what follows),
"..., X said." (what precedes). A participle ("..., stressing that ...") scopes only what
follows it and does not change the document's running claimant; the other shapes do.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from timeline.extract.clauses import words_after, words_before
from timeline.extract.lexicon import Lexicon
from timeline.extract.mentions import Mention
from timeline.extract.speakers import actor_after, actor_before, claimant_of, find_speaker
from timeline.extract.types import Claimant, Polarity, Sentence

_TRAILING_WORDS = 6
_AFTER_QUOTE = re.compile(r"[,!?][\"”’]\s*(?:(?:the|a|an)\s+)?$", re.IGNORECASE)
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


def _according(
    text: str, s: Sentence, mentions: Sequence[Mention], lexicon: Lexicon
) -> list[Attribution]:
    found = []
    for match in lexicon.cues["_according"].finditer(text, s.start, s.end):
        cue = match.group().lower()
        actor = actor_after(text, match.end(), s.end, mentions, reach=5)
        if actor is not None:
            claimant: Claimant | None = claimant_of(actor, cue)
        else:
            claimant = _anonymous_after(text, match.end(), s.end, lexicon, cue)
        if claimant is not None:
            found.append(Attribution(claimant, (s.start, s.end), match.span(), True))
    return found


def _anonymous_after(
    text: str, cue_end: int, stop: int, lexicon: Lexicon, cue: str
) -> Claimant | None:
    """'according to military sources, ...': the source phrase up to the comma."""
    comma = re.search(r"[,;.:]", text[cue_end:stop])
    end = cue_end + comma.start() if comma else stop
    phrase = text[cue_end:end]
    words = [w.lower() for w in re.findall(r"[^\W_]+", phrase)]
    if not words or len(words) > 6 or not set(words) & lexicon.cues["_anonymous_heads"]:
        return None
    start = cue_end + len(phrase) - len(phrase.lstrip())
    return Claimant(phrase.strip(), None, cue, start, start + len(phrase.strip()))


def _speech(
    text: str, s: Sentence, mentions: Sequence[Mention], lexicon: Lexicon
) -> list[Attribution]:
    found = []
    for match in lexicon.cues["_speech"].finditer(text, s.start, s.end):
        form = lexicon.speech_forms[" ".join(match.group().lower().split())]
        before = words_before(text, s.start, match.start(), 3)
        if before and (
            _determined(before, lexicon)
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


# Words that determine a noun ("further reports") but are adverbs after a subject ("the
# ministry further claimed", "the army first said").
_ADVERB_READINGS = frozenset({"further", "first", "last", "new"})


def _determined(before: list[str], lexicon: Lexicon) -> bool:
    """'the report', 'further reports': the cue word is a noun after a determiner."""
    nominal: frozenset[str] = lexicon.cues["nominal_before"]
    if before[-1] in _ADVERB_READINGS and len(before) > 1:
        return before[-2] in nominal
    return before[-1] in nominal


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
            claimant_of(subject, cue), (end, s.end), (start, end), False, polarity, hedge, relay
        )
    claimant, np_start = find_speaker(text, s, start, end, mentions, lexicon, cue)
    if claimant is None and np_start is None:
        return None
    scope = _scope(text, s, np_start if np_start is not None else start, start, end, relay)
    return Attribution(claimant, scope, (start, end), True, polarity, hedge, relay)


def _scope(
    text: str, s: Sentence, np_start: int, cue_start: int, cue_end: int, relay: Claimant | None
) -> tuple[int, int]:
    """Content after the cue, or, for a trailing attribution, the text before it.

    Trailing: "<content>, the ministry said (on Tuesday)(, adding ...)." The speaker follows a
    comma after a real clause, and what follows the verb up to the next comma is short and
    is not a that-clause.
    """
    content_from = relay.end if relay is not None and relay.end is not None else cue_end
    if _AFTER_QUOTE.search(text, s.start, np_start):
        return s.start, s.end  # '"The terrorists fled," the ministry said, "and ..."'
    comma = text.find(",", content_from, s.end)
    following = words_after(text, content_from, comma if comma >= 0 else s.end, 8)
    after_comma = bool(_AFTER_COMMA.search(text, s.start, np_start))
    content_before = len(words_before(text, s.start, np_start, 6)) > 4
    short_tail = len(following) <= _TRAILING_WORDS and "that" not in following
    if after_comma and content_before and short_tail:
        return s.start, np_start
    return content_from, s.end


def _relay(text: str, end: int, stop: int, mentions: Sequence[Mention]) -> Claimant | None:
    actor = actor_after(text, end, stop, mentions)
    if actor is not None and actor.subtype == "media":
        return claimant_of(actor, "told")
    return None


def find_attributions(
    text: str, s: Sentence, mentions: Sequence[Mention], lexicon: Lexicon
) -> list[Attribution]:
    """All attributions of the sentence, nested relays folded into the inner claimant."""
    found = _according(text, s, mentions, lexicon) + _speech(text, s, mentions, lexicon)
    found += _quoted_as_saying(text, s, mentions)
    return fold_relays(found, mentions)


_QUOTED_AS = re.compile(
    r"\b(?:quoted|cited|quotes|cites|quoting|citing)\s+(?!by\b)(?P<who>[^,;:]{1,80}?)\s+as\s+"
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
            claimant = claimant_of(inner[0], "quoted as saying")
        else:
            name = match.group("who").strip()
            claimant = Claimant(name, None, "quoted as saying", who_start, who_end)
        relay_actor = actor_before(text, s.start, match.start(), mentions)
        relay = claimant_of(relay_actor, "quoted") if relay_actor else None
        found.append(Attribution(claimant, (match.end(), s.end), match.span(), True, relay=relay))
    return found + _quoted_passive(text, s, mentions)


_QUOTED_PASSIVE = re.compile(
    r"\b(?:was|were|is|are)\s+(?:quoted|cited)\s+(?:by\s+(?P<by>[^,;:]{1,60}?)\s+)?as\s+"
    r"(?:saying|stating|telling)\b",
    re.IGNORECASE,
)


def _quoted_passive(text: str, s: Sentence, mentions: Sequence[Mention]) -> list[Attribution]:
    """'Lavrov was quoted by RIA as saying ...': Lavrov claims, RIA relays."""
    found = []
    for match in _QUOTED_PASSIVE.finditer(text, s.start, s.end):
        speaker = actor_before(text, s.start, match.start(), mentions)
        if speaker is None:
            continue
        relay = None
        if match.group("by"):
            by_start, by_end = match.span("by")
            relays = [m for m in mentions if m.kind == "actor" and by_start <= m.start < by_end]
            relay = claimant_of(relays[0], "quoted") if relays else None
        claimant = claimant_of(speaker, "quoted as saying")
        found.append(Attribution(claimant, (match.end(), s.end), match.span(), True, relay=relay))
    return found


def fold_relays(found: list[Attribution], mentions: Sequence[Mention]) -> list[Attribution]:
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
