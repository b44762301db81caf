"""Finding event triggers in a sentence, with voice, negation, hedging and modality.

A candidate form is dropped when it is part of a name, when its rule's idiom filters or
requirements fail, or when it is not reported as happening (after a modal, in a purpose
clause, or as a bare infinitive: "in order to strike"), so that plans are not events.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from timeline.extract.clauses import (
    SentenceView,
    ends_with_phrase,
    starts_with_phrase,
    words_after,
    words_before,
)
from timeline.extract.inflect import Form
from timeline.extract.lexicon import Lexicon, TriggerRule
from timeline.extract.mentions import Mention
from timeline.extract.names import object_place
from timeline.extract.spans import SpanSet
from timeline.extract.types import Sentence

_BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "get", "got", "gets"})
_RELATIVE_PREPOSITIONS = frozenset({"by", "in", "at", "near", "on", "inside", "across", "along"})
_NUMBER_WORDS = frozenset(
    {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds"}
)
_ADVERBS = frozenset(
    {
        "then",
        "also",
        "later",
        "soon",
        "again",
        "already",
        "eventually",
        "finally",
        "have",
        "has",
        "had",
        "subsequently",
        "first",
        "twice",
        "once",
        "reportedly",
        "allegedly",
    }
)
_MAIN_VERB_LATER = re.compile(
    r"\b(?:is|are|was|were|has|have|had|prove|proves|proved|show|shows|showed|belong|belonged|"
    r"remain|remained|suggest|suggests|indicate|indicates)\b",
    re.IGNORECASE,
)
_OBJECT_GAP = re.compile(
    r"\s+(?:(?:the|of|control|town|city|village|border|key|strategic|most|much|all|part|parts|its|"
    r"their|remaining|last)\s+){0,4}",
    re.IGNORECASE,
)
_PLACE_WINDOW = 8
_WORDS = re.compile(r"[^\W_]+")
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "who", "which", "that", "you"})


@dataclass(frozen=True, slots=True)
class Trigger:
    rule: TriggerRule
    form: Form
    start: int
    end: int
    text: str
    kind: str
    passive: bool
    negated: bool
    hedge: str | None


def _choose_form(
    options: Sequence[tuple[TriggerRule, Form]], nominal: bool
) -> tuple[TriggerRule, Form] | None:
    """After a determiner only a noun reading stands; elsewhere the verb reading wins."""
    nouns = [o for o in options if o[1].pos == "noun"]
    verbs = [o for o in options if o[1].pos == "verb"]
    if nominal:
        return nouns[0] if nouns else None
    return verbs[0] if verbs else (nouns[0] if nouns else None)


def _is_passive(
    form: Form,
    participle: bool,
    before: list[str],
    after: list[str],
    prev_is_actor: bool,
    rest: str,
) -> bool:
    """'was liberated by', 'flags found in': only a form that can be a participle."""
    if form.pos != "verb" or not participle:
        return False
    if any(w in _BE for w in before[-3:]):
        return True
    if after[:1] == ["by"]:
        return True
    # Reduced relative ("flags found in Abu Kamal prove ..."): a participle after a
    # non-subject word, with the sentence's own verb still to come.
    return (
        " " not in form.text
        and bool(after)
        and after[0] in _RELATIVE_PREPOSITIONS
        and bool(_MAIN_VERB_LATER.search(rest))
        and bool(before)
        and before[-1] not in _PRONOUNS
        and not prev_is_actor
        and not before[-1].endswith("ly")
        and before[-1] not in _ADVERBS
    )


def _not_asserted(
    text: str, view: SentenceView, start: int, before: list[str], cues: Mapping[str, Any]
) -> bool:
    """Modal, purpose or bare-infinitive context: the event is not reported as happening."""
    if any(w in cues["modals"] for w in before[-4:]):  # "could no longer be found"
        return True
    if before[-1:] == ["to"] or (before[-2:-1] == ["to"] and before[-1].endswith("ly")):
        at = len(before) - before[::-1].index("to") - 1
        governor = before[at - 1] if at >= 1 else ""
        if (
            governor not in cues["infinitive_asserting"]
            and governor not in cues["infinitive_negating"]
        ):
            return True
    return _in_purpose_scope(text, view, start, cues["_purpose"])


def _in_purpose_scope(text: str, view: SentenceView, start: int, purpose: re.Pattern[str]) -> bool:
    s = view.sentence
    for match in purpose.finditer(text, s.start, start):
        if match.start() - s.start <= 3:  # opening purpose clause: ends at the first comma
            comma = text.find(",", match.end(), s.end)
            if comma == -1 or start < comma:
                return True
        else:
            return True
    return False


def _negated(
    text: str, sentence_start: int, start: int, before: list[str], cues: Mapping[str, Any]
) -> bool:
    """'did not enter', "didn't", 'refused to leave', 'no evidence that ... entered'."""
    if any(w in cues["negations"] or w.endswith("n't") for w in before[-3:]):
        return True
    for match in cues["_negation_phrases"].finditer(text, sentence_start, start):
        # "no evidence that ... entered", but not across a comma or "but".
        between = text[match.end() : start]
        if " " in match.group() and not re.search(r"[,;]|\bbut\b|\bwhile\b", between):
            return True
    if "to" in before[-2:]:
        at = len(before) - before[::-1].index("to") - 1
        return at >= 1 and before[at - 1] in cues["infinitive_negating"]
    return False


def _hedge(
    text: str, clause: tuple[int, int], start: int, end: int, hedges: re.Pattern[str]
) -> str | None:
    match = hedges.search(text, clause[0], start) or hedges.match(text, end + 1, clause[1])
    return match.group().lower() if match else None


def _near(text: str, trigger: tuple[int, int], m: Mention) -> bool:
    """Within eight words of the trigger: the place taken, not one named in passing."""
    gap = text[trigger[1] : m.start] if m.start >= trigger[1] else text[m.end : trigger[0]]
    return len(_WORDS.findall(gap)) <= _PLACE_WINDOW


def _requirement_met(
    rule: TriggerRule,
    text: str,
    clause: tuple[int, int],
    mentions: Sequence[Mention],
    trigger: tuple[int, int],
) -> bool:
    inside = [m for m in mentions if clause[0] <= m.start < clause[1] and not m.modifier]
    if rule.requires == "none":
        return True
    if rule.requires == "object_place":  # "lost (control of) Abu Kamal", not "lost 20 men in"
        return any(
            m.kind == "place"
            and m.start >= trigger[1]
            and _OBJECT_GAP.fullmatch(text, trigger[1], m.start)
            for m in inside
        )
    if rule.requires == "place":
        near_place = any(m.kind == "place" and _near(text, trigger, m) for m in inside)
        return (
            near_place
            or object_place(text, trigger[1], inside) is not None
            or bool(re.search(r"\bcontrol\b", text[clause[0] : clause[1]], re.IGNORECASE))
        )
    return bool(inside)


def find_triggers(
    text: str, view: SentenceView, lexicon: Lexicon, mentions: Sequence[Mention]
) -> list[Trigger]:
    """Triggers of events reported in the sentence, in text order."""
    s = view.sentence
    named = SpanSet((m.start, m.end) for m in mentions if not m.anaphor)
    found: list[Trigger] = []
    for match in _word_hits(text, s, lexicon):
        if named.overlaps(match.start(), match.end()):
            continue  # part of a name: "Free Syrian Army", "Al-Qaim border crossing"
        trigger = _candidate(text, view, lexicon, mentions, match)
        if trigger is not None:
            found.append(trigger)
    return found


@dataclass(frozen=True, slots=True)
class _Hit:
    """A trigger form found in the text (the part of re.Match that is used)."""

    first: int
    last: int
    surface: str

    def start(self) -> int:
        return self.first

    def end(self) -> int:
        return self.last

    def group(self) -> str:
        return self.surface

    def span(self) -> tuple[int, int]:
        return self.first, self.last


_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


def _word_hits(text: str, s: Sentence, lexicon: Lexicon) -> list[_Hit]:
    """Trigger forms among the sentence's words, longest phrase first at each word: a dict
    lookup per word instead of one alternation of every form tried at every character."""
    tokens = list(_TOKEN.finditer(text, s.start, s.end))
    words = [t.group().lower().replace("’", "'") for t in tokens]
    hits: list[_Hit] = []
    i = 0
    while i < len(tokens):
        for n in range(min(lexicon.longest_form, len(tokens) - i), 0, -1):
            phrase = " ".join(words[i : i + n])
            if phrase in lexicon.forms or phrase.removeprefix("re-") in lexicon.forms:
                first, last = tokens[i].start(), tokens[i + n - 1].end()
                hits.append(_Hit(first, last, text[first:last]))
                i += n
                break
        else:
            i += 1
    return hits


def _reading(
    text: str, s: Sentence, match: _Hit, lexicon: Lexicon, before: list[str]
) -> tuple[TriggerRule, Form, bool] | None:
    """The rule and form a matched word is read as, and whether it can be a participle."""
    surface = " ".join(match.group().lower().split())
    if surface not in lexicon.forms:
        surface = surface.removeprefix("re-")
    options = lexicon.forms[surface]
    cues = lexicon.cues
    nominal = (
        (bool(before) and before[-1] in cues["nominal_before"])
        or _after_possessive(text, s.start, match.start())
        or _after_verb(before)
    )
    if (
        not nominal
        and before
        and (before[-1].lower() in cues["noun_modifiers"] or _is_number(before[-1]))
    ):
        nominal = any(form.pos == "noun" for _, form in options)
    gerund = [o for o in options if o[1].verb_form == "gerund"]
    if nominal and gerund and before and before[-1] in cues["gerund_prepositions"]:
        nominal = False  # "after capturing the town": a verb, not "the capturing"
        options = tuple(gerund)
    chosen = _choose_form(options, nominal)
    if chosen is None:
        return None
    participle = any(f.verb_form in ("past", "participle") for _, f in options)
    return chosen[0], chosen[1], participle


def _candidate(
    text: str,
    view: SentenceView,
    lexicon: Lexicon,
    mentions: Sequence[Mention],
    match: _Hit,
) -> Trigger | None:
    s, cues = view.sentence, lexicon.cues
    start, end = match.span()
    before = words_before(text, s.start, start, 6)
    # Modality and negation look no further back than the last comma.
    local = words_before(text, max(s.start, text.rfind(",", s.start, start) + 1), start, 6)
    after = words_after(text, end, s.end, 4)
    reading = _reading(text, s, match, lexicon, before)
    if reading is None:
        return None
    rule, form, participle = reading
    if starts_with_phrase(after, rule.not_followed_by) or _preceded_by(before, rule):
        return None
    if _not_asserted(text, view, start, local, cues):
        return None
    clause = view.clause(start, end)
    if not _requirement_met(rule, text, clause, mentions, (start, end)):
        return None
    if rule.requires_after and not _particle_follows(text, end, clause[1], rule):
        return None
    actor_ends = {m.end for m in mentions if m.kind == "actor"}
    prev_is_actor = len(text[:start].rstrip()) in actor_ends
    passive = _is_passive(form, participle, before, after, prev_is_actor, text[end : s.end])
    if passive and rule.no_passive:
        return None
    if form.verb_form == "third" and rule.category != "communication" and _narrative(s):
        return None  # news tells events in the past: "the reversal leaves the town exposed"
    return Trigger(
        rule=rule,
        form=form,
        start=start,
        end=end,
        text=match.group(),
        kind=rule.passive_kind if passive and rule.passive_kind else _object_kind(rule, after),
        passive=passive,
        negated=_negated(text, s.start, start, local, cues),
        hedge=_hedge(text, clause, start, end, cues["_hedges"]),
    )


def _object_kind(rule: TriggerRule, after: list[str]) -> str:
    """'rejected Russian requests': the object decides between a refusal and a denial."""
    for kind, nouns in rule.kind_by_object:
        if any(w in nouns for w in after[:3]):
            return kind
    return rule.kind


def _preceded_by(before: list[str], rule: TriggerRule) -> bool:
    if ends_with_phrase(before, rule.not_preceded_by):
        return True
    return any(w in rule.not_preceded_by for w in before[-2:])


def _narrative(sentence: Sentence) -> bool:
    """Running text, not a headline (headlines tell the past in the present)."""
    return sentence.text.rstrip()[-1:] in '.!?"”’'


def _particle_follows(text: str, end: int, stop: int, rule: TriggerRule) -> bool:
    """'drove Islamic State out of the town': the particle comes a few words later."""
    following = " " + " ".join(words_after(text, end, stop, 8)) + " "
    return any(f" {phrase} " in following for phrase in rule.requires_after)


def _is_number(word: str) -> bool:
    return word.replace(",", "").isdigit() or word in _NUMBER_WORDS


def _after_verb(before: list[str]) -> bool:
    """'delivering strikes': after a gerund, a form that can be a noun is one."""
    return bool(before) and before[-1].endswith("ing") and len(before[-1]) > 5


def _after_possessive(text: str, floor: int, start: int) -> bool:
    return bool(re.search(r"['’]s?\s+$", text[max(floor, start - 4) : start]))
